/**
 * sklearn.calibration.calibration_curve (1.2) from the two classes' sorted scores, and the expected
 * calibration error Σ (nₖ / n)·|observed − predicted| over its non-empty bins.
 */
import { quantileSorted, searchRight } from '../../stats/quantile';
import { linspace } from '../../stats/histogram';
import { CompensatedSum, sumOverRuns } from '../../stats/summation';
import type { CalibrationResult } from './types';

function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

function sumRange(sorted: Float64Array, from: number, to: number): number {
  return sumOverRuns(sorted, from, to, (v) => v).value();
}

/** Scores must lie in [0, 1] (the caller checks); `positive`/`negative` sorted ascending. */
export function calibrationCurve(positive: Float64Array, negative: Float64Array, nBins: number, strategy: 'uniform' | 'quantile'): CalibrationResult | null {
  const n = positive.length + negative.length;
  if (n === 0) return null;
  const grid = linspace(0, 1, nBins + 1);
  let edges: number[];
  if (strategy === 'uniform') edges = grid;
  else {
    // np.percentile(y_prob, q * 100) divides by 100 again: keep that rounding.
    const all = mergeSorted(positive, negative);
    edges = grid.map((q) => quantileSorted(all, (q * 100) / 100));
  }
  // binid = searchsorted(edges[1:-1], p, 'left'): bin k holds inner[k-1] < p ≤ inner[k].
  const probTrue: number[] = [];
  const probPred: number[] = [];
  const counts: number[] = [];
  let pFrom = 0;
  let nFrom = 0;
  const ece = new CompensatedSum();
  for (let k = 0; k < nBins; k++) {
    const last = k === nBins - 1;
    const pTo = last ? positive.length : searchRight(positive, edges[k + 1]);
    const nTo = last ? negative.length : searchRight(negative, edges[k + 1]);
    const total = pTo - pFrom + (nTo - nFrom);
    if (total > 0) {
      const observed = (pTo - pFrom) / total;
      const predicted = (sumRange(positive, pFrom, pTo) + sumRange(negative, nFrom, nTo)) / total;
      probTrue.push(observed);
      probPred.push(predicted);
      counts.push(total);
      ece.add((total / n) * Math.abs(observed - predicted));
    }
    pFrom = pTo;
    nFrom = nTo;
  }
  return { strategy, n_bins: nBins, edges, prob_true: probTrue, prob_pred: probPred, counts, ece: ece.value() };
}
