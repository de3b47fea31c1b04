import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderStatisticRanks, quantileArm } from '../../../core/analyses/ab/quantile';
import { quantileSorted } from '../../../core/stats/quantile';
import { selectRange } from '../../../core/stats/select';

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
