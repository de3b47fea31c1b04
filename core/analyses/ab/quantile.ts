/**
 * Quantile metrics (p50/p95/p99 of latency). The estimate is numpy's linear quantile; its standard
 * error comes from the distribution-free order-statistic interval (as GrowthBook's quantile
 * metrics): the ranks n·q ± z·√(n·q(1−q)) bracket the population quantile with probability ≈ 95%,
 * so SE ≈ (x_high − x_low)/(2z). The lift then goes through the same delta method, on a normal
 * reference (dof = ∞).
 */
import { sortFloat64 } from '../../stats/sort';
import { quantileSorted } from '../../stats/quantile';
import { zQuantile } from './distributions';
import type { ArmStat } from './lift';

/** Finite values of each group, sorted: two passes (count, fill), one allocation per group. */
export function sortedByGroup(group: Int32Array, groups: number, x: Float64Array): Float64Array[] {
  const counts = new Int32Array(groups);
  for (let i = 0; i < group.length; i++) if (group[i] >= 0 && x[i] === x[i]) counts[group[i]]++;
  const out = Array.from(counts, (c) => new Float64Array(c));
  const fill = new Int32Array(groups);
  for (let i = 0; i < group.length; i++) {
    const g = group[i];
    if (g >= 0 && x[i] === x[i]) out[g][fill[g]++] = x[i];
  }
  return out.map((a) => sortFloat64(a));
}

const Z95 = zQuantile(0.975);

/** 0-based ranks of the order-statistic interval for quantile q (clipped to the sample). */
export function orderStatisticRanks(n: number, q: number, z = Z95): { low: number; high: number } {
  const half = z * Math.sqrt(n * q * (1 - q));
  const low = Math.max(0, Math.floor(n * q - half) - 1);
  const high = Math.min(n - 1, Math.ceil(n * q + half) - 1);
  return { low, high };
}

/** The quantile as an arm statistic: `variance` is per unit (n·SE²) so the lift code can divide by n. */
export function quantileArm(sorted: Float64Array, q: number): ArmStat {
  const n = sorted.length;
  if (n === 0) return { n: 0, mean: NaN, variance: NaN };
  const { low, high } = orderStatisticRanks(n, q);
  const se = (sorted[high] - sorted[low]) / (2 * Z95);
  return { n, mean: quantileSorted(sorted, q), variance: n * se * se };
}
