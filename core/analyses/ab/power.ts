/**
 * Power for a two-arm comparison with the control's per-unit variance σ² in both arms:
 *   MDE (relative) = (z_{1−α/s} + z_{power}) · σ·√(1/n_c + 1/n_t) / |μ_c|
 *   n per arm for a relative MDE δ = 2·(z_{1−α/s} + z_{power})²·σ² / (δ·μ_c)²
 * and "insufficient sample" below a minimum per variant.
 */
import { zQuantile } from './distributions';
import type { ArmStat } from './lift';
import type { PowerResult } from './types';

export interface PowerSettings {
  readonly alpha: number;
  readonly sides: 1 | 2;
  readonly power: number;
  readonly targetMde: number;
  readonly minSamplePerVariant: number;
}

export function powerFor(metric: string, variant: string, c: ArmStat, t: ArmStat, p: PowerSettings): PowerResult {
  const z = zQuantile(1 - p.alpha / p.sides) + zQuantile(p.power);
  const usable = c.n > 0 && t.n > 0 && c.mean !== 0 && c.variance > 0 && Number.isFinite(c.mean);
  const mde = usable ? (z * Math.sqrt(c.variance * (1 / c.n + 1 / t.n))) / Math.abs(c.mean) : null;
  const needed = usable ? Math.ceil((2 * z * z * c.variance) / (p.targetMde * c.mean) ** 2) : null;
  const insufficient = Math.min(c.n, t.n) < p.minSamplePerVariant;
  const parts: string[] = [];
  if (insufficient) parts.push(`Insufficient sample: ${Math.min(c.n, t.n)} units in the smallest arm, below the minimum of ${p.minSamplePerVariant} per variant.`);
  if (mde !== null) parts.push(`At this size the smallest detectable relative lift is ${(mde * 100).toPrecision(3)}%; detecting ${(p.targetMde * 100).toPrecision(3)}% needs ${needed} units per variant.`);
  else parts.push('Power cannot be computed: the control mean is 0 or has no variance.');
  return { metric, variant, mde_relative: mde, target_mde_relative: p.targetMde, n_per_variant_needed: needed, insufficient_sample: insufficient, message: parts.join(' ') };
}
