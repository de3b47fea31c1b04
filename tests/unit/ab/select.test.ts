import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeAb } from '../../../core/analyses/ab/ab';
import { orderStatisticRanks, quantileArm } from '../../../core/analyses/ab/quantile';
import { quantileSorted } from '../../../core/stats/quantile';
import { selectRange } from '../../../core/stats/select';
import { twoArms } from './helpers';

describe('selectRange', () => {
  it('puts exactly the order statistics lo..hi in place, in order (ties included)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 300 }), fc.nat(), fc.nat(), (xs, i, j) => {
        const a = Float64Array.from(xs);
        const sorted = Float64Array.from(xs).sort();
        const lo = Math.min(i % a.length, j % a.length);
        const hi = Math.max(i % a.length, j % a.length);
        selectRange(a, lo, hi);
        expect(Array.from(a.subarray(lo, hi + 1))).toEqual(Array.from(sorted.subarray(lo, hi + 1)));
        expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from(sorted));
      }),
      { numRuns: 300 },
    );
  });

  it('quantileArm agrees with the sorted quantile bit for bit', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (xs, q) => {
        const sorted = Float64Array.from(xs).sort();
        const arm = quantileArm(Float64Array.from(xs), q);
        expect(arm.mean).toBe(quantileSorted(sorted, q));
        const { low, high } = orderStatisticRanks(xs.length, q);
        const expected = xs.length * ((sorted[high] - sorted[low]) / (2 * 1.959963984540054)) ** 2;
        expect(Math.abs(arm.variance - expected)).toBeLessThanOrEqual(1e-12 * expected + 1e-300);
      }),
      { numRuns: 200 },
    );
  });
});

describe('bootstrap quantile interval', () => {
  it('is seeded (same seed, same result) and agrees roughly with the order-statistic interval', () => {
    let s = 3;
    const r = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
    const c = Array.from({ length: 3000 }, () => Math.exp(4 + 0.5 * (r() + r() + r() - 1.5)));
    const t = Array.from({ length: 3000 }, () => Math.exp(4.05 + 0.5 * (r() + r() + r() - 1.5)));
    const columns = twoArms(c, t);
    const opts = { variant: 'variant', control: 'control', minSamplePerVariant: 0, metrics: ['y:p50'] };
    const order = analyzeAb({ columns }, opts).results[0];
    const boot1 = analyzeAb({ columns }, { ...opts, quantileInterval: 'bootstrap', bootstrapResamples: 100, seed: 9 }).results[0];
    const boot2 = analyzeAb({ columns }, { ...opts, quantileInterval: 'bootstrap', bootstrapResamples: 100, seed: 9 }).results[0];
    expect(boot1).toEqual(boot2);
    expect(boot1.test).toBe('quantile_bootstrap_z');
    expect(boot1.relative_lift).toBe(order.relative_lift);
    const w = (x: typeof order) => (x.ci_high as number) - (x.ci_low as number);
    expect(w(boot1) / w(order)).toBeGreaterThan(0.6);
    expect(w(boot1) / w(order)).toBeLessThan(1.6);
  });
});
