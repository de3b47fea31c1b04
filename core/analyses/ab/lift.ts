/**
 * The lift of a treatment over control from per-arm summaries, and its variance — GrowthBook's
 * frequentist engine: absolute Var = v_t/n_t + v_c/n_c; relative lift (m_t/m_c − 1) by the delta
 * method, Var = v_t/(m_c²·n_t) + v_c·m_t²/(m_c⁴·n_c); Welch–Satterthwaite degrees of freedom.
 */

/** One arm of one metric: `variance` is per unit, so the mean's squared standard error is variance/n. */
export interface ArmStat {
  readonly n: number;
  readonly mean: number;
  readonly variance: number;
}

export interface Lift {
  readonly absolute: number;
  readonly absoluteVariance: number;
  /** Null when the control mean is 0 (relative lift undefined). */
  readonly relative: number | null;
  readonly relativeVariance: number | null;
  /** Welch–Satterthwaite; Infinity when a normal reference is meant (quantiles). */
  readonly dof: number;
}

export function welchDof(c: ArmStat, t: ArmStat): number {
  const a = c.variance / c.n;
  const b = t.variance / t.n;
  const denom = (a * a) / (c.n - 1) + (b * b) / (t.n - 1);
  return denom > 0 ? ((a + b) * (a + b)) / denom : NaN;
}

export function estimateLift(c: ArmStat, t: ArmStat, dof = welchDof(c, t)): Lift {
  const absolute = t.mean - c.mean;
  const absoluteVariance = t.variance / t.n + c.variance / c.n;
  if (c.mean === 0) return { absolute, absoluteVariance, relative: null, relativeVariance: null, dof };
  const mc2 = c.mean * c.mean;
  const relativeVariance = t.variance / (mc2 * t.n) + (c.variance * t.mean * t.mean) / (mc2 * mc2 * c.n);
  return { absolute, absoluteVariance, relative: t.mean / c.mean - 1, relativeVariance, dof };
}
