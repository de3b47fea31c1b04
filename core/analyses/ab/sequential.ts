/**
 * GrowthBook's sequential testing: asymptotic confidence sequences (Waudby-Smith et al., eq. 9 with
 * the mixing parameter of eq. 161), valid at every look so daily peeking is honest.
 *   ρ = √((−2 ln α + ln(−2 ln α + 1)) / N_tune)
 *   half-width = √(s²) · √(2(Nρ² + 1) · ln(√(Nρ² + 1)/α) / (Nρ)²)
 * with N = n_c + n_t and s² = Var(estimate)·N, the per-observation variance.
 */
import type { Interval } from './types';

export function sequentialRho(alpha: number, tuning: number): number {
  const la = Math.log(alpha);
  return Math.sqrt((-2 * la + Math.log(-2 * la + 1)) / tuning);
}

export function sequentialHalfWidth(estimateVariance: number, n: number, alpha: number, tuning: number): number {
  const rho = sequentialRho(alpha, tuning);
  const s2 = estimateVariance * n;
  const nr2 = n * rho * rho;
  return Math.sqrt(s2) * Math.sqrt((2 * (nr2 + 1) * Math.log(Math.sqrt(nr2 + 1) / alpha)) / ((n * rho) * (n * rho)));
}

/**
 * Always-valid interval; one-sided at level α uses the two-sided sequence at 2α and keeps the side
 * that matters (the other side is null).
 */
export function sequentialInterval(point: number, estimateVariance: number, n: number, alpha: number, sides: 1 | 2, lowerIsBetter: boolean, tuning: number): Interval {
  if (!(estimateVariance >= 0) || !Number.isFinite(point) || !(n > 0)) return { low: null, high: null };
  const h = sequentialHalfWidth(estimateVariance, n, sides === 2 ? alpha : 2 * alpha, tuning);
  if (sides === 2) return { low: point - h, high: point + h };
  return lowerIsBetter ? { low: null, high: point + h } : { low: point - h, high: null };
}

/**
 * Always-valid p-value: the smallest α whose confidence sequence excludes 0 (the half-width falls
 * as α grows, so bisection on log α finds it).
 */
export function sequentialPValue(point: number, estimateVariance: number, n: number, tuning: number): number | null {
  if (!(estimateVariance > 0) || !Number.isFinite(point) || !(n > 0)) return null;
  const target = Math.abs(point);
  if (sequentialHalfWidth(estimateVariance, n, 1 - 1e-12, tuning) >= target) return 1;
  let lo = Math.log(1e-300);
  let hi = Math.log(1 - 1e-12);
  if (sequentialHalfWidth(estimateVariance, n, Math.exp(lo), tuning) < target) return 0;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (sequentialHalfWidth(estimateVariance, n, Math.exp(mid), tuning) > target) lo = mid;
    else hi = mid;
  }
  return Math.exp(hi);
}
