/** Loader for tests/reference/drift_reference.json (scipy/numpy outputs) and a tolerance check. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export type Num = number | null | 'inf' | '-inf';

export function decode(x: Num): number {
  if (x === null) return NaN;
  if (x === 'inf') return Infinity;
  if (x === '-inf') return -Infinity;
  return x;
}

export function toFloat64(values: Num[]): Float64Array {
  return Float64Array.from(values, decode);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const REFERENCE: any = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'reference', 'drift_reference.json'), 'utf8'),
);

/** Relative 1e-9, absolute 1e-12 (p-values near 0). */
export function expectClose(actual: number, expected: Num, label = '', rel = 1e-9, abs = 1e-12): void {
  const e = decode(expected);
  if (Number.isNaN(e)) {
    expect(actual, label).toBeNaN();
    return;
  }
  if (!Number.isFinite(e)) {
    expect(actual, label).toBe(e);
    return;
  }
  const ok = Math.abs(actual - e) <= Math.max(abs, rel * Math.abs(e));
  if (!ok) expect.fail(`${label}: got ${actual}, expected ${e} (diff ${actual - e})`);
}
