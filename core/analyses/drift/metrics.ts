/**
 * Drift's figures by flat name, for monitors: dataset-level ones, then per column
 * `<figure>:<column>`. Column names are data, so a name is the figure, a colon, and the column
 * verbatim (a column may itself contain colons: only the first colon separates).
 */
import type { DriftResult } from './types';

const bool = (b: boolean): number => (b ? 1 : 0);

export function driftMetrics(r: DriftResult): Record<string, number | null> {
  const m: Record<string, number | null> = {
    share_drifted: r.share_drifted,
    drifted_columns: r.n_drifted,
    tested_columns: r.n_tested,
    dataset_drift: bool(r.dataset_drift),
    reference_rows: r.n_reference_rows,
    current_rows: r.n_current_rows,
  };
  for (const c of r.columns) {
    const tested = c.error === null;
    m[`drift_score:${c.column}`] = tested ? c.statistic : null;
    m[`p_value:${c.column}`] = tested ? c.p_value : null;
    m[`drifted:${c.column}`] = tested ? bool(c.drifted) : null;
  }
  for (const q of r.quality) {
    m[`missing_share:${q.column}`] = q.missing_share_current;
    m[`out_of_range_share:${q.column}`] = q.out_of_range_share_current;
    m[`new_categories:${q.column}`] = q.new_categories.length;
  }
  return m;
}
