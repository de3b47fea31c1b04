/** ROC and PR curves for display: sklearn's points, evenly thinned past `maxPoints` (endpoints kept). */
import { prCurve, rocCurve, type ClfCurve } from '../../stats/ranking';
import type { CurvePoints } from './types';

function thin(x: number[], y: number[], t: number[], maxPoints: number): CurvePoints {
  const n = x.length;
  if (n <= maxPoints) return { x, y, thresholds: t, thinned: false };
  const xs: number[] = [];
  const ys: number[] = [];
  const ts: number[] = [];
  for (let k = 0; k < maxPoints; k++) {
    const i = Math.round((k * (n - 1)) / (maxPoints - 1));
    xs.push(x[i]);
    ys.push(y[i]);
    ts.push(t[i]);
  }
  return { x: xs, y: ys, thresholds: ts, thinned: true };
}

/** x = fpr, y = tpr, sklearn 1.2's roc_curve(drop_intermediate=True); null with one class. */
export function rocPoints(curve: ClfCurve, maxPoints: number): CurvePoints | null {
  const r = rocCurve(curve, true);
  if (!r.fpr || !r.tpr) return null;
  return thin(r.fpr, r.tpr, r.thresholds, maxPoints);
}

/**
 * x = recall, y = precision in sklearn's order (recall decreasing, final (0, 1) point); the final
 * point has no threshold, so `thresholds` repeats the last one to keep the arrays equally long.
 */
export function prPoints(curve: ClfCurve, maxPoints: number): CurvePoints | null {
  if (curve.positives === 0) return null;
  const r = prCurve(curve);
  const t = r.thresholds.length > 0 ? [...r.thresholds, r.thresholds[r.thresholds.length - 1]] : [0];
  return thin(r.recall, r.precision, t, maxPoints);
}
