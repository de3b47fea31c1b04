/** Correlation's summary line and monitor figures: did any pair's correlation move by the threshold or more? */
import { num } from '../../format/numbers';
import type { SummaryCheck } from '../module';
import type { CorrelationResult } from './types';

export function correlationChecks(r: CorrelationResult): SummaryCheck[] {
  const top = r.largest_changes[0];
  const check = `${r.method} correlation change`;
  const threshold = `|change| < ${r.threshold}`;
  if (!top) return [{ plain: r.columns.length < 2 ? 'Fewer than two numeric columns to correlate.' : 'No pair has a defined correlation in both datasets.', check, threshold, value: '—', status: 'info' }];
  const pair = `${top.a} × ${top.b}`;
  const moved = `${pair} from ${num(top.reference, 3)} to ${num(top.current, 3)}`;
  return r.changed_pairs
    ? [{ plain: `${r.changed_pairs} pair(s) changed correlation by ${r.threshold} or more; the largest: ${moved}.`, check, threshold, value: `max ${num(r.max_abs_change, 3)}`, status: 'fail' }]
    : [{ plain: `No pair changed correlation by ${r.threshold} or more (largest: ${moved}).`, check, threshold, value: `max ${num(r.max_abs_change, 3)}`, status: 'pass' }];
}

/**
 * `max_abs_change`, `changed_pairs`, `undefined_pairs`, `columns`, and per pair of columns, named
 * by the run's method (`pearson`, `spearman`) and the two columns joined by `|`, in either order:
 * `<method>:a|b` (the current dataset's correlation), `<method>_reference:a|b`, `<method>_change:a|b`
 * (current − reference) and `<method>_abs_change:a|b`. Column names may hold `|`: a name two
 * different pairs would share (`x|y` with `z`, and `x` with `y|z`) names neither and is left out.
 */
export function correlationMetrics(r: CorrelationResult): Record<string, number | null> {
  const m: Record<string, number | null> = { max_abs_change: r.max_abs_change, changed_pairs: r.changed_pairs, undefined_pairs: r.undefined_pairs.length, columns: r.columns.length };
  const pairOf = new Map<string, string>();
  const ambiguous = new Set<string>();
  const cols = r.columns;
  for (let i = 0; i < cols.length; i++) {
    for (let j = 0; j < cols.length; j++) {
      if (i === j) continue;
      const name = `${cols[i]}|${cols[j]}`;
      const pair = i < j ? `${i},${j}` : `${j},${i}`;
      const seen = pairOf.get(name);
      if (seen !== undefined && seen !== pair) ambiguous.add(name);
      pairOf.set(name, pair);
      const change = r.change[i][j];
      m[`${r.method}:${name}`] = r.current[i][j];
      m[`${r.method}_reference:${name}`] = r.reference[i][j];
      m[`${r.method}_change:${name}`] = change;
      m[`${r.method}_abs_change:${name}`] = change === null ? null : Math.abs(change);
    }
  }
  for (const name of ambiguous) for (const k of ['', '_reference', '_change', '_abs_change']) delete m[`${r.method}${k}:${name}`];
  return m;
}
