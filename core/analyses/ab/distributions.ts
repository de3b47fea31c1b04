/**
 * Normal and Student t tails and quantiles (stdlib), with t falling back to the normal when the
 * degrees of freedom are huge or unknown (stdlib's t is undefined at ν = ∞).
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

const NORMAL_DOF = 1e12;

export function phi(x: number): number {
  return normalCdf(x, 0, 1);
}

export function zQuantile(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** P(T ≤ x) for Student t with `dof` degrees of freedom (normal when dof is not finite). */
export function studentCdf(x: number, dof: number): number {
  return Number.isFinite(dof) && dof < NORMAL_DOF ? tCdf(x, dof) : normalCdf(x, 0, 1);
}

/** The last quantile asked for: a comparison asks the same one twice (absolute and relative interval). */
let last = { p: NaN, dof: NaN, q: NaN };

export function studentQuantile(p: number, dof: number): number {
  if (p === last.p && dof === last.dof) return last.q;
  const q = Number.isFinite(dof) && dof < NORMAL_DOF ? tQuantile(p, dof) : normalQuantile(p, 0, 1);
  last = { p, dof, q };
  return q;
}

/** Standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}
