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

/** A rate as numerator / denominator; `ppr` needs the attribute's total predicted positives. */
export function rateParts(rate: RateName, c: ConfusionCounts, totalPredictedPositive: number): { k: number; n: number } {
  const size = c.tp + c.fp + c.tn + c.fn;
  switch (rate) {
    case 'tpr': return { k: c.tp, n: c.tp + c.fn };
    case 'tnr': return { k: c.tn, n: c.tn + c.fp };
    case 'fpr': return { k: c.fp, n: c.fp + c.tn };
    case 'fnr': return { k: c.fn, n: c.fn + c.tp };
    case 'fdr': return { k: c.fp, n: c.tp + c.fp };
    case 'for': return { k: c.fn, n: c.fn + c.tn };
    case 'npv': return { k: c.tn, n: c.tn + c.fn };
    case 'precision': return { k: c.tp, n: c.tp + c.fp };
    case 'ppr': return { k: c.tp + c.fp, n: totalPredictedPositive };
    case 'pprev': return { k: c.tp + c.fp, n: size };
    case 'prev': return { k: c.tp + c.fn, n: size };
    case 'accuracy': return { k: c.tp + c.tn, n: size };
  }
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
