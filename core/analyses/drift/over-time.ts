/**
 * Drift over time: the current data is cut into chunks (UTC calendar periods of a timestamp
 * column, or every N rows) and each chunk is tested against the whole reference with the
 * column's test. Optionally the alert band comes from the reference itself, NannyML-style: the
 * reference is chunked the same way, each reference chunk is tested against the whole reference,
 * and the band is mean ± 3σ of those statistics. The reference chunks also tell whether a column
 * varies with the season in the reference itself (seasons.ts), and a per-season reference compares
 * each chunk with the reference rows of the same months or weekdays.
 */
import type { ColumnRole } from '../../data/column';
import { chunkByCount, chunkByPeriod, type Chunk } from '../shared/chunks';
import { stdPopulation } from '../../stats/summation';
import { countCodesAt, isDrifted, evaluateCategorical, evaluateNumeric, sortedFiniteAt, type Evaluation, type Prepared } from './prepare';
import { chunksWithin, isSeasonal, periodLabel, periodsOf, restrictReference, rowsIn, seasonalPlan, seasonKeys } from './seasons';
import type {
  DriftInput,
  DriftTest,
  OverTimeBand,
  OverTimeOptions,
  OverTimePoint,
  OverTimeResult,
  OverTimeSeries,
  Seasonality,
} from './types';

export interface PreparedColumn {
  readonly name: string;
  readonly role: ColumnRole | null;
  readonly prepared: Prepared;
  readonly test: DriftTest;
  readonly threshold: number;
}

function evaluateChunk(c: PreparedColumn, rows: Uint32Array, side: 'reference' | 'current'): Evaluation {
  const p = c.prepared;
  if (p.kind === 'numerical') {
    const sample = sortedFiniteAt(side === 'current' ? p.curValues : p.refValues, rows);
    return evaluateNumeric(c.test, p, sample);
  }
  const codes = side === 'current' ? p.curCodes() : p.refCodes();
  return evaluateCategorical(c.test, p.labels, p.refCounts, countCodesAt(codes, p.labels.length, rows));
}

function band(values: number[]): OverTimeBand {
  const arr = Float64Array.from(values);
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  const std = stdPopulation(arr);
  return { mean, std, lower: mean - 3 * std, upper: mean + 3 * std, reference_chunks: values.length };
}

function referenceChunks(input: DriftInput, options: OverTimeOptions, currentChunks: Chunk[]): { chunks: Chunk[]; note: string | null } {
  const rowsRef = input.reference.length > 0 ? lengthOf(input.reference[0]) : 0;
  const spec = options.chunk;
  if (spec.by === 'count') return { chunks: chunkByCount(rowsRef, spec.size), note: null };
  const ts = input.reference.find((c) => c.name === spec.timestamp);
  if (ts && ts.kind === 'numeric') return { chunks: chunkByPeriod(ts.values, spec.period).chunks, note: null };
  const sizes = currentChunks.map((c) => c.rows.length).sort((a, b) => a - b);
  const median = Math.max(1, sizes.length > 0 ? sizes[Math.floor(sizes.length / 2)] : rowsRef);
  return {
    chunks: chunkByCount(rowsRef, median),
    note: `the reference has no timestamp column "${spec.timestamp}"; it was cut into chunks of ${median} rows (the median current chunk)`,
  };
}

function lengthOf(c: DriftInput['reference'][number]): number {
  return c.kind === 'numeric' ? c.values.length : c.codes.length;
}

/** Numeric timestamps of a dataset's column, or null when it has none by that name. */
function timestampsOf(columns: DriftInput['current'], name: string): Float64Array | null {
  const ts = columns.find((c) => c.name === name);
  return ts && ts.kind === 'numeric' ? ts.values : null;
}

/** Each reference chunk tested against the whole reference: its statistic and whether it fails the fixed rule. */
function referenceEvaluations(c: PreparedColumn, chunks: readonly Chunk[]): { statistic: number | null; drifted: boolean }[] {
  return chunks.map((rc) => {
    const e = evaluateChunk(c, rc.rows, 'reference');
    return { statistic: e.statistic, drifted: e.statistic !== null && isDrifted(c.test, e, c.threshold) };
  });
}

function bandOf(stats: readonly (number | null)[]): OverTimeBand | null {
  const finite = stats.filter((s): s is number => s !== null);
  return finite.length >= 2 ? band(finite) : null;
}

/** The per-season reference for one column: prepared against the rows of the chunk's periods, and its band, cached by periods. */
interface SeasonReference {
  readonly label: string;
  readonly rows: number;
  readonly column: PreparedColumn;
  readonly band: OverTimeBand | null;
}

export function analyzeOverTime(columns: readonly PreparedColumn[], input: DriftInput, options: OverTimeOptions): OverTimeResult {
  const spec = options.chunk;
  const thresholds = options.thresholds ?? 'fixed';
  let chunks: Chunk[];
  let without = 0;
  if (spec.by === 'period') {
    const ts = input.current.find((c) => c.name === spec.timestamp);
    if (!ts) throw new Error(`timestamp column "${spec.timestamp}" is not in the current dataset`);
    if (ts.kind !== 'numeric') throw new Error(`column "${spec.timestamp}" is not a timestamp column`);
    const r = chunkByPeriod(ts.values, spec.period);
    chunks = r.chunks;
    without = r.withoutTimestamp;
  } else {
    const rowsCur = input.current.length > 0 ? lengthOf(input.current[0]) : 0;
    chunks = chunkByCount(rowsCur, spec.size);
  }
  // The reference is always chunked: its chunks are the seasonality evidence, and the band when asked.
  const ref = referenceChunks(input, options, chunks);

  const plan = seasonalPlan(options.seasonalReference, spec.by, spec.by === 'period' ? spec.period : null);
  let season: { by: 'month' | 'weekday'; refKeys: Int8Array; curKeys: Int8Array } | null = null;
  let seasonNote = plan.note;
  if (plan.by && spec.by === 'period') {
    const refTs = timestampsOf(input.reference, spec.timestamp);
    const curTs = timestampsOf(input.current, spec.timestamp);
    if (refTs && curTs) season = { by: plan.by, refKeys: seasonKeys(refTs, plan.by), curKeys: seasonKeys(curTs, plan.by) };
    else seasonNote = `a per-${plan.by} reference needs the timestamp column "${spec.timestamp}" in the reference; each chunk was compared with the whole reference`;
  }

  const series: OverTimeSeries[] = columns.map((c) => {
    const notes: string[] = [];
    if (ref.note && (thresholds === 'reference_chunks' || season)) notes.push(ref.note);
    if (seasonNote) notes.push(seasonNote);
    const refEvals = referenceEvaluations(c, ref.chunks);
    const tested = refEvals.filter((e) => e.statistic !== null);
    const seasonality: Seasonality | null = tested.length >= 2 ? { reference_chunks: tested.length, drifted: tested.filter((e) => e.drifted).length } : null;

    let colBand: OverTimeBand | null = null;
    if (thresholds === 'reference_chunks' && !season) {
      colBand = bandOf(refEvals.map((e) => e.statistic));
      if (!colBand) notes.push('fewer than two reference chunks could be tested; the fixed threshold is used');
    }

    const cache = new Map<string, SeasonReference>();
    let fallbacks = 0;
    const seasonFor = (rows: Uint32Array): SeasonReference | null => {
      if (!season) return null;
      const periods = periodsOf(season.curKeys, rows);
      const key = periods.join(',');
      let s = cache.get(key);
      if (!s) {
        const refRows = rowsIn(season.refKeys, periods);
        const column: PreparedColumn = { ...c, prepared: restrictReference(c.prepared, refRows) };
        const within = thresholds === 'reference_chunks' ? chunksWithin(ref.chunks, season.refKeys, periods) : [];
        const b = thresholds === 'reference_chunks' ? bandOf(within.map((rc) => evaluateChunk(column, rc.rows, 'reference').statistic)) : null;
        s = { label: periodLabel(periods, season.by), rows: refRows.length, column, band: b };
        cache.set(key, s);
      }
      return s;
    };

    const points: OverTimePoint[] = chunks.map((ch) => {
      const s = seasonFor(ch.rows);
      const e = evaluateChunk(s ? s.column : c, ch.rows, 'current');
      const b = s ? s.band : colBand;
      if (s && thresholds === 'reference_chunks' && !b) fallbacks++;
      const drifted = b ? e.statistic !== null && (e.statistic > b.upper || e.statistic < b.lower) : isDrifted(c.test, e, c.threshold);
      const point: OverTimePoint = { key: ch.key, label: ch.label, start: ch.start, end: ch.end, rows: ch.rows.length, statistic: e.statistic, p_value: e.p_value, drifted };
      return s ? { ...point, reference_period: s.label, reference_rows: s.rows, ...(thresholds === 'reference_chunks' ? { band: s.band } : {}) } : point;
    });
    if (fallbacks > 0) {
      notes.push(`${fallbacks} chunk${fallbacks === 1 ? '' : 's'} had fewer than two reference chunks in the same ${season!.by === 'month' ? 'months' : 'weekdays'}; the fixed threshold was used for ${fallbacks === 1 ? 'it' : 'them'}`);
    }
    const usesThreshold = season ? thresholds === 'fixed' || fallbacks > 0 : colBand === null;
    return {
      column: c.name,
      role: c.role,
      kind: c.prepared.kind,
      test: c.test,
      threshold: usesThreshold ? c.threshold : null,
      band: colBand,
      note: notes.length > 0 ? notes.join('; ') : null,
      points,
      seasonal: isSeasonal(seasonality),
      seasonality,
    };
  });
  return {
    chunk: spec,
    unit: spec.by === 'period' ? 'ms' : 'row',
    thresholds,
    ...(season ? { seasonal_reference: season.by } : {}),
    rows_without_timestamp: without,
    series,
  };
}
