import { describe, expect, it } from 'vitest';
import { quantileSorted, sortFinite } from '../../../core/stats/quantile';
import { ks2sampSorted } from '../../../core/stats/ks';
import { kstwoSf, smirnovSf } from '../../../core/stats/kolmogorov';
import { normedWassersteinSorted, wassersteinForms } from '../../../core/stats/wasserstein';
import { decileEdges, numericBinCounts, shares } from '../../../core/stats/binning';
import { hellinger, jensenShannon, psi } from '../../../core/stats/distances';
import { chiSquareHomogeneity } from '../../../core/stats/chisquare';
import { twoProportionZTest } from '../../../core/stats/ztest';
import { REFERENCE, expectClose, toFloat64 } from './reference';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const numeric: any[] = REFERENCE.numeric;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const categorical: any[] = REFERENCE.categorical;

describe('numeric statistics vs scipy', () => {
  for (const c of numeric) {
    describe(c.name, () => {
      const ref = sortFinite(toFloat64(c.reference));
      const cur = sortFinite(toFloat64(c.current));

      it('drops NaN and counts it as missing', () => {
        expect(ref.missing).toBe(c.missing_reference);
        expect(cur.missing).toBe(c.missing_current);
      });

      it('ks_2samp', () => {
        const r = ks2sampSorted(ref.sorted, cur.sorted);
        expect(r.method).toBe(c.ks.method);
        expectClose(r.statistic, c.ks.statistic, 'statistic');
        expectClose(r.p_value, c.ks.p_value, 'p_value');
      });

      it('wasserstein (raw and normed)', () => {
        const r = normedWassersteinSorted(ref.sorted, cur.sorted);
        expectClose(r.raw_distance, c.wasserstein_raw, 'raw', 1e-9, 1e-14);
        expectClose(r.reference_std, c.reference_std, 'std', 1e-9, 1e-14);
        expectClose(r.statistic, c.wasserstein, 'normed', 1e-9, 1e-14);
      });

      it('quantiles (numpy linear)', () => {
        c.deciles.forEach((q: number, k: number) => expectClose(quantileSorted(ref.sorted, k / 10), q, `decile ${k}`, 0, 0));
        c.quantiles_misc.q.forEach((q: number, k: number) =>
          expectClose(quantileSorted(ref.sorted, q), c.quantiles_misc.values[k], `q=${q}`, 0, 0));
      });

      it('decile bins and binned distances', () => {
        const edges = decileEdges(ref.sorted);
        expect(edges).toEqual(c.binned.edges);
        const rc = numericBinCounts(ref.sorted, edges);
        const cc = numericBinCounts(cur.sorted, edges);
        expect(Array.from(rc)).toEqual(c.binned.reference_counts);
        expect(Array.from(cc)).toEqual(c.binned.current_counts);
        const rs = shares(rc);
        const cs = shares(cc);
        expectClose(psi(rs, cs), c.binned.psi, 'psi');
        expectClose(jensenShannon(rs, cs), c.binned.jensenshannon, 'js', 1e-9, 1e-12);
        expectClose(hellinger(rs, cs), c.binned.hellinger, 'hellinger', 1e-9, 1e-12);
      });
    });
  }
});

describe('kstwo.sf vs scipy', () => {
  it('every branch of the Simard–L’Ecuyer selection', () => {
    for (const g of REFERENCE.kstwo_sf) expectClose(kstwoSf(g.d, g.n), g.sf, `kstwo n=${g.n} d=${g.d}`);
  }, 60_000);
});

describe('scipy.special.smirnov', () => {
  it('matches over the grid', () => {
    for (const g of REFERENCE.smirnov_sf) expectClose(smirnovSf(g.n, g.d), g.sf, `smirnov n=${g.n} d=${g.d}`);
  }, 60_000);
});

describe('categorical statistics vs scipy', () => {
  for (const c of categorical) {
    describe(c.name, () => {
      const rc = Float64Array.from(c.reference_counts as number[]);
      const cc = Float64Array.from(c.current_counts as number[]);
      it('chi2_contingency (correction=False)', () => {
        const r = chiSquareHomogeneity(rc, cc);
        expect(r.dof).toBe(c.chisquare.dof);
        expectClose(r.statistic, c.chisquare.statistic, 'statistic');
        expectClose(r.p_value, c.chisquare.p_value, 'p_value');
      });
      it('psi, jensenshannon, hellinger', () => {
        const rs = shares(rc);
        const cs = shares(cc);
        expectClose(psi(rs, cs), c.psi, 'psi');
        expectClose(jensenShannon(rs, cs), c.jensenshannon, 'js');
        expectClose(hellinger(rs, cs), c.hellinger, 'hellinger');
      });
      if (c.z) {
        it('two-proportion z-test', () => {
          const nr = rc[0] + rc[1];
          const nc = cc[0] + cc[1];
          const r = twoProportionZTest(rc[0], nr, cc[0], nc);
          expectClose(r.statistic, c.z.statistic, 'z');
          expectClose(r.p_value, c.z.p_value, 'p');
        });
      }
    });
  }
});

describe('wasserstein: quantile and CDF formulations agree', () => {
  it('on every reference case', () => {
    for (const c of numeric) {
      const a = sortFinite(toFloat64(c.reference)).sorted;
      const b = sortFinite(toFloat64(c.current)).sorted;
      expectClose(wassersteinForms.quantileForm(a, b), c.wasserstein_raw, `${c.name} quantile form`, 1e-9, 1e-14);
      expectClose(wassersteinForms.cdfForm(a, b), c.wasserstein_raw, `${c.name} cdf form`, 1e-9, 1e-14);
    }
  });
});

describe('quantiles of neighbours further apart than the largest double', () => {
  it('stay finite and between them (numpy overflows to inf/NaN, which JSON cannot carry)', () => {
    const sorted = Float64Array.from([-1.2972962011975679e293, 1.7976931348623145e308]);
    for (const q of [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1]) {
      const x = quantileSorted(sorted, q);
      expect(Number.isFinite(x), `q=${q}`).toBe(true);
      expect(x >= sorted[0] && x <= sorted[1], `q=${q}`).toBe(true);
    }
    expect(quantileSorted(Float64Array.from([-Number.MAX_VALUE, Number.MAX_VALUE]), 0.5)).toBe(0);
  });
});
