import type { ColumnType } from '../data/column';
import { parseBoolean, parseInteger, parseReal, parseTimestamp } from './values';

/** The parser for each storable numeric type; text types need none. */
export const NUMERIC_PARSERS = {
  boolean: parseBoolean,
  integer: parseInteger,
  real: parseReal,
  timestamp: parseTimestamp,
} as const;

export type NumericStorageType = keyof typeof NUMERIC_PARSERS;

/**
 * The narrowest type every non-null sample value fits. Text columns are first typed 'text'; the
 * categorical/text split is decided from the cardinality seen over the whole file (see finalTextType).
 */
export function inferType(sample: readonly string[]): ColumnType {
  if (sample.length === 0) return 'text';
  for (const t of ['boolean', 'integer', 'real', 'timestamp'] as const) {
    const parse = NUMERIC_PARSERS[t];
    if (sample.every((s) => parse(s) !== undefined)) return t;
  }
  return 'text';
}

/** The type a numeric column widens to when a value does not parse: real for integers, else text. */
export function widen(from: ColumnType, value: string): ColumnType {
  if (from === 'integer' && parseReal(value) !== undefined) return 'real';
  return 'text';
}

/**
 * Low-cardinality text is categorical: it is what drift and fairness group by. Identifiers and free
 * text are 'text'.
 */
export function finalTextType(distinct: number, nonNull: number): 'categorical' | 'text' {
  if (distinct <= 50) return 'categorical';
  if (distinct <= 1000 && distinct <= 0.1 * nonNull) return 'categorical';
  return 'text';
}
