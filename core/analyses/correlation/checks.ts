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

/** `max_abs_change`, `changed_pairs`, `undefined_pairs`, `columns`. No per-pair names: a pair of column names (which may hold any character) has no unambiguous flat name. */
export function correlationMetrics(r: CorrelationResult): Record<string, number | null> {
  return { max_abs_change: r.max_abs_change, changed_pairs: r.changed_pairs, undefined_pairs: r.undefined_pairs.length, columns: r.columns.length };
}
