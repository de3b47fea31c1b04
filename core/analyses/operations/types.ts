/**
 * The operations analysis (issue #14, operational views): system health (latency percentiles,
 * throughput, error rate, per model version) and prediction analysis (score histogram, prediction
 * distribution, predicted-positive rate, volume by hour and weekday) from one prediction log,
 * over time chunks, with an optional reference dataset as the baseline.
 */
import type { ChunkSpec } from '../shared/chunks';

export interface OperationsOptions {
  /** Timestamp column (epoch ms); default: the column with the timestamp role. */
  readonly timestamp?: string;
  /** Latency in milliseconds; default: a numeric column named like latency/duration/response time. */
  readonly latency?: string;
  /** Status or error column; default: one named like status/error/http_code. */
  readonly status?: string;
  /**
   * Which status values are errors. Default: for a 0/1 column, 1 (0 when named like success/ok);
   * for other numbers (HTTP codes) ≥ 500; for text, values containing error/fail/timeout/exception or a 5xx code.
   */
  readonly errorValues?: readonly (string | number)[];
  /** Model version column; default: the column with the variant role, else one named like model_version/version. */
  readonly version?: string;
  /** Score column; default: the column with the score role. */
  readonly score?: string;
  /** Predicted positive when score ≥ threshold (default 0.5). */
  readonly threshold?: number;
  /** Prediction column; default: the column with the prediction role. Positive = 1 (or "1", "true", "yes", "positive"). */
  readonly prediction?: string;
  /** Over-time cut; default by the timestamp: day (span ≤ 60 days), week (≤ 2 years), month; without one, 10 row chunks. */
  readonly chunk?: ChunkSpec;
  /** Score histogram bins (default 20). */
  readonly bins?: number;
}

/** The columns the analysis read, after defaults: null where none was chosen or found. */
export interface OperationsColumns {
  readonly timestamp: string | null;
  readonly latency: string | null;
  readonly status: string | null;
  readonly version: string | null;
  readonly score: string | null;
  readonly prediction: string | null;
}

/** numpy.percentile(x, q) with the default 'linear' method, over the finite values; null without any. */
export interface LatencySummary {
  readonly count: number;
  readonly missing: number;
  readonly mean: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

export interface Throughput {
  /** Rows with a timestamp, over (last − first) timestamp; null when the span is zero. */
  readonly rows_per_hour: number | null;
  readonly rows_per_day: number | null;
  readonly first: string | null;
  readonly last: string | null;
  readonly span_hours: number | null;
}

export interface ErrorRate {
  /** Rows with a status value. */
  readonly known: number;
  readonly errors: number;
  /** errors / known; null when no row has a status. */
  readonly error_rate: number | null;
  /** In words: "status ≥ 500", "status in {error, timeout}". */
  readonly rule: string;
}

export interface Histogram {
  /** numpy.histogram edges: bins + 1 values, the last bin closed. */
  readonly edges: number[];
  readonly counts: number[];
}

export interface ValueCount {
  readonly value: string;
  readonly count: number;
  readonly share: number;
}

export interface PredictionSummary {
  /** Score statistics and histogram; null without a score column. */
  readonly score: { readonly count: number; readonly missing: number; readonly mean: number | null; readonly histogram: Histogram } | null;
  /** Counts per predicted value (at most 20, the rest summed as "(other)"); null without a prediction column. */
  readonly prediction_distribution: ValueCount[] | null;
  /** Share predicted positive among rows with a decision (score ≥ threshold, else prediction positive); null without one. */
  readonly predicted_positive_rate: number | null;
  /** What "positive" was: "score ≥ 0.5" or "prediction = 1". */
  readonly positive_rule: string | null;
}

/** Figures of one slice of rows (a chunk, a version, a whole dataset). */
export interface SliceFigures {
  readonly rows: number;
  readonly latency: LatencySummary | null;
  readonly error_rate: number | null;
  readonly errors: number | null;
  readonly predicted_positive_rate: number | null;
  readonly mean_score: number | null;
}

export interface VersionFigures extends SliceFigures {
  readonly version: string;
  readonly share: number;
}

export interface ChunkFigures extends SliceFigures {
  readonly key: string;
  readonly label: string;
  /** Rows over the chunk's length in hours (a calendar period's, or its timestamps' span for row chunks). */
  readonly rows_per_hour: number | null;
  /** Counts per score bin (the overall histogram's edges); null without a score. */
  readonly score_counts: number[] | null;
}

/** One model version's figures in one chunk. */
export interface VersionChunkFigures extends SliceFigures {
  /** As the chunk's rows_per_hour, counting this version's rows only. */
  readonly rows_per_hour: number | null;
}

/** One model version over time: `chunks[i]` is that version's share of `over_time.chunks[i]`. */
export interface VersionSeries {
  readonly version: string;
  readonly chunks: VersionChunkFigures[];
}

export interface OverTime {
  readonly chunk: ChunkSpec;
  /** True when the cut was chosen by the analysis, not asked for. */
  readonly automatic: boolean;
  readonly chunks: ChunkFigures[];
  readonly rows_without_timestamp: number;
  /**
   * Per model version (the largest first, at most 8 — a chart of more lines reads as none), each
   * version's figures in every chunk; null without a version column.
   */
  readonly by_version: VersionSeries[] | null;
}

/** The reference dataset's overall figures, as the baseline. */
export interface Baseline extends SliceFigures {
  readonly rows_per_hour: number | null;
}

export interface OperationsResult {
  readonly rows: number;
  readonly columns: OperationsColumns;
  readonly threshold: number;
  readonly latency: LatencySummary | null;
  readonly throughput: Throughput | null;
  /** errors / rows with a status, overall; null without a status column. */
  readonly error_rate: number | null;
  readonly errors: ErrorRate | null;
  readonly by_version: VersionFigures[] | null;
  readonly predictions: PredictionSummary;
  readonly over_time: OverTime | null;
  /** Rows per UTC hour of day, 0–23; null without a timestamp. */
  readonly volume_by_hour: number[] | null;
  /** Rows per UTC day of week, Monday first (pandas dayofweek); null without a timestamp. */
  readonly volume_by_weekday: number[] | null;
  readonly reference: Baseline | null;
  readonly reference_rows: number | null;
  readonly notes: string[];
}
