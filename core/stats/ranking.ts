/**
 * Ranking curves with sklearn 1.2's exact semantics (`sklearn.metrics._ranking`).
 *
 * `_binary_clf_curve` sorts every score descending and reads cumulative counts at the last row of
 * each run of equal scores. We get the same table without sorting row indices: the positives' and
 * the negatives' scores are sorted separately (two Float64Array sorts, no per-row objects) and
 * merged from the top, so ties between classes fall into one threshold as they do in sklearn.
 */
import { CompensatedSum } from './summation';

/** Distinct scores, descending, with the counts of positives and negatives scoring ≥ each. */
export interface ClfCurve {
  readonly thresholds: Float64Array;
  readonly tps: Float64Array;
  readonly fps: Float64Array;
  readonly positives: number;
  readonly negatives: number;
}

/** `positive` and `negative` hold finite scores sorted ascending. */
export function binaryClfCurve(positive: Float64Array, negative: Float64Array): ClfCurve {
  // A first walk counts the distinct scores so the three arrays are allocated at their size
  // (a few thousand for rounded scores, not one slot per row).
  const k = mergeWalk(positive, negative, null);
  const thresholds = new Float64Array(k);
  const tps = new Float64Array(k);
  const fps = new Float64Array(k);
  mergeWalk(positive, negative, { thresholds, tps, fps });
  return { thresholds, tps, fps, positives: positive.length, negatives: negative.length };
}

/** Walks both sorted arrays from the top, one step per distinct score; fills `out` when given. Returns the number of steps. */
function mergeWalk(positive: Float64Array, negative: Float64Array, out: { thresholds: Float64Array; tps: Float64Array; fps: Float64Array } | null): number {
  let i = positive.length - 1;
  let j = negative.length - 1;
  let tp = 0;
  let fp = 0;
  let k = 0;
  while (i >= 0 || j >= 0) {
    const a = i >= 0 ? positive[i] : -Infinity;
    const b = j >= 0 ? negative[j] : -Infinity;
    const v = a >= b ? a : b;
    while (i >= 0 && positive[i] === v) {
      tp++;
      i--;
    }
    while (j >= 0 && negative[j] === v) {
      fp++;
      j--;
    }
    if (out) {
      out.thresholds[k] = v;
      out.tps[k] = tp;
      out.fps[k] = fp;
    }
    k++;
  }
  return k;
}

/** Counts of positives and negatives scoring ≥ t, exact, by binary search on the curve. */
export function countsAtOrAbove(curve: ClfCurve, t: number): { tp: number; fp: number } {
  // thresholds descending: find the last index with thresholds[idx] >= t.
  let lo = 0;
  let hi = curve.thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (curve.thresholds[mid] >= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? { tp: 0, fp: 0 } : { tp: curve.tps[lo - 1], fp: curve.fps[lo - 1] };
}

export interface RocCurve {
  /** null when there are no negatives (sklearn: nan with a warning). */
  readonly fpr: number[] | null;
  /** null when there are no positives. */
  readonly tpr: number[] | null;
  /** sklearn 1.2 prepends thresholds[0] + 1. */
  readonly thresholds: number[];
}

/** Indices kept by sklearn's drop_intermediate (corners of the ROC polyline). */
export function rocVertexIndices(curve: ClfCurve): Uint32Array {
  const { tps, fps } = curve;
  const n = tps.length;
  if (n <= 2) return Uint32Array.from({ length: n }, (_, i) => i);
  const keep = new Uint32Array(n);
  let k = 0;
  keep[k++] = 0;
  for (let i = 1; i < n - 1; i++) {
    const d2f = fps[i + 1] - 2 * fps[i] + fps[i - 1];
    const d2t = tps[i + 1] - 2 * tps[i] + tps[i - 1];
    if (d2f !== 0 || d2t !== 0) keep[k++] = i;
  }
  keep[k++] = n - 1;
  return keep.subarray(0, k);
}

export function rocCurve(curve: ClfCurve, dropIntermediate = true): RocCurve {
  const idx = dropIntermediate ? rocVertexIndices(curve) : Uint32Array.from({ length: curve.tps.length }, (_, i) => i);
  const m = idx.length;
  const thresholds = new Array<number>(m + 1);
  const fps = new Array<number>(m + 1);
  const tps = new Array<number>(m + 1);
  fps[0] = 0;
  tps[0] = 0;
  thresholds[0] = m > 0 ? curve.thresholds[idx[0]] + 1 : 1;
  for (let k = 0; k < m; k++) {
    thresholds[k + 1] = curve.thresholds[idx[k]];
    fps[k + 1] = curve.fps[idx[k]];
    tps[k + 1] = curve.tps[idx[k]];
  }
  const N = curve.negatives;
  const P = curve.positives;
  return {
    fpr: N > 0 ? fps.map((v) => v / N) : null,
    tpr: P > 0 ? tps.map((v) => v / P) : null,
    thresholds,
  };
}

/** Trapezoid area under y(x), numpy.trapz order of operations, compensated sum. */
export function trapezoid(x: readonly number[], y: readonly number[]): number {
  const s = new CompensatedSum();
  for (let i = 1; i < x.length; i++) s.add(((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2);
  return s.value();
}

/**
 * roc_auc_score for a binary target; null when a class is missing (sklearn raises). The trapezoid
 * runs over the drop_intermediate vertices, as sklearn's, without building the curve arrays.
 */
export function rocAuc(curve: ClfCurve): number | null {
  const P = curve.positives;
  const N = curve.negatives;
  if (P === 0 || N === 0) return null;
  const idx = rocVertexIndices(curve);
  const s = new CompensatedSum();
  let x0 = 0;
  let y0 = 0;
  for (let k = 0; k < idx.length; k++) {
    const x = curve.fps[idx[k]] / N;
    const y = curve.tps[idx[k]] / P;
    s.add(((x - x0) * (y + y0)) / 2);
    x0 = x;
    y0 = y;
  }
  return s.value();
}

export interface PrCurve {
  /** Decreasing recall order, as sklearn returns it (last point precision 1, recall 0). */
  readonly precision: number[];
  readonly recall: number[];
  /** Ascending, one fewer than precision/recall. */
  readonly thresholds: number[];
}

/**
 * Indices kept by sklearn 1.3's precision_recall_curve(drop_intermediate=True): a point whose tps
 * equals both neighbours' lies inside a vertical run of the plotted curve (same recall) and is
 * dropped; the first and last points stay.
 */
export function prVertexIndices(curve: ClfCurve): Uint32Array {
  const { tps } = curve;
  const n = tps.length;
  if (n <= 2) return Uint32Array.from({ length: n }, (_, i) => i);
  const keep = new Uint32Array(n);
  let k = 0;
  keep[k++] = 0;
  for (let i = 1; i < n - 1; i++) if (tps[i] !== tps[i - 1] || tps[i + 1] !== tps[i]) keep[k++] = i;
  keep[k++] = n - 1;
  return keep.subarray(0, k);
}

/**
 * precision_recall_curve (sklearn 1.2: recall set to 1 when there are no positives); the full
 * curve, or with `dropIntermediate` the points sklearn 1.3's flag keeps.
 */
export function prCurve(curve: ClfCurve, dropIntermediate = false): PrCurve {
  const idx = dropIntermediate ? prVertexIndices(curve) : Uint32Array.from({ length: curve.tps.length }, (_, i) => i);
  const n = idx.length;
  const P = curve.positives;
  const precision = new Array<number>(n + 1);
  const recall = new Array<number>(n + 1);
  const thresholds = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    const src = idx[n - 1 - k];
    const tp = curve.tps[src];
    const ps = tp + curve.fps[src];
    precision[k] = ps === 0 ? 0 : tp / ps;
    recall[k] = P === 0 ? 1 : tp / P;
    thresholds[k] = curve.thresholds[src];
  }
  precision[n] = 1;
  recall[n] = 0;
  return { precision, recall, thresholds };
}

/**
 * average_precision_score: Σ (Rₖ − Rₖ₋₁)·Pₖ, sklearn's step integral (not the trapezoid). With no
 * positives sklearn's recall is 1 everywhere and the sum is −0 → we return null with a reason.
 */
export function averagePrecision(curve: ClfCurve): number | null {
  if (curve.positives === 0) return null;
  const P = curve.positives;
  const s = new CompensatedSum();
  let prevRecall = 0;
  // Ascending recall order = the curve's order (descending thresholds).
  for (let k = 0; k < curve.tps.length; k++) {
    const tp = curve.tps[k];
    const r = tp / P;
    s.add((r - prevRecall) * (tp / (tp + curve.fps[k])));
    prevRecall = r;
  }
  return s.value();
}
