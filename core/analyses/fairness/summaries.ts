/**
 * Fairlearn's between-group summaries, by Fairlearn's names and definitions: the difference is the
 * largest minus the smallest group value of a metric, the ratio the smallest over the largest;
 * demographic parity uses the selection rate (Aequitas's `pprev`), equal opportunity the true
 * positive rate, equalized odds the worse (larger difference, smaller ratio) of the true and false
 * positive rates. Groups whose rate is undefined are left out and named in `notes` — one deliberate
 * difference: Fairlearn (through scikit-learn's normalised confusion matrix) counts a 0/0 rate as 0,
 * which would report a group without positives as a true positive rate of 0.
 */
import { N_RATES, RATE_INDEX } from './disparities';
import type { RateName } from './rates';

export const SUMMARY_NAMES = [
  'demographic_parity_difference',
  'demographic_parity_ratio',
  'equalized_odds_difference',
  'equalized_odds_ratio',
  'equal_opportunity_difference',
  'equal_opportunity_ratio',
] as const;
export type SummaryName = (typeof SUMMARY_NAMES)[number];

interface Spread {
  readonly difference: number;
  readonly ratio: number;
  readonly defined: number;
}

/** max − min and min / max of a rate over groups with a defined rate; NaN when undefined. */
function spread(rates: Float64Array, nGroups: number, rate: RateName): Spread {
  const ri = RATE_INDEX[rate];
  let lo = Infinity;
  let hi = -Infinity;
  let defined = 0;
  for (let g = 0; g < nGroups; g++) {
    const v = rates[g * N_RATES + ri];
    if (Number.isNaN(v)) continue;
    defined++;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (defined === 0) return { difference: NaN, ratio: NaN, defined };
  return { difference: hi - lo, ratio: hi > 0 ? lo / hi : NaN, defined };
}

/** The six summaries in SUMMARY_NAMES order; NaN where undefined. */
export function summaryValues(rates: Float64Array, nGroups: number): Float64Array {
  const sel = spread(rates, nGroups, 'pprev');
  const tpr = spread(rates, nGroups, 'tpr');
  const fpr = spread(rates, nGroups, 'fpr');
  return Float64Array.of(
    sel.difference,
    sel.ratio,
    Math.max(tpr.difference, fpr.difference), // NaN if either is: Math.max propagates NaN
    Math.min(tpr.ratio, fpr.ratio),
    tpr.difference,
    tpr.ratio,
  );
}

/** Why each undefined summary is undefined, and which groups each one leaves out. */
export function summaryExplanations(rates: Float64Array, labels: readonly string[]): { undefined: Record<string, string>; notes: string[] } {
  const nGroups = labels.length;
  const why: Record<string, string> = {};
  const notes: string[] = [];
  const uses: Record<string, RateName[]> = {
    demographic_parity: ['pprev'],
    equalized_odds: ['tpr', 'fpr'],
    equal_opportunity: ['tpr'],
  };
  const rateText: Record<string, string> = { pprev: 'selection rate', tpr: 'true positive rate', fpr: 'false positive rate' };
  for (const r of ['pprev', 'tpr', 'fpr'] as const) {
    const missing = labels.filter((_, g) => Number.isNaN(rates[g * N_RATES + RATE_INDEX[r]]));
    if (missing.length > 0) notes.push(`${rateText[r]} undefined (left out) for: ${missing.join(', ')}`);
  }
  if (nGroups === 1) notes.push('only one group: every difference is 0 and every ratio 1');
  for (const [family, rs] of Object.entries(uses)) {
    for (const r of rs) {
      const s = spread(rates, nGroups, r);
      if (s.defined === 0) {
        why[`${family}_difference`] ??= `the ${rateText[r]} is undefined in every group`;
        why[`${family}_ratio`] ??= `the ${rateText[r]} is undefined in every group`;
      } else if (Number.isNaN(s.ratio)) {
        why[`${family}_ratio`] ??= `the ${rateText[r]} is 0 in every group (0/0)`;
      }
    }
  }
  return { undefined: why, notes };
}
