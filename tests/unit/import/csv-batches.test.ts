import fs from 'node:fs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ColumnBuilder, DICTIONARY_LIMIT } from '../../../core/import/column-builder';
import { DatasetWriter } from '../../../core/import/dataset-writer';
import { newClient } from '../../helpers/engine';
import { writeFile } from '../../helpers/tmp';

// CSV rows reach the builders a batch at a time, by column (FieldBatch, ColumnBuilder.addRanges),
// unless the sink takes rows one by one. Both ways must store the same bytes: each file below is
// imported both ways and the stored chunks and columns compared.
const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

function stored(dataset: string): unknown {
  const id = (ws.db.prepare('SELECT id FROM datasets WHERE name = ?').get(dataset) as { id: number }).id;
  const chunks = ws.db
    .prepare('SELECT column_idx, chunk_idx, row_count, encoding, hex(data) AS data FROM chunks WHERE dataset_id = ? ORDER BY column_idx, chunk_idx')
    .all(id);
  const columns = ws.db.prepare('SELECT idx, name, type, role, null_count, widened_count, dictionary FROM columns WHERE dataset_id = ? ORDER BY idx').all(id);
  const rows = (ws.db.prepare('SELECT row_count FROM datasets WHERE id = ?').get(id) as { row_count: number }).row_count;
  return { rows, columns, chunks };
}

let n = 0;
/** Imports `lines` by batches and row by row; returns what each stored and how many cells went through batches. */
async function bothWays(lines: string[], extra: Record<string, unknown> = {}): Promise<{ batched: unknown; byRow: unknown; batchCells: number; result: unknown }> {
  const file = writeFile(dir, `f${++n}.csv`, lines.join('\n'));
  let batchCells = 0;
  const addRanges = ColumnBuilder.prototype.addRanges;
  vi.spyOn(ColumnBuilder.prototype, 'addRanges').mockImplementation(function (this: ColumnBuilder, ...args: Parameters<typeof addRanges>) {
    batchCells += args[6] - args[5];
    return addRanges.apply(this, args);
  });
  const result = await client.importFile({ path: file, name: `batched${n}`, ...extra });
  vi.spyOn(DatasetWriter.prototype, 'batches').mockReturnValue(undefined);
  const cellsBefore = batchCells;
  await client.importFile({ path: file, name: `byrow${n}`, ...extra });
  expect(batchCells, 'no batch when the sink takes rows one by one').toBe(cellsBefore);
  return { batched: stored(`batched${n}`), byRow: stored(`byrow${n}`), batchCells, result };
}

describe('CSV rows typed by column in batches', () => {
  it('stores what row-by-row stores: widening, missing values, tokens, quotes, bad and blank lines, a dictionary that overflows', async () => {
    const lines = ['id,count,score,when,city,note,flag'];
    for (let i = 0; i < 6000; i++) {
      const count = i < 2500 ? String(i % 50) : i < 4000 ? `${i % 50}.5` : i === 5000 ? 'many' : String(i);
      const score = i % 7 === 0 ? '' : i % 11 === 0 ? 'NA' : (i / 13).toFixed(4);
      // One time without the Z leaves the fast ISO run for the general parser, once.
      const when = i === 3333 ? '2024-01-01 10:00:00' : i % 9 === 0 ? '' : new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
      // Two thousand distinct cities: the dictionary passes its limit and the column turns to inline text mid-file.
      const city = i % 5 === 0 ? '' : i < 3000 ? `c${i % 40}` : `town${i}`;
      const note = i % 97 === 0 ? '"said ""hi"", left"' : i % 89 === 0 ? '"a, b"' : i % 13 === 0 ? 'null' : `n${i % 3}`;
      lines.push([i, count, score, when, city, note, i % 2 === 0 ? 'true' : 'false'].join(','));
      if (i % 1500 === 700) lines.push('');
      if (i % 2000 === 1234) lines.push('1,2,3');
    }
    const { batched, byRow, batchCells, result } = await bothWays(lines, { onError: 'skip' });
    expect(batchCells).toBeGreaterThan(6000 * 6);
    expect(batched).toEqual(byRow);
    expect(result).toMatchObject({ rows: 6000, rejected: 3 });
    const types = Object.fromEntries((batched as { columns: { name: string; type: string; widened_count: number }[] }).columns.map((c) => [c.name, [c.type, c.widened_count]]));
    expect(types).toMatchObject({ id: ['integer', 0], score: ['real', 0], when: ['timestamp', 0], city: ['text', 0], flag: ['boolean', 0] });
    expect(types.count[0]).toBe('text');
    expect(DICTIONARY_LIMIT).toBeLessThan(3000);
  });

  it('a batch that crosses a chunk boundary: 70 columns, 33,000 rows (chunks of 32,768 rows, batches of 936)', async () => {
    const header = Array.from({ length: 70 }, (_, c) => `v${c}`).join(',');
    const lines = [header];
    for (let i = 0; i < 33_000; i++) lines.push(Array.from({ length: 70 }, (_, c) => (c % 3 === 0 ? String((i * (c + 1)) % 1000) : c % 3 === 1 ? (i % 17 === 0 ? '' : `${(i % 100) / 4}`) : `k${(i + c) % 30}`)).join(','));
    const { batched, byRow, batchCells } = await bothWays(lines);
    expect(batchCells).toBe(33_000 * 70);
    expect(batched).toEqual(byRow);
    expect((batched as { chunks: { chunk_idx: number }[] }).chunks.filter((c) => c.chunk_idx === 1)).toHaveLength(70);
  });

  it('a one-column file whose blank lines are missing values', async () => {
    const lines = ['x'];
    for (let i = 0; i < 3000; i++) lines.push(i % 10 === 3 ? '' : String(i));
    const { batched, byRow } = await bothWays(lines);
    expect(batched).toEqual(byRow);
    expect((batched as { rows: number }).rows).toBe(3000);
  });

  it('an empty cell that is not a null token is a value: numbers widen to text, text keeps it', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 3000; i++) lines.push(`${i === 2000 ? '' : i},${i % 4 === 0 ? '' : `t${i % 3}`}`);
    const { batched, byRow } = await bothWays(lines, { nullTokens: ['NA'] });
    expect(batched).toEqual(byRow);
    const cols = (batched as { columns: { name: string; type: string; null_count: number }[] }).columns;
    expect(cols.map((c) => [c.name, c.type, c.null_count])).toEqual([
      ['a', 'text', 0],
      ['b', 'categorical', 0],
    ]);
  });

  it('chosen types check each row first: no batches', async () => {
    const lines = ['a,b', ...Array.from({ length: 100 }, (_, i) => `${i},${i % 2}`)];
    const { batched, byRow, batchCells } = await bothWays(lines, { types: { b: 'integer' } });
    expect(batchCells).toBe(0);
    expect(batched).toEqual(byRow);
  });
});
