import fs from 'node:fs';
import path from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, type FileMetaData } from 'hyparquet';
import { ByteWriter, parquetWriteBuffer } from 'hyparquet-writer';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newClient } from '../helpers/engine';
import { ROOT } from '../helpers/cli';

// Parquet text reaches the builders as dictionary codes and UTF-8 bytes (ColumnBuilder.addText),
// on one thread and on two. What is stored must be what the same rows store when imported as CSV
// (whose cells take the text path, independent of Parquet): dictionary pages spanning chunks, a
// dictionary of 64k+ entries, a column chunk whose dictionary pages give way to plain pages,
// missing values and null tokens, multibyte UTF-8.

const script = path.join(ROOT, 'dist', 'engine', 'parquet-worker.js');
const { client, ws, dir } = newClient();

const N = 150_000;
const cats = ['north', 'south', 'wést', '日本', 'NA', '', null, 'east ✓'];

const cat = (i: number) => cats[(i * 7 + (i >> 9)) % cats.length];
/** 70,000 distinct values: a dictionary page of 64k+ entries (the column becomes inline 'str' chunks). */
const big = (i: number) => (i % 101 === 0 ? null : i % 5000 === 3 ? `ü-${i % 70_000}-日本` : `s-${(i * 7919) % 70_000}`);
/** Unique ASCII ids in plain pages, with missing values and short values (one a null token). */
const ids = (i: number) => (i % 89 === 0 ? null : i % 1001 === 0 ? 'NA' : i % 1003 === 0 ? 'ab' : `req-${i.toString(16).padStart(8, '0')}`);
/** Few values (a dictionary) for 40,000 rows, then many (plain pages) in the same column chunk. */
const fallback = (i: number) => (i % 37 === 0 ? null : i < 40_000 ? ['α', 'β', 'γ-日本', 'delta', 'None'][i % 5] : i % 3 === 0 ? 'β' : `v-${i}${i % 7 === 0 ? '-ж' : ''}`);

function csvOf(columns: Record<string, (i: number) => string | null>, rows: number): string {
  const names = Object.keys(columns);
  const lines = [names.join(',')];
  for (let i = 0; i < rows; i++) lines.push(names.map((n) => columns[n](i) ?? '').join(','));
  return lines.join('\n') + '\n';
}

const text = (name: string, encoding: 'RLE_DICTIONARY' | 'PLAIN') => ({ name, type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const, repetition_type: 'OPTIONAL' as const, encoding });

function writeMixed(file: string): void {
  const rows = Array.from({ length: N }, (_, i) => i);
  const buffer = parquetWriteBuffer({
    schema: [
      { name: 'root', num_children: 4 },
      { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
      { name: 'cat', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'big', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'ids', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    ],
    columnData: [
      { name: 'id', data: rows },
      { ...text('cat', 'RLE_DICTIONARY'), data: rows.map(cat) },
      { ...text('big', 'RLE_DICTIONARY'), data: rows.map(big) },
      { ...text('ids', 'PLAIN'), data: rows.map(ids) },
    ].map(({ name, data, ...rest }) => ({ name, data, ...('encoding' in rest ? { encoding: rest.encoding } : {}) })),
    // The first group's dictionaries span the first chunk's end (65,536 rows); small pages.
    rowGroupSize: [100_000, 50_000],
    pageSize: 64 * 1024,
  });
  fs.writeFileSync(file, Buffer.from(buffer));
}

/**
 * One column chunk of dictionary pages (rows [0, at)) followed by plain pages (the rest), as
 * parquet-mr and Arrow write a column whose dictionary grows too large: no writer here does, so
 * the chunk is spliced from two files' chunks of the same column, with the metadata rewritten.
 */
async function writeFallback(file: string, rows: number, at: number): Promise<void> {
  const part = (from: number, to: number, encoding: 'RLE_DICTIONARY' | 'PLAIN') => {
    const data = Array.from({ length: to - from }, (_, k) => fallback(from + k));
    return Buffer.from(parquetWriteBuffer({ columnData: [{ name: 'x', data, type: 'STRING', nullable: true, encoding }], rowGroupSize: to - from, pageSize: 16 * 1024 }));
  };
  const meta = async (bytes: Buffer, name: string): Promise<FileMetaData> => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, bytes);
    return parquetMetadataAsync(await asyncBufferFromFile(f));
  };
  const [a, b] = [part(0, at, 'RLE_DICTIONARY'), part(at, rows, 'PLAIN')];
  const [ma, mb] = [await meta(a, 'part-a.parquet'), await meta(b, 'part-b.parquet')];
  const ca = ma.row_groups[0].columns[0].meta_data!;
  const cb = mb.row_groups[0].columns[0].meta_data!;
  expect(ca.dictionary_page_offset).toBeDefined();
  expect(cb.dictionary_page_offset).toBeUndefined();
  const aStart = Number(ca.dictionary_page_offset);
  const aBytes = a.subarray(aStart, aStart + Number(ca.total_compressed_size));
  const bBytes = b.subarray(Number(cb.data_page_offset), Number(cb.data_page_offset) + Number(cb.total_compressed_size));
  const w = new ByteWriter();
  w.appendUint32(0x31524150);
  w.appendBytes(aBytes);
  w.appendBytes(bBytes);
  const chunk = {
    ...ca,
    encodings: ['PLAIN', 'RLE', 'RLE_DICTIONARY'],
    num_values: BigInt(rows),
    total_compressed_size: BigInt(aBytes.length + bBytes.length),
    total_uncompressed_size: ca.total_uncompressed_size + cb.total_uncompressed_size,
    dictionary_page_offset: 4n,
    data_page_offset: BigInt(4 + Number(ca.data_page_offset) - aStart),
    statistics: undefined,
    encoding_stats: undefined,
  };
  writeMetadata(w, {
    version: 2,
    created_by: 'spliced',
    schema: ma.schema,
    num_rows: BigInt(rows),
    row_groups: [{ columns: [{ file_offset: 4n, meta_data: chunk }], total_byte_size: BigInt(aBytes.length + bBytes.length), num_rows: BigInt(rows) }],
  } as unknown as FileMetaData);
  w.appendUint32(0x31524150);
  fs.writeFileSync(file, Buffer.from(w.getBuffer()));
}

const mixed = path.join(dir, 'text.parquet');
const spliced = path.join(dir, 'fallback.parquet');
beforeAll(async () => {
  if (!fs.existsSync(script)) throw new Error('dist/engine/parquet-worker.js is missing: run "npm run build" first.');
  writeMixed(mixed);
  fs.writeFileSync(path.join(dir, 'text.csv'), csvOf({ id: (i) => String(i), cat, big, ids }, N));
  await writeFallback(spliced, 100_000, 40_000);
  fs.writeFileSync(path.join(dir, 'fallback.csv'), csvOf({ x: fallback }, 100_000));
}, 120_000);
afterAll(() => {
  delete process.env.PLUMBLINE_PARQUET_WORKER;
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function importWith(thread: boolean | 'csv', file: string, name: string): Promise<void> {
  process.env.PLUMBLINE_PARQUET_WORKER = thread ? script : '0';
  try {
    await client.importFile({ path: file, name });
  } finally {
    delete process.env.PLUMBLINE_PARQUET_WORKER;
  }
}

/** A dataset's columns (types, counts, dictionary) and every chunk's bytes. */
function stored(name: string) {
  const ds = ws.db.prepare('SELECT id, row_count FROM datasets WHERE name = ?').get(name) as { id: number; row_count: number };
  const columns = ws.db.prepare('SELECT idx, name, type, null_count, widened_count, dictionary FROM columns WHERE dataset_id = ? ORDER BY idx').all(ds.id);
  const chunks = ws.db
    .prepare('SELECT column_idx, chunk_idx, row_count, encoding, hex(data) AS data FROM chunks WHERE dataset_id = ? ORDER BY column_idx, chunk_idx')
    .all(ds.id) as { column_idx: number; chunk_idx: number; encoding: string; data: string }[];
  return { rows: ds.row_count, columns, chunks };
}

function expectSame(a: ReturnType<typeof stored>, b: ReturnType<typeof stored>): void {
  expect(a.rows).toBe(b.rows);
  expect(a.columns).toEqual(b.columns);
  expect(a.chunks.length).toBe(b.chunks.length);
  // Compared one by one, so a failure names the chunk (not a diff of megabytes of hex).
  a.chunks.forEach((c, k) => {
    if (JSON.stringify(c) !== JSON.stringify(b.chunks[k])) expect({ column: c.column_idx, chunk: c.chunk_idx, encoding: c.encoding, same: false }).toEqual({ column: b.chunks[k].column_idx, chunk: b.chunks[k].chunk_idx, encoding: b.chunks[k].encoding, same: true });
  });
}

describe('Parquet text as dictionary codes and bytes', () => {
  it('stores what the CSV of the same rows stores, on one thread and on two', async () => {
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(mixed));
    const encodings = Object.fromEntries(metadata.row_groups[0].columns.map((c) => [c.meta_data!.path_in_schema[0], c.meta_data!.encodings]));
    expect(encodings.cat).toContain('RLE_DICTIONARY');
    expect(encodings.big).toContain('RLE_DICTIONARY');
    expect(encodings.ids).not.toContain('RLE_DICTIONARY');
    await importWith(true, mixed, 'two');
    await importWith(false, mixed, 'one');
    await importWith('csv', path.join(dir, 'text.csv'), 'csv');
    const [two, one, csv] = [stored('two'), stored('one'), stored('csv')];
    expect(Object.fromEntries(csv.columns.map((c) => [(c as { name: string }).name, (c as { type: string }).type]))).toEqual({ id: 'integer', cat: 'categorical', big: 'text', ids: 'text' });
    expect(new Set(csv.chunks.filter((c) => c.column_idx === 1).map((c) => c.encoding))).toEqual(new Set(['dict8']));
    expect(new Set(csv.chunks.filter((c) => c.column_idx === 2).map((c) => c.encoding))).toEqual(new Set(['str']));
    expectSame(two, csv);
    expectSame(one, csv);
  }, 120_000);

  it('a column chunk whose dictionary pages give way to plain pages', async () => {
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(spliced));
    expect(metadata.row_groups).toHaveLength(1);
    await importWith(true, spliced, 'fb-two');
    await importWith(false, spliced, 'fb-one');
    await importWith('csv', path.join(dir, 'fallback.csv'), 'fb-csv');
    const [two, one, csv] = [stored('fb-two'), stored('fb-one'), stored('fb-csv')];
    expect(csv.rows).toBe(100_000);
    expect((csv.columns[0] as { type: string }).type).toBe('text');
    expectSame(two, csv);
    expectSame(one, csv);
    const page = await client.previewRows({ dataset: 'fb-two', offset: 39_998, limit: 4 });
    // Across the switch from dictionary to plain pages ('None' is a null token: missing).
    expect(page.rows.map((r) => r[0])).toEqual(['delta', null, 'v-40000', 'v-40001']);
    expect([39_998, 39_999, 40_000, 40_001].map(fallback)).toEqual(['delta', 'None', 'v-40000', 'v-40001']);
  }, 120_000);
});
