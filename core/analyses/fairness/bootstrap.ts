/**
 * Bootstrap percentile intervals for disparities and Fairlearn summaries, without copying rows.
 *
 * Scheme: the Poisson bootstrap. Each row gets an independent Poisson(1) weight per resample; a
 * group's resampled confusion count is then the sum of its rows' weights, which is exactly
 * Poisson(count) — so each of a group's four counts (tp, fp, tn, fn) is drawn once per resample
 * from Poisson(count), and a resample costs O(groups), not O(rows). The reference group stays
 * the one chosen on the full data. Each attribute (and intersection) is resampled on its own,
 * so its intervals are marginal.
 */
import { cancelled } from '../../api/errors';
import { disparityMatrix, rateMatrix, type ReferenceChoice } from './disparities';
import { CELLS, FN, FP, TN, TP } from './groups';
import { percentileInterval } from './intervals';
import { mulberry32, poisson } from './random';
import { SUMMARY_NAMES, summaryValues } from './summaries';
import { DISPARITY_RATES, type BootstrapInterval, type FairnessProgress } from './types';

export const BOOTSTRAP_SCHEME =
  'Poisson bootstrap: per resample, each group\'s true/false positive/negative counts are redrawn as Poisson(count) — ' +
  'the sum of independent Poisson(1) weights on its rows — so rows are never copied; percentile intervals over the ' +
  'resamples in which a statistic is defined; the reference group is fixed to the one chosen on the full data.';

const CONFUSION_CELLS = [TP, FP, TN, FN] as const;

export interface BootstrapTable {
  readonly nGroups: number;
  readonly counts: Float64Array;
  readonly reference: ReferenceChoice;
}

export interface BootstrapIntervals {
  /** [g · DISPARITY_RATES.length + d] */
  readonly disparities: readonly (BootstrapInterval | null)[];
  /** In SUMMARY_NAMES order. */
  readonly summaries: readonly (BootstrapInterval | null)[];
}

export function bootstrapIntervals(
  tables: readonly BootstrapTable[],
  resamples: number,
  seed: number,
  confidence: number,
  progress: FairnessProgress = {},
): BootstrapIntervals[] {
  const uniform = mulberry32(seed);
  const nd = DISPARITY_RATES.length;
  const ns = SUMMARY_NAMES.length;
  const disp = tables.map((t) => new Float64Array(t.nGroups * nd * resamples));
  const summ = tables.map(() => new Float64Array(ns * resamples));
  const scratch = tables.map((t) => new Float64Array(t.nGroups * CELLS));
  const step = Math.max(1, Math.floor(resamples / 100));
  for (let b = 0; b < resamples; b++) {
    if (progress.isCancelled?.()) throw cancelled();
    tables.forEach((t, ti) => {
      const counts = scratch[ti];
      for (let g = 0; g < t.nGroups; g++) {
        const o = g * CELLS;
        for (const k of CONFUSION_CELLS) counts[o + k] = poisson(t.counts[o + k], uniform);
      }
      const rates = rateMatrix(counts, t.nGroups);
      const d = disparityMatrix(rates, t.nGroups, t.reference);
      const out = disp[ti];
      for (let i = 0; i < d.length; i++) out[i * resamples + b] = d[i];
      const s = summaryValues(rates, t.nGroups);
      for (let i = 0; i < ns; i++) summ[ti][i * resamples + b] = s[i];
    });
    if (b % step === step - 1) progress.onProgress?.((b + 1) / resamples, 'bootstrap');
  }
  return tables.map((t, ti) => ({
    disparities: Array.from({ length: t.nGroups * nd }, (_, i) => percentileInterval(disp[ti].subarray(i * resamples, (i + 1) * resamples), confidence)),
    summaries: Array.from({ length: ns }, (_, i) => percentileInterval(summ[ti].subarray(i * resamples, (i + 1) * resamples), confidence)),
  }));
}
