/** Wilson score intervals for group rates, and percentile intervals for bootstrap replicates. */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { quantileSorted } from '../../stats/quantile';
import { selectRange } from '../../stats/select';
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
 * numpy's linear quantile. Null when no resample defined the statistic. Each quantile needs only
 * two order statistics, found by selection: a full sort of every replicate list was a fifth of
 * the bootstrap's time.
 */
export function percentileInterval(replicates: Float64Array, confidence: number): BootstrapInterval | null {
  const defined = new Float64Array(replicates.length);
  let n = 0;
  for (let i = 0; i < replicates.length; i++) {
    const v = replicates[i];
    if (!Number.isNaN(v)) defined[n++] = v;
  }
  if (n === 0) return null;
  const a = defined.subarray(0, n);
  const alpha = 1 - confidence;
  return { low: selectedQuantile(a, alpha / 2), high: selectedQuantile(a, 1 - alpha / 2), valid: n };
}

/** numpy's linear quantile of `a` (NaN-free, permuted): the two order statistics it reads are selected into place. */
function selectedQuantile(a: Float64Array, q: number): number {
  const n = a.length;
  const lo = Math.min(n - 1, Math.max(0, Math.floor((n - 1) * q)));
  selectRange(a, lo, Math.min(lo + 1, n - 1));
  return quantileSorted(a, q);
}
