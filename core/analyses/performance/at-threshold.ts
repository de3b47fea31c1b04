/**
 * The threshold slider's arithmetic: confusion counts, rates and cost at any threshold from the
 * compact table sent with the result — a binary search, no row access. Pure count arithmetic with
 * no Node API, so the renderer bundles this file (the one module of an analysis it may import)
 * and a slider move never calls the engine.
 */
import { binaryRates, type BinaryCounts, type BinaryRates } from '../../stats/confusion';
import type { ThresholdTable } from './types';

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
  const k = leadingAbove(th, t, true) - 1; // last listed threshold ≥ t
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

/**
 * The `meta` of the ROC/PR chart specs' trace that marks the run's own threshold: the screen leaves
 * it out and draws its moving marker instead.
 */
export const RUN_THRESHOLD_META = 'run-threshold';

/**
 * How many of the descending `thresholds` lie above x (≥ x when `inclusive`, else > x): a binary
 * search, the one every count "scores at or above a value" of a curve or table goes through.
 */
export function leadingAbove(thresholds: ArrayLike<number>, x: number, inclusive: boolean): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (inclusive ? thresholds[mid] >= x : thresholds[mid] > x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
