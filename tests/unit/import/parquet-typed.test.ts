import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import { toNumbers, type NumberPlan } from '../../../core/import/formats/parquet-pages';
import { newClient } from '../../helpers/engine';
import { typesOf } from './helpers';

// Parquet numbers, times and booleans reach storage as numbers (no text in between): what they
// store must be what hyparquet's values gave through their text, as before.

const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const int64 = (type: NumberPlan['type'], divisor: number): NumberPlan => ({ type, raw: 'int64', scale: 1, divisor });

describe('INT64 to numbers without BigInt', () => {
  const edges = [0n, 1n, -1n, 999n, -999n, 1000n, -1000n, -1001n, 999_999n, -1_000_001n, 2n ** 32n - 1n, 2n ** 32n, -(2n ** 32n), 2n ** 53n - 1n, 2n ** 53n, -(2n ** 53n), 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n), 1_767_225_600_123_456_789n, -86_400_000_123_456_789n];
  const check = (values: bigint[]) => {
    const big = BigInt64Array.from(values);
    for (const divisor of [1, 1000, 1_000_000]) {
      const out = new Float64Array(values.length);
      const odd = toNumbers(big, 0, values.length, int64(divisor === 1 ? 'integer' : 'timestamp', divisor), out);
      values.forEach((v, i) => {
        // hyparquet: micros / 1000n and nanos / 1000000n (BigInt division truncates toward zero).
        const want = Number(v / BigInt(divisor));
        if (divisor === 1 && !Number.isSafeInteger(want)) {
          expect(out[i]).toBeNaN();
          expect(odd?.get(i)).toBe(v.toString());
        } else if (divisor > 1 && Math.abs(want) > 8.64e15) expect(out[i]).toBeNaN(); // no valid Date: missing
        else expect({ v, divisor, got: out[i] }).toEqual({ v, divisor, got: want });
      });
    }
  };

  it('divides toward zero like BigInt and keeps what a double cannot hold as text', () => {
    check(edges);
  });

  it('agrees with BigInt on random values of every magnitude', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: -(2n ** 54n), max: 2n ** 54n }), fc.bigInt({ min: -5000n, max: 5000n })), { minLength: 1, maxLength: 50 }), (values) => {
        check(values);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a window from the middle of the page', () => {
    const big = BigInt64Array.from([5n, -7_000_001n, 3_000_000n, 9n]);
    const out = new Float64Array(2);
    toNumbers(big, 1, 2, int64('timestamp', 1_000_000), out);
    expect(Array.from(out)).toEqual([-7, 3]);
  });

  it('doubles: NaN is missing, an infinity keeps its text; dates are days', () => {
    const out = new Float64Array(4);
    const odd = toNumbers(Float64Array.from([1.5, NaN, Infinity, -Infinity]), 0, 4, { type: 'real', raw: 'number', scale: 1, divisor: 1 }, out);
    expect(Array.from(out.subarray(0, 2))).toEqual([1.5, NaN]);
    expect(odd && Object.fromEntries(odd)).toEqual({ 2: 'Infinity', 3: '-Infinity' });
    const days = new Float64Array(2);
    toNumbers(Int32Array.from([-1, 20_454]), 0, 2, { type: 'timestamp', raw: 'number', scale: 86_400_000, divisor: 1 }, days);
    expect(Array.from(days)).toEqual([-86_400_000, Date.UTC(2026, 0, 1)]);
  });
});

const N = 70_000; // past the first 65,536-row chunk
const start = Date.UTC(2026, 0, 1);
const nanos = (i: number) => BigInt(start - 5 * 86_400_000 * 365) * 1_000_000n - 123_456_789n * BigInt(i % 7) + BigInt(i) * 1_000_000_000n * (i % 2 ? -1n : 1n);
const BIG_ROW = 66_000;

function writeTyped(file: string): void {
  const rows = Array.from({ length: N }, (_, i) => i);
  const buffer = parquetWriteBuffer({
    schema: [
      { name: 'root', num_children: 9 },
      { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
      { name: 'ts_ns', type: 'INT64', repetition_type: 'OPTIONAL', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'NANOS' } },
      { name: 'ts_us', type: 'INT64', repetition_type: 'OPTIONAL', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' } },
      { name: 'day', type: 'INT32', repetition_type: 'OPTIONAL', converted_type: 'DATE' },
      { name: 'big', type: 'INT64', repetition_type: 'OPTIONAL' },
      { name: 'ratio', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
      { name: 'late', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
      { name: 'flag', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
      { name: 'name', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    ],
    columnData: [
      { name: 'id', data: rows },
      { name: 'ts_ns', data: rows.map((i) => (i % 9 === 0 ? null : nanos(i))) },
      { name: 'ts_us', data: rows.map((i) => nanos(i) / 1000n - 7n) },
      { name: 'day', data: rows.map((i) => (i % 5 === 0 ? null : new Date(start + (i % 400) * 86_400_000 - 300 * 86_400_000))) },
      // One value beyond 2^53 (after the first chunk): the column widens to real, as text would.
      { name: 'big', data: rows.map((i) => (i === BIG_ROW ? 2n ** 53n + 1n : BigInt(i) * 3n - 1000n)) },
      { name: 'ratio', data: rows.map((i) => (i === 40_000 ? Infinity : i % 4 === 0 ? NaN : i / 4)) },
      // Missing for the whole first chunk.
      { name: 'late', data: rows.map((i) => (i < 66_000 ? null : i / 8)) },
      { name: 'flag', data: rows.map((i) => (i % 11 === 0 ? null : i % 3 === 0)) },
      { name: 'name', data: rows.map((i) => (i % 13 === 0 ? null : `n${i % 100}`)) },
    ],
    rowGroupSize: [30_000, 40_000],
    pageSize: 32 * 1024,
  });
  fs.writeFileSync(file, Buffer.from(buffer));
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Row i as the API gives it back, from the values hyparquet's own reader gives (Date, bigint, number). */
function expected(i: number): Record<string, unknown> {
  return {
    id: i,
    ts_ns: i % 9 === 0 ? null : iso(Number(nanos(i) / 1_000_000n)),
    ts_us: iso(Number((nanos(i) / 1000n - 7n) / 1000n)),
    day: i % 5 === 0 ? null : iso(start + (i % 400) * 86_400_000 - 300 * 86_400_000),
    big: i === BIG_ROW ? 2 ** 53 : i * 3 - 1000,
    ratio: i === 40_000 ? 'Infinity' : i % 4 === 0 ? null : String(i / 4),
    late: i < 66_000 ? null : i / 8,
    flag: i % 11 === 0 ? null : i % 3 === 0,
    name: i % 13 === 0 ? null : `n${i % 100}`,
  };
}

async function allRows(dataset: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += 10_000) {
    const page = await client.previewRows({ dataset, offset, limit: 10_000 });
    out.push(...page.rows.map((r) => Object.fromEntries(page.columns.map((c, i) => [c, r[i]]))));
    if (page.rows.length < 10_000) return out;
  }
}

function expectRows(rows: Record<string, unknown>[], want: (i: number) => Record<string, unknown>, skip: (k: string) => boolean = () => false): void {
  expect(rows).toHaveLength(N);
  for (let i = 0; i < N; i++) {
    const w = want(i);
    // One toEqual per row would be slow: compare cheaply and report the first difference.
    if (Object.keys(w).some((k) => !skip(k) && rows[i][k] !== w[k])) expect({ row: i, ...rows[i] }).toEqual({ row: i, ...w });
  }
}

describe('Parquet typed values', () => {
  const file = path.join(dir, 'typed.parquet');
  writeTyped(file);

  it('stores times, dates, integers, doubles and booleans as the text path typed them, across chunks and row groups', async () => {
    expect(await client.importFile({ path: file, name: 'typed' })).toMatchObject({ rows: N, rejected: 0 });
    const d = await client.getDataset({ dataset: 'typed' });
    expect(Object.fromEntries(d.columnInfo.map((c) => [c.name, [c.type, c.nullCount, c.widenedCount]]))).toEqual({
      id: ['integer', 0, 0],
      ts_ns: ['timestamp', Math.ceil(N / 9), 0],
      ts_us: ['timestamp', 0, 0],
      day: ['timestamp', N / 5, 0],
      big: ['real', 0, 1],
      // Infinity is not a number here, so the column became text (as before); NaN stays missing.
      ratio: ['text', N / 4 - 1, 1],
      // A column missing for a whole chunk still takes the file's type.
      late: ['real', 66_000, 0],
      flag: ['boolean', Math.ceil(N / 11), 0],
      name: ['categorical', Math.ceil(N / 13), 0],
    });
    expect(d.imports[0].parserSettings).toMatchObject({ rowGroups: 2, reader: 'pages' });
    expectRows(await allRows('typed'), expected);
  });

  it('row by row (a chosen type) stores the same values as column by column', async () => {
    expect(await client.importFile({ path: file, name: 'typed-rows', types: { id: 'integer' } })).toMatchObject({ rows: N, rejected: 0 });
    expect(await typesOf(client, 'typed-rows')).toEqual(await typesOf(client, 'typed'));
    expectRows(await allRows('typed-rows'), expected);
  });

  it('appends to a dataset imported from CSV: fills its partial chunk, numbers into its text column as text', async () => {
    const csv = path.join(dir, 'first.csv');
    const first = 1000;
    const lines = ['id,ts_ns,ts_us,day,big,ratio,late,flag,name'];
    for (let i = 0; i < first; i++) lines.push(`${-1 - i},2025-01-01T00:00:00Z,2025-01-01T00:00:00.5Z,2025-02-03,${i},x${i},${i / 2},true,n${i % 3}`);
    fs.writeFileSync(csv, `${lines.join('\n')}\n`);
    await client.importFile({ path: csv, name: 'grown' });
    expect(await typesOf(client, 'grown')).toMatchObject({ ratio: 'text', big: 'integer', late: 'real' });
    expect(await client.importFile({ path: file, append: 'grown' })).toMatchObject({ kind: 'append', rows: N, rejected: 0 });
    const rows = await allRows('grown');
    expect(rows).toHaveLength(first + N);
    expect(rows[first - 1]).toMatchObject({ id: -first, ratio: `x${first - 1}`, late: (first - 1) / 2 });
    // ratio was text in the dataset: the file's doubles are stored as their text.
    expectRows(rows.slice(first), expected);
  });

  it('a cancelled column-by-column import leaves the workspace as it was', async () => {
    const before = JSON.stringify(await client.listDatasets({}));
    const controller = new AbortController();
    const p = client.importFile({ path: file, name: 'cancelled' }, { signal: controller.signal, onProgress: (e) => ((e.rows ?? 0) > 0 ? controller.abort() : undefined) });
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(JSON.stringify(await client.listDatasets({}))).toBe(before);
    expect(ws.db.prepare("SELECT COUNT(*) AS n FROM datasets WHERE name = 'cancelled'").get()).toEqual({ n: 0 });
  });
});
