/**
 * Model performance: typed columns + options in, one JSON-serialisable result out. Field names
 * are snake_case and metric keys are sklearn's names, because `performance --json` prints them
 * verbatim (the customer checks them). Every number is finite or null; a null metric has its
 * reason in `undefined_metrics`.
 */
import type { ColumnRole, TypedColumn } from '../../data/column';
import type { Chunk } from '../shared/chunks';
import type { Normalize } from '../../stats/confusion';

export type PerformanceTask = 'binary' | 'multiclass' | 'regression';
export const PERFORMANCE_TASKS: readonly PerformanceTask[] = ['binary', 'multiclass', 'regression'];

export interface DegradationOptions {
  /** Flag a metric whose value falls below baseline·(1 − relativeDrop) (errors: rises above ·(1 + …)). Default 0.05. */
  readonly relativeDrop?: number;
  /** A least-squares slope over the last N chunks that worsens every metric by > relativeDrop over the window. Default 4. */
  readonly trendChunks?: number;
  /** Metrics to watch; default the task's headline metrics. */
  readonly metrics?: readonly string[];
}

export interface PerformanceOptions {
  readonly task?: PerformanceTask;
  readonly label?: string;
  readonly score?: string;
  readonly prediction?: string;
  /** Multiclass: class value → column of its score (one-vs-rest ROC AUC). */
  readonly classScores?: Readonly<Record<string, string>>;
  /** Binary: the positive class as text (numeric labels: its number). Default: the larger class. */
  readonly positiveLabel?: string;
  /** Positive when score ≥ threshold. Default 0.5. */
  readonly threshold?: number;
  /** F-beta's β. Default 1. */
  readonly beta?: number;
  readonly costFp?: number;
  readonly costFn?: number;
  readonly calibrationBins?: number;
  readonly calibrationStrategy?: 'uniform' | 'quantile';
  readonly histogramBins?: number;
  /** Grid size of the threshold slider's table. Default 2001. */
  readonly thresholdGrid?: number;
  /** Curves with more points are thinned for display (metrics always use the full curve). Default 5000. */
  readonly maxCurvePoints?: number;
  /** Categorical columns to break the metrics down by. */
  readonly segmentBy?: readonly string[];
  readonly degradation?: DegradationOptions;
}

export interface PerformanceInput {
  /** The analysed (current) dataset's columns. */
  readonly columns: readonly TypedColumn[];
  readonly roles?: Readonly<Record<string, ColumnRole>>;
  /** The reference dataset (baseline, band); same column names. */
  readonly reference?: readonly TypedColumn[];
  /** Chunks of the current rows (the engine cuts them: chunkByPeriod / chunkByCount). */
  readonly chunks?: readonly Chunk[];
  /** Chunks of the reference rows, for the band. */
  readonly referenceChunks?: readonly Chunk[];
  /** A pinned earlier result's metrics as the baseline instead of the reference. */
  readonly baseline?: Readonly<Record<string, number | null>>;
}

export type Metrics = Record<string, number | null>;

export interface ConfusionResult {
  /** Class names as text, sorted as sklearn's unique_labels. */
  readonly labels: string[];
  /** rows = actual, columns = predicted. */
  readonly matrix: number[][];
  readonly normalized: Readonly<Record<Normalize, number[][]>>;
}

export interface CurvePoints {
  readonly x: number[];
  readonly y: number[];
  readonly thresholds: number[];
  /** true when more than maxCurvePoints points were evenly thinned (endpoints kept). */
  readonly thinned: boolean;
}

export interface CalibrationResult {
  readonly strategy: 'uniform' | 'quantile';
  readonly n_bins: number;
  readonly edges: number[];
  /** Non-empty bins only, as calibration_curve. */
  readonly prob_true: number[];
  readonly prob_pred: number[];
  readonly counts: number[];
  readonly ece: number;
}

export interface Histogram {
  readonly edges: number[];
  readonly counts: number[];
}

export interface OptimalThreshold {
  readonly threshold: number;
  readonly value: number;
  readonly tp: number;
  readonly fp: number;
}

/** The slider's table: exact counts of scores ≥ each listed threshold (see thresholds.ts). */
export interface ThresholdTable {
  /** Descending. */
  readonly thresholds: number[];
  readonly tp: number[];
  readonly fp: number[];
  readonly positives: number;
  readonly negatives: number;
  /** true when every distinct score is listed (then every threshold is exact). */
  readonly complete: boolean;
  readonly beta: number;
  readonly cost_fp: number;
  readonly cost_fn: number;
}

export interface BinaryDetails {
  readonly positive_label: string;
  readonly negative_label: string;
  readonly roc: CurvePoints | null;
  readonly pr: CurvePoints | null;
  readonly calibration: CalibrationResult | null;
  readonly score_histograms: { readonly negative: Histogram; readonly positive: Histogram } | null;
  readonly optimal: {
    readonly f1: OptimalThreshold | null;
    readonly youden: OptimalThreshold | null;
    readonly cost: OptimalThreshold | null;
  } | null;
  readonly table: ThresholdTable | null;
}

export interface PerClass {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
  readonly roc_auc: number | null;
}

export interface RegressionDetails {
  /** error = prediction − label, at ≤ 2,000 evenly spaced rows. */
  readonly residuals: { readonly prediction: number[]; readonly error: number[]; readonly sampled: boolean };
  readonly error_histogram: Histogram;
}

export interface ChunkMetrics {
  readonly key: string;
  readonly label: string;
  readonly start: number;
  readonly end: number;
  readonly rows: number;
  readonly labelled: number;
  readonly metrics: Metrics;
}

export interface Band {
  readonly mean: number;
  readonly std: number;
  readonly lower: number;
  readonly upper: number;
  readonly reference_chunks: number;
}

export interface OverTime {
  readonly chunks: ChunkMetrics[];
  /** Per metric, mean ± 3σ of the reference chunks' values (null when < 2 reference chunks). */
  readonly band: Record<string, Band | null>;
}

export interface SegmentRow {
  readonly value: string | null;
  readonly rows: number;
  readonly labelled: number;
  readonly metrics: Metrics;
}

export interface SegmentTable {
  readonly column: string;
  /** The metric the rows are sorted by, worst first. */
  readonly sort_metric: string;
  readonly rows: SegmentRow[];
}

export interface DegradationFlag {
  readonly metric: string;
  readonly kind: 'drop' | 'trend';
  readonly baseline: number | null;
  readonly value: number;
  /** Relative change in the bad direction (0.08 = 8% worse). */
  readonly relative: number;
  /** Trend: slope per chunk. */
  readonly slope: number | null;
  /** Label of the first chunk of the breach (or of the trend window); null for the whole dataset. */
  readonly since: string | null;
}

export interface Degradation {
  readonly baseline: 'reference' | 'pinned' | null;
  readonly relative_drop: number;
  readonly trend_chunks: number;
  readonly flags: DegradationFlag[];
}

export interface PerformanceResult {
  readonly task: PerformanceTask;
  readonly columns: { readonly label: string; readonly score: string | null; readonly prediction: string | null; readonly class_scores: Record<string, string> | null };
  readonly rows: number;
  readonly labelled: number;
  /** Labelled rows without a usable score/prediction: left out and counted. */
  readonly missing_prediction: number;
  /** Rows the metrics are computed on. */
  readonly evaluated: number;
  readonly threshold: number | null;
  readonly metrics: Metrics;
  readonly undefined_metrics: Record<string, string>;
  readonly confusion: ConfusionResult | null;
  readonly binary: BinaryDetails | null;
  readonly per_class: PerClass[] | null;
  readonly regression: RegressionDetails | null;
  readonly reference: { readonly rows: number; readonly labelled: number; readonly metrics: Metrics } | null;
  readonly over_time: OverTime | null;
  readonly segments: SegmentTable[];
  readonly degradation: Degradation | null;
  readonly notes: string[];
}
