/**
 * The operations compute: typed columns of the log (and of the reference, for the baseline) in,
 * the system-health and prediction figures out — overall, per model version and per time chunk.
 */
import type { TypedColumn } from '../../data/column';
import { chunkBySpec } from '../shared/chunks';
import { latencySummary } from './latency';
import { decisions, meanAt, positiveRate, predictionSummary, scoreCounts, type Decisions } from './predictions';
import { countErrors, errorFlags, type ErrorFlags } from './status';
import { automaticChunk, rowsPerHour, throughput, volumeByHour, volumeByWeekday } from './time';
import type { Baseline, ChunkFigures, OperationsColumns, OperationsOptions, OperationsResult, OverTime, SliceFigures, VersionFigures, VersionSeries } from './types';

export const DEFAULT_THRESHOLD = 0.5;
export const DEFAULT_BINS = 20;
const MAX_VERSIONS = 20;
/** Versions drawn over time: more lines than this read as none. */
export const MAX_SERIES_VERSIONS = 8;
const HOUR_MS = 3_600_000;

/** The log's columns by role in this analysis (null where not read). */
interface Frame {
  readonly rows: number;
  readonly ts: Float64Array | null;
  readonly latency: TypedColumn | null;
  readonly errors: ErrorFlags | null;
  readonly decisions: Decisions | null;
  readonly score: TypedColumn | null;
}

function numeric(c: TypedColumn | null): Float64Array | null {
  return c && c.kind === 'numeric' ? c.values : null;
}

function frameOf(byName: ReadonlyMap<string, TypedColumn>, cols: OperationsColumns, options: OperationsOptions, rows: number): Frame {
  const get = (n: string | null) => (n === null ? null : (byName.get(n) ?? null));
  const status = get(cols.status);
  return {
    rows,
    ts: numeric(get(cols.timestamp)),
    latency: get(cols.latency),
    errors: status ? errorFlags(status, options.errorValues) : null,
    decisions: decisions(get(cols.score), get(cols.prediction), options.threshold ?? DEFAULT_THRESHOLD),
    score: get(cols.score),
  };
}

function sliceFigures(f: Frame, rows?: Uint32Array): SliceFigures {
  const lat = numeric(f.latency);
  const errs = f.errors ? countErrors(f.errors.flags, rows) : null;
  const score = numeric(f.score);
  return {
    rows: rows ? rows.length : f.rows,
    latency: lat ? latencySummary(lat, rows, rows ? undefined : (f.latency as { sortedFinite?: Float64Array }).sortedFinite) : null,
    error_rate: errs ? (errs.known ? errs.errors / errs.known : null) : null,
    errors: errs ? errs.errors : null,
    predicted_positive_rate: f.decisions ? positiveRate(f.decisions.flags, rows) : null,
    mean_score: score ? meanAt(score, rows) : null,
  };
}

function byVersion(col: TypedColumn, f: Frame): VersionFigures[] {
  const groups = new Map<string, number[]>();
  if (col.kind === 'categorical') {
    for (let i = 0; i < col.codes.length; i++) {
      const c = col.codes[i];
      if (c < 0) continue;
      const k = col.dictionary[c];
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(i);
    }
  } else {
    for (let i = 0; i < col.values.length; i++) {
      const v = col.values[i];
      if (!Number.isFinite(v)) continue;
      const k = String(v);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(i);
    }
  }
  // Largest versions first; a log with hundreds of "versions" is not a version column.
  const sorted = [...groups].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_VERSIONS);
  return sorted.map(([version, idx]) => ({ version, share: f.rows ? idx.length / f.rows : 0, ...sliceFigures(f, Uint32Array.from(idx)) }));
}

/** Each row's index in `versions`, or -1 (missing, or a version not drawn). */
function versionIndex(col: TypedColumn, versions: readonly string[]): Int32Array {
  const at = new Map(versions.map((v, i) => [v, i]));
  if (col.kind === 'categorical') {
    const byCode = Int32Array.from(col.dictionary, (d) => at.get(d) ?? -1);
    return Int32Array.from(col.codes, (c) => (c < 0 ? -1 : byCode[c]));
  }
  return Int32Array.from(col.values, (v) => (Number.isFinite(v) ? (at.get(String(v)) ?? -1) : -1));
}

/** The chunk's rows split by version index, in row order. */
function splitRows(rows: Uint32Array, index: Int32Array, n: number): Uint32Array[] {
  const counts = new Uint32Array(n);
  for (let k = 0; k < rows.length; k++) {
    const v = index[rows[k]];
    if (v >= 0) counts[v]++;
  }
  const out = Array.from(counts, (c) => new Uint32Array(c));
  const fill = new Uint32Array(n);
  for (let k = 0; k < rows.length; k++) {
    const v = index[rows[k]];
    if (v >= 0) out[v][fill[v]++] = rows[k];
  }
  return out;
}

function overTime(
  f: Frame,
  byName: ReadonlyMap<string, TypedColumn>,
  cols: OperationsColumns,
  options: OperationsOptions,
  edges: number[] | null,
  version: { readonly col: TypedColumn; readonly versions: readonly string[] } | null,
): OverTime | null {
  const asked = options.chunk;
  const spec = asked ?? automaticChunk(cols.timestamp, f.ts, f.rows);
  if (!spec) return null;
  const ts = spec.by === 'period' ? numeric(byName.get(spec.timestamp) ?? null) : undefined;
  const { chunks, withoutTimestamp } = chunkBySpec(spec, f.rows, ts ?? undefined);
  const score = numeric(f.score);
  const perHour = (c: (typeof chunks)[number], rows: Uint32Array) => (spec.by === 'period' ? rows.length / ((c.end - c.start) / HOUR_MS) : f.ts ? rowsPerHour(f.ts, rows) : null);
  const out: ChunkFigures[] = chunks.map((c) => ({
    key: c.key,
    label: c.label,
    ...sliceFigures(f, c.rows),
    rows_per_hour: perHour(c, c.rows),
    score_counts: score && edges ? scoreCounts(score, edges, c.rows) : null,
  }));
  let series: VersionSeries[] | null = null;
  if (version) {
    const index = versionIndex(version.col, version.versions);
    const split = chunks.map((c) => splitRows(c.rows, index, version.versions.length));
    series = version.versions.map((v, i) => ({ version: v, chunks: chunks.map((c, k) => ({ ...sliceFigures(f, split[k][i]), rows_per_hour: perHour(c, split[k][i]) })) }));
  }
  return { chunk: spec, automatic: !asked, chunks: out, rows_without_timestamp: withoutTimestamp, by_version: series };
}

function columnMap(columns: readonly TypedColumn[]): Map<string, TypedColumn> {
  return new Map(columns.map((c) => [c.name, c]));
}

function lengthOf(columns: readonly TypedColumn[]): number {
  const c = columns[0];
  return c ? (c.kind === 'numeric' ? c.values.length : c.codes.length) : 0;
}

export interface OperationsInput {
  /** At least one column, so the rows are counted even when no role was found. */
  readonly columns: readonly TypedColumn[];
  readonly reference?: { readonly columns: readonly TypedColumn[]; readonly names: OperationsColumns };
}

export function analyzeOperations(input: OperationsInput, cols: OperationsColumns, options: OperationsOptions): OperationsResult {
  const byName = columnMap(input.columns);
  const rows = lengthOf(input.columns);
  const f = frameOf(byName, cols, options, rows);
  const bins = options.bins ?? DEFAULT_BINS;
  const preds = predictionSummary(f.score, cols.prediction ? (byName.get(cols.prediction) ?? null) : null, f.decisions, bins);
  const { edges, ...predictions } = preds;
  const overall = sliceFigures(f);
  const errs = f.errors ? countErrors(f.errors.flags) : null;
  const version = cols.version ? byName.get(cols.version) : undefined;
  const notes: string[] = [];
  if (!cols.latency) notes.push('No latency column was found: latency figures are absent. Choose the latency column.');
  if (!cols.timestamp) notes.push('No timestamp column was found: throughput and volume by hour are absent, and chunks are cut by row count. Choose the timestamp column.');
  if (!cols.status) notes.push('No status or error column was found: the error rate is absent. Choose the status column.');
  if (!f.decisions) notes.push('No score or prediction column was found: the prediction analysis is absent. Choose the score or prediction column.');

  let reference: Baseline | null = null;
  if (input.reference) {
    const rb = columnMap(input.reference.columns);
    const rrows = lengthOf(input.reference.columns);
    const rf = frameOf(rb, input.reference.names, options, rrows);
    reference = { ...sliceFigures(rf), rows_per_hour: rf.ts ? rowsPerHour(rf.ts) : null };
  }

  const versions = version ? byVersion(version, f) : null;
  const series = version && versions ? { col: version, versions: versions.slice(0, MAX_SERIES_VERSIONS).map((v) => v.version) } : null;

  return {
    rows,
    columns: cols,
    threshold: options.threshold ?? DEFAULT_THRESHOLD,
    latency: overall.latency,
    throughput: f.ts ? throughput(f.ts) : null,
    error_rate: overall.error_rate,
    errors: errs && f.errors ? { known: errs.known, errors: errs.errors, error_rate: errs.known ? errs.errors / errs.known : null, rule: f.errors.rule } : null,
    by_version: versions,
    predictions,
    over_time: overTime(f, byName, cols, options, edges, series),
    volume_by_hour: f.ts ? volumeByHour(f.ts) : null,
    volume_by_weekday: f.ts ? volumeByWeekday(f.ts) : null,
    reference,
    reference_rows: input.reference ? reference!.rows : null,
    notes,
  };
}
