/** The correlation compute: both datasets' matrices on the same columns, the change, the largest changes. */
import type { NumericColumn } from '../../data/column';
import { correlationMatrix } from './matrix';
import type { CorrelationOptions, CorrelationResult, Matrix, PairChange } from './types';

export const DEFAULT_THRESHOLD = 0.2;
export const DEFAULT_TOP = 10;

export interface CorrelationInput {
  readonly reference: readonly NumericColumn[];
  readonly current: readonly NumericColumn[];
  /** Rows of each dataset (when there are no columns to count them by). */
  readonly rows: { readonly reference: number; readonly current: number };
  readonly skipped: { readonly column: string; readonly reason: string }[];
}

export function analyzeCorrelation(input: CorrelationInput, options: CorrelationOptions): CorrelationResult {
  const method = options.method ?? 'pearson';
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const columns = input.current.map((c) => c.name);
  const reference = correlationMatrix(input.reference.map((c) => c.values), method);
  const current = correlationMatrix(input.current.map((c) => c.values), method);
  const change: Matrix = current.map((row, i) => row.map((v, j) => (v === null || reference[i][j] === null ? null : v - reference[i][j]!)));
  const pairs: PairChange[] = [];
  for (let i = 0; i < columns.length; i++) for (let j = i + 1; j < columns.length; j++) pairs.push({ a: columns[i], b: columns[j], reference: reference[i][j], current: current[i][j], change: change[i][j] });
  const defined = pairs.filter((p) => p.change !== null).sort((p, q) => Math.abs(q.change!) - Math.abs(p.change!));
  const notes: string[] = [];
  if (columns.length < 2) notes.push('Fewer than two numeric columns are in both datasets: there is no pair to correlate.');
  const undefinedPairs = pairs.filter((p) => p.change === null);
  if (undefinedPairs.length) notes.push(`${undefinedPairs.length} pair(s) are undefined in one dataset (a column constant on the shared rows, or no shared rows): shown as “undefined”, never as 0.`);
  return {
    method,
    columns,
    reference,
    current,
    change,
    largest_changes: defined.slice(0, options.top ?? DEFAULT_TOP),
    max_abs_change: defined.length ? Math.abs(defined[0].change!) : null,
    threshold,
    changed_pairs: defined.filter((p) => Math.abs(p.change!) >= threshold).length,
    undefined_pairs: undefinedPairs,
    n_reference_rows: input.rows.reference,
    n_current_rows: input.rows.current,
    skipped: input.skipped,
    notes,
  };
}
