import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sortFloat64 } from '../../../core/stats/sort';

function nativeSorted(a: Float64Array): Float64Array {
  return Float64Array.from(a).sort();
}

function sameOrder(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

describe('sortFloat64 (radix for large arrays)', () => {
  it('matches the native typed-array sort, including ±0, ±Infinity, NaN of both signs, subnormals', () => {
    const n = 100_000;
    const special = [0, -0, Infinity, -Infinity, NaN, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1];
    const a = new Float64Array(n);
    let s = 7;
    for (let i = 0; i < n; i++) {
      s = (s * 1103515245 + 12345) >>> 0;
      a[i] = i % 97 === 0 ? special[i % special.length] : ((s / 4294967296) - 0.5) * 10 ** ((s % 40) - 20);
    }
    // A NaN with the sign bit set.
    new Uint32Array(a.buffer)[2 * 11 + 1] = 0xfff80000;
    new Uint32Array(a.buffer)[2 * 11] = 0;
    const expected = nativeSorted(a);
    const got = sortFloat64(Float64Array.from(a));
    expect(sameOrder(got, expected)).toBe(true);
  });

  it('integers with many ties and constant arrays (skipped passes)', () => {
    const a = Float64Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 13);
    expect(sameOrder(sortFloat64(Float64Array.from(a)), nativeSorted(a))).toBe(true);
    const c = new Float64Array(40_000).fill(3.25);
    expect(sameOrder(sortFloat64(Float64Array.from(c)), nativeSorted(c))).toBe(true);
  });

  it('property: any doubles, any length', () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { minLength: 0, maxLength: 40_000 }), (xs) => {
        const a = Float64Array.from(xs);
        return sameOrder(sortFloat64(Float64Array.from(a)), nativeSorted(a));
      }),
      { numRuns: 30 },
    );
  });

  it('works on a subarray view without touching the rest of the buffer', () => {
    const big = Float64Array.from({ length: 40_000 }, (_, i) => 40_000 - i);
    const view = big.subarray(5, 30_005);
    sortFloat64(view);
    expect(big[0]).toBe(40_000);
    expect(view[0]).toBe(40_000 - 30_004);
    expect(big[30_005]).toBe(40_000 - 30_005);
  });
});

describe('sortFloat64 on few distinct values (counting sort)', () => {
  it('matches the native sort on rounded scores, ±0 and NaN among them', () => {
    const n = 200_000;
    const a = new Float64Array(n);
    let s = 11;
    for (let i = 0; i < n; i++) {
      s = (s * 1103515245 + 12345) >>> 0;
      a[i] = Math.round((s / 4294967296) * 10_000) / 10_000;
    }
    a[3] = -0;
    a[5] = NaN;
    a[7] = -Infinity;
    a[9] = Infinity;
    new Uint32Array(a.buffer)[2 * 13 + 1] = 0xfff80000; // a NaN with the sign bit set
    new Uint32Array(a.buffer)[2 * 13] = 0;
    const got = sortFloat64(Float64Array.from(a));
    expect(sameOrder(got, nativeSorted(a))).toBe(true);
    expect(Object.is(got[0], -Infinity) && Object.is(got[1], -0)).toBe(true);
    expect(Number.isNaN(got[n - 1]) && Number.isNaN(got[n - 2])).toBe(true);
  });

  it('falls back past the distinct-value cap with the array intact (continuous data after a long run of ties)', () => {
    const n = 300_000;
    const a = Float64Array.from({ length: n }, (_, i) => (i < 200_000 ? i % 7 : Math.sin(i) * 1e6));
    expect(sameOrder(sortFloat64(Float64Array.from(a)), nativeSorted(a))).toBe(true);
  });

  it('property: a few distinct doubles repeated many times', () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { minLength: 1, maxLength: 40 }), fc.integer({ min: 20_000, max: 60_000 }), (pool, n) => {
        let s = n;
        const a = Float64Array.from({ length: n }, () => {
          s = (s * 1103515245 + 12345) >>> 0;
          return pool[s % pool.length];
        });
        return sameOrder(sortFloat64(Float64Array.from(a)), nativeSorted(a));
      }),
      { numRuns: 30 },
    );
  });
});
