/**
 * Chi-square test of homogeneity on a 2×k table (reference counts, current counts), as
 * scipy.stats.chi2_contingency(table, correction=False): expected = row·col/total, statistic
 * Σ (obs − exp)²/exp, dof = k − 1, p = chi2.sf(statistic, dof).
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import { CompensatedSum } from './summation';

export interface ChiSquareResult {
  readonly statistic: number;
  readonly p_value: number;
  readonly dof: number;
}

/** Upper tail of the chi-square distribution via the regularised upper incomplete gamma. */
export function chi2Sf(x: number, dof: number): number {
  if (Number.isNaN(x) || !(dof > 0)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return gammainc(x / 2, dof / 2, true, true);
}

/**
 * Both count vectors index the same categories. Categories empty on both sides must be dropped by
 * the caller (scipy refuses zero expected frequencies); an empty side makes the test undefined.
 */
export function chiSquareHomogeneity(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
): ChiSquareResult {
  const k = reference.length;
  if (current.length !== k) throw new Error('chi-square: count vectors differ in length');
  let nRef = 0;
  let nCur = 0;
  for (let i = 0; i < k; i++) {
    nRef += reference[i];
    nCur += current[i];
  }
  const total = nRef + nCur;
  if (nRef === 0 || nCur === 0) return { statistic: NaN, p_value: NaN, dof: k - 1 };
  const dof = k - 1;
  // scipy short-circuits a single category: nothing can differ.
  if (dof === 0) return { statistic: 0, p_value: 1, dof: 0 };
  const stat = new CompensatedSum();
  for (const [row, rowTotal] of [[reference, nRef], [current, nCur]] as const) {
    for (let i = 0; i < k; i++) {
      const expected = (rowTotal * (reference[i] + current[i])) / total;
      if (expected === 0) throw new Error('chi-square: a category is empty in both datasets');
      const d = row[i] - expected;
      stat.add((d * d) / expected);
    }
  }
  const statistic = stat.value();
  return { statistic, p_value: chi2Sf(statistic, dof), dof };
}
