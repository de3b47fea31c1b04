/**
 * Drift analysis: options in, one JSON-serialisable result out. Result field names are snake_case
 * because they are printed verbatim by `plumbline drift --json` and embedded in reports.
 * Every number in a result is finite or null — never NaN or Infinity.
 */
import type { ColumnRole, TypedColumn } from '../../data/column';

export type NumericalTest = 'ks' | 'wasserstein' | 'psi' | 'jensenshannon' | 'hellinger';
export type CategoricalTest = 'chisquare' | 'z' | 'psi' | 'jensenshannon' | 'hellinger';
export type DriftTest = NumericalTest | CategoricalTest;
export const DRIFT_TESTS: readonly DriftTest[] = ['ks', 'wasserstein', 'psi', 'jensenshannon', 'hellinger', 'chisquare', 'z'];

/** p-value tests flag drift when p < threshold; distance tests when statistic ≥ threshold. */
export const P_VALUE_TESTS: ReadonlySet<DriftTest> = new Set<DriftTest>(['ks', 'chisquare', 'z']);

export const DEFAULT_THRESHOLDS: Readonly<Record<DriftTest, number>> = {
  ks: 0.05,
  chisquare: 0.05,
  z: 0.05,
  wasserstein: 0.1,
  jensenshannon: 0.1,
  psi: 0.1,
  hellinger: 0.1,
};

export type ColumnKind = 'numerical' | 'categorical';

export interface TestChoice {
  readonly test?: DriftTest;
  readonly threshold?: number;
}

export type { ChunkPeriod, ChunkSpec } from '../shared/chunks';
import type { ChunkSpec } from '../shared/chunks';

export interface OverTimeOptions {
  readonly chunk: ChunkSpec;
  /**
   * 'fixed': the column's threshold, as in the whole-dataset test.
   * 'reference_chunks': NannyML-style band — the reference is chunked the same way, each reference
   * chunk is tested against the whole reference, and a chunk drifts when its statistic leaves
   * mean ± 3σ of those reference statistics.
   */
  readonly thresholds?: 'fixed' | 'reference_chunks';
  /**
   * Per-season reference (default 'off'): each current chunk is compared with the reference rows
   * of the same calendar period — the same months of the year ('month') or days of the week
   * ('weekday') as the chunk's rows — and, with 'reference_chunks', its band comes from the
   * reference chunks lying wholly in those periods. For a column that varies with the season,
   * so that a weekly chunk in July is judged against last July, not against the whole year.
   */
  readonly seasonalReference?: SeasonalReference;
}

/** Which calendar period a per-season reference matches on ('off': the whole reference). */
export type SeasonalReference = 'month' | 'weekday' | 'off';
export const SEASONAL_REFERENCES: readonly SeasonalReference[] = ['month', 'weekday', 'off'];

export interface DriftOptions {
  /** One test (and optionally threshold) for every column; per-column choices win over it. */
  readonly test?: DriftTest;
  readonly threshold?: number;
  readonly perColumn?: Readonly<Record<string, TestChoice>>;
  /** Columns to analyse. Default: every column present in both datasets whose role is not id, timestamp or ignore. */
  readonly columns?: readonly string[];
  /** Dataset drift when share of drifted columns ≥ this (default 0.5). */
  readonly driftShareThreshold?: number;
  /** A numeric column with at most this many distinct values (both datasets) is categorical (default 5). */
  readonly categoricalMaxDistinct?: number;
  /** Reference at or below this many non-missing values gets the p-value tests by default (default 1000). */
  readonly smallReferenceRows?: number;
  /** Type violations found on import, passed through to the quality table. */
  readonly typeViolations?: Readonly<Record<string, { readonly reference?: number; readonly current?: number }>>;
  readonly overTime?: OverTimeOptions;
}

export interface DriftInput {
  readonly reference: readonly TypedColumn[];
  readonly current: readonly TypedColumn[];
  readonly roles?: Readonly<Record<string, ColumnRole>>;
}

/** Quantiles 0, .05, .25, .5, .75, .95, 1 of the non-missing values. */
export interface QuantileTable {
  readonly q: number[];
  readonly values: number[];
}

/** ECDF-ready points: `values[i]` is the `p[i]` quantile (at most 200 points). */
export interface QuantilePoints {
  readonly p: number[];
  readonly values: number[];
}

export interface DriftDistribution {
  /** Numerical: the decile edges (bins between consecutive interior edges, outer bins open). */
  readonly edges: number[] | null;
  /** Categorical: one label per bin. Numerical: human-readable bin labels. */
  readonly labels: string[];
  readonly reference_counts: number[];
  readonly current_counts: number[];
  readonly reference_shares: number[];
  readonly current_shares: number[];
  readonly reference_quantiles: QuantileTable | null;
  readonly current_quantiles: QuantileTable | null;
  readonly reference_ecdf: QuantilePoints | null;
  readonly current_ecdf: QuantilePoints | null;
  /** Numerical: where the ECDFs are furthest apart (the KS distance), exact, for charts to mark. */
  readonly ks_gap: KsGapPoint | null;
}

export interface KsGapPoint {
  readonly x: number;
  /** Reference and current ECDF just after x. */
  readonly reference: number;
  readonly current: number;
  readonly distance: number;
}

export interface DriftColumnResult {
  readonly column: string;
  readonly role: ColumnRole | null;
  readonly kind: ColumnKind;
  readonly test: DriftTest | null;
  readonly statistic: number | null;
  /** Only for ks, chisquare and z. */
  readonly p_value: number | null;
  readonly threshold: number | null;
  readonly drifted: boolean;
  /** Wasserstein distance in the column's units (statistic is it divided by max(std_ref, 0.001)). */
  readonly raw_distance: number | null;
  /** 'exact' or 'asymp' for ks, null otherwise. */
  readonly method: string | null;
  readonly missing_reference: number;
  readonly missing_current: number;
  /** Non-missing values tested. */
  readonly n_reference: number;
  readonly n_current: number;
  /** Why this test was used, in plain words. */
  readonly reason: string;
  /** Set when the column could not be tested (then statistic is null and drifted false). */
  readonly error: string | null;
  readonly note: string | null;
  readonly distribution: DriftDistribution | null;
}

export interface NewCategory {
  readonly value: string;
  readonly count: number;
}

export interface ColumnQuality {
  readonly column: string;
  readonly kind: ColumnKind;
  readonly rows_reference: number;
  readonly rows_current: number;
  readonly missing_share_reference: number | null;
  readonly missing_share_current: number | null;
  /** Numeric only: share of current non-missing values outside [min, max] of the reference. */
  readonly out_of_range_share_current: number | null;
  readonly reference_min: number | null;
  readonly reference_max: number | null;
  /** Categories present in current but absent from reference, most frequent first. */
  readonly new_categories: NewCategory[];
  readonly type_violations_reference: number;
  readonly type_violations_current: number;
  /** At most one distinct non-missing value (an all-missing column is constant too). */
  readonly constant_reference: boolean;
  readonly constant_current: boolean;
}

export interface OverTimePoint {
  readonly key: string;
  readonly label: string;
  /** Epoch ms (period chunks) or row index (count chunks); end is exclusive. */
  readonly start: number;
  readonly end: number;
  readonly rows: number;
  readonly statistic: number | null;
  readonly p_value: number | null;
  readonly drifted: boolean;
  /** With a per-season reference: the periods matched ("Jan, Feb"; "Mon") and the reference rows in them. */
  readonly reference_period?: string;
  readonly reference_rows?: number;
  /** With a per-season reference and reference-chunk bands: this chunk's band (null: fixed threshold used). */
  readonly band?: OverTimeBand | null;
}

/**
 * Evidence that a column varies with the season in the reference itself: the reference, chunked
 * the same way, tested chunk by chunk against the whole reference by the column's fixed rule.
 */
export interface Seasonality {
  readonly reference_chunks: number;
  /** Reference chunks that drift against the whole reference. */
  readonly drifted: number;
}

export interface OverTimeBand {
  readonly mean: number;
  readonly std: number;
  readonly lower: number;
  readonly upper: number;
  readonly reference_chunks: number;
}

export interface OverTimeSeries {
  readonly column: string;
  readonly role: ColumnRole | null;
  readonly kind: ColumnKind;
  readonly test: DriftTest | null;
  readonly threshold: number | null;
  /** Present when thresholds = 'reference_chunks' and the reference gave at least two chunks. */
  readonly band: OverTimeBand | null;
  readonly note: string | null;
  readonly points: OverTimePoint[];
  /** True when most reference chunks drift against the whole reference (see `seasonality`). */
  readonly seasonal: boolean;
  /** Null when fewer than two reference chunks could be tested. */
  readonly seasonality: Seasonality | null;
}

export interface OverTimeResult {
  readonly chunk: ChunkSpec;
  readonly unit: 'ms' | 'row';
  readonly thresholds: 'fixed' | 'reference_chunks';
  /** Present only when a per-season reference was asked for (absent = the whole reference). */
  readonly seasonal_reference?: 'month' | 'weekday';
  /** Current rows left out because their timestamp is missing. */
  readonly rows_without_timestamp: number;
  readonly series: OverTimeSeries[];
}

export interface DriftResult {
  readonly n_reference_rows: number;
  readonly n_current_rows: number;
  readonly columns: DriftColumnResult[];
  readonly n_tested: number;
  readonly n_drifted: number;
  /** Drifted columns / tested columns (columns with an error are not counted); 0 when none tested. */
  readonly share_drifted: number;
  readonly drift_share_threshold: number;
  readonly dataset_drift: boolean;
  readonly quality: ColumnQuality[];
  readonly over_time?: OverTimeResult;
  /** Present when the result may mislead, e.g. a dataset compared with itself. */
  readonly warnings?: readonly string[];
}
