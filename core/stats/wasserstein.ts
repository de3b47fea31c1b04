/**
 * Wasserstein-1 distance between two empirical distributions (scipy.stats.wasserstein_distance,
 * unweighted): ∫|F1 − F2| computed over one merge of the sorted samples. Terms are formed as
 * |i/n1 − j/n2|·Δx like scipy; the sum is compensated instead of numpy's pairwise.
 */
import { stdPopulation } from './summation';

export function wassersteinSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return NaN;
  let i = 0;
  let j = 0;
  let sum = 0;
  let comp = 0;
  let prev = Math.min(a[0], b[0]);
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    if (v !== prev) {
      // i, j are counts ≤ prev here: the ECDFs on [prev, v).
      const x = Math.abs(i / n1 - j / n2) * (v - prev);
      const t = sum + x;
      comp += sum >= x ? sum - t + x : x - t + sum;
      sum = t;
      prev = v;
    }
    while (i < n1 && a[i] <= v) i++;
    while (j < n2 && b[j] <= v) j++;
  }
  return sum + comp;
}

export interface NormedWasserstein {
  /** Wasserstein-1 distance divided by max(std(reference), 0.001) — Evidently's normalisation. */
  readonly statistic: number;
  /** The unnormalised Wasserstein-1 distance, in the column's units. */
  readonly raw_distance: number;
  readonly reference_std: number;
}

/** Evidently floors the scale at 0.001 so a near-constant reference cannot blow the ratio up. */
export const WASSERSTEIN_MIN_SCALE = 0.001;

export function normedWassersteinSorted(reference: Float64Array, current: Float64Array): NormedWasserstein {
  const raw = wassersteinSorted(reference, current);
  const std = stdPopulation(reference);
  return { statistic: raw / Math.max(std, WASSERSTEIN_MIN_SCALE), raw_distance: raw, reference_std: std };
}
