import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noContext } from '../../core/api/context';
import { readByWorker } from '../../core/import/formats/parquet-pipeline';
import { toText } from '../../core/import/formats/parquet-pages';
import { windowCell, type ColumnarSink, type ReadContext } from '../../core/import/formats/sink';
import { Problems } from '../../core/import/problems';
import { ROOT } from '../helpers/cli';

// Work sharing between the two threads of a Parquet import (parquet-pipeline.ts): both claim the
// next column of a row group from one counter. Whichever thread decodes a column, its builder must
// get the column's values in row order, the values the file holds; a cancel mid-way must stop both.
// (That the stored bytes equal the one-thread import's: parquet-pipeline.test.ts.)

const script = path.join(ROOT, 'dist', 'engine', 'parquet-worker.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-sharing-'));
const file = path.join(dir, 'groups.parquet');
const N = 30_000;
// A first group of two windows (16,384 rows each) and an empty one; group ends away from the
// windows; later groups small, so the decoding thread sends a column's later groups while this
// thread is still on the column's first (they are held until it is in).
const GROUPS = [20_000, 0, 9_000, 100, 900];

beforeAll(() => {
  if (!fs.existsSync(script)) throw new Error('dist/engine/parquet-worker.js is missing: run "npm run build" first.');
  const rows = Array.from({ length: N }, (_, i) => i);
  const buffer = parquetWriteBuffer({
    schema: [
      { name: 'root', num_children: 5 },
      { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
      { name: 'ratio', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
      { name: 'segment', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'uid', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'flag', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
    ],
    columnData: [
      { name: 'id', data: rows },
      { name: 'ratio', data: rows.map((i) => (i % 4 === 0 ? null : i / 8)) },
      { name: 'segment', data: rows.map((i) => (i % 13 === 0 ? null : `s${i % 7}`)), encoding: 'RLE_DICTIONARY' },
      { name: 'uid', data: rows.map((i) => (i % 97 === 0 ? null : `id-${i}-${i % 3001 === 0 ? 'ü' : ''}`)), encoding: 'PLAIN' },
      { name: 'flag', data: rows.map((i) => (i % 11 === 0 ? null : i % 3 === 0)) },
    ],
    rowGroupSize: GROUPS,
    pageSize: 8 * 1024,
  });
  fs.writeFileSync(file, Buffer.from(buffer));
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A sink that records each column's cells as the import's builders would get them, taking slow(k) ms for its k-th window. */
function recorder(columns: number, slow: (k: number) => number, onAdd: () => void = () => {}) {
  const cells: (string | null)[][] = Array.from({ length: columns }, () => []);
  let aligned = 0;
  let windows = 0;
  const sink: ColumnarSink = {
    add(c, values, rows) {
      for (let k = 0; k < rows; k++) cells[c].push(windowCell(values, k));
      for (const until = Date.now() + slow(windows++); Date.now() < until; );
      onAdd();
    },
    aligned(rows) {
      aligned += rows;
    },
  };
  return { sink, cells, aligned: () => aligned };
}

function context(signal: AbortSignal): ReadContext {
  return { ctx: { ...noContext(), signal }, problems: new Problems('abort', 'groups.parquet'), displayName: 'groups.parquet', progress: () => {} };
}

describe('Parquet work sharing between the threads', () => {
  it('both threads decode columns, and each column reaches its builder whole, in row order', async () => {
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(file));
    expect(metadata.row_groups.map((g) => Number(g.num_rows))).toEqual(GROUPS);
    const columns = 5;
    // The import's thread claims the first unit before the decoding thread has started, and is
    // slow on its first window (400 ms): the decoding thread claims the units after it meanwhile.
    const rec = recorder(columns, (k) => (k === 0 ? 400 : 1));
    const progress: number[] = [];
    const got = await readByWorker(script, file, metadata, columns, rec.sink, context(new AbortController().signal), (r) => progress.push(r));
    const units = metadata.row_groups.length * columns;
    expect(got.rows).toBe(N);
    expect(rec.aligned()).toBe(N);
    expect(got.here).toBeGreaterThan(0);
    expect(got.here).toBeLessThan(units);
    // The file's values, as hyparquet reads them (the text path's cells).
    const rows = (await parquetReadObjects({ file: await asyncBufferFromFile(file) })) as Record<string, unknown>[];
    ['id', 'ratio', 'segment', 'uid', 'flag'].forEach((name, c) => {
      expect(rec.cells[c].length).toBe(N);
      expect(rec.cells[c]).toEqual(rows.map((r) => toText(r[name])));
    });
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[progress.length - 1]).toBe(N);
  });

  it('a cancel mid-way rejects as cancelled and stops the decoding thread', async () => {
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(file));
    const controller = new AbortController();
    let adds = 0;
    const rec = recorder(5, () => 2, () => {
      if (++adds === 6) controller.abort();
    });
    await expect(readByWorker(script, file, metadata, 5, rec.sink, context(controller.signal), () => {})).rejects.toMatchObject({ code: 'CANCELLED' });
    // Nothing is given to the sink once the cancel is seen (the next window at most).
    const seen = adds;
    await new Promise((r) => setTimeout(r, 200));
    expect(adds).toBe(seen);
    expect(adds).toBeLessThan(8);
    expect(rec.aligned()).toBe(0);
  });
});
