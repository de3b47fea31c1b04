/** Definitions of every drift test, as printed in the Methods chapter. Markup we wrote: no data here. */
import type { DriftTest } from '../../analyses/drift/types';
import { raw, type SafeHtml } from '../escape';

export interface TestDefinition {
  readonly name: string;
  readonly kind: 'p-value' | 'distance';
  readonly rule: string;
  readonly definition: SafeHtml;
}

export const BINNING = raw(
  `<p><b>Binning.</b> The binned measures (PSI, Jensen–Shannon, Hellinger) and the distribution charts share one binning.
Numerical columns: the edges are the reference deciles (quantiles 0, 0.1, …, 1, linear interpolation as
<code>numpy.quantile</code>) with duplicates removed; the outer edges are open, so the interior edges
e<sub>1</sub> … e<sub>L−2</sub> split the line into L−1 bins, bin <i>i</i> holding e<sub>i</sub> ≤ v &lt; e<sub>i+1</sub>, and
current values outside the reference range fall in the first or last bin. Categorical columns: one bin per category seen in either
dataset. Shares are counts divided by the non-missing values of each dataset. Missing values are counted in the quality table and
left out of every test. A numeric column with at most a handful of distinct values (see the settings) is analysed as categorical.</p>`,
);

export const TEST_DEFINITIONS: Readonly<Record<DriftTest, TestDefinition>> = {
  ks: {
    name: 'Kolmogorov–Smirnov test (two-sample, two-sided)',
    kind: 'p-value',
    rule: 'drift when p-value < threshold',
    definition: raw(
      `D = sup<sub>x</sub> |F<sub>ref</sub>(x) − F<sub>cur</sub>(x)|, the largest vertical gap between the two empirical
cumulative distribution functions. The p-value is exact when the larger sample has at most 10,000 values and the exact
computation succeeds, otherwise from the asymptotic Kolmogorov distribution with n = round(n<sub>ref</sub>·n<sub>cur</sub>/(n<sub>ref</sub>+n<sub>cur</sub>)),
as <code>scipy.stats.ks_2samp(method='auto')</code>; the table's “method” column says which.`,
    ),
  },
  wasserstein: {
    name: 'Normed Wasserstein distance',
    kind: 'distance',
    rule: 'drift when distance ≥ threshold',
    definition: raw(
      `W<sub>1</sub> = ∫ |F<sub>ref</sub>(x) − F<sub>cur</sub>(x)| dx (the earth mover's distance, in the column's units, reported as
“raw distance”), divided by max(σ<sub>ref</sub>, 0.001) where σ<sub>ref</sub> is the population standard deviation of the reference.
A value of 0.1 means the current distribution moved by about a tenth of a reference standard deviation.`,
    ),
  },
  psi: {
    name: 'Population stability index (PSI)',
    kind: 'distance',
    rule: 'drift when PSI ≥ threshold',
    definition: raw(
      `PSI = Σ<sub>i</sub> (c<sub>i</sub> − r<sub>i</sub>)·ln(c<sub>i</sub> / r<sub>i</sub>) over the bins, where r<sub>i</sub> and
c<sub>i</sub> are the reference and current shares, each floored at 0.0001 so an empty bin stays finite.`,
    ),
  },
  jensenshannon: {
    name: 'Jensen–Shannon distance (base 2)',
    kind: 'distance',
    rule: 'drift when distance ≥ threshold',
    definition: raw(
      `JS = √(½·KL(r ‖ m) + ½·KL(c ‖ m)) with m = (r + c)/2 and logarithms in base 2, over the bin shares; between 0 (same
distribution) and 1 (disjoint), as <code>scipy.spatial.distance.jensenshannon(r, c, base=2)</code>.`,
    ),
  },
  hellinger: {
    name: 'Hellinger distance',
    kind: 'distance',
    rule: 'drift when distance ≥ threshold',
    definition: raw(
      `H = ‖√r − √c‖<sub>2</sub> / √2 over the bin shares; between 0 (same distribution) and 1 (disjoint).`,
    ),
  },
  chisquare: {
    name: 'Chi-square test of homogeneity',
    kind: 'p-value',
    rule: 'drift when p-value < threshold',
    definition: raw(
      `On the 2×k table of reference and current counts per category: expected = row total × column total / total,
χ² = Σ (observed − expected)² / expected, k − 1 degrees of freedom, p = P(χ²<sub>k−1</sub> ≥ χ²), without continuity
correction, as <code>scipy.stats.chi2_contingency(table, correction=False)</code>.`,
    ),
  },
  z: {
    name: 'Two-proportion z-test (pooled, two-sided)',
    kind: 'p-value',
    rule: 'drift when p-value < threshold',
    definition: raw(
      `For a binary column, with p<sub>ref</sub>, p<sub>cur</sub> the shares of one category and P the pooled share:
z = (p<sub>ref</sub> − p<sub>cur</sub>) / √(P(1−P)(1/n<sub>ref</sub> + 1/n<sub>cur</sub>)), p = 2·Φ(−|z|). When P is 0 or 1 both
samples are the same constant and p = 1.`,
    ),
  },
};
