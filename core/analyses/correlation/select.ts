/** Which columns are correlated: the named ones (numeric in both datasets), else the numeric features of both. */
import { PlumblineError } from '../../api/errors';
import type { ColumnInfo } from '../../api/types';
import type { CorrelationOptions } from './types';

export const MAX_COLUMNS = 40;
const isNumber = (c: ColumnInfo | undefined) => !!c && (c.type === 'integer' || c.type === 'real' || c.type === 'boolean');

export interface Selection {
  readonly columns: string[];
  readonly skipped: { column: string; reason: string }[];
}

export function selectColumns(options: CorrelationOptions, reference: readonly ColumnInfo[], current: readonly ColumnInfo[], names: { reference: string; current: string }): Selection {
  const ref = new Map(reference.map((c) => [c.name, c]));
  const cur = new Map(current.map((c) => [c.name, c]));
  if (options.columns) {
    const bad = options.columns.filter((n) => !isNumber(ref.get(n)) || !isNumber(cur.get(n)));
    if (bad.length) {
      const why = (n: string) => (!ref.has(n) ? `not in "${names.reference}"` : !cur.has(n) ? `not in "${names.current}"` : `not numeric (${(isNumber(cur.get(n)) ? ref.get(n) : cur.get(n))!.type})`);
      throw new PlumblineError('BAD_REQUEST', `Correlation needs numeric columns of both datasets: ${bad.map((n) => `${JSON.stringify(n)} is ${why(n)}`).join('; ')}.`);
    }
    return { columns: [...new Set(options.columns)], skipped: [] };
  }
  const skipped: { column: string; reason: string }[] = [];
  const columns: string[] = [];
  for (const c of current) {
    if (c.role !== 'feature' || !isNumber(c)) continue;
    const r = ref.get(c.name);
    if (!r) skipped.push({ column: c.name, reason: `not in "${names.reference}"` });
    else if (!isNumber(r)) skipped.push({ column: c.name, reason: `${r.type} in "${names.reference}"` });
    else if (columns.length >= MAX_COLUMNS) skipped.push({ column: c.name, reason: `more than ${MAX_COLUMNS} columns (name the ones to correlate)` });
    else columns.push(c.name);
  }
  return { columns, skipped };
}
