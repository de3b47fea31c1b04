/**
 * sklearn.calibration.calibration_curve (1.2) from the binary curve (each class's sorted scores,
 * run by run: curve-runs.ts), and the expected calibration error Σ (nₖ / n)·|observed − predicted|
 * over its non-empty bins.
 */
import { linspace } from '../../stats/histogram';
import type { ClfCurve } from '../../stats/ranking';
import { CompensatedSum } from '../../stats/summation';
import { countBetween, firstAtOrBelow, quantileOfCurve, sumOverCurve } from './curve-runs';
import type { CalibrationResult } from './types';

const identity = (v: number) => v;

/** Scores must lie in [0, 1] (the caller checks). */
export function calibrationCurve(curve: ClfCurve, nBins: number, strategy: 'uniform' | 'quantile'): CalibrationResult | null {
  const n = curve.positives + curve.negatives;
  if (n === 0) return null;
  const grid = linspace(0, 1, nBins + 1);
  // np.percentile(y_prob, q * 100) divides by 100 again: keep that rounding.
  const edges = strategy === 'uniform' ? grid : grid.map((q) => quantileOfCurve(curve, (q * 100) / 100));
  // binid = searchsorted(edges[1:-1], p, 'left'): bin k holds inner[k-1] < p ≤ inner[k]. On the
  // curve (scores descending) bin k is the positions [to, from): from the first score ≤ its upper
  // edge up to where the bin below began.
  const probTrue: number[] = [];
  const probPred: number[] = [];
  const counts: number[] = [];
  let from = curve.thresholds.length;
  const ece = new CompensatedSum();
  for (let k = 0; k < nBins; k++) {
    const to = k === nBins - 1 ? 0 : firstAtOrBelow(curve, edges[k + 1]);
    const pos = countBetween(curve, 'positive', to, from);
    const total = pos + countBetween(curve, 'negative', to, from);
    if (total > 0) {
      const observed = pos / total;
      const predicted = (sumOverCurve(curve, 'positive', identity, to, from).value() + sumOverCurve(curve, 'negative', identity, to, from).value()) / total;
      probTrue.push(observed);
      probPred.push(predicted);
      counts.push(total);
      ece.add((total / n) * Math.abs(observed - predicted));
    }
    from = to;
  }
  return { strategy, n_bins: nBins, edges, prob_true: probTrue, prob_pred: probPred, counts, ece: ece.value() };
}
