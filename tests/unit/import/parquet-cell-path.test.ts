import fs from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ChunkStats } from '../../../core/import/chunk-stats';
import { ColumnBuilder, INFER_SAMPLE } from '../../../core/import/column-builder';
import { newClient } from '../../helpers/engine';
import { rng } from '../../helpers/rng';

// A Parquet import's typed values reach storage without the per-cell path (ColumnBuilder.add):
// numbers, times and booleans never take it, text only for its first values (sampling) and for
// what it meets first (a dictionary entry, a short value that may be a null token). In a profile
// of the import's thread a function named `add` is ChunkStats.add, not this one: these counts are
// what showed it (session 12).

const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.PLUMBLINE_PARQUET_WORKER;
});

const N = 40_000;

function writeFile(file: string): void {
  const rand = rng(12);
  const start = Date.UTC(2026, 0, 1);
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'user_id', data: Array.from({ length: N }, () => Math.floor(rand() * 5000)), type: 'INT32' },
      { name: 'x', data: Array.from({ length: N }, (_, i) => (i % 11 === 0 ? null : rand() * 100 - 50)), type: 'DOUBLE' },
      { name: 'score', data: Array.from({ length: N }, () => rand()), type: 'DOUBLE' },
      { name: 'latency_ms', data: Array.from({ length: N }, () => BigInt(Math.floor(rand() * 900))), type: 'INT64' },
      { name: 'flag', data: Array.from({ length: N }, () => rand() < 0.5), type: 'BOOLEAN' },
      { name: 'event_time', data: Array.from({ length: N }, (_, i) => new Date(start + i * 1000)), type: 'TIMESTAMP' },
      { name: 'country', data: Array.from({ length: N }, (_, i) => (i % 13 === 0 ? null : `c${Math.floor(rand() * 40)}`)), type: 'STRING' },
      { name: 'session', data: Array.from({ length: N }, (_, i) => `session-${Math.floor(i / 3)}-${Math.floor(rand() * 1e6)}`), type: 'STRING' },
    ],
    rowGroupSize: 20_000,
  });
  fs.writeFileSync(file, Buffer.from(buffer));
}

/** Calls of ColumnBuilder.add per column while `run` imports. */
async function addCalls(run: () => Promise<unknown>): Promise<Map<string, number>> {
  const spy = vi.spyOn(ColumnBuilder.prototype, 'add');
  await run();
  const calls = new Map<string, number>();
  for (const b of spy.mock.contexts) {
    const name = (b as unknown as { name: string }).name;
    calls.set(name, (calls.get(name) ?? 0) + 1);
  }
  return calls;
}

describe('Parquet values and the per-cell path', () => {
  const file = path.join(dir, 'typed.parquet');
  writeFile(file);

  it.each([false, true])('numbers never go cell by cell, text only for its first values (decoding thread %s)', async (thread) => {
    process.env.PLUMBLINE_PARQUET_WORKER = thread ? path.resolve(__dirname, '..', '..', '..', 'dist', 'engine', 'parquet-worker.js') : '0';
    if (thread && !fs.existsSync(process.env.PLUMBLINE_PARQUET_WORKER)) throw new Error('dist/engine/parquet-worker.js is missing: run "npm run build" first.');
    const calls = await addCalls(() => client.importFile({ path: file, name: `typed-${thread}` }));
    for (const numeric of ['user_id', 'x', 'score', 'latency_ms', 'flag', 'event_time']) expect({ numeric, calls: calls.get(numeric) ?? 0 }).toEqual({ numeric, calls: 0 });
    // Sampling (each cell held until 1,000 values are, then added again once the type is known:
    // ~2,170 with the nulls), then each of the two row groups' 41 dictionary entries once.
    expect(calls.get('country') ?? 0).toBeLessThanOrEqual(2300);
    // Plain strings: sampling, then a few while the column still grows its dictionary (all distinct here).
    expect(calls.get('session') ?? 0).toBeLessThanOrEqual(2 * INFER_SAMPLE + 100);
  });
});

describe('chunk statistics a Parquet import gathers', () => {
  it('loops over min and max only for a column named like a score', async () => {
    const file = path.join(dir, 'stats.parquet');
    if (!fs.existsSync(file)) writeFile(file);
    process.env.PLUMBLINE_PARQUET_WORKER = '0';
    const spy = vi.spyOn(ChunkStats.prototype, 'add');
    const r = await client.importFile({ path: file, name: 'stats' });
    // Every row of `score` (the one column whose range the role guess reads) once, and nothing
    // else: before, every numeric, time and boolean column's chunks (6 × N values here).
    expect(spy.mock.calls.reduce((n, c) => n + c[0].length, 0)).toBe(N);
    // The roles those statistics decide: user_id repeats (not an id), score in [0, 1].
    const roles = Object.fromEntries(r.columns.map((c) => [c.name, c.role]));
    expect([roles.user_id, roles.x, roles.score, roles.latency_ms, roles.event_time]).toEqual(['feature', 'feature', 'score', 'feature', 'timestamp']);
  });
});
