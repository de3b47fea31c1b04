import fs from 'node:fs';
import path from 'node:path';
import { open } from 'node:fs/promises';
import { asyncBufferFromFile, parquetMetadataAsync, parquetSchema } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parquetReadObjects } from 'hyparquet';
import { ColumnCursor, PageSource } from '../../../core/import/formats/parquet-pages';
import { ByteDictionary } from '../../../core/import/formats/sink';
import { newClient } from '../../helpers/engine';

const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Just past 65,536, so `wide` (i % 70,000) still needs 17-bit dictionary indices; small enough that
// writing, importing and reading every row back stays well inside Vitest's 5 s on a busy machine.
const N = 72_000;
const start = Date.UTC(2026, 0, 1);
const segments = ['north', 'south', 'east', 'west', 'centre'];

/** What row i holds, as the API gives it back. */
function expected(i: number): Record<string, unknown> {
  return {
    id: i,
    big: 9_000_000_000 + i * 7,
    score: i % 11 === 0 ? null : i / 16,
    segment: i % 13 === 0 ? null : segments[i % 5],
    name: `user-${i}`,
    flag: i % 3 === 0,
    event_time: new Date(start + i * 1000).toISOString().replace('.000Z', 'Z'),
    count: i % 17 === 0 ? null : i % 1000,
    wide: `w${i % 70_000}`,
  };
}

// A small page size, so each column chunk holds many pages (even the 72,000 booleans span two) and
// the 8,192-row windows cross page boundaries at different rows in each column.
function write(file: string, rowGroupSize: number | number[], codec: 'SNAPPY' | 'UNCOMPRESSED'): void {
  const rows = Array.from({ length: N }, (_, i) => expected(i));
  const col = <T,>(f: (r: Record<string, unknown>, i: number) => T) => rows.map(f);
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'id', data: col((_, i) => i), type: 'INT32' },
      { name: 'big', data: col((_, i) => 9_000_000_000n + BigInt(i) * 7n), type: 'INT64' },
      { name: 'score', data: col((r) => r.score), type: 'DOUBLE' },
      { name: 'segment', data: col((r) => r.segment), type: 'STRING' },
      { name: 'name', data: col((r) => r.name), type: 'STRING' },
      { name: 'flag', data: col((r) => r.flag), type: 'BOOLEAN' },
      { name: 'event_time', data: col((_, i) => new Date(start + i * 1000)), type: 'TIMESTAMP' },
      { name: 'count', data: col((r) => r.count), type: 'INT32', encoding: 'RLE_DICTIONARY' },
      { name: 'wide', data: col((r) => r.wide), type: 'STRING', encoding: 'RLE_DICTIONARY' },
    ],
    rowGroupSize,
    pageSize: 8 * 1024,
    codec,
  });
  fs.writeFileSync(file, Buffer.from(buffer));
}

interface ChunkPages {
  pages: number;
  dictionary: boolean;
  longestHeader: number;
}

/** Pages of each column chunk of the first row group, whether it has a dictionary page, and the longest page header. */
async function pagesOf(file: string): Promise<Record<string, ChunkPages>> {
  const metadata = await parquetMetadataAsync(await asyncBufferFromFile(file));
  const bytes = fs.readFileSync(file);
  const out: Record<string, ChunkPages> = {};
  for (const c of metadata.row_groups[0].columns) {
    const m = c.meta_data!;
    let pos = Number(m.dictionary_page_offset || m.data_page_offset);
    const end = pos + Number(m.total_compressed_size);
    const info = { pages: 0, dictionary: false, longestHeader: 0 };
    while (pos < end) {
      const reader = { view: new DataView(bytes.buffer, bytes.byteOffset + pos, end - pos), offset: 0 };
      const h = parquetHeader(reader);
      info.longestHeader = Math.max(info.longestHeader, reader.offset);
      if (h.type === 'DICTIONARY_PAGE') info.dictionary = true;
      else info.pages++;
      pos += reader.offset + h.compressed_page_size;
    }
    out[m.path_in_schema[0]] = info;
  }
  return out;
}

async function allRows(dataset: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += 10_000) {
    const page = await client.previewRows({ dataset, offset, limit: 10_000 });
    for (const r of page.rows) out.push(Object.fromEntries(page.columns.map((c, i) => [c, r[i]])));
    if (page.rows.length < 10_000) return out;
  }
}

async function expectAllRows(dataset: string): Promise<void> {
  const rows = await allRows(dataset);
  expect(rows).toHaveLength(N);
  for (let i = 0; i < N; i++) {
    // One toEqual per row would take minutes; compare cheaply and report the first difference.
    const want = expected(i);
    if (Object.keys(want).some((k) => rows[i][k] !== want[k])) expect({ row: i, ...rows[i] }).toEqual({ row: i, ...want });
  }
}

// The files are written once, before the tests: hyparquet-writer takes longer to write them than
// Plumbline takes to import them, and that is set-up, not what these tests measure.
const oneGroup = path.join(dir, 'one-group.parquet');
const groups = path.join(dir, 'groups.parquet');
beforeAll(() => {
  write(oneGroup, N, 'SNAPPY');
  // Group ends at rows that are not multiples of the 8,192-row window, and one group smaller than a window.
  write(groups, [40_000, 1_000, 31_000], 'UNCOMPRESSED');
}, 120_000);

// Importing and reading back every one of 72,000 rows is the point of these tests; on a machine
// busy with other work that can pass 5 s, so the file (not the suite) allows more.
vi.setConfig({ testTimeout: 30_000 });

describe('Parquet page by page', () => {
  it('reads one row group of many pages and windows, dictionary and plain, with nulls (snappy)', async () => {
    const file = oneGroup;
    const pages = await pagesOf(file);
    // Dictionary indices of 3, 10 and 17 bits.
    for (const c of ['segment', 'count', 'wide']) expect({ c, ...pages[c] }).toMatchObject({ c, dictionary: true });
    expect(pages.name.dictionary).toBe(false);
    for (const c of Object.values(pages)) expect(c.pages).toBeGreaterThanOrEqual(2);
    expect(pages.name.pages).toBeGreaterThan(10);
    expect(pages.event_time.pages).toBeGreaterThan(10);

    const r = await client.importFile({ path: file, name: 'one_group' });
    expect(r).toMatchObject({ rows: N, rejected: 0 });
    const d = await client.getDataset({ dataset: 'one_group' });
    expect(Object.fromEntries(d.columnInfo.map((c) => [c.name, c.type]))).toEqual({
      id: 'integer', big: 'integer', score: 'real', segment: 'categorical', name: 'text', flag: 'boolean', event_time: 'timestamp', count: 'integer', wide: 'text',
    });
    expect(d.imports[0].parserSettings).toMatchObject({ rowGroups: 1, reader: 'pages' });
    await expectAllRows('one_group');
  });

  it('reads row groups of different sizes (uncompressed)', async () => {
    const file = groups;
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(file));
    expect(metadata.row_groups.map((g) => Number(g.num_rows))).toEqual([40_000, 1_000, 31_000]);
    expect(metadata.row_groups[0].columns[0].meta_data!.codec).toBe('UNCOMPRESSED');

    const r = await client.importFile({ path: file, name: 'groups' });
    expect(r).toMatchObject({ rows: N, rejected: 0 });
    expect((await client.getDataset({ dataset: 'groups' })).imports[0].parserSettings).toMatchObject({ rowGroups: 3, reader: 'pages' });
    await expectAllRows('groups');
  });

  it('reads page headers longer than the first read', async () => {
    // hyparquet-writer's page headers are short: read them a few bytes at a time instead.
    const file = oneGroup;
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(file));
    const schema = parquetSchema(metadata);
    const fh = await open(file, 'r');
    try {
      const source = new PageSource(fh);
      const n = 30_000;
      for (const name of ['name', 'segment', 'score', 'event_time']) {
        const meta = metadata.row_groups[0].columns.find((c) => c.meta_data!.path_in_schema[0] === name)!.meta_data!;
        const cursor = new ColumnCursor(source, meta, schema, 3);
        const out = new Array<unknown>(n);
        await cursor.take(out, n);
        const want = Array.from({ length: n }, (_, i) => expected(i)[name]);
        const got = name === 'event_time' ? out.map((d) => (d as Date).toISOString().replace('.000Z', 'Z')) : out;
        expect(got).toEqual(want);
      }
    } finally {
      await fh.close();
    }
  });

  it('reads DATA_PAGE v1 pages with a PLAIN_DICTIONARY dictionary, as written by pyarrow (parquet-cpp)', async () => {
    // pandas' own test file (pandas/tests/io/data/parquet/simple.parquet, written by parquet-cpp
    // 1.5.1): hyparquet-writer writes v2 pages only, and pyarrow is not installed here.
    const file = path.resolve(__dirname, '..', '..', 'fixtures', 'import', 'pyarrow-v1-pages.parquet');
    const meta = await parquetMetadataAsync(await asyncBufferFromFile(file));
    expect(meta.created_by).toMatch(/^parquet-cpp/);
    expect(meta.row_groups[0].columns[0].meta_data?.encodings).toContain('PLAIN_DICTIONARY');
    expect(await client.importFile({ path: file, name: 'pyarrow-v1' })).toMatchObject({ rows: 3, rejected: 0 });
    expect((await client.getDataset({ dataset: 'pyarrow-v1' })).imports[0].parserSettings).toMatchObject({ reader: 'pages' });
    // python3 -c "import pandas as pd; print(pd.read_parquet('simple.parquet'))" gives the same rows
    // where pyarrow is installed; hyparquet's own reader agrees (checked when the fixture was added).
    expect(await allRows('pyarrow-v1')).toEqual([
      { A: 1, B: 'foo' },
      { A: 2, B: 'foo' },
      { A: 3, B: 'foo' },
    ]);
  });

  it('a file with a nested column takes the row-group path', async () => {
    const file = path.join(dir, 'nested.parquet');
    const n = 300;
    const tags = (i: number) => (i % 5 === 0 ? null : Array.from({ length: i % 3 }, (_, j) => `t${j}`));
    const buffer = parquetWriteBuffer({
      schema: [
        { name: 'root', num_children: 2 },
        { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
        { name: 'tags', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      ],
      columnData: [
        { name: 'id', data: Array.from({ length: n }, (_, i) => i) },
        { name: 'tags', data: Array.from({ length: n }, (_, i) => tags(i)) },
      ],
      rowGroupSize: 100,
    });
    fs.writeFileSync(file, Buffer.from(buffer));
    expect(await client.importFile({ path: file, name: 'nested' })).toMatchObject({ rows: n, rejected: 0 });
    expect((await client.getDataset({ dataset: 'nested' })).imports[0].parserSettings).toMatchObject({ rowGroups: 3, reader: 'rowGroups' });
    const rows = await allRows('nested');
    expect(rows.map((r) => r.tags)).toEqual(Array.from({ length: n }, (_, i) => (tags(i) === null ? null : JSON.stringify(tags(i)))));
  });

  it('cancelled mid-file leaves nothing written', async () => {
    // The shared file: a cancel after the first progress event is mid-file whatever its size.
    const file = oneGroup;
    const before = JSON.stringify(await client.listDatasets({}));
    const controller = new AbortController();
    let progressed = 0;
    const p = client.importFile(
      { path: file, name: 'cancelled' },
      {
        signal: controller.signal,
        onProgress: (e) => {
          if ((e.rows ?? 0) > 0 && ++progressed === 1) controller.abort();
        },
      },
    );
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(progressed).toBeGreaterThan(0);
    expect(JSON.stringify(await client.listDatasets({}))).toBe(before);
    expect(ws.db.prepare("SELECT COUNT(*) AS n FROM datasets WHERE name = 'cancelled'").get()).toEqual({ n: 0 });
  });

  it("a text column's dictionary page is read as its entries' bytes, each entry the text hyparquet gives", async () => {
    // ASCII ids (the bytes are the 'str' layout as they are), and entries TextDecoder reads
    // specially: multibyte, a leading BOM (dropped), empty, and a null token.
    const ascii = Array.from({ length: 3000 }, (_, i) => (i % 500 === 0 ? 'NA' : `session-${i % 1500}`));
    const odd = Array.from({ length: 3000 }, (_, i) => ['\uFEFFbom', 'wést', '', '日本', 'NA', `x${i % 7}`][i % 6]);
    const file = path.join(dir, 'dictionary-bytes.parquet');
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'ascii', data: ascii, type: 'STRING', encoding: 'RLE_DICTIONARY' },
        { name: 'odd', data: odd, type: 'STRING', encoding: 'RLE_DICTIONARY' },
      ],
      rowGroupSize: 2000,
      codec: 'SNAPPY',
    });
    fs.writeFileSync(file, Buffer.from(buffer));
    const meta = await parquetMetadataAsync(await asyncBufferFromFile(file));
    const schema = parquetSchema(meta);
    const fh = await open(file, 'r');
    try {
      const source = new PageSource(fh);
      for (const [c, values] of [ascii, odd].entries()) {
        let row = 0;
        for (const group of meta.row_groups) {
          const rows = Number(group.num_rows);
          const cursor = new ColumnCursor(source, group.columns[c].meta_data!, schema);
          const out = new Array<unknown>(rows);
          await cursor.take(out, rows);
          const d = cursor.textDictionary();
          expect(d).toBeInstanceOf(ByteDictionary);
          expect((d as ByteDictionary).ascii).toBe(c === 0);
          // Every cell the dictionary's entry, as hyparquet's own reader gives it.
          expect(out).toEqual(values.slice(row, row + rows).map((v) => (v.startsWith('\uFEFF') ? v.slice(1) : v)));
          row += rows;
        }
      }
      const objects = (await parquetReadObjects({ file: await asyncBufferFromFile(file) })) as { ascii: string; odd: string }[];
      expect(objects.map((o) => o.odd).slice(0, 6)).toEqual(['bom', 'wést', '', '日本', 'NA', 'x5']);
    } finally {
      await fh.close();
    }
  });
});
