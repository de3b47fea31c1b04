// The bootstrap (rows drawn through the counts, see bootstrap-rows.test.ts): the Poisson sampler's moments, seeded reproducibility, progress and cancel,
// intervals around the estimate, coverage of a known disparity, and the 1M-row × 1,000 budget.
import { describe, expect, it } from 'vitest';
import { analyzeFairness } from '../../../core/analyses/fairness/fairness';
import { mulberry32, poisson } from '../../../core/stats/random';
import type { FairnessOptions } from '../../../core/analyses/fairness/types';
import type { TypedColumn } from '../../../core/data/column';

function moments(lambda: number, n: number): { mean: number; variance: number } {
  const u = mulberry32(42);
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const k = poisson(lambda, u);
    s += k;
    s2 += k * k;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

/** Rows with a group attribute whose FPR differs by a known factor. */
function synthetic(n: number, seed: number): { y: Float64Array; s: Float64Array; a: Int32Array } {
  const u = mulberry32(seed);
  const y = new Float64Array(n);
  const s = new Float64Array(n);
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = u() < 0.7 ? 0 : 1;
    y[i] = u() < 0.4 ? 1 : 0;
    const pPositive = y[i] === 1 ? 0.7 : a[i] === 0 ? 0.2 : 0.3;
    s[i] = u() < pPositive ? 1 : 0;
  }
  return { y, s, a };
}

const options: FairnessOptions = { label: 'y', decision: { kind: 'prediction', column: 's' }, attributes: ['a'] };

function columns(d: { y: Float64Array; s: Float64Array; a: Int32Array }): TypedColumn[] {
  return [
    { name: 'y', kind: 'numeric', type: 'integer', values: d.y },
    { name: 's', kind: 'numeric', type: 'integer', values: d.s },
    { name: 'a', kind: 'categorical', type: 'categorical', codes: d.a, dictionary: ['major', 'minor'] },
  ];
}

describe('Poisson sampler', () => {
  for (const lambda of [0.5, 3, 9.9, 10, 250, 1e6]) {
    it(`Poisson(${lambda}): mean and variance λ`, () => {
      const m = moments(lambda, 20000);
      const se = Math.sqrt(lambda / 20000);
      expect(Math.abs(m.mean - lambda)).toBeLessThan(5 * se);
      expect(m.variance / lambda).toBeGreaterThan(0.93);
      expect(m.variance / lambda).toBeLessThan(1.07);
    });
  }
  it('Poisson(0) is 0', () => expect(poisson(0, mulberry32(1))).toBe(0));
});

describe('bootstrap intervals', () => {
  const data = synthetic(20000, 3);

  it('are reproducible for a seed and differ for another; the estimate lies inside', () => {
    const a = analyzeFairness({ columns: columns(data) }, { ...options, bootstrap: { resamples: 300, seed: 11 } });
    const b = analyzeFairness({ columns: columns(data) }, { ...options, bootstrap: { resamples: 300, seed: 11 } });
    const c = analyzeFairness({ columns: columns(data) }, { ...options, bootstrap: { resamples: 300, seed: 12 } });
    expect(a.groups).toEqual(b.groups);
    expect(a.summary).toEqual(b.summary);
    const minor = a.groups.find((g) => g.group === 'minor')!;
    expect(minor.disparity_intervals.fpr).not.toEqual(c.groups.find((g) => g.group === 'minor')!.disparity_intervals.fpr);
    const iv = minor.disparity_intervals.fpr!;
    expect(iv.valid).toBe(300);
    expect(iv.low).toBeLessThan(minor.fpr_disparity!);
    expect(iv.high).toBeGreaterThan(minor.fpr_disparity!);
    const s = a.summary[0].intervals.demographic_parity_difference!;
    expect(s.low).toBeLessThan(a.summary[0].demographic_parity_difference!);
    expect(s.high).toBeGreaterThan(a.summary[0].demographic_parity_difference!);
    expect(a.bootstrap!.scheme).toMatch(/Multinomial/);
    expect(a.methods).toMatch(/Row bootstrap drawn through the counts/);
  });

  it('cover the true FPR disparity (1.5) at about the nominal rate', () => {
    let covered = 0;
    const trials = 40;
    for (let t = 0; t < trials; t++) {
      const r = analyzeFairness({ columns: columns(synthetic(4000, 100 + t)) }, { ...options, bootstrap: { resamples: 200, seed: t } });
      const iv = r.groups.find((g) => g.group === 'minor')!.disparity_intervals.fpr!;
      if (iv.low <= 1.5 && 1.5 <= iv.high) covered++;
    }
    // 95% nominal; 40 trials: fewer than 33 would be very unlikely (p < 0.001).
    expect(covered).toBeGreaterThanOrEqual(33);
  });

  it('reports progress and stops when cancelled', () => {
    const seen: number[] = [];
    analyzeFairness({ columns: columns(data) }, { ...options, bootstrap: { resamples: 100 } }, { onProgress: (d) => seen.push(d) });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
    let calls = 0;
    expect(() =>
      analyzeFairness({ columns: columns(data) }, { ...options, bootstrap: { resamples: 1000 } }, { isCancelled: () => ++calls > 5 }),
    ).toThrow(/Cancelled/);
    expect(calls).toBe(6);
  });

  it('1M rows, 3 attributes and their intersection, 1,000 resamples in under 5 s', () => {
    const n = 1_000_000;
    const u = mulberry32(5);
    const y = new Float64Array(n);
    const s = new Float64Array(n);
    const a1 = new Int32Array(n);
    const a2 = new Int32Array(n);
    const a3 = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = u() < 0.3 ? 1 : 0;
      s[i] = u();
      a1[i] = (u() * 5) | 0;
      a2[i] = (u() * 2) | 0;
      a3[i] = (u() * 7) | 0;
    }
    const dict = (k: number) => Array.from({ length: k }, (_, i) => `g${i}`);
    const cols: TypedColumn[] = [
      { name: 'y', kind: 'numeric', type: 'integer', values: y },
      { name: 's', kind: 'numeric', type: 'real', values: s },
      { name: 'a1', kind: 'categorical', type: 'categorical', codes: a1, dictionary: dict(5) },
      { name: 'a2', kind: 'categorical', type: 'categorical', codes: a2, dictionary: dict(2) },
      { name: 'a3', kind: 'categorical', type: 'categorical', codes: a3, dictionary: dict(7) },
    ];
    const t0 = performance.now();
    const r = analyzeFairness(
      { columns: cols },
      { label: 'y', decision: { kind: 'score', column: 's', threshold: 0.5 }, attributes: ['a1', 'a2', 'a3'], intersections: [['a1', 'a2', 'a3']], maxGroups: 100, bootstrap: { resamples: 1000 } },
    );
    const ms = performance.now() - t0;
    expect(r.groups).toHaveLength(5 + 2 + 7 + 70);
    expect(r.groups.reduce((acc, g) => acc + (g.attribute === 'a1' ? g.size : 0), 0)).toBe(n);
    expect(r.bootstrap!.resamples).toBe(1000);
    expect(r.groups.every((g) => g.disparity_intervals.fpr !== undefined)).toBe(true);
    expect(ms).toBeLessThan(5000);
  }, 20_000);
});
