import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scratch } from '../../../core/engine/pool/scratch';
import { ScratchWorkspace } from '../../../core/engine/pool/scratch-workspace';
import { decodeStrings, encodeStrings } from '../../../core/workspace/chunks';
import { Workspace, type DatasetEntry } from '../../../core/workspace/workspace';
import type { ColumnInfo } from '../../../core/api/types';
import type { TypedColumn } from '../../../core/data/column';
import { driftPairWorkspace } from '../../helpers/drift-pair';
import { tmpDir } from '../../helpers/tmp';

const dir = tmpDir();
let ws: Workspace;
const CHUNK = 700;

/** Cuts every column of every dataset into chunks of `rows` rows, as an import of a wide file would. */
function rechunk(w: Workspace, rows: number): void {
  type Chunk = { dataset_id: number; column_idx: number; encoding: string; data: Buffer };
  const all = w.db.prepare('SELECT dataset_id, column_idx, encoding, data FROM chunks ORDER BY dataset_id, column_idx, chunk_idx').all() as Chunk[];
  const insert = w.db.prepare('INSERT INTO chunks (dataset_id, column_idx, chunk_idx, row_count, encoding, data) VALUES (?, ?, ?, ?, ?, ?)');
  w.db.transaction(() => {
    w.db.prepare('DELETE FROM chunks').run();
    for (const c of all) {
      if (c.encoding === 'str') {
        const cells = decodeStrings(c.data);
        for (let i = 0, k = 0; i < cells.length; i += rows, k++) insert.run(c.dataset_id, c.column_idx, k, Math.min(rows, cells.length - i), 'str', encodeStrings(cells.slice(i, i + rows)));
        continue;
      }
      const width = c.encoding === 'f64' ? 8 : 4;
      for (let at = 0, k = 0; at < c.data.byteLength; at += rows * width, k++) {
        const piece = c.data.subarray(at, at + rows * width);
        insert.run(c.dataset_id, c.column_idx, k, piece.byteLength / width, c.encoding, Buffer.from(piece));
      }
    }
    w.db.prepare('UPDATE datasets SET chunk_rows = ?').run(rows);
  })();
  // The chunk writes dropped the sorted copies: store them again, in pieces of the new size.
  for (const ds of w.listDatasets()) for (const c of w.columnsWithoutSortedCache(ds)) w.readColumnWithOrder(ds, c);
}

beforeAll(async () => {
  ws = await driftPairWorkspace(dir, 2500);
  rechunk(ws, CHUNK);
});
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function everyColumn(w: Workspace): { ds: DatasetEntry; info: ColumnInfo }[] {
  return w.listDatasets().flatMap((ds) => w.columns(ds.id).map((info) => ({ ds, info })));
}

describe('ScratchWorkspace', () => {
  it('reads every column as the Workspace does, across chunks: in row order, sorted, and both', () => {
    const scratch = new Scratch();
    const reader = new ScratchWorkspace(ws.path, {}, scratch);
    try {
      expect(ws.dataset('ref').chunkRows).toBe(CHUNK);
      const chunks = ws.db.prepare('SELECT COUNT(*) AS n FROM chunks WHERE dataset_id = ? AND column_idx = 0').get(ws.dataset('ref').id) as { n: number };
      expect(chunks.n).toBe(4);
      for (const { ds, info } of everyColumn(ws)) {
        scratch.reset();
        expect(reader.readColumn(ds, info)).toEqual(ws.readColumn(ds, info));
        scratch.reset();
        expect(reader.readColumnSorted(ds, info)).toEqual(ws.readColumnSorted(ds, info));
        scratch.reset();
        expect(reader.readColumnWithOrder(ds, info)).toEqual(ws.readColumnWithOrder(ds, info));
        expect(reader.readColumnRange(ds, info, 650, 800)).toEqual(ws.readColumnRange(ds, info, 650, 800));
      }
    } finally {
      reader.close();
    }
  });

  it('reads into the same memory job after job, and only the shapes it knows', () => {
    const scratch = new Scratch();
    const reader = new ScratchWorkspace(ws.path, {}, scratch);
    try {
      const ds = reader.dataset('cur');
      const x = reader.columns(ds.id).find((c) => c.name === 'x')!;
      const k = reader.columns(ds.id).find((c) => c.name === 'c')!;
      const bufferOf = (c: TypedColumn) => (c.kind === 'numeric' ? c.values.buffer : c.codes.buffer);
      const firstJob = [reader.readColumnSorted(ds, x), reader.readColumn(ds, k)].map(bufferOf);
      const held = scratch.bytes;
      expect(held).toBe(2 * ds.rows * 8);
      scratch.reset();
      // The next job's columns land in the bytes the last job's held, whatever their kinds.
      const nextJob = [reader.readColumn(ds, k), reader.readColumnSorted(ds, x)].map(bufferOf);
      expect(scratch.bytes).toBe(held);
      expect(new Set(nextJob)).toEqual(new Set(firstJob));
      // High-cardinality text ('str' chunks) is the Workspace's own read, in fresh memory.
      const id = reader.columns(ds.id).find((c) => c.name === 'id')!;
      const before = scratch.bytes;
      expect(reader.readColumn(ds, id)).toEqual(ws.readColumn(ds, id));
      expect(scratch.bytes).toBe(before + ds.rows * 8);
    } finally {
      reader.close();
    }
  });

  it('reads a column without a sorted copy as the Workspace does, and never writes one', () => {
    const copy = `${dir}/nocache.db`;
    return ws.db.backup(copy).then(() => {
      const w = new Workspace(copy);
      w.db.prepare('DELETE FROM column_cache').run();
      const reader = new ScratchWorkspace(copy, {}, new Scratch());
      try {
        const ds = w.dataset('ref');
        const x = w.columns(ds.id).find((c) => c.name === 'x')!;
        const sorted = reader.readColumnSorted(ds, x);
        const both = reader.readColumnWithOrder(ds, x);
        expect(w.columnsWithoutSortedCache(ds).map((c) => c.name)).toContain('x');
        expect(sorted).toEqual(w.readColumnSorted(ds, x));
        expect(both).toEqual(w.readColumnWithOrder(ds, x));
      } finally {
        reader.close();
        w.close();
      }
    });
  });
});

describe('Scratch', () => {
  it('hands each buffer out once between resets, the smallest that fits, grown to the largest asked', () => {
    const s = new Scratch();
    const a = s.take(100);
    const b = s.take(800);
    expect(a).not.toBe(b);
    expect(a.byteLength).toBe(100);
    expect(b.byteLength).toBe(800);
    const c = s.take(50);
    expect(c.byteLength).toBe(800);
    s.reset();
    expect(s.take(60)).toBe(a);
    expect([b, c]).toContain(s.take(700));
    expect([b, c]).toContain(s.take(700));
    expect(s.take(10).byteLength).toBe(800);
    expect(s.bytes).toBe(100 + 3 * 800);
    s.drop();
    expect(s.bytes).toBe(0);
  });
});
