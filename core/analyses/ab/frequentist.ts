/**
 * Fixed-horizon tests and intervals: Welch's t (scipy.stats.ttest_ind(equal_var=False)), the
 * pooled two-proportion z-test, and t (or normal) intervals around a lift. One-sided tests look in
 * the metric's good direction (up, or down when lower is better); the open side of a one-sided
 * interval is null.
 */
import { studentCdf, studentQuantile } from './distributions';
import type { Interval } from './types';

export interface Sidedness {
  readonly alpha: number;
  readonly sides: 1 | 2;
  readonly lowerIsBetter: boolean;
}

export interface TestOutcome {
  readonly statistic: number;
  readonly p_value: number;
  readonly dof: number;
}

/** p-value of a statistic that is t(dof) (or N(0,1) at dof = ∞) under the null. */
export function pFromStatistic(stat: number, dof: number, s: Sidedness): number {
  if (s.sides === 2) return Math.min(1, 2 * studentCdf(-Math.abs(stat), dof));
  return s.lowerIsBetter ? studentCdf(stat, dof) : studentCdf(-stat, dof);
}

/** Welch's t on the difference of means (per-unit variances with ddof 1), or z when dof = ∞. */
export function welchTTest(diff: number, variance: number, dof: number, s: Sidedness): TestOutcome | null {
  // dof = ∞ is a normal reference (quantiles); NaN means the variances could not give one.
  if (!(variance > 0) || !(dof > 0)) return null;
  const statistic = diff / Math.sqrt(variance);
  return { statistic, p_value: pFromStatistic(statistic, dof, s), dof };
}

/**
 * Pooled two-proportion z: z = (p_t − p_c)/√(P(1−P)(1/n_c + 1/n_t)). Both arms all 0 or all 1:
 * nothing can differ, z = 0 and p = 1.
 */
export function pooledZTest(xc: number, nc: number, xt: number, nt: number, s: Sidedness): TestOutcome | null {
  if (nc === 0 || nt === 0) return null;
  const pooled = (xc + xt) / (nc + nt);
  const variance = pooled * (1 - pooled) * (1 / nc + 1 / nt);
  if (!(variance > 0)) return { statistic: 0, p_value: 1, dof: Infinity };
  const statistic = (xt / nt - xc / nc) / Math.sqrt(variance);
  return { statistic, p_value: pFromStatistic(statistic, Infinity, s), dof: Infinity };
}

export function interval(point: number, variance: number, dof: number, s: Sidedness): Interval {
  if (!(variance >= 0) || !Number.isFinite(point)) return { low: null, high: null };
  const se = Math.sqrt(variance);
  if (s.sides === 2) {
    const q = studentQuantile(1 - s.alpha / 2, dof);
    return { low: point - q * se, high: point + q * se };
  }
  const q = studentQuantile(1 - s.alpha, dof);
  return s.lowerIsBetter ? { low: null, high: point + q * se } : { low: point - q * se, high: null };
}
