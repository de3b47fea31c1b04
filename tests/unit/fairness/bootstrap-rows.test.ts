// The bootstrap draws each resample's cell counts as one multinomial instead of copying rows
// (bootstrap.ts). Here: the binomial and multinomial samplers against their exact distributions,
// and the claim itself — the resampled sizes, rates, disparities and a Fairlearn summary have the
// same mean and variance as a bootstrap that copies rows, on a small seeded sample, within
// Monte-Carlo error. (A Poisson scheme fails the size check: its variance is c, not c(1 − c/N).)
import { describe, expect, it } from 'vitest';
import { countResampler } from '../../../core/analyses/fairness/bootstrap';
import { chooseReference, disparityMatrix, N_RATES, RATE_INDEX, rateMatrix } from '../../../core/analyses/fairness/disparities';
import { CELLS, countCells, FN, FP, outcomes, TN, TP } from '../../../core/analyses/fairness/groups';
import { summaryValues } from '../../../core/analyses/fairness/summaries';
import { DISPARITY_RATES } from '../../../core/analyses/fairness/types';
import { binomial, logFactorial, mulberry32, multinomial } from '../../../core/stats/random';
import { num } from './helpers';

function binomialPmf(n: number, p: number, k: number): number {
  return Math.exp(logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/** Pearson's χ² of draws against the exact pmf over the cells expecting ≥ 5 (the tails pooled). */
function chiSquare(n: number, p: number, draws: number, seed: number): { chi2: number; df: number } {
  const u = mulberry32(seed);
  const seen = new Float64Array(n + 1);
  for (let i = 0; i < draws; i++) seen[binomial(n, p, u)]++;
  let chi2 = 0;
  let df = -1;
  let pooledSeen = 0;
  let pooledWant = 0;
  for (let k = 0; k <= n; k++) {
    const want = draws * binomialPmf(n, p, k);
    if (want >= 5) {
      chi2 += (seen[k] - want) ** 2 / want;
      df++;
    } else {
      pooledSeen += seen[k];
      pooledWant += want;
    }
  }
  if (pooledWant > 0) {
    chi2 += (pooledSeen - pooledWant) ** 2 / pooledWant;
    df++;
  }
  return { chi2, df };
}

describe('binomial sampler', () => {
  // Inversion (np < 10), BTRS (np ≥ 10), and p > 1/2 through the failures.
  for (const [n, p] of [[30, 0.2], [8, 0.5], [200, 0.3], [1000, 0.02], [60, 0.85], [5000, 0.5]] as const) {
    it(`Binomial(${n}, ${p}) matches the exact pmf (χ²)`, () => {
      const { chi2, df } = chiSquare(n, p, 40_000, n + Math.round(p * 100));
      // χ²(df) exceeds df + 5·√(2df) with probability well under 0.1%.
      expect(chi2).toBeLessThan(df + 5 * Math.sqrt(2 * df));
    });
  }
  it('large n: mean np and variance np(1 − p)', () => {
    const u = mulberry32(9);
    const [n, p, draws] = [1_000_000, 0.37, 20_000];
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < draws; i++) {
      const k = binomial(n, p, u);
      s += k;
      s2 += k * k;
    }
    const mean = s / draws;
    const variance = s2 / draws - mean * mean;
    expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt((n * p * (1 - p)) / draws));
    expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.95);
    expect(variance / (n * p * (1 - p))).toBeLessThan(1.05);
  });
  it('edges: n = 0, p = 0, p = 1', () => {
    const u = mulberry32(1);
    expect([binomial(0, 0.3, u), binomial(10, 0, u), binomial(10, 1, u)]).toEqual([0, 0, 10]);
  });
});

describe('multinomial sampler', () => {
  it('draws n in all, a cell with no rows gets none, each cell Binomial(n, c/total) in mean and variance', () => {
    const counts = [5, 0, 40, 15];
    const total = 100; // 40 rows in no cell
    const n = 100;
    const u = mulberry32(4);
    const out = new Float64Array(counts.length);
    const draws = 20_000;
    const s = new Float64Array(counts.length);
    const s2 = new Float64Array(counts.length);
    for (let i = 0; i < draws; i++) {
      multinomial(n, counts, total, u, out);
      expect(out[1]).toBe(0);
      expect(out.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(n);
      out.forEach((x, j) => {
        s[j] += x;
        s2[j] += x * x;
      });
    }
    counts.forEach((c, j) => {
      const p = c / total;
      const mean = s[j] / draws;
      const variance = s2[j] / draws - mean * mean;
      expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt((n * p * (1 - p)) / draws) + 1e-12);
      if (p > 0) expect(Math.abs(variance / (n * p * (1 - p)) - 1)).toBeLessThan(0.06);
    });
  });
  it('every row in the cells: the draw sums to n exactly', () => {
    const u = mulberry32(2);
    const out = new Float64Array(3);
    for (let i = 0; i < 100; i++) {
      multinomial(50, [10, 30, 10], 50, u, out);
      expect(out[0] + out[1] + out[2]).toBe(50);
    }
  });
});

/** Mean, variance and the standard errors of both, over the defined (non-NaN) values. */
function stats(xs: readonly number[]): { mean: number; variance: number; seMean: number; seVariance: number; n: number } {
  const v = xs.filter((x) => !Number.isNaN(x));
  const n = v.length;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const m2 = v.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  const m4 = v.reduce((a, b) => a + (b - mean) ** 4, 0) / n;
  return { mean, variance: m2, seMean: Math.sqrt(m2 / n), seVariance: Math.sqrt(Math.max(m4 - m2 * m2, 0) / n), n };
}

describe('the count bootstrap is a row bootstrap', () => {
  // 90 rows: group p (≈ 55), group q (≈ 28), 7 without the attribute; a few without a label.
  const N = 90;
  const u0 = mulberry32(77);
  const y: (number | null)[] = [];
  const s: number[] = [];
  const a = new Int32Array(N);
  for (let i = 0; i < N; i++) {
    const r = u0();
    a[i] = r < 0.6 ? 0 : r < 0.92 ? 1 : -1;
    y.push(u0() < 0.05 ? null : u0() < 0.45 ? 1 : 0);
    const positive = y[i] === 1 ? 0.7 : a[i] === 1 ? 0.45 : 0.25;
    s.push(u0() < positive ? 1 : 0);
  }
  const outcome = outcomes(num('y', y), 1, num('s', s), { kind: 'prediction', column: 's' });
  const { counts } = countCells(a, 2, outcome.cell);
  const reference = chooseReference(['p', 'q'], counts, rateMatrix(counts, 2), 'majority', undefined);
  const nd = DISPARITY_RATES.length;
  const FPR_D = DISPARITY_RATES.indexOf('fpr');
  const PPR_D = DISPARITY_RATES.indexOf('ppr');

  /** The figures compared, from one resample's counts. */
  function figures(c: Float64Array): number[] {
    const rates = rateMatrix(c, 2);
    const d = disparityMatrix(rates, 2, reference);
    const q = CELLS;
    return [
      c[q + TP] + c[q + FP] + c[q + TN] + c[q + FN], // q's size
      rates[N_RATES + RATE_INDEX.fpr],
      rates[N_RATES + RATE_INDEX.tpr],
      rates[N_RATES + RATE_INDEX.ppr],
      d[nd + FPR_D],
      d[nd + PPR_D],
      summaryValues(rates, 2)[0], // demographic parity difference
    ];
  }
  const NAMES = ['size', 'fpr', 'tpr', 'ppr', 'fpr_disparity', 'ppr_disparity', 'demographic_parity_difference'];
  const R = 20_000;

  it('same mean and variance as copying rows (20,000 resamples each, seeded)', () => {
    const byRows: number[][] = NAMES.map(() => []);
    const uRows = mulberry32(1);
    const pick = new Uint32Array(N);
    for (let b = 0; b < R; b++) {
      for (let i = 0; i < N; i++) pick[i] = Math.floor(uRows() * N);
      const c = countCells(a, 2, outcome.cell, pick).counts;
      figures(c).forEach((x, j) => byRows[j].push(x));
    }
    const byCounts: number[][] = NAMES.map(() => []);
    const draw = countResampler({ nGroups: 2, counts, rows: N });
    const uCounts = mulberry32(2);
    for (let b = 0; b < R; b++) figures(draw(uCounts)).forEach((x, j) => byCounts[j].push(x));

    NAMES.forEach((name, j) => {
      const r = stats(byRows[j]);
      const c = stats(byCounts[j]);
      expect(r.n, name).toBeGreaterThan(R * 0.95);
      expect(Math.abs(c.n - r.n), `${name}: resamples where defined`).toBeLessThan(5 * Math.sqrt(R) + 5);
      expect(Math.abs(c.mean - r.mean), `${name} mean ${c.mean} vs ${r.mean}`).toBeLessThan(4.5 * Math.hypot(r.seMean, c.seMean));
      expect(Math.abs(c.variance - r.variance), `${name} variance ${c.variance} vs ${r.variance}`).toBeLessThan(4.5 * Math.hypot(r.seVariance, c.seVariance));
    });
    // The size's variance is the binomial's, N·π(1 − π) — which a Poisson(count) draw (variance count) would miss.
    const nq = counts[CELLS + TP] + counts[CELLS + FP] + counts[CELLS + TN] + counts[CELLS + FN];
    expect(stats(byCounts[0]).variance / (nq * (1 - nq / N))).toBeGreaterThan(0.95);
    expect(stats(byCounts[0]).variance / (nq * (1 - nq / N))).toBeLessThan(1.05);
  });

  it('refuses a table holding more rows than it resamples', () => {
    expect(() => countResampler({ nGroups: 2, counts, rows: 10 })).toThrow(/more than the 10 resampled/);
  });
});
