/** Loaders for tests/reference/performance_reference.json and performance_large.csv.gz (sklearn 1.2 outputs). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect } from 'vitest';

const DIR = join(__dirname, '..', '..', 'reference');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const REF: any = JSON.parse(readFileSync(join(DIR, 'performance_reference.json'), 'utf8'));

let large: Record<string, Float64Array> | null = null;

/** The large inputs, column name → values, parsed once. */
export function largeColumns(): Record<string, Float64Array> {
  if (large) return large;
  const text = gunzipSync(readFileSync(join(DIR, 'performance_large.csv.gz'))).toString('utf8');
  const lines = text.split('\n').filter((l) => l.length > 0);
  const names = lines[0].split(',');
  const cols = names.map(() => new Float64Array(lines.length - 1));
  for (let r = 1; r < lines.length; r++) {
    const cells = lines[r].split(',');
    for (let c = 0; c < names.length; c++) cols[c][r - 1] = Number(cells[c]);
  }
  large = Object.fromEntries(names.map((n, c) => [n, cols[c]]));
  return large;
}

/** Relative 1e-9 (absolute 1e-12 near 0); null expected ⇒ null actual. */
export function close(actual: number | null | undefined, expected: number | null, label: string, rel = 1e-9, abs = 1e-12): void {
  if (expected === null) {
    expect(actual ?? null, label).toBeNull();
    return;
  }
  expect(actual, label).not.toBeNull();
  expect(actual, label).not.toBeUndefined();
  const ok = Math.abs(actual! - expected) <= Math.max(abs, rel * Math.abs(expected));
  if (!ok) expect.fail(`${label}: got ${actual}, expected ${expected} (diff ${actual! - expected})`);
}

export function closeArray(actual: readonly number[] | null | undefined, expected: readonly (number | null)[], label: string, rel = 1e-9): void {
  expect(actual, label).toBeTruthy();
  expect(actual!.length, `${label} length`).toBe(expected.length);
  expected.forEach((e, i) => close(actual![i], e, `${label}[${i}]`, rel));
}

/** No NaN / Infinity anywhere and a JSON round trip is lossless. */
export function expectJsonSafe(result: unknown): void {
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) expect.fail(`${path} is ${v}`);
    } else if (ArrayBuffer.isView(v)) expect.fail(`${path} is a typed array`);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(result, '$');
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
}
