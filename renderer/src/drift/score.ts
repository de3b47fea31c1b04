/**
 * Drift score: one number per column that orders p-value tests and distance tests on the same
 * scale, "how far past its threshold", so the table can sort them together.
 *
 * - Distance tests (wasserstein, psi, jensenshannon, hellinger) flag drift when
 *   statistic ≥ threshold:                 score = statistic / threshold
 * - p-value tests (ks, chisquare, z) flag drift when p < threshold:
 *                                          score = log(p) / log(threshold)
 *   (p is floored at 1e-300, so p = 0 gives a large finite score.)
 *
 * Both are 1 at the threshold, above 1 past it and below 1 before it, and both grow with the
 * evidence of drift. A column that could not be tested (error, no statistic) scores −1.
 * Sort order: drifted first, then score descending, then column name.
 */
import type { DriftColumnResult } from '../../../core/analyses/drift/types';
import { isPValueTest } from '../../../core/format/drift-series';

export { isPValueTest };
const P_FLOOR = 1e-300;
const T_FLOOR = 1e-12;

export function driftScore(c: Pick<DriftColumnResult, 'test' | 'statistic' | 'p_value' | 'threshold' | 'error'>): number {
  if (c.error || c.test === null || c.threshold === null) return -1;
  if (isPValueTest(c.test)) {
    if (c.p_value === null || !Number.isFinite(c.p_value)) return -1;
    const p = Math.min(1, Math.max(P_FLOOR, c.p_value));
    const t = Math.min(1 - T_FLOOR, Math.max(P_FLOOR, c.threshold));
    const s = Math.log(p) / Math.log(t);
    return Number.isFinite(s) ? Math.max(0, s) : -1;
  }
  if (c.statistic === null || !Number.isFinite(c.statistic)) return -1;
  const s = c.statistic / Math.max(T_FLOOR, c.threshold);
  return Number.isFinite(s) ? Math.max(0, s) : -1;
}

export interface ScoredColumn {
  readonly column: DriftColumnResult;
  readonly score: number;
}

/** The table's order: drifted first, then by score (highest first), then by name. */
export function sortByDrift(columns: readonly DriftColumnResult[]): ScoredColumn[] {
  return columns
    .map((column) => ({ column, score: driftScore(column) }))
    .sort(
      (a, b) =>
        Number(b.column.drifted) - Number(a.column.drifted) ||
        b.score - a.score ||
        (a.column.column < b.column.column ? -1 : a.column.column > b.column.column ? 1 : 0),
    );
}
