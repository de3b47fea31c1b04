import { describe, expect, it } from 'vitest';
import { ksGapSorted, ksStatisticSorted } from '../../../core/stats/ks';

const sorted = (xs: number[]) => Float64Array.from(xs).sort();

describe('KS gap location', () => {
  it('is where the statistic is: same distance as ksStatisticSorted, with both ECDFs at x', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < 50; k++) {
      const a = sorted(Array.from({ length: 5 + (k % 17) * 13 }, () => Math.round(rnd() * 40)));
      const b = sorted(Array.from({ length: 3 + (k % 11) * 17 }, () => Math.round(rnd() * 40 + (k % 5))));
      const g = ksGapSorted(a, b)!;
      expect(g.distance).toBeCloseTo(ksStatisticSorted(a, b), 12);
      expect(g.reference).toBe(a.filter((v) => v <= g.x).length / a.length);
      expect(g.current).toBe(b.filter((v) => v <= g.x).length / b.length);
      expect(Math.abs(g.reference - g.current)).toBe(g.distance);
    }
    expect(ksGapSorted(new Float64Array(0), sorted([1]))).toBeNull();
  });
});
