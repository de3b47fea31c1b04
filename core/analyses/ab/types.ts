/**
 * A/B lift: the input, the parsed options and the JSON result. Field names of the result
 * (`variants`, `results` with `metric`, `variant`, `control_mean`, …, `srm`, `guardrails`,
 * `decision`) are fixed by issue #13: the CLI's `--json`, the screen and the report read them.
 * Every number in the result is finite or null; a null carries its reason in `notes`.
 */
import type { TypedColumn } from '../../data/column';

export type MetricKind = 'binomial' | 'mean' | 'ratio' | 'quantile' | 'accuracy' | 'precision' | 'recall';
export type Engine = 'frequentist' | 'bayesian';
export type Correction = 'holm' | 'bh' | 'none';
export type Decision = 'ship' | 'roll back' | 'keep running';

/** A metric after parsing (options.ts turns `latency_ms:p99` and friends into this). */
export interface MetricSpec {
  /** Display name and the key guardrails and `cuped` refer to. */
  readonly name: string;
  readonly kind: MetricKind;
  /** The value column (numerator for ratio, prediction for accuracy/precision/recall). */
  readonly column: string;
  /** Ratio: the denominator column. */
  readonly denominator?: string;
  /** Accuracy/precision/recall: the label column. */
  readonly label?: string;
  /** Precision/recall: the positive class (as text; default "1"). */
  readonly positive?: string;
  /** Quantile: in (0, 1). */
  readonly quantile?: number;
  /** Lower values are better (latency): chance to win and one-sided tests flip. */
  readonly lowerIsBetter?: boolean;
  /** Kind not given: binomial when the column holds only 0/1, else mean (decided from the data). */
  readonly auto?: boolean;
}

/** `latency_ms:p99<=+50` → treatment − control ≤ 50; `converted>=-2%` → relative lift ≥ −0.02. */
export interface GuardrailSpec {
  readonly text: string;
  readonly metric: string;
  readonly op: '<=' | '>=';
  readonly limit: number;
  readonly relative: boolean;
}

export interface AbInput {
  /** Columns by name; options name the ones to read. */
  readonly columns: Readonly<Record<string, TypedColumn>>;
}

export interface RowCounts {
  /** Rows whose variant is this one, before unit dedupe. */
  readonly rows: number;
  /** Rows (= units when a unit column is given) analysed after dedupe. */
  readonly units: number;
  /** Later exposures of a unit already seen, dropped by the dedupe. */
  readonly duplicates_dropped: number;
}

export interface VariantSummary {
  readonly name: string;
  readonly role: 'control' | 'treatment';
  readonly units: number;
  readonly counts: RowCounts;
}

export interface Interval {
  readonly low: number | null;
  readonly high: number | null;
}

export interface CupedSummary {
  readonly covariate: string;
  readonly theta: number;
  /** 1 − Var(adjusted lift)/Var(unadjusted lift), in [0, 1) unless the covariate is useless. */
  readonly variance_reduction: number | null;
}

export interface Impact {
  /** Incremental metric units per 1,000 units exposed to the treatment, with interval. */
  readonly per_1000_units: number | null;
  readonly per_1000_units_ci: Interval;
  /** Incremental metric units over the treatment's observed units. */
  readonly over_observed: number | null;
  readonly over_observed_ci: Interval;
}

export interface MetricResult {
  readonly metric: string;
  readonly kind: MetricKind;
  readonly variant: string;
  readonly segment?: string;
  readonly control_n: number;
  readonly treatment_n: number;
  readonly control_mean: number | null;
  readonly treatment_mean: number | null;
  readonly absolute_lift: number | null;
  readonly relative_lift: number | null;
  /** Interval of the relative lift (credible under Bayesian, always-valid under sequential). */
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  /** Interval of the absolute lift, same engine and level. */
  readonly absolute_ci_low: number | null;
  readonly absolute_ci_high: number | null;
  readonly p_value: number | null;
  readonly p_value_adjusted: number | null;
  /** Named test behind `p_value`. */
  readonly test: string;
  readonly statistic: number | null;
  readonly dof: number | null;
  /** Bayesian only. */
  readonly chance_to_win?: number | null;
  /** Bayesian only: expected loss (relative lift) of choosing the treatment / keeping control. */
  readonly risk?: { readonly treatment: number; readonly control: number } | null;
  /** Fixed-horizon interval kept beside the sequential one. */
  readonly fixed_ci?: Interval;
  readonly cuped?: CupedSummary;
  readonly impact?: Impact;
  /** `better`/`worse` when the interval excludes 0 (or chance to win ≥ 1 − α / ≤ α). */
  readonly verdict: 'better' | 'worse' | 'inconclusive';
  readonly notes: readonly string[];
}

export interface SrmResult {
  readonly statistic: number | null;
  readonly dof: number;
  readonly p_value: number | null;
  readonly flag: boolean;
  readonly observed: readonly number[];
  readonly expected: readonly number[];
  readonly message: string;
}

export interface GuardrailResult {
  readonly guardrail: string;
  readonly metric: string;
  readonly variant: string;
  readonly limit: number;
  readonly relative: boolean;
  readonly estimate: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  /** Passed: the whole interval respects the limit. Failed: the estimate breaks it. */
  readonly status: 'passed' | 'failed' | 'inconclusive';
  readonly passed: boolean;
  readonly message: string;
}

export interface PowerResult {
  readonly metric: string;
  readonly variant: string;
  /** Smallest relative lift detectable at the current size (two-sided α, chosen power). */
  readonly mde_relative: number | null;
  readonly target_mde_relative: number;
  /** Units per variant needed to detect `target_mde_relative`. */
  readonly n_per_variant_needed: number | null;
  readonly insufficient_sample: boolean;
  readonly message: string;
}

export interface OverTimePoint {
  /** UTC day, YYYY-MM-DD; cumulative up to and including it. */
  readonly day: string;
  readonly control_n: number;
  readonly treatment_n: number;
  readonly relative_lift: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
}

export interface OverTimeSeries {
  readonly metric: string;
  readonly variant: string;
  readonly points: readonly OverTimePoint[];
}

export interface SegmentBreakdown {
  readonly column: string;
  readonly segments: readonly { readonly segment: string; readonly variants: readonly VariantSummary[]; readonly srm: SrmResult }[];
  /**
   * How a segment row's verdict is decided, in one sentence: frequentist verdicts come from the
   * p-value adjusted across the whole breakdown (not from the unadjusted interval).
   */
  readonly significance: string;
  /** Per segment × metric × treatment; adjusted across the whole breakdown. */
  readonly results: readonly MetricResult[];
}

export interface AbResult {
  readonly variant_column: string;
  readonly control: string;
  readonly treatments: readonly string[];
  readonly engine: Engine;
  readonly sequential: boolean;
  readonly alpha: number;
  readonly sides: 1 | 2;
  readonly correction: Correction;
  readonly primary: string;
  readonly variants: readonly VariantSummary[];
  readonly rows_without_variant: number;
  readonly rows_without_unit: number;
  readonly srm: SrmResult;
  readonly results: readonly MetricResult[];
  readonly guardrails: readonly GuardrailResult[];
  readonly power: readonly PowerResult[];
  readonly decision: { readonly action: Decision; readonly variant: string | null; readonly reason: string };
  readonly over_time: readonly OverTimeSeries[] | null;
  readonly segments: SegmentBreakdown | null;
  readonly notes: readonly string[];
}
