/**
 * Two-proportion z-test with pooled proportion, two-sided (Evidently's `z` test for binary
 * categorical columns): z = (p_ref − p_cur) / √(P(1−P)(1/n_ref + 1/n_cur)), p = 2·Φ(−|z|).
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

export interface ZTestResult {
  readonly statistic: number;
  readonly p_value: number;
}

/** Two-sided normal p-value, from the lower tail so small p keep their relative precision. */
export function twoSidedNormalP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
}

/**
 * `successesRef` of `nRef` reference rows (and likewise current) fall in the chosen category.
 * When the pooled proportion is 0 or 1 both samples are the same constant: no evidence of
 * difference, so z = 0 and p = 1 (Evidently returns p = 1 in that case too).
 */
export function twoProportionZTest(successesRef: number, nRef: number, successesCur: number, nCur: number): ZTestResult {
  if (nRef === 0 || nCur === 0) return { statistic: NaN, p_value: NaN };
  const p1 = successesRef / nRef;
  const p2 = successesCur / nCur;
  const pooled = (p1 * nRef + p2 * nCur) / (nRef + nCur);
  const variance = pooled * (1 - pooled) * (1 / nRef + 1 / nCur);
  if (!(variance > 0)) return { statistic: 0, p_value: 1 };
  const z = (p1 - p2) / Math.sqrt(variance);
  return { statistic: z, p_value: twoSidedNormalP(z) };
}
