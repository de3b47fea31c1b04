/**
 * Column reads from chunks written straight into the tables (so the expected values do not come
 * from the reader under test): ranges across chunk boundaries for 'f64', 'dict' and 'str' chunks,
 * empty datasets, the sorted cache, and reads large enough that every BLOB's Buffer is released
 * right after its bytes are copied (core/workspace/release-buffer.ts) — which must never cost a value.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeCodes, encodeF64, encodeStrings } from '../../../core/workspace/chunks';
import { releaseBuffer } from '../../../core/workspace/release-buffer';
import { Workspace, type DatasetEntry } from '../../../core/workspace/workspace';
import type { ColumnInfo } from '../../../core/api/types';
import { tmpDir } from '../../helpers/tmp';

const dir = tmpDir();
const ws = new Workspace(path.join(dir, 'ws.db'));
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Stored {
  readonly ds: DatasetEntry;
  readonly col: (name: string) => ColumnInfo;
}

/** A dataset of `rows` rows in chunks of `chunkRows`: x (f64), g (dict codes) and s ('str' chunks for odd chunk indexes, codes for even ones). */
function store(name: string, rows: number, chunkRows: number, x: (i: number) => number, g: (i: number) => number, s: (i: number) => string | null): Stored {
  const dictionary = ['a', 'b', 'c'];
  const sDictionary = ['s-even-0', 's-even-1'];
  ws.db.transaction(() => {
    const id = Number(ws.db.prepare('INSERT INTO datasets (name, row_count, chunk_rows, created_at) VALUES (?, ?, ?, ?)').run(name, rows, chunkRows, '2026-12-06T00:00:00Z').lastInsertRowid);
    const column = ws.db.prepare("INSERT INTO columns (dataset_id, idx, name, type, role, dictionary) VALUES (?, ?, ?, ?, 'feature', ?)");
    column.run(id, 0, 'x', 'real', null);
    column.run(id, 1, 'g', 'categorical', JSON.stringify(dictionary));
    column.run(id, 2, 's', 'text', JSON.stringify(sDictionary));
    const chunk = ws.db.prepare('INSERT INTO chunks (dataset_id, column_idx, chunk_idx, row_count, encoding, data) VALUES (?, ?, ?, ?, ?, ?)');
    for (let k = 0, start = 0; start < rows; k++, start += chunkRows) {
      const n = Math.min(chunkRows, rows - start);
      chunk.run(id, 0, k, n, 'f64', encodeF64(Float64Array.from({ length: n }, (_, j) => x(start + j))));
      chunk.run(id, 1, k, n, 'dict', encodeCodes(Int32Array.from({ length: n }, (_, j) => g(start + j))));
      const cells = Array.from({ length: n }, (_, j) => s(start + j));
      if (k % 2 === 1) chunk.run(id, 2, k, n, 'str', encodeStrings(cells));
      else chunk.run(id, 2, k, n, 'dict', encodeCodes(Int32Array.from(cells, (c) => (c === null ? -1 : sDictionary.indexOf(c)))));
    }
  })();
  const ds = ws.dataset(name);
  const cols = ws.columns(ds.id);
  return { ds, col: (n) => cols.find((c) => c.name === n)! };
}

const xOf = (i: number) => (i % 11 === 0 ? NaN : i * 0.5 - 3);
const gOf = (i: number) => (i % 13 === 0 ? -1 : i % 3);
// Even chunks of 4 rows hold the dictionary's values; odd ones free text (with a hostile one).
const sOf = (chunkRows: number) => (i: number) => (i % 7 === 0 ? null : Math.floor(i / chunkRows) % 2 === 0 ? `s-even-${i % 2}` : i === 5 ? `'; DROP TABLE chunks; --` : `free ${i}`);

function cellsOf(col: ReturnType<Workspace['readColumn']>): (string | number | null)[] {
  if (col.kind === 'numeric') return Array.from(col.values);
  return Array.from(col.codes, (c) => (c < 0 ? null : col.dictionary[c]));
}

describe('column reads', () => {
  const small = store('small', 22, 4, xOf, gOf, sOf(4));
  const want = {
    x: Array.from({ length: 22 }, (_, i) => xOf(i)),
    g: Array.from({ length: 22 }, (_, i) => (gOf(i) < 0 ? null : ['a', 'b', 'c'][gOf(i)])),
    s: Array.from({ length: 22 }, (_, i) => sOf(4)(i)),
  };

  it('read whole columns back as written, for f64, dict and str chunks', () => {
    for (const name of ['x', 'g', 's'] as const) expect(cellsOf(ws.readColumn(small.ds, small.col(name)))).toEqual(want[name]);
  });

  it('read exactly the rows asked for across chunk boundaries, and nothing past the end', () => {
    for (const [start, count] of [[0, 0], [0, 1], [3, 2], [3, 6], [4, 4], [5, 12], [19, 3], [20, 100], [22, 5], [30, 2]]) {
      for (const name of ['x', 'g', 's'] as const) {
        const part = ws.readColumnRange(small.ds, small.col(name), start, count);
        expect(cellsOf(part), `${name} [${start}, +${count})`).toEqual(want[name].slice(start, start + count));
      }
    }
  });

  it('read an empty dataset as empty columns', () => {
    const empty = store('empty', 0, 4, xOf, gOf, sOf(4));
    for (const name of ['x', 'g', 's']) expect(cellsOf(ws.readColumn(empty.ds, empty.col(name)))).toEqual([]);
    const sorted = ws.readColumnWithOrder(empty.ds, empty.col('x'));
    expect(sorted.kind === 'numeric' && Array.from(sorted.sortedFinite!)).toEqual([]);
    expect(cellsOf(ws.readColumnSorted(empty.ds, empty.col('x')))).toEqual([]);
  });

  it('read columns of many full-size chunks intact, again and again, while their Buffers are released', () => {
    // 200,000 rows: 4 chunks of 65,536, the last one partial.
    const rows = 200_000;
    const big = store('big', rows, 65_536, (i) => (i % 97 === 0 ? NaN : Math.sin(i) * 1e6), gOf, sOf(65_536));
    const x = Float64Array.from({ length: rows }, (_, i) => (i % 97 === 0 ? NaN : Math.sin(i) * 1e6));
    for (let round = 0; round < 4; round++) {
      const got = ws.readColumn(big.ds, big.col('x'));
      expect(got.kind === 'numeric' && Buffer.from(got.values.buffer).equals(Buffer.from(x.buffer))).toBe(true);
      const g = ws.readColumn(big.ds, big.col('g'));
      expect(g.kind === 'categorical' && g.codes.every((c, i) => c === gOf(i))).toBe(true);
      const s = ws.readColumnRange(big.ds, big.col('s'), 65_530, 70_000);
      expect(JSON.stringify(cellsOf(s)) === JSON.stringify(Array.from({ length: 70_000 }, (_, j) => sOf(65_536)(65_530 + j)))).toBe(true);
    }
    // The sorted cache, stored in 65,536-value pieces and read back in one array.
    const first = ws.readColumnWithOrder(big.ds, big.col('x'));
    const finite = Float64Array.from(x.filter((v) => !Number.isNaN(v))).sort();
    expect(first.kind === 'numeric' && Buffer.from(first.sortedFinite!.buffer, first.sortedFinite!.byteOffset, first.sortedFinite!.byteLength).equals(Buffer.from(finite.buffer))).toBe(true);
    const cached = ws.readColumnSorted(big.ds, big.col('x'));
    if (cached.kind !== 'numeric') throw new Error('numeric expected');
    expect(Array.from(cached.values.subarray(0, finite.length))).toEqual(Array.from(finite));
    expect(cached.values.length).toBe(rows);
    expect(cached.values.subarray(finite.length).every((v) => Number.isNaN(v))).toBe(true);
  });
});

describe('releaseBuffer', () => {
  it('frees a Buffer that owns its memory: it reads as empty afterwards', () => {
    const owned = Buffer.alloc(1 << 20, 7);
    releaseBuffer(owned);
    expect(owned.byteLength).toBe(0);
    expect(owned.buffer.byteLength).toBe(0);
  });

  it('leaves alone views on part of a buffer (Node’s pool of small Buffers, subarrays)', () => {
    const pooled = Buffer.from('shared pool');
    const neighbour = Buffer.from('neighbour');
    releaseBuffer(pooled);
    expect(pooled.toString()).toBe('shared pool');
    expect(neighbour.toString()).toBe('neighbour');
    const whole = new Uint8Array(1 << 16).fill(3);
    releaseBuffer(whole.subarray(1));
    expect(whole.byteLength).toBe(1 << 16);
    expect(whole[0] + whole[(1 << 16) - 1]).toBe(6);
  });
});
