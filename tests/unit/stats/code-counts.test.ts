import { describe, expect, it } from 'vitest';
import { codeCounts } from '../../../core/stats/binning';

/** The plain loop codeCounts must agree with. */
function plain(codes: Int32Array, size: number) {
  const counts = new Float64Array(size);
  let missing = 0;
  for (const c of codes) {
    if (c < 0 || c >= size) missing++;
    else counts[c]++;
  }
  return { counts, missing };
}

describe('codeCounts', () => {
  it('counts each code and the missing ones (−1, or outside the dictionary), whatever the length', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 1001, 40_003]) {
      for (const size of [0, 1, 2, 8, 300, 5000]) {
        // Runs of equal codes (the case the four tallies are for), missing and out-of-range codes.
        const codes = new Int32Array(n);
        let c = 0;
        for (let i = 0; i < n; i++) {
          if (rnd() < 0.3) c = Math.floor(rnd() * (size + 3)) - 1;
          codes[i] = rnd() < 0.01 ? -2_000_000_000 : c;
        }
        expect(codeCounts(codes, size), `n ${n}, size ${size}`).toEqual(plain(codes, size));
      }
    }
  });
});
