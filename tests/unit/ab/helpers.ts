/** Shared fixtures for the A/B tests: columns from plain arrays, the reference JSON, closeness. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CategoricalColumn, NumericColumn, TypedColumn } from '../../../core/data/column';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const AB_REFERENCE: any = JSON.parse(readFileSync(join(__dirname, '..', '..', 'reference', 'ab_reference.json'), 'utf8'));

export function numeric(name: string, values: readonly number[], type: NumericColumn['type'] = 'real'): NumericColumn {
  return { name, kind: 'numeric', type, values: Float64Array.from(values) };
}

/** A categorical column from text values (null = missing); dictionary in first-seen order unless given. */
export function categorical(name: string, values: readonly (string | null)[], dictionary?: readonly string[]): CategoricalColumn {
  const dict = dictionary ? [...dictionary] : [];
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let c = dict.indexOf(v);
    if (c < 0) {
      if (dictionary) throw new Error(`value ${v} not in dictionary`);
      c = dict.push(v) - 1;
    }
    return c;
  });
  return { name, kind: 'categorical', type: 'categorical', codes, dictionary: dict };
}

/** Control rows first, then treatment rows; `extra` columns cover the same rows in that order. */
export function twoArms(control: readonly number[], treatment: readonly number[], extra: Record<string, TypedColumn> = {}): Record<string, TypedColumn> {
  return {
    variant: categorical('variant', [...control.map(() => 'control'), ...treatment.map(() => 'treatment')]),
    y: numeric('y', [...control, ...treatment]),
    ...extra,
  };
}

/** Relative 1e-9 (or as given), absolute 1e-12. */
export function close(actual: number | null | undefined, expected: number | null, label: string, rel = 1e-9, abs = 1e-12): void {
  if (expected === null) {
    expect(actual ?? null, label).toBeNull();
    return;
  }
  if (actual === null || actual === undefined) expect.fail(`${label}: got null, expected ${expected}`);
  if (!(Math.abs(actual - expected) <= Math.max(abs, rel * Math.abs(expected)))) expect.fail(`${label}: got ${actual}, expected ${expected} (diff ${actual - expected})`);
}

/** Every number anywhere in `value` is finite (JSON.stringify would silently turn NaN into null). */
export function expectAllFinite(value: unknown, path = 'result'): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) expect.fail(`${path} is ${value}`);
  } else if (Array.isArray(value)) value.forEach((v, i) => expectAllFinite(v, `${path}[${i}]`));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) expectAllFinite(v, `${path}.${k}`);
}
