/**
 * Fairness audit (issue #12): per-group confusion counts and rates (Aequitas Group()), disparities
 * against a reference group (Bias()), parity at τ (Fairness()), Fairlearn's summary numbers,
 * intervals and disparities over time. Everything here is JSON: no NaN or Infinity, a null with
 * a reason instead.
 */
import type { TypedColumn } from '../../data/column';
import type { ChunkSpec } from '../drift/types';
import type { RateName } from './rates';

/** How the decision is read: a score at a threshold (positive when score ≥ threshold) or a 0/1 column. */
export type DecisionSpec =
  | { readonly kind: 'score'; readonly column: string; readonly threshold: number }
  /** Positive when the value equals `positive` (default 1, or "1" for a text column). */
  | { readonly kind: 'prediction'; readonly column: string; readonly positive?: number | string };

/** Aequitas's ways to pick a reference group when the user names none. */
export type ReferenceMethod = 'majority' | 'min_metric';

export interface FairnessOptions {
  readonly label: string;
  /** The label value meaning "positive" (default 1, or "1" for a text column). */
  readonly positiveLabel?: number | string;
  readonly decision: DecisionSpec;
  /** Attribute columns, each audited on its own. */
  readonly attributes: readonly string[];
  /** Intersections, each a list of two or more attribute columns (`[["race", "sex"]]`). */
  readonly intersections?: readonly (readonly string[])[];
  /** Reference group per attribute label (`race`, or `race × sex` with value `A × B`). */
  readonly referenceGroups?: Readonly<Record<string, string>>;
  /** For attributes without a chosen reference group; default `majority`. */
  readonly referenceMethod?: ReferenceMethod;
  /** Parity when the disparity lies in [τ, 1/τ]; default 0.8. */
  readonly tau?: number;
  /** Groups smaller than this are flagged too small to judge; default 30. */
  readonly minGroupSize?: number;
  /** A rate whose denominator is below this is flagged too small to judge; default 10. */
  readonly minDenominator?: number;
  /** At most this many groups per attribute; the rest are pooled as "(other)". Default 50. */
  readonly maxGroups?: number;
  /** Confidence level of Wilson and bootstrap intervals; default 0.95. */
  readonly confidence?: number;
  /** Bootstrap resamples (0 = none; default 1,000) and seed (default 1). */
  readonly bootstrap?: { readonly resamples?: number; readonly seed?: number };
  /** Disparities per chunk of time or rows. */
  readonly overTime?: { readonly chunk: ChunkSpec };
}

export interface FairnessInput {
  /** Every column the options name (label, decision, attributes, timestamp), equal lengths. */
  readonly columns: readonly TypedColumn[];
}

export interface FairnessProgress {
  /** Called now and then with the share of the work done, 0..1. */
  readonly onProgress?: (done: number, stage: string) => void;
  /** Checked between bootstrap resamples; true stops the analysis with an error. */
  readonly isCancelled?: () => boolean;
}

/** Rates that get a `<rate>_disparity` (every rate except the base rate `prev` and accuracy). */
export const DISPARITY_RATES = ['tpr', 'tnr', 'fpr', 'fnr', 'fdr', 'for', 'npv', 'precision', 'ppr', 'pprev'] as const satisfies readonly RateName[];
export type DisparityRate = (typeof DISPARITY_RATES)[number];

/** Aequitas's column name of each rate's parity test. */
export const PARITY_NAMES: Record<DisparityRate, string> = {
  tpr: 'TPR Parity',
  tnr: 'TNR Parity',
  fpr: 'FPR Parity',
  fnr: 'FNR Parity',
  fdr: 'FDR Parity',
  for: 'FOR Parity',
  npv: 'NPV Parity',
  precision: 'Precision Parity',
  ppr: 'Statistical Parity',
  pprev: 'Impact Parity',
};

/** Aequitas's roll-ups: each the conjunction (three-valued: false wins, then unknown) of its parts. */
export const ROLLUPS: readonly { readonly name: string; readonly of: readonly string[] }[] = [
  { name: 'TypeI Parity', of: ['FPR Parity', 'FDR Parity'] },
  { name: 'TypeII Parity', of: ['FNR Parity', 'FOR Parity'] },
  { name: 'Equalized Odds', of: ['FPR Parity', 'TPR Parity'] },
  { name: 'Unsupervised Fairness', of: ['Statistical Parity', 'Impact Parity'] },
  { name: 'Supervised Fairness', of: ['TypeI Parity', 'TypeII Parity'] },
];

/** true = parity, false = disparity outside [τ, 1/τ], null = the disparity is undefined. */
export type Verdict = boolean | null;

export interface Interval {
  readonly low: number;
  readonly high: number;
}

export interface BootstrapInterval extends Interval {
  /** Resamples in which the statistic was defined (the percentiles are over these). */
  readonly valid: number;
}

export type DisparityField = `${DisparityRate}_disparity`;

/** One row of the group table: the fields below, each rate by name and each `<rate>_disparity`. */
export type GroupResult = GroupFields & Readonly<Record<RateName, number | null>> & Readonly<Record<DisparityField, number | null>>;

export interface GroupFields {
  /** The attribute column, or the intersection's columns joined by " × ". */
  readonly attribute: string;
  /** The group's value, or the intersection's values joined by " × " (see `values`). */
  readonly group: string;
  /** The value of each attribute column, for intersections (one entry for a single attribute). */
  readonly values: readonly string[];
  /** True for the "(other)" group that pools the smallest groups of an attribute with too many. */
  readonly pooled: boolean;
  /** Rows with a label and a decision: the base of every rate (Aequitas's group_size). */
  readonly size: number;
  readonly group_label_pos: number;
  readonly group_label_neg: number;
  readonly pp: number;
  readonly pn: number;
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  /** Rows of this group left out because the label (or the decision) was missing. */
  readonly missing_label: number;
  readonly missing_decision: number;
  /** Why a rate is null. */
  readonly undefined_rates: Readonly<Partial<Record<RateName, string>>>;
  /** Wilson score interval of each defined rate. */
  readonly rate_intervals: Readonly<Partial<Record<RateName, Interval>>>;
  /** The reference group each disparity divides by (one per rate under `min_metric`). */
  readonly reference_groups: Readonly<Record<DisparityRate, string | null>>;
  readonly undefined_disparities: Readonly<Partial<Record<DisparityRate, string>>>;
  /** Bootstrap percentile interval of each disparity (null without bootstrap or when never defined). */
  readonly disparity_intervals: Readonly<Partial<Record<DisparityRate, BootstrapInterval>>>;
  /** Aequitas's parity columns and roll-ups ("FPR Parity", …, "Supervised Fairness"). */
  readonly parity: Readonly<Record<string, Verdict>>;
  readonly flags: {
    /** Group under the minimum size: its verdicts are shown but not counted as failures. */
    readonly too_small: boolean;
    /** Rates whose denominator is under the minimum: their verdicts are not counted either. */
    readonly small_denominator: readonly DisparityRate[];
    readonly is_reference: boolean;
  };
}

export interface AttributeResult {
  readonly attribute: string;
  readonly columns: readonly string[];
  readonly reference_method: 'chosen' | ReferenceMethod;
  /** The reference group (majority or chosen); per rate under `min_metric`. */
  readonly reference_group: string | null;
  readonly groups: number;
  /** Rows whose attribute value (any part of an intersection) was missing. */
  readonly missing_attribute: number;
  /** Groups pooled into "(other)" when there were more than `maxGroups`. */
  readonly pooled: { readonly groups: number; readonly rows: number } | null;
  /** Per parity name: groups judged (big enough) that pass / fail, and too-small groups that would fail. */
  readonly verdicts: Readonly<Record<string, { readonly pass: number; readonly fail: number; readonly undefined: number; readonly too_small_fail: number }>>;
  /** Aequitas's attribute-level roll-up over judged groups: false if any judged group fails. */
  readonly parity: Readonly<Record<string, Verdict>>;
  readonly too_small_groups: readonly string[];
  readonly notes: readonly string[];
}

/** Fairlearn's between-groups summaries for one attribute (or intersection). */
export interface FairnessSummary {
  readonly attribute: string;
  readonly demographic_parity_difference: number | null;
  readonly demographic_parity_ratio: number | null;
  readonly equalized_odds_difference: number | null;
  readonly equalized_odds_ratio: number | null;
  readonly equal_opportunity_difference: number | null;
  readonly equal_opportunity_ratio: number | null;
  /** Why a summary is null. */
  readonly undefined: Readonly<Record<string, string>>;
  /** Bootstrap percentile intervals of each summary. */
  readonly intervals: Readonly<Record<string, BootstrapInterval>>;
  /** Groups left out of a summary because its rate is undefined for them. */
  readonly notes: readonly string[];
}

export interface OverTimeGroupPoint {
  readonly attribute: string;
  readonly group: string;
  readonly size: number;
  readonly too_small: boolean;
  readonly disparities: Readonly<Record<DisparityRate, number | null>>;
}

export interface FairnessOverTimePoint {
  readonly key: string;
  readonly label: string;
  readonly start: number;
  readonly end: number;
  readonly rows: number;
  readonly groups: readonly OverTimeGroupPoint[];
  readonly summary: readonly FairnessSummary[];
}

export interface FairnessOverTime {
  readonly chunk: ChunkSpec;
  readonly unit: 'ms' | 'row';
  readonly rows_without_timestamp: number;
  readonly points: readonly FairnessOverTimePoint[];
}

export interface FairnessResult {
  readonly label: { readonly column: string; readonly positive: number | string };
  readonly decision: DecisionSpec;
  readonly tau: number;
  readonly min_group_size: number;
  readonly min_denominator: number;
  readonly confidence: number;
  readonly rows: { readonly total: number; readonly used_any: number; readonly missing_label: number; readonly missing_decision: number };
  readonly attributes: readonly AttributeResult[];
  readonly groups: readonly GroupResult[];
  readonly summary: readonly FairnessSummary[];
  readonly bootstrap: { readonly resamples: number; readonly seed: number; readonly scheme: string } | null;
  readonly over_time: FairnessOverTime | null;
  readonly notes: readonly string[];
  /** How the numbers were made, for the report's methods text. */
  readonly methods: string;
}
