/** Typed columns from the reference JSON's plain arrays (null = missing), and a tolerant comparison. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CategoricalColumn, NumericColumn } from '../../../core/data/column';

export const REFERENCE = path.join(__dirname, '..', '..', 'reference');

export function readJson<T = any>(name: string): T { // eslint-disable-line @typescript-eslint/no-explicit-any
  return JSON.parse(fs.readFileSync(path.join(REFERENCE, name), 'utf8')) as T;
}

export function numeric(name: string, values: readonly (number | null)[], type: NumericColumn['type'] = 'real'): NumericColumn {
  return { name, kind: 'numeric', type, values: Float64Array.from(values, (v) => (v === null ? NaN : v)) };
}

export function categorical(name: string, values: readonly (string | null)[]): CategoricalColumn {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let c = index.get(v);
    if (c === undefined) {
      c = dictionary.length;
      index.set(v, c);
      dictionary.push(v);
    }
    return c;
  });
  return { name, kind: 'categorical', type: 'categorical', codes, dictionary };
}

/** Equal within a relative 1e-12 (numpy sums pairwise, we compensate), null equal to null. */
export function close(actual: number | null | undefined, expected: number | null | undefined, what: string, rel = 1e-12): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
}
