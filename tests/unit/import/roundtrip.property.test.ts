import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatTimestamp, parseBoolean, parseInteger, parseReal, parseTimestamp, DEFAULT_NULL_TOKENS } from '../../../core/data/values';
import { newClient } from '../../helpers/engine';
import { rowsOf } from './helpers';

const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Kind = 'integer' | 'real' | 'boolean' | 'timestamp' | 'text';
type Value = number | boolean | string | null;

// Pieces that break naive CSV and JSON writers and readers.
const PIECES = ['a', 'Z', '0', '7', '.', '-', ' ', '"', "'", ',', ';', '\t', '|', '\n', '\r\n', '\\', 'é', 'e\u0301', '日本', '😀', '👩🏽‍💻', 'שלום', '{', '}', '[', 'NA', 'null', 'true'];
const NULLS = new Set(DEFAULT_NULL_TOKENS);
const text = fc
  .string({ unit: fc.constantFrom(...PIECES), minLength: 1, maxLength: 12 })
  // A text value must read as text: not a null token, not a number, boolean or timestamp.
  .filter((s) => !NULLS.has(s) && [parseInteger, parseReal, parseBoolean, parseTimestamp].every((p) => p(s) === undefined));

const valueOf: Record<Kind, fc.Arbitrary<Value>> = {
  integer: fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
  real: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }).map((v) => (Object.is(v, -0) ? 0 : v)),
  boolean: fc.boolean(),
  timestamp: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  text,
};

const table = fc
  .array(fc.constantFrom<Kind>('integer', 'real', 'boolean', 'timestamp', 'text'), { minLength: 1, maxLength: 6 })
  .chain((kinds) =>
    fc.record({
      kinds: fc.constant(kinds),
      names: fc.uniqueArray(fc.string({ unit: fc.constantFrom(...PIECES), minLength: 1, maxLength: 6 }).map((s) => `c${s}`), {
        minLength: kinds.length,
        maxLength: kinds.length,
      }),
      rows: fc.array(fc.tuple(...kinds.map((k) => fc.option(valueOf[k], { freq: 5 }))), { minLength: 1, maxLength: 25 }),
    }),
  );

/** The value as the API returns it after import. */
function expected(kind: Kind, v: Value): Value {
  if (v === null) return null;
  return kind === 'timestamp' ? formatTimestamp(v as number) : v;
}

function csvCell(kind: Kind, v: Value): string {
  if (v === null) return '';
  const s = kind === 'timestamp' ? new Date(v as number).toISOString() : String(v);
  return `"${s.replace(/"/g, '""')}"`;
}

function jsonValue(kind: Kind, v: Value): unknown {
  return kind === 'timestamp' && v !== null ? new Date(v as number).toISOString() : v;
}

let n = 0;
async function roundTrip(t: { kinds: Kind[]; names: string[]; rows: Value[][] }, format: 'csv' | 'jsonl'): Promise<void> {
  const name = `t${n++}`;
  const file = path.join(dir, `${name}.${format}`);
  const body =
    format === 'csv'
      ? [t.names.map((c) => `"${c.replace(/"/g, '""')}"`).join(','), ...t.rows.map((r) => r.map((v, i) => csvCell(t.kinds[i], v)).join(','))].join('\n')
      : t.rows.map((r) => JSON.stringify(Object.fromEntries(r.map((v, i) => [t.names[i], jsonValue(t.kinds[i], v)])))).join('\n');
  fs.writeFileSync(file, `${body}\n`);
  await client.importFile({ path: file, name, ...(format === 'csv' ? { delimiter: ',' } : {}) });
  const got = await rowsOf(client, name);
  const want = t.rows.map((r) => Object.fromEntries(r.map((v, i) => [t.names[i], expected(t.kinds[i], v)])));
  expect(got).toEqual(want);
  await client.deleteDataset({ dataset: name });
}

describe('property: random tables survive CSV and JSON Lines import unchanged', () => {
  it('CSV', async () => {
    await fc.assert(fc.asyncProperty(table, (t) => roundTrip(t, 'csv')), { numRuns: 150 });
  });

  it('JSON Lines', async () => {
    await fc.assert(fc.asyncProperty(table, (t) => roundTrip(t, 'jsonl')), { numRuns: 150 });
  });
});
