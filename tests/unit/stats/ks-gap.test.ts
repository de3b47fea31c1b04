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

/** The full merge ksGapSorted must agree with, value for value (its implementation before the bounded search). */
function fullMergeGap(a: Float64Array, b: Float64Array) {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let best = { x: a[0], reference: 0, current: 0, distance: -1 };
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    while (i < n1 && a[i] <= v) i++;
    while (j < n2 && b[j] <= v) j++;
    const d = Math.abs(i / n1 - j / n2);
    if (d > best.distance) best = { x: v, reference: i / n1, current: j / n2, distance: d };
  }
  return best;
}

describe('KS gap on large samples (bounded search)', () => {
  // xorshift32: an LCG in doubles loses bits past 2^53 and repeats itself.
  let state = 2463534242;
  const rnd = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

  it("finds the full merge's gap: same value, ECDFs and distance", () => {
    const cases: [string, () => number, () => number, number, number][] = [
      ['same distribution', normal, normal, 20_000, 17_000],
      ['small shift, 5 decimals', () => round5(normal()), () => round5(normal() + 0.02), 30_000, 30_000],
      ['large shift', normal, () => normal() + 1, 5_000, 9_000],
      ['heavy ties', () => Math.floor(rnd() * 7), () => Math.floor(rnd() * 7), 12_000, 8_000],
      ['ties with a shift', () => Math.floor(rnd() * 50), () => Math.floor(rnd() * 50 + 1), 6_000, 6_000],
      ['one value on one side', () => 3, () => Math.floor(rnd() * 5), 4_000, 3_000],
      ['disjoint', () => rnd(), () => rnd() + 2, 2_000, 1_500],
      ['scale change', normal, () => normal() * 1.05, 40_000, 25_000],
      // Every value repeats more than an interval's length: intervals holding one value each.
      ['integer column, 1000 values', () => Math.floor(rnd() * 1000), () => Math.floor(rnd() * 1000 + 0.5 * rnd()), 300_000, 280_000],
      ['integer column with a shift', () => Math.floor(rnd() * 300), () => Math.floor(rnd() * 300 + 2), 120_000, 150_000],
    ];
    for (const [name, f, g, n1, n2] of cases) {
      const a = Float64Array.from({ length: n1 }, f).sort();
      const b = Float64Array.from({ length: n2 }, g).sort();
      expect(ksGapSorted(a, b), name).toEqual(fullMergeGap(a, b));
      expect(ksGapSorted(a, b)!.distance, name).toBe(ksStatisticSorted(a, b));
    }
    const same = Float64Array.from({ length: 5_000 }, normal).sort();
    expect(ksGapSorted(same, same)).toEqual(fullMergeGap(same, same));
  });

  it('takes the first of equal maxima, also when an earlier interval only just reaches it', () => {
    // Reference: 256 copies of each of 0…7, so the intervals are the levels. The distance is 256/2048
    // at 1 (where the current sample has no values, so that interval's bound is the distance itself)
    // and again at 5 (inside an interval with a larger bound).
    const a = Float64Array.from({ length: 2048 }, (_, i) => Math.floor(i / 256));
    const counts = [256, 0, 300, 256, 256, 212, 400, 368];
    const b = Float64Array.from(counts.flatMap((c, v) => Array<number>(c).fill(v)));
    const gap = ksGapSorted(a, b);
    expect(gap).toEqual(fullMergeGap(a, b));
    expect(gap).toEqual({ x: 1, reference: 512 / 2048, current: 256 / 2048, distance: 256 / 2048 });
  });

  it('agrees on many random shapes around the interval size', () => {
    for (let k = 0; k < 300; k++) {
      const n1 = 1000 + Math.floor(rnd() * 3000);
      const n2 = 1 + Math.floor(rnd() * 3000);
      const levels = 2 + Math.floor(rnd() * 400);
      const shift = rnd() < 0.5 ? 0 : Math.floor(rnd() * 3);
      const a = Float64Array.from({ length: n1 }, () => Math.floor(rnd() * levels)).sort();
      const b = Float64Array.from({ length: n2 }, () => Math.floor(rnd() * levels) + shift).sort();
      expect(ksGapSorted(a, b)).toEqual(fullMergeGap(a, b));
    }
  });
});
