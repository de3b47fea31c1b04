/** CSV fixtures → typed columns, and small column builders, for the fairness tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { CategoricalColumn, NumericColumn, TypedColumn } from '../../../core/data/column';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'fairness');
export const REFERENCE_DIR = join(__dirname, '..', '..', 'reference');

export function num(name: string, values: ArrayLike<number | null>): NumericColumn {
  return { name, kind: 'numeric', type: 'real', values: Float64Array.from(Array.from(values), (v) => (v === null ? NaN : v)) };
}

export function cat(name: string, values: readonly (string | null)[]): CategoricalColumn {
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (v === null) {
      codes[i] = -1;
      return;
    }
    let c = index.get(v);
    if (c === undefined) {
      c = index.size;
      index.set(v, c);
    }
    codes[i] = c;
  });
  return { name, kind: 'categorical', type: 'categorical', codes, dictionary: [...index.keys()] };
}

/** The rows of a CSV as string arrays (header first); duplicate header names are kept as they are. */
export function readCsv(path: string): string[][] {
  const parsed = Papa.parse<string[]>(readFileSync(path, 'utf8').trim(), { header: false, skipEmptyLines: true });
  return parsed.data;
}

/** Columns of a CSV: numeric when every non-empty cell is a number, else categorical; "" = missing. */
export function csvColumns(path: string, keep?: (row: Record<string, string>) => boolean): TypedColumn[] {
  const [header, ...all] = readCsv(path);
  const rows = keep ? all.filter((r) => keep(Object.fromEntries(header.map((h, i) => [h, r[i]])))) : all;
  const seen = new Set<string>();
  return header.flatMap((name, j) => {
    if (seen.has(name)) return []; // the first of a repeated header is the one kept
    seen.add(name);
    const cells = rows.map((r) => r[j] ?? '');
    const numeric = cells.every((c) => c === '' || Number.isFinite(Number(c)));
    return [numeric ? num(name, cells.map((c) => (c === '' ? null : Number(c)))) : cat(name, cells.map((c) => (c === '' ? null : c)))];
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function readJson(name: string): any {
  return JSON.parse(readFileSync(join(REFERENCE_DIR, name), 'utf8'));
}

/** Relative tolerance check that also accepts exact nulls. */
export function close(actual: number | null | undefined, expected: number | null, label: string, rel = 1e-12): void {
  if (expected === null) {
    if (actual !== null) throw new Error(`${label}: expected null, got ${String(actual)}`);
    return;
  }
  if (actual === null || actual === undefined) throw new Error(`${label}: expected ${expected}, got ${String(actual)}`);
  const tol = rel * Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol)) throw new Error(`${label}: expected ${expected}, got ${actual}`);
}

/** True when a JSON value holds no NaN or ±Infinity anywhere (they would not survive JSON). */
export function finiteEverywhere(x: unknown): boolean {
  if (typeof x === 'number') return Number.isFinite(x);
  if (Array.isArray(x)) return x.every(finiteEverywhere);
  if (x && typeof x === 'object') return Object.values(x).every(finiteEverywhere);
  return true;
}
