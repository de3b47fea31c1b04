import type { CategoricalColumn, NumericColumn } from '../../../core/data/column';

export function num(name: string, values: ArrayLike<number | null>, type: NumericColumn['type'] = 'real'): NumericColumn {
  return { name, kind: 'numeric', type, values: Float64Array.from(Array.from(values), (v) => (v === null ? NaN : v)) };
}

/** Dictionary in first-appearance order, optionally reversed to prove matching is by string. */
export function cat(name: string, values: readonly (string | null)[], reverseDictionary = false): CategoricalColumn {
  const seen: string[] = [];
  for (const v of values) if (v !== null && !seen.includes(v)) seen.push(v);
  const dictionary = reverseDictionary ? seen.reverse() : seen;
  const codes = Int32Array.from(values, (v) => (v === null ? -1 : dictionary.indexOf(v)));
  return { name, kind: 'categorical', type: 'categorical', codes, dictionary };
}

/** Deterministic uniform(0,1) generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normals(n: number, seed: number, shift = 0): Float64Array {
  const u = rng(seed);
  return Float64Array.from({ length: n }, () => shift + Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()));
}
