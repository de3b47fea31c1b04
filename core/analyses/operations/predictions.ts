/**
 * Prediction analysis: which rows the model called positive (score ≥ threshold, else a positive
 * prediction), the score histogram (numpy.histogram: [0, 1] for probabilities, else the scores'
 * range) and the distribution of predicted values.
 */
import type { TypedColumn } from '../../data/column';
import { histogramEdges, histogramSorted, linspace } from '../../stats/histogram';
import { sortFloat64 } from '../../stats/sort';
import { compensatedSum } from '../../stats/summation';
import { finiteAt } from './latency';
import type { Histogram, PredictionSummary, ValueCount } from './types';

/** Per row: 0 negative, 1 positive, 2 no decision. */
export const NO_DECISION = 2;
const POSITIVE_TEXT = new Set(['1', 'true', 'yes', 'positive', 'pos']);
const MAX_VALUES = 20;

export interface Decisions {
  readonly flags: Uint8Array;
  readonly rule: string;
}

export function decisions(score: TypedColumn | null, prediction: TypedColumn | null, threshold: number): Decisions | null {
  if (score && score.kind === 'numeric') {
    const v = score.values;
    const flags = new Uint8Array(v.length);
    for (let i = 0; i < v.length; i++) flags[i] = Number.isFinite(v[i]) ? (v[i] >= threshold ? 1 : 0) : NO_DECISION;
    return { flags, rule: `${score.name} ≥ ${threshold}` };
  }
  if (!prediction) return null;
  if (prediction.kind === 'numeric') {
    const v = prediction.values;
    const flags = new Uint8Array(v.length);
    for (let i = 0; i < v.length; i++) flags[i] = Number.isFinite(v[i]) ? (v[i] === 1 ? 1 : 0) : NO_DECISION;
    return { flags, rule: `${prediction.name} = 1` };
  }
  const positive = prediction.dictionary.map((d) => POSITIVE_TEXT.has(d.trim().toLowerCase()));
  const flags = new Uint8Array(prediction.codes.length);
  for (let i = 0; i < flags.length; i++) {
    const c = prediction.codes[i];
    flags[i] = c < 0 ? NO_DECISION : positive[c] ? 1 : 0;
  }
  return { flags, rule: `${prediction.name} in {1, true, yes, positive}` };
}

/** Share of positives among rows with a decision at `rows` (all when absent); null when none has one. */
export function positiveRate(flags: Uint8Array, rows?: Uint32Array): number | null {
  let known = 0;
  let pos = 0;
  const n = rows ? rows.length : flags.length;
  for (let k = 0; k < n; k++) {
    const f = flags[rows ? rows[k] : k];
    if (f !== NO_DECISION) {
      known++;
      pos += f;
    }
  }
  return known ? pos / known : null;
}

/** The histogram's edges: [0, 1] when every score is a probability, else numpy's default range. */
export function scoreEdges(sorted: Float64Array, bins: number): number[] {
  if (sorted.length === 0) return linspace(0, 1, bins + 1);
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  return min >= 0 && max <= 1 ? linspace(0, 1, bins + 1) : histogramEdges(min, max, bins);
}

/** Counts of the finite scores at `rows` in the bins of `edges`. */
export function scoreCounts(values: Float64Array, edges: readonly number[], rows?: Uint32Array): number[] {
  return histogramSorted(sortFloat64(finiteAt(values, rows)), edges);
}

/** Mean of the finite values at `rows`; null without any. */
export function meanAt(values: Float64Array, rows?: Uint32Array): number | null {
  const f = finiteAt(values, rows);
  return f.length ? compensatedSum(f) / f.length : null;
}

function predictionDistribution(col: TypedColumn): ValueCount[] {
  const counts = new Map<string, number>();
  let total = 0;
  if (col.kind === 'categorical') {
    const byCode = new Float64Array(col.dictionary.length);
    for (const c of col.codes) if (c >= 0) byCode[c]++;
    col.dictionary.forEach((d, k) => byCode[k] && counts.set(d, (counts.get(d) ?? 0) + byCode[k]));
  } else {
    for (const x of col.values) if (Number.isFinite(x)) counts.set(String(x), (counts.get(String(x)) ?? 0) + 1);
  }
  for (const n of counts.values()) total += n;
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const top = sorted.slice(0, MAX_VALUES).map(([value, count]) => ({ value, count, share: count / total }));
  const rest = sorted.slice(MAX_VALUES).reduce((s, [, n]) => s + n, 0);
  if (rest) top.push({ value: '(other)', count: rest, share: rest / total });
  return top;
}

export function predictionSummary(score: TypedColumn | null, prediction: TypedColumn | null, d: Decisions | null, bins: number): PredictionSummary & { edges: number[] | null } {
  let scoreOut: PredictionSummary['score'] = null;
  let edges: number[] | null = null;
  if (score && score.kind === 'numeric') {
    const sorted = score.sortedFinite ?? sortFloat64(finiteAt(score.values));
    edges = scoreEdges(sorted, bins);
    const histogram: Histogram = { edges, counts: histogramSorted(sorted, edges) };
    scoreOut = { count: sorted.length, missing: score.values.length - sorted.length, mean: sorted.length ? compensatedSum(sorted) / sorted.length : null, histogram };
  }
  return {
    score: scoreOut,
    prediction_distribution: prediction ? predictionDistribution(prediction) : null,
    predicted_positive_rate: d ? positiveRate(d.flags) : null,
    positive_rule: d?.rule ?? null,
    edges,
  };
}
