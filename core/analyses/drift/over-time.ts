/**
 * Drift over time: the current data is cut into chunks (UTC calendar periods of a timestamp
 * column, or every N rows) and each chunk is tested against the whole reference with the
 * column's test. Optionally the alert band comes from the reference itself, NannyML-style: the
 * reference is chunked the same way, each reference chunk is tested against the whole reference,
 * and the band is mean ± 3σ of those statistics.
 */
import type { ColumnRole } from '../../data/column';
import { stdPopulation } from '../../stats/summation';
import { countCodesAt, isDrifted, evaluateCategorical, evaluateNumeric, sortedFiniteAt, type Evaluation, type Prepared } from './prepare';
import type {
  ChunkPeriod,
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

export interface Chunk {
  readonly key: string;
  readonly label: string;
  readonly start: number;
  readonly end: number;
  readonly rows: Uint32Array;
}

const DAY_MS = 86_400_000;

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function dayLabel(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** ISO 8601 week label ("2026-W48") of the week starting (Monday, UTC) at `mondayMs`. */
function isoWeekLabel(mondayMs: number): string {
  const thursday = new Date(mondayMs + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS);
  return `${year}-W${pad(Math.floor(dayOfYear / 7) + 1)}`;
}

/** [start, end) in epoch ms of the UTC period containing the day with index `day`. */
export function periodOf(day: number, period: ChunkPeriod): { start: number; end: number; label: string } {
  if (period === 'day') {
    const start = day * DAY_MS;
    return { start, end: start + DAY_MS, label: dayLabel(start) };
  }
  if (period === 'week') {
    // 1970-01-01 was a Thursday: (day + 3) mod 7 is the number of days since Monday.
    const monday = day - (((day + 3) % 7) + 7) % 7;
    const start = monday * DAY_MS;
    return { start, end: start + 7 * DAY_MS, label: isoWeekLabel(start) };
  }
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return { start: Date.UTC(y, m, 1), end: Date.UTC(y, m + 1, 1), label: `${y}-${pad(m + 1)}` };
}

/** Chunks of a timestamp column by UTC period, in time order; rows without a timestamp are left out. */
export function chunkByPeriod(timestamps: Float64Array, period: ChunkPeriod): { chunks: Chunk[]; withoutTimestamp: number } {
  const chunkOfDay = new Map<number, number>();
  const meta: { start: number; end: number; label: string }[] = [];
  const byStart = new Map<number, number>();
  const rowChunk = new Int32Array(timestamps.length);
  const sizes: number[] = [];
  let without = 0;
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i];
    if (!Number.isFinite(t)) {
      rowChunk[i] = -1;
      without++;
      continue;
    }
    const day = Math.floor(t / DAY_MS);
    let c = chunkOfDay.get(day);
    if (c === undefined) {
      const p = periodOf(day, period);
      c = byStart.get(p.start);
      if (c === undefined) {
        c = meta.length;
        byStart.set(p.start, c);
        meta.push(p);
        sizes.push(0);
      }
      chunkOfDay.set(day, c);
    }
    rowChunk[i] = c;
    sizes[c]++;
  }
  const rows = sizes.map((n) => new Uint32Array(n));
  const fill = new Array<number>(sizes.length).fill(0);
  for (let i = 0; i < rowChunk.length; i++) {
    const c = rowChunk[i];
    if (c >= 0) rows[c][fill[c]++] = i;
  }
  const chunks = meta.map((m, c) => ({ key: m.label, label: m.label, start: m.start, end: m.end, rows: rows[c] }));
  chunks.sort((a, b) => a.start - b.start);
  return { chunks, withoutTimestamp: without };
}

/** Consecutive chunks of `size` rows (the last may be shorter); start/end are row indices. */
export function chunkByCount(nRows: number, size: number): Chunk[] {
  if (!(size >= 1) || !Number.isInteger(size)) throw new Error(`chunk size must be a positive integer, got ${size}`);
  const chunks: Chunk[] = [];
  for (let start = 0; start < nRows; start += size) {
    const end = Math.min(start + size, nRows);
    const rows = new Uint32Array(end - start);
    for (let i = 0; i < rows.length; i++) rows[i] = start + i;
    chunks.push({ key: `${start}-${end}`, label: `rows ${start + 1}–${end}`, start, end, rows });
  }
  return chunks;
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
