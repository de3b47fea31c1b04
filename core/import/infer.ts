import type { ColumnType } from '../data/column';
import { parseBoolean, parseInteger, parseReal, parseTimestamp } from '../data/values';

/** The parser for each storable numeric type; text types need none. */
export const NUMERIC_PARSERS = {
  boolean: parseBoolean,
  integer: parseInteger,
  real: parseReal,
  timestamp: parseTimestamp,
} as const;

export type NumericStorageType = keyof typeof NUMERIC_PARSERS;

export interface Inferred {
  readonly type: ColumnType;
  /** For integer epochs read as timestamps: 1000 for seconds, 1 for milliseconds. */
  readonly epochScale?: number;
}

// Integers are read as epoch times only when the name says so: a plain count of 1.7e9 is a count.
const TIME_NAME = /(^|[_\s.-])(ts|time|timestamp|date|datetime|created|updated|event_time|epoch)([_\s.-]|$)|_at$|_ts$|Time$|At$/i;

/** Whether integers in a column of this name may be epoch times (then inference decides from the values). */
export function namedLikeTime(name: string): boolean {
  return TIME_NAME.test(name);
}

/**
 * The narrowest type every non-null sample value fits. Text columns are first typed 'text'; the
 * categorical/text split is decided from the cardinality seen over the whole file (see finalTextType).
 */
export function inferType(sample: readonly string[], name = ''): Inferred {
  if (sample.length === 0) return { type: 'text' };
  for (const t of ['boolean', 'integer', 'real', 'timestamp'] as const) {
    const parse = NUMERIC_PARSERS[t];
    if (sample.every((s) => parse(s) !== undefined)) {
      if (t === 'integer' && TIME_NAME.test(name)) {
        const epochScale = epochScaleOf(sample);
        if (epochScale) return { type: 'timestamp', epochScale };
      }
      return { type: t };
    }
  }
  return { type: 'text' };
}

/**
 * An integer epoch's scale to milliseconds: 1000 for seconds between 2001 and 2286, 1 for
 * milliseconds in the same span, undefined for anything else (the spans do not overlap).
 */
export function epochUnit(v: number): 1000 | 1 | undefined {
  return v >= 1e9 && v < 1e10 ? 1000 : v >= 1e12 && v < 1e13 ? 1 : undefined;
}

/** For a timestamp type the user chose: each integer's own span decides seconds or milliseconds. */
export const EPOCH_PER_VALUE = -1;

/** The one scale every sample value has, or undefined: a plain count of 1.7e9 is not a time. */
function epochScaleOf(sample: readonly string[]): number | undefined {
  let scale: number | undefined;
  for (const s of sample) {
    const unit = epochUnit(Number(s));
    if (unit === undefined || (scale !== undefined && unit !== scale)) return undefined;
    scale = unit;
  }
  return scale;
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
