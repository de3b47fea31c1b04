/**
 * Drift over time: the current data is cut into chunks (UTC calendar periods of a timestamp
 * column, or every N rows) and each chunk is tested against the whole reference with the
 * column's test. Optionally the alert band comes from the reference itself, NannyML-style: the
 * reference is chunked the same way, each reference chunk is tested against the whole reference,
 * and the band is mean ± 3σ of those statistics.
 */
import type { ColumnRole } from '../../data/column';
import { chunkByCount, chunkByPeriod, type Chunk } from '../shared/chunks';
import { stdPopulation } from '../../stats/summation';
import { countCodesAt, isDrifted, evaluateCategorical, evaluateNumeric, sortedFiniteAt, type Evaluation, type Prepared } from './prepare';
import type {
  DriftInput,
  DriftTest,
  OverTimeBand,
  OverTimeOptions,
  OverTimePoint,
  OverTimeResult,
  OverTimeSeries,
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
  const ref = thresholds === 'reference_chunks' ? referenceChunks(input, options, chunks) : null;

  const series: OverTimeSeries[] = columns.map((c) => {
    let colBand: OverTimeBand | null = null;
    const notes: string[] = [];
    if (ref) {
      if (ref.note) notes.push(ref.note);
      const stats: number[] = [];
      for (const rc of ref.chunks) {
        const s = evaluateChunk(c, rc.rows, 'reference').statistic;
        if (s !== null) stats.push(s);
      }
      if (stats.length >= 2) colBand = band(stats);
      else notes.push('fewer than two reference chunks could be tested; the fixed threshold is used');
    }
    const points: OverTimePoint[] = chunks.map((ch) => {
      const e = evaluateChunk(c, ch.rows, 'current');
      const drifted = colBand
        ? e.statistic !== null && (e.statistic > colBand.upper || e.statistic < colBand.lower)
        : isDrifted(c.test, e, c.threshold);
      return { key: ch.key, label: ch.label, start: ch.start, end: ch.end, rows: ch.rows.length, statistic: e.statistic, p_value: e.p_value, drifted };
    });
    return {
      column: c.name,
      role: c.role,
      kind: c.prepared.kind,
      test: c.test,
      threshold: colBand ? null : c.threshold,
      band: colBand,
      note: notes.length > 0 ? notes.join('; ') : null,
      points,
    };
  });
  return { chunk: spec, unit: spec.by === 'period' ? 'ms' : 'row', thresholds, rows_without_timestamp: without, series };
}
