/**
 * The two classes' sorted scores read back from the cumulative curve, which holds them exactly:
 * the positives scoring thresholds[k] are tps[k] − tps[k−1]. Walking the curve from its end is
 * walking the sorted scores run by run (equal values together, ascending), so sums, bins and
 * quantiles cost one step per distinct score instead of one per row, with the same additions in
 * the same order as over the sorted arrays (sumOverRuns).
 */
import { leadingAbove } from './at-threshold';
import type { ClfCurve } from '../../stats/ranking';
import { CompensatedSum } from '../../stats/summation';

export type ScoreClass = 'positive' | 'negative';

/** Rows of `cls` scoring exactly thresholds[k]. */
export function countAt(curve: ClfCurve, cls: ScoreClass, k: number): number {
  const cum = cls === 'positive' ? curve.tps : curve.fps;
  return k === 0 ? cum[0] : cum[k] - cum[k - 1];
}

/**
 * Σ f(v) over the scores of `cls` at curve positions [from, to), walked ascending (positions
 * descend in score), f once per distinct score times its count — what sumOverRuns does over the
 * sorted array.
 */
export function sumOverCurve(curve: ClfCurve, cls: ScoreClass, f: (v: number) => number, from = 0, to = curve.thresholds.length, into = new CompensatedSum()): CompensatedSum {
  const cum = cls === 'positive' ? curve.tps : curve.fps;
  const t = curve.thresholds;
  for (let k = to - 1; k >= from; k--) {
    const c = k === 0 ? cum[0] : cum[k] - cum[k - 1];
    if (c === 0) continue;
    const v = t[k];
    into.add(c === 1 ? f(v) : c * f(v));
  }
  return into;
}

/** Curve positions (descending thresholds) holding values > x: the first position with thresholds ≤ x. */
export function firstAtOrBelow(curve: ClfCurve, x: number): number {
  return leadingAbove(curve.thresholds, x, false);
}

/** Rows of `cls` at curve positions [from, to). */
export function countBetween(curve: ClfCurve, cls: ScoreClass, from: number, to: number): number {
  if (to <= from) return 0;
  const cum = cls === 'positive' ? curve.tps : curve.fps;
  return cum[to - 1] - (from === 0 ? 0 : cum[from - 1]);
}

/** Count of `cls` scores > x. */
function countAbove(curve: ClfCurve, cls: ScoreClass, x: number): number {
  const k = firstAtOrBelow(curve, x);
  return k === 0 ? 0 : (cls === 'positive' ? curve.tps : curve.fps)[k - 1];
}

/** Count of `cls` scores ≥ x. */
function countAtOrAbove(curve: ClfCurve, cls: ScoreClass, x: number): number {
  const k = leadingAbove(curve.thresholds, x, true);
  return k === 0 ? 0 : (cls === 'positive' ? curve.tps : curve.fps)[k - 1];
}

/** histogramSorted over the scores of `cls`: bins [a, b), the last [a, b]. */
export function histogramOfCurve(curve: ClfCurve, cls: ScoreClass, edges: readonly number[]): number[] {
  const total = cls === 'positive' ? curve.positives : curve.negatives;
  const below = (x: number) => total - countAtOrAbove(curve, cls, x);
  const counts = new Array<number>(edges.length - 1);
  let prev = below(edges[0]);
  for (let k = 1; k < edges.length; k++) {
    const at = k === edges.length - 1 ? total - countAbove(curve, cls, edges[k]) : below(edges[k]);
    counts[k - 1] = at - prev;
    prev = at;
  }
  return counts;
}

/** The value at ascending rank i (0-based) of both classes' scores merged. */
function valueAtRank(curve: ClfCurve, i: number): number {
  const n = curve.positives + curve.negatives;
  const r = n - 1 - i; // rank from the top
  // The first position whose cumulative count from the top exceeds r.
  let lo = 0;
  let hi = curve.thresholds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (curve.tps[mid] + curve.fps[mid] > r) hi = mid;
    else lo = mid + 1;
  }
  return curve.thresholds[lo];
}

/** quantileSorted (numpy's linear method) over both classes' scores merged. */
export function quantileOfCurve(curve: ClfCurve, q: number): number {
  const n = curve.positives + curve.negatives;
  if (n === 0) return NaN;
  const virtual = (n - 1) * q;
  if (virtual >= n - 1) return valueAtRank(curve, n - 1);
  if (virtual < 0) return valueAtRank(curve, 0);
  const lo = Math.floor(virtual);
  const a = valueAtRank(curve, lo);
  const b = valueAtRank(curve, lo + 1);
  const t = virtual - lo;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
