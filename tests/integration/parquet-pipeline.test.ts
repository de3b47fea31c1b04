import fs from 'node:fs';
import path from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetWorkerScript } from '../../core/import/formats/parquet-pipeline';
import { PARQUET_PRESTARTED } from '../../core/import/formats/parquet-prestarted';
// The CLI entry's half (plain JavaScript, outside the bundle).
import { prestartParquetDecoder } from '../../bin/prestart-pool.js';
import { newClient } from '../helpers/engine';
import { ROOT } from '../helpers/cli';

// A Parquet import on two threads (core/import/formats/parquet-pipeline.ts, the built decoding
// thread): what it stores must be exactly what the one-thread path stores, byte for byte.

const script = path.join(ROOT, 'dist', 'engine', 'parquet-worker.js');
const { client, ws, dir } = newClient();

const N = 40_000;
const start = Date.UTC(2026, 0, 1);
const segments = ['north', 'south', 'NA', 'east', 'wést'];

/** Unique ids (past the 1,000-value dictionary: inline 'str' chunks), some not ASCII, one with a leading BOM, empty ones, a null token. */
function uid(i: number): string | null {
  if (i % 97 === 0) return null;
  if (i === 5) return 'NA';
  if (i % 1013 === 0) return '';
  if (i === 20_001) return '\uFEFFbom';
  return i % 3001 === 0 ? `ü-${i}-日本` : `id-${i.toString(16).padStart(8, '0')}`;
}

function write(file: string): void {
  const rows = Array.from({ length: N }, (_, i) => i);
  const buffer = parquetWriteBuffer({
    schema: [
      { name: 'root', num_children: 10 },
      { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
      { name: 'big', type: 'INT64', repetition_type: 'OPTIONAL' },
      { name: 'ratio', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
      { name: 'ts', type: 'INT64', repetition_type: 'OPTIONAL', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' } },
      { name: 'flag', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
      { name: 'segment', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'uid', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'code', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      // No number plan (unsigned): hyparquet's values reach the builder as their text.
      { name: 'count', type: 'INT32', converted_type: 'UINT_32', repetition_type: 'OPTIONAL' },
      { name: 'price', type: 'INT32', converted_type: 'DECIMAL', scale: 2, precision: 9, repetition_type: 'OPTIONAL' },
    ],
    columnData: [
      { name: 'id', data: rows },
      // One value beyond 2^53 in the second row group: the column widens to real, as text would.
      { name: 'big', data: rows.map((i) => (i % 7 === 0 ? null : i === 30_000 ? 2n ** 53n + 1n : BigInt(i) * 3n - 1000n)) },
      // An infinity past the first chunk turns the column into text (its earlier chunks rewritten).
      { name: 'ratio', data: rows.map((i) => (i === 38_000 ? Infinity : i % 4 === 0 ? NaN : i / 4)) },
      { name: 'ts', data: rows.map((i) => (i % 9 === 0 ? null : BigInt(start + i * 1000) * 1000n + 7n)) },
      { name: 'flag', data: rows.map((i) => (i % 11 === 0 ? null : i % 3 === 0)) },
      { name: 'segment', data: rows.map((i) => (i % 13 === 0 ? null : segments[i % 5])), encoding: 'RLE_DICTIONARY' },
      { name: 'uid', data: rows.map(uid), encoding: 'PLAIN' },
      // Plain pages of few values: a dictionary of the builder's own.
      { name: 'code', data: rows.map((i) => (i % 17 === 0 ? null : `c${i % 40}`)), encoding: 'PLAIN' },
      { name: 'count', data: rows.map((i) => (i % 5 === 0 ? null : i % 300)) },
      { name: 'price', data: rows.map((i) => (i % 6 === 0 ? null : (i % 1000) / 4)) },
    ],
    // Group ends away from the 16,384-row windows and the 65,536-row chunks; small pages, so a
    // window crosses pages.
    rowGroupSize: [15_000, 100, 24_900],
    pageSize: 16 * 1024,
  });
  fs.writeFileSync(file, Buffer.from(buffer));
}

const file = path.join(dir, 'mixed.parquet');
beforeAll(() => {
  if (!fs.existsSync(script)) throw new Error('dist/engine/parquet-worker.js is missing: run "npm run build" first.');
  write(file);
}, 60_000);
afterAll(() => {
  delete process.env.PLUMBLINE_PARQUET_WORKER;
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs `f` with the decoding thread (the built script) or without ('0'). */
async function using<T>(thread: boolean, f: () => Promise<T>): Promise<T> {
  process.env.PLUMBLINE_PARQUET_WORKER = thread ? script : '0';
  try {
    return await f();
  } finally {
    delete process.env.PLUMBLINE_PARQUET_WORKER;
  }
}

/** Everything stored for a dataset: its catalog row, its columns (types, roles, counts, dictionary) and every chunk's bytes. */
function stored(name: string) {
  const ds = ws.db.prepare('SELECT id, row_count, chunk_rows FROM datasets WHERE name = ?').get(name) as { id: number; row_count: number; chunk_rows: number };
  const columns = ws.db.prepare('SELECT idx, name, type, role, null_count, widened_count, dictionary FROM columns WHERE dataset_id = ? ORDER BY idx').all(ds.id);
  const chunks = ws.db
    .prepare('SELECT column_idx, chunk_idx, row_count, encoding, hex(data) AS data FROM chunks WHERE dataset_id = ? ORDER BY column_idx, chunk_idx')
    .all(ds.id);
  return { rows: ds.row_count, chunkRows: ds.chunk_rows, columns, chunks };
}

describe('Parquet import with a decoding thread', () => {
  it('stores exactly what the one-thread import stores, and records that it used the thread', async () => {
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(file));
    expect(metadata.row_groups.map((g) => Number(g.num_rows))).toEqual([15_000, 100, 24_900]);
    const progress: number[] = [];
    const two = await using(true, () => client.importFile({ path: file, name: 'two' }, { onProgress: (e) => progress.push(e.rows ?? 0) }));
    const one = await using(false, () => client.importFile({ path: file, name: 'one' }));
    expect(two).toMatchObject({ rows: N, rejected: 0 });
    expect({ ...two, dataset: 'one', seconds: 0 }).toEqual({ ...one, seconds: 0 });
    const [a, b] = [stored('two'), stored('one')];
    // Each kind of value took its path: typed numbers, widened ones, dictionary text, inline 'str' chunks, text of other types.
    expect(Object.fromEntries(a.columns.map((c) => [(c as { name: string }).name, (c as { type: string }).type]))).toEqual({
      id: 'integer', big: 'real', ratio: 'text', ts: 'timestamp', flag: 'boolean', segment: 'categorical', uid: 'text', code: 'categorical', count: 'integer', price: 'real',
    });
    expect(new Set(a.chunks.map((c) => (c as { encoding: string }).encoding))).toEqual(new Set(['f64', 'i32', 'dict8', 'str']));
    expect(a.columns).toEqual(b.columns);
    expect(a.chunks.length).toBe(b.chunks.length);
    a.chunks.forEach((c, k) => {
      if (JSON.stringify(c) !== JSON.stringify(b.chunks[k])) expect(c).toEqual(b.chunks[k]);
    });
    expect({ rows: a.rows, chunkRows: a.chunkRows }).toEqual({ rows: b.rows, chunkRows: b.chunkRows });
    const settings = async (name: string) => (await client.getDataset({ dataset: name })).imports[0].parserSettings;
    expect(await settings('two')).toMatchObject({ rowGroups: 3, reader: 'pages', decodingThread: true });
    expect(await settings('one')).toMatchObject({ rowGroups: 3, reader: 'pages', decodingThread: false });
    // Progress by column through each row group, never backwards, up to every row. How many
    // reports arrive depends on the import's speed (at most one per 100 ms, read-source.ts).
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p, k) => k === 0 || p >= progress[k - 1])).toBe(true);
    expect(Math.max(...progress)).toBe(N);
  });

  it('a thread the CLI entry started for the import is adopted (no second one) and stores the same', async () => {
    const slot = globalThis as { [PARQUET_PRESTARTED]?: { worker: { threadId: number } } };
    // Not for other commands or files, nor when the thread is turned off.
    for (const argv of [['import', 'x.csv'], ['drift', file], ['import', file, '--help']]) await using(true, async () => prestartParquetDecoder(path.join(ROOT, 'dist'), argv));
    await using(false, async () => prestartParquetDecoder(path.join(ROOT, 'dist'), ['import', file]));
    expect(slot[PARQUET_PRESTARTED]).toBeUndefined();
    await using(true, async () => prestartParquetDecoder(path.join(ROOT, 'dist'), ['--db', 'w.db', 'import', file, '--name', 'early']));
    expect(slot[PARQUET_PRESTARTED]).toBeDefined();
    const early = await using(true, () => client.importFile({ path: file, name: 'early' }));
    expect(slot[PARQUET_PRESTARTED]).toBeUndefined();
    const one = await using(false, () => client.importFile({ path: file, name: 'one-again' }));
    expect({ ...early, dataset: '', seconds: 0 }).toEqual({ ...one, dataset: '', seconds: 0 });
    expect(stored('early').chunks).toEqual(stored('one-again').chunks);
    expect((await client.getDataset({ dataset: 'early' })).imports[0].parserSettings).toMatchObject({ decodingThread: true });
  });

  it('a thread the CLI entry started reads ahead for its file, and stores the same when given another file or when its file was no Parquet', async () => {
    const slot = globalThis as { [PARQUET_PRESTARTED]?: unknown };
    const other = path.join(dir, 'other-name.parquet');
    fs.copyFileSync(file, other);
    const damaged = path.join(dir, 'not-really.parquet');
    fs.writeFileSync(damaged, 'PAR1 these are not the bytes of a Parquet file');
    const reference = await using(false, () => client.importFile({ path: file, name: 'ahead-reference' }));
    // Prepared for `file`, given `other`; prepared for a damaged file (its metadata unreadable), given `file`.
    for (const [prestartedFor, imported, name] of [
      [file, other, 'ahead-other'],
      [damaged, file, 'ahead-damaged'],
      [file, file, 'ahead-same'],
    ] as const) {
      await using(true, async () => prestartParquetDecoder(path.join(ROOT, 'dist'), ['import', prestartedFor]));
      expect(slot[PARQUET_PRESTARTED]).toBeDefined();
      const got = await using(true, () => client.importFile({ path: imported, name }));
      expect(slot[PARQUET_PRESTARTED]).toBeUndefined();
      expect({ rows: got.rows, rejected: got.rejected }).toEqual({ rows: reference.rows, rejected: reference.rejected });
      expect(stored(name).chunks).toEqual(stored('ahead-reference').chunks);
      expect(stored(name).columns).toEqual(stored('ahead-reference').columns);
      expect((await client.getDataset({ dataset: name })).imports[0].parserSettings).toMatchObject({ decodingThread: true });
    }
  });

  it('a thread the CLI entry started is ended when the import does not use one', async () => {
    const slot = globalThis as { [PARQUET_PRESTARTED]?: { worker: { once(e: string, f: () => void): void } } };
    await using(true, async () => prestartParquetDecoder(path.join(ROOT, 'dist'), ['import', file]));
    const t = slot[PARQUET_PRESTARTED];
    expect(t).toBeDefined();
    const exited = new Promise<void>((resolve) => t!.worker.once('exit', resolve));
    await using(false, () => client.importFile({ path: file, name: 'without' }));
    expect(slot[PARQUET_PRESTARTED]).toBeUndefined();
    await exited;
  });

  it("the rows read back are the file's values", async () => {
    const page = await client.previewRows({ dataset: 'two', offset: 19_999, limit: 3 });
    const row = (k: number) => Object.fromEntries(page.columns.map((c, i) => [c, page.rows[k][i]]));
    expect(row(0)).toMatchObject({ id: 19_999, uid: uid(19_999), segment: segments[19_999 % 5], code: `c${19_999 % 40}`, flag: false });
    // hyparquet's decoder (TextDecoder) drops a string's leading BOM; the thread's reading does too.
    expect(row(2)).toMatchObject({ id: 20_001, uid: 'bom', ts: new Date(start + 20_001_000).toISOString().replace('.000Z', 'Z') });
  });

  it('appends through the thread as through one', async () => {
    for (const [thread, name] of [[true, 'grown2'], [false, 'grown1']] as const) {
      await using(thread, async () => {
        await client.importFile({ path: file, name });
        expect(await client.importFile({ path: file, append: name })).toMatchObject({ kind: 'append', rows: N, rejected: 0 });
      });
    }
    const [a, b] = [stored('grown2'), stored('grown1')];
    expect(a.rows).toBe(2 * N);
    expect(a.columns).toEqual(b.columns);
    expect(JSON.stringify(a.chunks) === JSON.stringify(b.chunks)).toBe(true);
  });

  it('a cancel stops the thread and leaves the workspace as it was', async () => {
    const before = JSON.stringify(await client.listDatasets({}));
    const controller = new AbortController();
    const p = using(true, () =>
      client.importFile({ path: file, name: 'cancelled' }, { signal: controller.signal, onProgress: (e) => ((e.rows ?? 0) > 0 ? controller.abort() : undefined) }),
    );
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(JSON.stringify(await client.listDatasets({}))).toBe(before);
    expect(ws.db.prepare("SELECT COUNT(*) AS n FROM datasets WHERE name = 'cancelled'").get()).toEqual({ n: 0 });
  });

  it('a damaged page fails with the message the one-thread import gives, and nothing is written', async () => {
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(file));
    const uidChunk = metadata.row_groups[2].columns[6].meta_data!;
    expect(uidChunk.path_in_schema).toEqual(['uid']);
    const bytes = fs.readFileSync(file);
    // The page header's first bytes: its thrift no longer parses as a page header.
    bytes.fill(0xff, Number(uidChunk.data_page_offset), Number(uidChunk.data_page_offset) + 8);
    const damaged = path.join(dir, 'damaged.parquet');
    fs.writeFileSync(damaged, bytes);
    const failure = async (thread: boolean) => {
      try {
        await using(thread, () => client.importFile({ path: damaged, name: 'damaged' }));
      } catch (e) {
        const { code, message } = e as { code: string; message: string };
        return { code, message };
      }
      throw new Error('the damaged file was imported');
    };
    const [two, one] = [await failure(true), await failure(false)];
    expect(two.message.length).toBeGreaterThan(0);
    expect(two).toEqual(one);
    expect(ws.db.prepare("SELECT COUNT(*) AS n FROM datasets WHERE name = 'damaged'").get()).toEqual({ n: 0 });
  });

  it('the thread is chosen by PLUMBLINE_PARQUET_WORKER: off with 0, a named script whatever the size', async () => {
    try {
      process.env.PLUMBLINE_PARQUET_WORKER = '0';
      expect(await parquetWorkerScript(10_000_000)).toBeUndefined();
      process.env.PLUMBLINE_PARQUET_WORKER = script;
      expect(await parquetWorkerScript(10)).toBe(script);
      delete process.env.PLUMBLINE_PARQUET_WORKER;
      // Small files never start one (and from the sources there is no built script beside them).
      expect(await parquetWorkerScript(1000)).toBeUndefined();
      // Nor a busy machine (from the sources there is no built script either way: undefined).
      const busy = () => ({ cores: 2, loadavg: '3 3 3 4/100 1', ownRunnable: 1, oneMinute: 3 });
      expect(await parquetWorkerScript(10_000_000, busy)).toBeUndefined();
    } finally {
      delete process.env.PLUMBLINE_PARQUET_WORKER;
    }
  });
});
