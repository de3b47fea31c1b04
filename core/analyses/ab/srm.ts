/**
 * Sample ratio mismatch: chi-square goodness of fit of the units per variant against the expected
 * weights (scipy.stats.chisquare(observed, expected)), flagged below a small threshold (0.001, as
 * GrowthBook) because a broken split makes every other number untrustworthy.
 */
import { chi2Sf } from '../../stats/chisquare';
import type { SrmResult } from './types';

export function sampleRatioMismatch(names: readonly string[], observed: readonly number[], weights: readonly number[], threshold: number): SrmResult {
  const k = observed.length;
  const total = observed.reduce((a, b) => a + b, 0);
  const wsum = weights.reduce((a, b) => a + b, 0);
  const expected = weights.map((w) => (total * w) / wsum);
  if (k < 2 || total === 0) {
    return { statistic: null, dof: k - 1, p_value: null, flag: false, observed, expected, message: 'Sample ratio not checked: fewer than two variants with units.' };
  }
  let statistic = 0;
  for (let i = 0; i < k; i++) statistic += ((observed[i] - expected[i]) ** 2) / expected[i];
  const p = chi2Sf(statistic, k - 1);
  const flag = p < threshold;
  const share = (i: number): string => `${((100 * observed[i]) / total).toFixed(1)}% ${JSON.stringify(names[i])}`;
  const expectedShare = (i: number): string => `${((100 * weights[i]) / wsum).toFixed(1)}%`;
  const message = flag
    ? `Sample ratio mismatch (p = ${p.toExponential(2)}): the split ${names.map((_, i) => share(i)).join(' / ')} differs from the expected ${names.map((_, i) => expectedShare(i)).join(' / ')} by more than chance allows, so assignment or logging is broken and the results below cannot be trusted.`
    : `No sample ratio mismatch (p = ${p.toPrecision(3)}): the observed split matches the expected weights.`;
  return { statistic, dof: k - 1, p_value: p, flag, observed, expected, message };
}
