/**
 * Quantile metrics (p50/p95/p99 of latency). The estimate is numpy's linear quantile; its standard
 * error comes from the distribution-free order-statistic interval (as GrowthBook's quantile
 * metrics): the ranks n·q ± z·√(n·q(1−q)) bracket the population quantile with probability ≈ 95%,
 * so SE ≈ (x_high − x_low)/(2z). The lift then goes through the same delta method, on a normal
 * reference (dof = ∞).
 */
import { mulberry32 } from '../../stats/random';
import { selectRange } from '../../stats/select';
import { zQuantile } from './distributions';
import type { ArmStat } from './lift';

const Z95 = zQuantile(0.975);

/** 0-based ranks of the order-statistic interval for quantile q (clipped to the sample). */
export function orderStatisticRanks(n: number, q: number, z = Z95): { low: number; high: number } {
  const half = z * Math.sqrt(n * q * (1 - q));
  const low = Math.max(0, Math.floor(n * q - half) - 1);
  const high = Math.min(n - 1, Math.ceil(n * q + half) - 1);
  return { low, high };
}

/**
 * The quantile as an arm statistic: `variance` is per unit (n·SE²) so the lift code can divide by
 * n. `values` is permuted in place: only the ranks the estimate and its interval read are put in
 * order (selection, not a sort). The estimate is numpy.quantile's linear rule, as
 * core/stats/quantile.ts quantileSorted (same lerp, so results agree to the bit).
 */
export function quantileArm(values: Float64Array, q: number): ArmStat {
  const n = values.length;
  if (n === 0) return { n: 0, mean: NaN, variance: NaN };
  const { low, high } = orderStatisticRanks(n, q);
  const virtual = (n - 1) * q;
  const below = Math.min(n - 1, Math.floor(virtual));
  const above = Math.min(n - 1, below + 1);
  selectRange(values, Math.min(low, below), Math.max(high, above));
  const a = values[below];
  const b = values[above];
  const t = virtual - below;
  const estimate = below === above ? a : t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
  const se = (values[high] - values[low]) / (2 * Z95);
  return { n, mean: estimate, variance: n * se * se };
}

/**
 * The quantile with a bootstrap standard error instead of the order-statistic one: `resamples`
 * draws of n values with replacement (seeded), each quantile by selection in one reused buffer;
 * variance per unit = n · Var(bootstrap quantiles).
 */
export function bootstrapQuantileArm(values: Float64Array, q: number, resamples: number, seed: number): ArmStat {
  const n = values.length;
  if (n === 0) return { n: 0, mean: NaN, variance: NaN };
  const random = mulberry32(seed);
  const buffer = new Float64Array(n);
  const virtual = (n - 1) * q;
  const below = Math.min(n - 1, Math.floor(virtual));
  const above = Math.min(n - 1, below + 1);
  const t = virtual - below;
  let sum = 0;
  let sumSq = 0;
  let shift = NaN;
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) buffer[i] = values[Math.floor(random() * n)];
    selectRange(buffer, below, above);
    const a = buffer[below];
    const b = buffer[above];
    const est = below === above ? a : t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
    if (shift !== shift) shift = est;
    sum += est - shift;
    sumSq += (est - shift) ** 2;
  }
  const variance = resamples > 1 ? Math.max(0, (sumSq - (sum * sum) / resamples) / (resamples - 1)) : NaN;
  const point = quantileArm(values, q);
  return { n, mean: point.mean, variance: n * variance };
}
