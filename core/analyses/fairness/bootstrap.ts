/**
 * Bootstrap percentile intervals for disparities and Fairlearn summaries, without copying rows.
 *
 * Scheme: the row bootstrap, drawn through the counts. Every statistic here is a function of one
 * attribute's confusion counts per group, i.e. of how many of the N rows fall in each (group,
 * label, decision) cell — every other row (missing label, decision or attribute) falls in one
 * cell "left out". Resampling N rows with replacement picks each row with probability 1/N, so a
 * cell holding c rows is hit with probability c/N per draw, independently over N draws: the
 * resampled cell counts are exactly Multinomial(N; c₁/N, …, c_K/N, left-out share). That is drawn
 * as conditional binomials (cell i gets Binomial(draws left, cᵢ / rows left in later cells)), so a
 * resample costs O(cells), not O(N), and gives the same distribution as copying rows. The reference
 * group stays the one chosen on the full data. Each attribute (and intersection) is resampled on
 * its own, so its intervals are marginal.
 */
import { cancelled } from '../../api/errors';
import { disparityMatrix, N_RATES, rateMatrix, type ReferenceChoice } from './disparities';
import { CELLS, FN, FP, TN, TP } from './groups';
import { percentileInterval } from './intervals';
import { multinomial, mulberry32 } from '../../stats/random';
import { SUMMARY_NAMES, summaryValues } from './summaries';
import { DISPARITY_RATES, type BootstrapInterval, type FairnessProgress } from './types';

export const BOOTSTRAP_SCHEME =
  'Row bootstrap drawn through the counts: resampling the N rows with replacement puts Multinomial(N; count/N) rows ' +
  'in each group\'s true/false positive/negative cell (every other row in one left-out cell), so each resample draws ' +
  'those counts directly — the same distribution as copying rows, at a cost independent of N; percentile intervals ' +
  'over the resamples in which a statistic is defined; the reference group is fixed to the one chosen on the full data.';

const CONFUSION_CELLS = [TP, FP, TN, FN] as const;

export interface BootstrapTable {
  readonly nGroups: number;
  /** CELLS counts per group (groups.ts). */
  readonly counts: Float64Array;
  /** Rows of the whole dataset, N: those outside every group's confusion cells are resampled too. */
  readonly rows: number;
  readonly reference: ReferenceChoice;
}

/**
 * A table's resampler: each call draws one row-bootstrap resample's counts (CELLS per group; only
 * the four confusion cells are drawn, the missing-label/decision cells stay 0) into a buffer it
 * reuses and returns.
 */
export function countResampler(t: Pick<BootstrapTable, 'nGroups' | 'counts' | 'rows'>): (uniform: () => number) => Float64Array {
  const k = CONFUSION_CELLS.length;
  // The confusion cells in one flat list (group-major, CONFUSION_CELLS order).
  const cells = Float64Array.from({ length: t.nGroups * k }, (_, i) => t.counts[Math.floor(i / k) * CELLS + CONFUSION_CELLS[i % k]]);
  let inCells = 0;
  for (const c of cells) inCells += c;
  if (inCells > t.rows) throw new Error(`the groups hold ${inCells} rows, more than the ${t.rows} resampled`);
  const draw = new Float64Array(cells.length);
  const counts = new Float64Array(t.nGroups * CELLS);
  return (uniform) => {
    multinomial(t.rows, cells, t.rows, uniform, draw);
    for (let g = 0; g < t.nGroups; g++) for (let j = 0; j < k; j++) counts[g * CELLS + CONFUSION_CELLS[j]] = draw[g * k + j];
    return counts;
  };
}

export interface BootstrapIntervals {
  /** [g · DISPARITY_RATES.length + d] */
  readonly disparities: readonly (BootstrapInterval | null)[];
  /** In SUMMARY_NAMES order. */
  readonly summaries: readonly (BootstrapInterval | null)[];
}

/** Progress between pieces of a long computation: the share done (0..1) and the stage's name. */
export interface StepProgress {
  readonly done: number;
  readonly stage: string;
}

export function bootstrapIntervals(
  tables: readonly BootstrapTable[],
  resamples: number,
  seed: number,
  confidence: number,
  progress: FairnessProgress = {},
): BootstrapIntervals[] {
  const steps = bootstrapSteps(tables, resamples, seed, confidence);
  for (;;) {
    if (progress.isCancelled?.()) throw cancelled();
    const step = steps.next();
    if (step.done) return step.value;
    progress.onProgress?.(step.value.done, step.value.stage);
  }
}

/**
 * The bootstrap as steps: it yields its progress about every 1% of the resamples, so a caller can
 * report it and stop between yields (the engine's worker lets a Cancel message in there).
 */
export function* bootstrapSteps(tables: readonly BootstrapTable[], resamples: number, seed: number, confidence: number): Generator<StepProgress, BootstrapIntervals[]> {
  const uniform = mulberry32(seed);
  const nd = DISPARITY_RATES.length;
  const ns = SUMMARY_NAMES.length;
  const disp = tables.map((t) => new Float64Array(t.nGroups * nd * resamples));
  const summ = tables.map(() => new Float64Array(ns * resamples));
  const resamplers = tables.map(countResampler);
  // One rate and disparity buffer per table, written again by every resample.
  const rateBuf = tables.map((t) => new Float64Array(t.nGroups * N_RATES));
  const dispBuf = tables.map((t) => new Float64Array(t.nGroups * nd));
  const step = Math.max(1, Math.floor(resamples / 100));
  for (let b = 0; b < resamples; b++) {
    tables.forEach((t, ti) => {
      const counts = resamplers[ti](uniform);
      const rates = rateMatrix(counts, t.nGroups, rateBuf[ti]);
      const d = disparityMatrix(rates, t.nGroups, t.reference, dispBuf[ti]);
      const out = disp[ti];
      for (let i = 0; i < d.length; i++) out[i * resamples + b] = d[i];
      const s = summaryValues(rates, t.nGroups);
      for (let i = 0; i < ns; i++) summ[ti][i * resamples + b] = s[i];
    });
    if (b % step === step - 1) yield { done: (b + 1) / resamples, stage: 'bootstrap' };
  }
  return tables.map((t, ti) => ({
    disparities: Array.from({ length: t.nGroups * nd }, (_, i) => percentileInterval(disp[ti].subarray(i * resamples, (i + 1) * resamples), confidence)),
    summaries: Array.from({ length: ns }, (_, i) => percentileInterval(summ[ti].subarray(i * resamples, (i + 1) * resamples), confidence)),
  }));
}
