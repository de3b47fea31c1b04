/**
 * A per-column summary of one dataset, as pandas' `describe` (plus `value_counts` and
 * `numpy.histogram`) gives it. Plain JSON: statistics that do not exist (the mean of no values, the
 * standard deviation of one) are null, never NaN.
 */
import type { ColumnRole, ColumnType } from '../../data/column';

/** numpy.histogram(values, bins=10): equal-width bins from min to max, the last one closed. */
export interface Histogram {
  /** 11 edges; for a constant column min − 0.5 … max + 0.5, as numpy; [] for an empty one. */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

interface SummaryBase {
  readonly name: string;
  readonly type: ColumnType;
  readonly role: ColumnRole;
  /** Values present (pandas `count`). */
  readonly count: number;
  readonly missing: number;
  /** Distinct values present (pandas `nunique`). */
  readonly distinct: number;
}

export interface NumericSummary extends SummaryBase {
  readonly kind: 'numeric';
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  /** Sample standard deviation (ddof = 1, as pandas); null for fewer than two values. */
  readonly std: number | null;
  /** numpy.quantile, method "linear", at SUMMARY_QUANTILES. */
  readonly quantiles: readonly { readonly q: number; readonly value: number | null }[];
  readonly histogram: Histogram;
}

export interface CategoricalSummary extends SummaryBase {
  readonly kind: 'categorical';
  /** The most frequent values (count descending, then value), share = count / values present. */
  readonly top: readonly { readonly value: string; readonly count: number; readonly share: number }[];
  /** Values present outside `top`. */
  readonly otherCount: number;
}

export type ColumnSummary = NumericSummary | CategoricalSummary;

export interface DatasetDescription {
  readonly dataset: string;
  readonly rows: number;
  readonly columns: readonly ColumnSummary[];
}

export const SUMMARY_QUANTILES: readonly number[] = [0.05, 0.25, 0.5, 0.75, 0.95];
export const HISTOGRAM_BINS = 10;
export const TOP_CATEGORIES = 10;
