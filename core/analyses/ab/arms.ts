/**
 * Arm statistics per metric kind from the per-group sums: proportions with GrowthBook's p(1−p)
 * per-unit variance, means with the ddof-1 variance (as scipy's Welch test), ratios by the delta
 * method, and CUPED-adjusted means with θ pooled over the two arms compared.
 */
import type { ArmStat } from './lift';
import { summarize, type Moments } from './moments';
import type { CupedSummary, MetricKind } from './types';

/** `gs`: the groups making up the arm (one, or several days for a cumulative view). */
export function proportionArm(m: Moments, gs: readonly number[]): ArmStat {
  const s = summarize(m, gs);
  return { n: s.n, mean: s.meanX, variance: s.meanX * (1 - s.meanX) };
}

export function meanArm(m: Moments, gs: readonly number[]): ArmStat {
  const s = summarize(m, gs);
  return { n: s.n, mean: s.meanX, variance: s.varX };
}

/**
 * Ratio Σa/Σb per arm: R = ā/b̄, per-unit variance Var(a)/b̄² − 2·Cov(a,b)·ā/b̄³ + ā²·Var(b)/b̄⁴.
 * A zero denominator mean makes R undefined (NaN, reported as null).
 */
export function ratioArm(m: Moments, gs: readonly number[]): ArmStat {
  const s = summarize(m, gs);
  const a = s.meanX;
  const b = s.meanY;
  if (s.n === 0 || b === 0) return { n: s.n, mean: NaN, variance: NaN };
  const variance = s.varX / (b * b) - (2 * s.covXY * a) / (b * b * b) + (a * a * s.varY) / (b * b * b * b);
  return { n: s.n, mean: a / b, variance: Math.max(0, variance) };
}

export interface CupedPair {
  readonly control: ArmStat;
  readonly treatment: ArmStat;
  readonly summary: CupedSummary;
}

/**
 * CUPED: θ = Cov(y, x)/Var(x) over both arms pooled (GrowthBook's choice), each arm's mean shifted
 * by θ·(x̄_arm − x̄_pooled) and its variance Var(y) + θ²Var(x) − 2θCov(x, y). Binary metrics keep
 * the ddof-1 variance here, as the regression does.
 */
export function cupedArms(m: Moments, gc: number, gt: number, covariate: string, unadjusted: { c: ArmStat; t: ArmStat }): CupedPair {
  const pooled = summarize(m, [gc, gt]);
  const theta = pooled.varY > 0 ? pooled.covXY / pooled.varY : 0;
  const arm = (g: number): ArmStat => {
    const s = summarize(m, [g]);
    const variance = s.varX + theta * theta * s.varY - 2 * theta * s.covXY;
    return { n: s.n, mean: s.meanX - theta * (s.meanY - pooled.meanY), variance: Math.max(0, variance) };
  };
  const control = arm(gc);
  const treatment = arm(gt);
  const before = unadjusted.c.variance / unadjusted.c.n + unadjusted.t.variance / unadjusted.t.n;
  const after = control.variance / control.n + treatment.variance / treatment.n;
  const reduction = before > 0 && Number.isFinite(after) ? 1 - after / before : null;
  return { control, treatment, summary: { covariate, theta: Number.isFinite(theta) ? theta : 0, variance_reduction: reduction } };
}

export function armOf(kind: MetricKind, m: Moments, gs: readonly number[]): ArmStat {
  if (kind === 'ratio') return ratioArm(m, gs);
  if (kind === 'mean') return meanArm(m, gs);
  return proportionArm(m, gs);
}
