/**
 * Thresholds: the optimal ones (max F1, max Youden's J, min cost) and the threshold slider's
 * compact table with `metricsAtThreshold`, the function the renderer calls on every slider move.
 * This file imports only pure count arithmetic (no Node APIs), so the renderer can bundle it.
 */
import { binaryRates, fbetaFrom, safeDivide, type BinaryCounts, type BinaryRates } from '../../stats/confusion';
import { countsAtOrAbove, type ClfCurve } from '../../stats/ranking';
import type { OptimalThreshold, ThresholdTable } from './types';

/**
 * Candidates: "nothing positive" (thresholds[0] + 1, as roc_curve's first point) then every
 * distinct score, descending; ties go to the first (highest) threshold.
 */
function best(curve: ClfCurve, value: (tp: number, fp: number) => number, maximise: boolean): OptimalThreshold | null {
  const n = curve.thresholds.length;
  if (n === 0) return null;
  let bestValue = value(0, 0);
  let bestAt = -1;
  for (let k = 0; k < n; k++) {
    const v = value(curve.tps[k], curve.fps[k]);
    if (maximise ? v > bestValue : v < bestValue) {
      bestValue = v;
      bestAt = k;
    }
  }
  if (bestAt < 0) return { threshold: curve.thresholds[0] + 1, value: bestValue, tp: 0, fp: 0 };
  return { threshold: curve.thresholds[bestAt], value: bestValue, tp: curve.tps[bestAt], fp: curve.fps[bestAt] };
}

export function optimalThresholds(curve: ClfCurve, costFp: number, costFn: number): {
  f1: OptimalThreshold | null;
  youden: OptimalThreshold | null;
  cost: OptimalThreshold | null;
} {
  const P = curve.positives;
  const N = curve.negatives;
  const f1 = (tp: number, fp: number): number => fbetaFrom(safeDivide(tp, tp + fp), safeDivide(tp, P), 1);
  return {
    f1: P > 0 ? best(curve, f1, true) : null,
    youden: P > 0 && N > 0 ? best(curve, (tp, fp) => tp / P - fp / N, true) : null,
    cost: best(curve, (tp, fp) => costFp * fp + costFn * (P - tp), false),
  };
}

/**
 * The slider's table. When the data has at most `grid` distinct scores every one is listed and
 * the table is exact at any threshold. Otherwise it lists `grid` thresholds evenly spaced between
 * the lowest and highest score plus `extra` (the chosen and the optimal thresholds), each with its
 * exact counts of scores ≥ it; between listed thresholds the renderer shows the next listed one
 * above (and says so).
 */
export function thresholdTable(curve: ClfCurve, grid: number, extra: readonly number[], beta: number, costFp: number, costFn: number): ThresholdTable {
  const n = curve.thresholds.length;
  const base = { positives: curve.positives, negatives: curve.negatives, beta, cost_fp: costFp, cost_fn: costFn };
  if (n <= grid) {
    return { ...base, thresholds: Array.from(curve.thresholds), tp: Array.from(curve.tps), fp: Array.from(curve.fps), complete: true };
  }
  const hi = curve.thresholds[0];
  const lo = curve.thresholds[n - 1];
  const values = new Set<number>();
  for (let k = 0; k < grid; k++) values.add(k === grid - 1 ? hi : lo + ((hi - lo) * k) / (grid - 1));
  for (const t of extra) if (Number.isFinite(t) && t >= lo && t <= hi) values.add(t);
  const thresholds = [...values].sort((a, b) => b - a);
  const tp: number[] = [];
  const fp: number[] = [];
  for (const t of thresholds) {
    const c = countsAtOrAbove(curve, t);
    tp.push(c.tp);
    fp.push(c.fp);
  }
  return { ...base, thresholds, tp, fp, complete: false };
}

export interface AtThreshold {
  /** The threshold asked for. */
  readonly threshold: number;
  /** The listed threshold whose counts are shown (null: above every score, nothing positive). */
  readonly listed: number | null;
  /** true when the counts are exactly those of `score ≥ threshold`. */
  readonly exact: boolean;
  readonly counts: BinaryCounts;
  readonly rates: BinaryRates;
  readonly cost: number;
}

/** Confusion counts and rates at `t` from the table alone: a binary search, no row access. */
export function metricsAtThreshold(table: ThresholdTable, t: number): AtThreshold {
  const th = table.thresholds;
  let lo = 0;
  let hi = th.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (th[mid] >= t) lo = mid + 1;
    else hi = mid;
  }
  const k = lo - 1; // last listed threshold ≥ t
  const tp = k < 0 ? 0 : table.tp[k];
  const fp = k < 0 ? 0 : table.fp[k];
  const counts = { tp, fp, fn: table.positives - tp, tn: table.negatives - fp };
  // Exact when complete, when t is listed, when t is above every score, or below the lowest listed (= lowest score).
  const exact = table.complete || k < 0 || th[k] === t || k === th.length - 1;
  return {
    threshold: t,
    listed: k < 0 ? null : th[k],
    exact,
    counts,
    rates: binaryRates(counts, table.beta),
    cost: table.cost_fp * counts.fp + table.cost_fn * counts.fn,
  };
}
