/**
 * GrowthBook's Bayesian engine with its default uninformative prior: the posterior of the lift is
 * Normal(estimate, Var) from the same delta-method variance as the frequentist engine. Chance to
 * win = P(lift > 0) (P(lift < 0) when lower is better); risk = expected loss, E[max(0, −lift)] for
 * choosing the treatment and E[max(0, lift)] for keeping control (signs flip when lower is better).
 */
import { normalPdf, phi, zQuantile } from './distributions';
import type { Interval } from './types';

export interface BayesianOutcome {
  readonly chance_to_win: number;
  readonly risk: { readonly treatment: number; readonly control: number };
  readonly interval: Interval;
}

export function gaussianPosterior(mean: number, variance: number, alpha: number, lowerIsBetter: boolean): BayesianOutcome | null {
  if (!(variance > 0) || !Number.isFinite(mean)) return null;
  const sd = Math.sqrt(variance);
  const z = mean / sd;
  const pUp = phi(z);
  // E[max(0, X)] for X ~ N(μ, σ²) is μΦ(μ/σ) + σφ(μ/σ); E[max(0, −X)] = −μΦ(−μ/σ) + σφ(μ/σ).
  const gain = mean * pUp + sd * normalPdf(z);
  const loss = -mean * phi(-z) + sd * normalPdf(z);
  const q = zQuantile(1 - alpha / 2);
  return {
    chance_to_win: lowerIsBetter ? 1 - pUp : pUp,
    risk: lowerIsBetter ? { treatment: gain, control: loss } : { treatment: loss, control: gain },
    interval: { low: mean - q * sd, high: mean + q * sd },
  };
}
