/**
 * One metric × treatment comparison from two arm statistics: lift, interval (fixed, sequential or
 * credible), the named test's p-value, chance to win and risk, impact, verdict. Undefined pieces
 * are null with a sentence in `notes`.
 */
import { gaussianPosterior } from './bayesian';
import { interval, pooledZTest, welchTTest, type Sidedness, type TestOutcome } from './frequentist';
import { estimateLift, welchDof, type ArmStat } from './lift';
import { sequentialInterval, sequentialPValue } from './sequential';
import type { CupedSummary, Engine, Impact, Interval, MetricKind, MetricResult } from './types';

export type TestName = 'welch_t' | 'two_proportion_z' | 'delta_method_t' | 'quantile_z' | 'quantile_bootstrap_z' | 'welch_t_cuped';

export interface CompareSettings {
  readonly alpha: number;
  readonly sides: 1 | 2;
  readonly engine: Engine;
  readonly sequential: boolean;
  readonly sequentialTuning: number;
}

export interface ComparisonInput {
  readonly metric: string;
  readonly kind: MetricKind;
  readonly variant: string;
  readonly segment?: string;
  readonly lowerIsBetter: boolean;
  readonly control: ArmStat;
  readonly treatment: ArmStat;
  readonly test: TestName;
  /** Normal reference (quantiles): dof = ∞. */
  readonly normal?: boolean;
  readonly cuped?: CupedSummary;
  readonly impact?: boolean;
  /** Only the lift and its interval are read (the over-time view): no test, whose p-value is the costliest part. */
  readonly intervalOnly?: boolean;
}

const finite = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);
const NULL_INTERVAL: Interval = { low: null, high: null };

function isBinomial(kind: MetricKind): boolean {
  return kind === 'binomial' || kind === 'accuracy' || kind === 'precision' || kind === 'recall';
}

export function compare(input: ComparisonInput, s: CompareSettings): MetricResult {
  const { control: c, treatment: t, lowerIsBetter } = input;
  const side: Sidedness = { alpha: s.alpha, sides: s.sides, lowerIsBetter };
  const notes: string[] = [];
  const base = {
    metric: input.metric,
    kind: input.kind,
    variant: input.variant,
    ...(input.segment !== undefined ? { segment: input.segment } : {}),
    control_n: c.n,
    treatment_n: t.n,
  };
  if (c.n === 0 || t.n === 0) {
    notes.push(c.n === 0 ? 'Control has no rows with a value for this metric.' : 'The treatment has no rows with a value for this metric.');
    return {
      ...base,
      control_mean: finite(c.mean),
      treatment_mean: finite(t.mean),
      absolute_lift: null,
      relative_lift: null,
      ci_low: null,
      ci_high: null,
      absolute_ci_low: null,
      absolute_ci_high: null,
      p_value: null,
      p_value_adjusted: null,
      test: input.test,
      statistic: null,
      dof: null,
      ...(s.engine === 'bayesian' ? { chance_to_win: null, risk: null } : {}),
      verdict: 'inconclusive',
      notes,
    };
  }
  const dof = input.normal ? Infinity : welchDof(c, t);
  const lift = estimateLift(c, t, dof);
  if (lift.relative === null) notes.push('Control mean is 0: the relative lift is undefined.');
  const zeroVariance = !(lift.absoluteVariance > 0);
  if (zeroVariance) notes.push(Number.isNaN(lift.absoluteVariance) ? 'Fewer than two rows in an arm: no variance, no interval.' : 'Zero variance in both arms: no interval or t-test.');

  let test: TestOutcome | null;
  if (input.intervalOnly) {
    test = null;
  } else if (isBinomial(input.kind) && input.test === 'two_proportion_z') {
    test = pooledZTest(Math.round(c.mean * c.n), c.n, Math.round(t.mean * t.n), t.n, side);
  } else if (input.normal) {
    test = lift.absoluteVariance > 0 ? welchTTest(lift.absolute, lift.absoluteVariance, Infinity, side) : null;
  } else {
    test = welchTTest(lift.absolute, lift.absoluteVariance, dof, side);
  }

  let absCi = zeroVariance ? NULL_INTERVAL : interval(lift.absolute, lift.absoluteVariance, dof, side);
  let relCi = zeroVariance || lift.relative === null || lift.relativeVariance === null ? NULL_INTERVAL : interval(lift.relative, lift.relativeVariance, dof, side);
  let pValue = test ? test.p_value : null;
  let testName: string = input.test;
  let fixed: Interval | undefined;
  if (s.sequential && !zeroVariance) {
    const n = c.n + t.n;
    fixed = relCi.low !== null || relCi.high !== null ? relCi : absCi;
    absCi = sequentialInterval(lift.absolute, lift.absoluteVariance, n, s.alpha, s.sides, lowerIsBetter, s.sequentialTuning);
    if (lift.relative !== null && lift.relativeVariance !== null) {
      relCi = sequentialInterval(lift.relative, lift.relativeVariance, n, s.alpha, s.sides, lowerIsBetter, s.sequentialTuning);
    }
    const seqP = sequentialPValue(lift.absolute, lift.absoluteVariance, n, s.sequentialTuning);
    if (seqP !== null) pValue = s.sides === 2 ? seqP : Math.min(1, ((lowerIsBetter ? lift.absolute < 0 : lift.absolute > 0) ? seqP / 2 : 1));
    testName = `${input.test}+sequential`;
    notes.push('Sequential: always-valid interval and p-value (asymptotic confidence sequence); the fixed-horizon interval is in fixed_ci.');
  }

  let bayes: ReturnType<typeof gaussianPosterior> = null;
  if (s.engine === 'bayesian' && !zeroVariance) {
    const useRel = lift.relative !== null && lift.relativeVariance !== null;
    bayes = useRel ? gaussianPosterior(lift.relative as number, lift.relativeVariance as number, s.alpha, lowerIsBetter) : gaussianPosterior(lift.absolute, lift.absoluteVariance, s.alpha, lowerIsBetter);
    if (!useRel) notes.push('Bayesian results are on the absolute lift (relative lift undefined).');
    else relCi = bayes ? bayes.interval : relCi;
    const absPost = gaussianPosterior(lift.absolute, lift.absoluteVariance, s.alpha, lowerIsBetter);
    if (absPost) absCi = absPost.interval;
    if (!useRel && bayes) relCi = NULL_INTERVAL;
  }

  let verdict: MetricResult['verdict'] = 'inconclusive';
  if (bayes) {
    if (bayes.chance_to_win >= 1 - s.alpha) verdict = 'better';
    else if (bayes.chance_to_win <= s.alpha) verdict = 'worse';
  } else {
    const ci = relCi.low !== null || relCi.high !== null ? relCi : absCi;
    const up = ci.low !== null && ci.low > 0;
    const down = ci.high !== null && ci.high < 0;
    if (up || down) verdict = up !== lowerIsBetter ? 'better' : 'worse';
  }

  let impact: Impact | undefined;
  if (input.impact) {
    const scale = (x: number | null, k: number): number | null => (x === null ? null : finite(x * k));
    impact = {
      per_1000_units: finite(lift.absolute * 1000),
      per_1000_units_ci: { low: scale(absCi.low, 1000), high: scale(absCi.high, 1000) },
      over_observed: finite(lift.absolute * t.n),
      over_observed_ci: { low: scale(absCi.low, t.n), high: scale(absCi.high, t.n) },
    };
  }

  return {
    ...base,
    control_mean: finite(c.mean),
    treatment_mean: finite(t.mean),
    absolute_lift: finite(lift.absolute),
    relative_lift: finite(lift.relative),
    ci_low: finite(relCi.low),
    ci_high: finite(relCi.high),
    absolute_ci_low: finite(absCi.low),
    absolute_ci_high: finite(absCi.high),
    p_value: finite(pValue),
    p_value_adjusted: null,
    test: testName,
    statistic: test ? finite(test.statistic) : null,
    dof: test ? finite(test.dof) : null,
    ...(s.engine === 'bayesian' ? { chance_to_win: bayes ? finite(bayes.chance_to_win) : null, risk: bayes ? bayes.risk : null } : {}),
    ...(fixed ? { fixed_ci: { low: finite(fixed.low), high: finite(fixed.high) } } : {}),
    ...(input.cuped ? { cuped: input.cuped } : {}),
    ...(impact ? { impact } : {}),
    verdict,
    notes,
  };
}
