/**
 * Rates of a binary confusion table, by Aequitas's names. The one place their definitions live
 * (to be unified with the performance analysis' confusion primitive at merge): each rate is a
 * numerator over a denominator, and a zero denominator gives null with a reason — never NaN.
 */

/** Counts of one group. `pp` = tp + fp, `pn` = tn + fn, label positives = tp + fn. */
export interface ConfusionCounts {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

export const RATE_NAMES = ['tpr', 'tnr', 'fpr', 'fnr', 'fdr', 'for', 'npv', 'precision', 'ppr', 'pprev', 'prev', 'accuracy'] as const;
export type RateName = (typeof RATE_NAMES)[number];

/**
 * Numerator and denominator of every rate, in RATE_NAMES order, into `out` (k, n per rate): the
 * definitions in one place, written into a typed array so the bootstrap's thousands of tables
 * allocate nothing. `pp` is the attribute's total predicted positives (for `ppr`).
 */
export function allRateParts(tp: number, fp: number, tn: number, fn: number, pp: number, out: Float64Array): void {
  const size = tp + fp + tn + fn;
  out[0] = tp; out[1] = tp + fn; // tpr
  out[2] = tn; out[3] = tn + fp; // tnr
  out[4] = fp; out[5] = fp + tn; // fpr
  out[6] = fn; out[7] = fn + tp; // fnr
  out[8] = fp; out[9] = tp + fp; // fdr
  out[10] = fn; out[11] = fn + tn; // for
  out[12] = tn; out[13] = tn + fn; // npv
  out[14] = tp; out[15] = tp + fp; // precision
  out[16] = tp + fp; out[17] = pp; // ppr
  out[18] = tp + fp; out[19] = size; // pprev
  out[20] = tp + fn; out[21] = size; // prev
  out[22] = tp + tn; out[23] = size; // accuracy
}

const PARTS = new Float64Array(2 * RATE_NAMES.length);
const INDEX = Object.fromEntries(RATE_NAMES.map((r, i) => [r, i])) as Record<RateName, number>;

/** A rate as numerator / denominator; `ppr` needs the attribute's total predicted positives. */
export function rateParts(rate: RateName, c: ConfusionCounts, totalPredictedPositive: number): { k: number; n: number } {
  allRateParts(c.tp, c.fp, c.tn, c.fn, totalPredictedPositive, PARTS);
  const i = INDEX[rate];
  return { k: PARTS[2 * i], n: PARTS[2 * i + 1] };
}

/** What a zero denominator means, for the reader of a table with a blank cell. */
export const UNDEFINED_REASON: Record<RateName, string> = {
  tpr: 'no label positives',
  tnr: 'no label negatives',
  fpr: 'no label negatives',
  fnr: 'no label positives',
  fdr: 'no predicted positives',
  for: 'no predicted negatives',
  npv: 'no predicted negatives',
  precision: 'no predicted positives',
  ppr: 'no predicted positives in the attribute',
  pprev: 'empty group',
  prev: 'empty group',
  accuracy: 'empty group',
};

export function ratio(k: number, n: number): number | null {
  return n > 0 ? k / n : null;
}

export function rate(name: RateName, c: ConfusionCounts, totalPredictedPositive: number): number | null {
  const { k, n } = rateParts(name, c, totalPredictedPositive);
  return ratio(k, n);
}
