/**
 * ROC and PR curves for display: sklearn's points (roc_curve and, as sklearn 1.3 has it,
 * precision_recall_curve, both with drop_intermediate: only points that change the drawn curve),
 * evenly thinned past `maxPoints` with both endpoints kept. Only the
 * kept points are materialised, so a million distinct scores cost no million-element arrays.
 */
import { prVertexIndices, rocVertexIndices, type ClfCurve } from '../../stats/ranking';
import type { CurvePoints } from './types';

/** Positions 0…n−1 to keep: all, or maxPoints evenly spaced including both ends. */
function keptPositions(n: number, maxPoints: number): { at: (k: number) => number; count: number; thinned: boolean } {
  if (n <= maxPoints) return { at: (k) => k, count: n, thinned: false };
  return { at: (k) => Math.round((k * (n - 1)) / (maxPoints - 1)), count: maxPoints, thinned: true };
}

/** x = fpr, y = tpr, thresholds as sklearn 1.2 (first = highest + 1); null with one class. */
export function rocPoints(curve: ClfCurve, maxPoints: number): CurvePoints | null {
  const P = curve.positives;
  const N = curve.negatives;
  if (P === 0 || N === 0) return null;
  const idx = rocVertexIndices(curve);
  const sel = keptPositions(idx.length + 1, maxPoints);
  const x: number[] = [];
  const y: number[] = [];
  const t: number[] = [];
  for (let k = 0; k < sel.count; k++) {
    const pos = sel.at(k);
    if (pos === 0) {
      x.push(0);
      y.push(0);
      t.push(curve.thresholds[idx[0]] + 1);
      continue;
    }
    const i = idx[pos - 1];
    x.push(curve.fps[i] / N);
    y.push(curve.tps[i] / P);
    t.push(curve.thresholds[i]);
  }
  return { x, y, thresholds: t, thinned: sel.thinned };
}

/**
 * x = recall, y = precision in sklearn's order (recall decreasing, final point (0, 1)), the points
 * of sklearn 1.3's precision_recall_curve(drop_intermediate=True): points inside a vertical run
 * (same recall) are left out, which leaves the drawn curve as it was. The final point has no
 * threshold in sklearn, so `thresholds` repeats the one before it. null without positives.
 */
export function prPoints(curve: ClfCurve, maxPoints: number): CurvePoints | null {
  const P = curve.positives;
  if (P === 0) return null;
  const idx = prVertexIndices(curve);
  const n = idx.length;
  const sel = keptPositions(n + 1, maxPoints);
  const x: number[] = [];
  const y: number[] = [];
  const t: number[] = [];
  for (let k = 0; k < sel.count; k++) {
    const pos = sel.at(k);
    if (pos === n) {
      x.push(0);
      y.push(1);
      t.push(curve.thresholds[0]);
      continue;
    }
    const i = idx[n - 1 - pos];
    const tp = curve.tps[i];
    x.push(tp / P);
    y.push(tp / (tp + curve.fps[i]));
    t.push(curve.thresholds[i]);
  }
  return { x, y, thresholds: t, thinned: sel.thinned };
}
