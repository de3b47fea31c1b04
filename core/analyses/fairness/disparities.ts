/**
 * Aequitas's Bias(): each group's rate divided by the reference group's, as `<rate>_disparity`.
 * Rates are held as a flat matrix (NaN = undefined, inside this module only) so the bootstrap can
 * recompute thousands of tables without allocating objects.
 */
import { CELLS, FN, FP, TN, TP } from './groups';
import { allRateParts, RATE_NAMES, type RateName } from './rates';
import { DISPARITY_RATES, type DisparityRate, type ReferenceMethod } from './types';

export const N_RATES = RATE_NAMES.length;
export const RATE_INDEX = Object.fromEntries(RATE_NAMES.map((r, i) => [r, i])) as Record<RateName, number>;
const PARTS = new Float64Array(2 * N_RATES);

export function totalPredictedPositive(counts: Float64Array, nGroups: number): number {
  let s = 0;
  for (let g = 0; g < nGroups; g++) s += counts[g * CELLS + TP] + counts[g * CELLS + FP];
  return s;
}

/** rates[g · N_RATES + r] for each group and rate of RATE_NAMES; NaN where the denominator is 0. */
export function rateMatrix(counts: Float64Array, nGroups: number, out = new Float64Array(nGroups * N_RATES)): Float64Array {
  const ppTotal = totalPredictedPositive(counts, nGroups);
  for (let g = 0; g < nGroups; g++) {
    const o = g * CELLS;
    allRateParts(counts[o + TP], counts[o + FP], counts[o + TN], counts[o + FN], ppTotal, PARTS);
    for (let r = 0; r < N_RATES; r++) {
      const n = PARTS[2 * r + 1];
      out[g * N_RATES + r] = n > 0 ? PARTS[2 * r] / n : NaN;
    }
  }
  return out;
}

/** Rows that count in a group's rates: label and decision present. */
export function judgedSize(counts: Float64Array, g: number): number {
  const o = g * CELLS;
  return counts[o] + counts[o + 1] + counts[o + 2] + counts[o + 3];
}

export interface ReferenceChoice {
  readonly method: 'chosen' | ReferenceMethod;
  /** Reference group index for each disparity rate (-1: none, e.g. every group's rate undefined). */
  readonly byRate: Readonly<Record<DisparityRate, number>>;
  /** The one reference group, unless `min_metric` chose one per rate. */
  readonly group: number;
}

/**
 * Reference group: the user's choice; else the largest group (Aequitas's "majority", ties by the
 * table's order, i.e. by value); else per rate the group with the smallest defined rate
 * ("min_metric", so every disparity is ≥ 1).
 */
export function chooseReference(labels: readonly string[], counts: Float64Array, rates: Float64Array, method: ReferenceMethod, chosen: string | undefined): ReferenceChoice {
  const byRate = {} as Record<DisparityRate, number>;
  if (chosen !== undefined) {
    const g = labels.indexOf(chosen);
    if (g < 0) throw new Error(`reference group "${chosen}" has no rows`);
    for (const r of DISPARITY_RATES) byRate[r] = g;
    return { method: 'chosen', byRate, group: g };
  }
  if (method === 'majority') {
    let best = -1;
    for (let g = 0; g < labels.length; g++) if (best < 0 || judgedSize(counts, g) > judgedSize(counts, best)) best = g;
    for (const r of DISPARITY_RATES) byRate[r] = best;
    return { method, byRate, group: best };
  }
  for (const r of DISPARITY_RATES) {
    const ri = RATE_INDEX[r];
    let best = -1;
    for (let g = 0; g < labels.length; g++) {
      const v = rates[g * N_RATES + ri];
      if (!Number.isNaN(v) && (best < 0 || v < rates[best * N_RATES + ri])) best = g;
    }
    byRate[r] = best;
  }
  return { method, byRate, group: -1 };
}

/** A group's rate over the reference's; NaN when undefined (see `disparityReason`). */
export function disparityOf(groupRate: number, referenceRate: number): number {
  if (Number.isNaN(groupRate) || Number.isNaN(referenceRate) || referenceRate === 0) return NaN;
  return groupRate / referenceRate;
}

export function disparityReason(groupRate: number, referenceRate: number, hasReference: boolean): string | null {
  if (!hasReference) return 'no reference group: the rate is undefined in every group';
  if (Number.isNaN(groupRate)) return "the group's rate is undefined";
  if (Number.isNaN(referenceRate)) return "the reference group's rate is undefined";
  if (referenceRate === 0) return "the reference group's rate is 0";
  return null;
}

/** disparities[g · DISPARITY_RATES.length + d]; NaN where undefined. */
export function disparityMatrix(rates: Float64Array, nGroups: number, reference: ReferenceChoice, out = new Float64Array(nGroups * DISPARITY_RATES.length)): Float64Array {
  const nd = DISPARITY_RATES.length;
  for (let d = 0; d < nd; d++) {
    const r = DISPARITY_RATES[d];
    const ref = reference.byRate[r];
    const ri = RATE_INDEX[r];
    for (let g = 0; g < nGroups; g++) {
      out[g * nd + d] = ref < 0 ? NaN : disparityOf(rates[g * N_RATES + ri], rates[ref * N_RATES + ri]);
    }
  }
  return out;
}
