import { describe, expect, it } from 'vitest';
import { gallopLeft, gallopRight, searchLeft, searchRight } from '../../../core/stats/quantile';

describe('galloping search', () => {
  it('gives the binary search’s answer from any start at or before it, ties and ends included', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < 200; k++) {
      const n = k % 7 === 0 ? k % 3 : 1 + Math.floor(rnd() * 3000);
      const a = Float64Array.from({ length: n }, () => Math.floor(rnd() * (k % 2 ? 10 : 1e6))).sort();
      for (let q = 0; q < 20; q++) {
        const x = q % 5 === 0 ? -1 : q % 5 === 1 ? 2e6 : n > 0 && q % 2 ? a[Math.floor(rnd() * n)] : Math.floor(rnd() * (k % 2 ? 10 : 1e6));
        const left = searchLeft(a, x);
        const right = searchRight(a, x);
        for (const from of [0, Math.floor(left / 2), left]) expect(gallopLeft(a, x, from)).toBe(left);
        for (const from of [0, Math.floor(right / 3), right]) expect(gallopRight(a, x, from)).toBe(right);
      }
    }
  });
});
