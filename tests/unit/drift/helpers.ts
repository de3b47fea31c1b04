import type { CategoricalColumn, NumericColumn } from '../../../core/data/column';
import { rng } from '../../helpers/rng';

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

export { rng };

export function normals(n: number, seed: number, shift = 0): Float64Array {
  const u = rng(seed);
  return Float64Array.from({ length: n }, () => shift + Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()));
}
