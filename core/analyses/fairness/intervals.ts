/** Wilson score intervals for group rates, and percentile intervals for bootstrap replicates. */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { quantileSorted } from '../../stats/quantile';
import { sortFloat64 } from '../../stats/sort';
import type { BootstrapInterval, Interval } from './types';

/** Two-sided normal critical value for a confidence level (0.95 → 1.959964…). */
export function zFor(confidence: number): number {
  return normalQuantile(1 - (1 - confidence) / 2, 0, 1);
}

/**
 * Wilson score interval of k successes in n trials: centre (k + z²/2)/(n + z²), half-width
 * z/(n + z²)·√(k(n−k)/n + z²/4). Unlike the Wald interval it stays inside [0, 1] and is not
 * zero-width at k = 0 or k = n — which is exactly where small groups sit. Null when n = 0.
 */
export function wilson(k: number, n: number, z: number): Interval | null {
  if (!(n > 0)) return null;
  const z2 = z * z;
  const centre = (k + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt((k * (n - k)) / n + z2 / 4);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Percentile interval of bootstrap replicates (NaN = undefined in that resample, left out), with
 * numpy's linear quantile. Null when no resample defined the statistic.
 */
export function percentileInterval(replicates: Float64Array, confidence: number): BootstrapInterval | null {
  const sorted = sortFloat64(replicates.slice());
  let n = sorted.length;
  while (n > 0 && Number.isNaN(sorted[n - 1])) n--;
  if (n === 0) return null;
  const defined = sorted.subarray(0, n);
  const alpha = 1 - confidence;
  return { low: quantileSorted(defined, alpha / 2), high: quantileSorted(defined, 1 - alpha / 2), valid: n };
}
