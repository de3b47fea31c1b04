import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeCodes, encodeF64 } from '../../../core/workspace/chunks';
import { SCHEMA_VERSION } from '../../../core/workspace/migrations';
import { Workspace } from '../../../core/workspace/workspace';
import { workspaceAtVersion } from '../../helpers/old-workspace';
import { tmpDir } from '../../helpers/tmp';

const dir = tmpDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A workspace as Plumbline wrote it before migration 5: chunks in a WITHOUT ROWID table. */
function workspaceAtVersion4(file: string): void {
  const raw = workspaceAtVersion(file, 4);
  raw.prepare("INSERT INTO datasets (id, name, row_count, chunk_rows, created_at) VALUES (1, 'old', 5, 3, '2026-01-01T00:00:00Z')").run();
  const col = raw.prepare('INSERT INTO columns (dataset_id, idx, name, type, role, null_count, dictionary) VALUES (1, ?, ?, ?, ?, ?, ?)');
  col.run(0, 'x', 'real', 'feature', 1, null);
  col.run(1, 'c', 'categorical', 'feature', 1, JSON.stringify(['a', 'b']));
  const chunk = raw.prepare('INSERT INTO chunks (dataset_id, column_idx, chunk_idx, row_count, encoding, data) VALUES (1, ?, ?, ?, ?, ?)');
  // Written out of key order, as appends and rewrites leave them.
  chunk.run(0, 1, 2, 'f64', encodeF64(new Float64Array([4.5, NaN])));
  chunk.run(1, 0, 3, 'dict', encodeCodes(new Int32Array([0, 1, -1])));
  chunk.run(0, 0, 3, 'f64', encodeF64(new Float64Array([1, -2, 3.25])));
  chunk.run(1, 1, 2, 'dict', encodeCodes(new Int32Array([1, 1])));
  raw.prepare("INSERT INTO column_cache (dataset_id, column_idx, kind, chunk_idx, data) VALUES (1, 0, 'sorted', 0, ?)").run(encodeF64(new Float64Array([-2, 1, 3.25, 4.5])));
  raw.close();
}

describe('migration 5: chunks in a rowid table', () => {
  it('keeps an existing workspace readable: same chunks, same cache, same triggers', () => {
    const file = path.join(dir, 'v4.db');
    workspaceAtVersion4(file);
    const ws = new Workspace(file);
    expect(ws.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const sql = (ws.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'chunks'").get() as { sql: string }).sql;
    expect(sql).not.toMatch(/WITHOUT ROWID/i);

    const ds = ws.dataset('old');
    const [x, c] = ws.columns(ds.id);
    const xs = ws.readColumn(ds, x);
    expect(xs.kind === 'numeric' && Array.from(xs.values)).toEqual([1, -2, 3.25, 4.5, NaN]);
    const cs = ws.readColumn(ds, c);
    expect(cs.kind === 'categorical' && Array.from(cs.codes, (k) => (k < 0 ? null : cs.dictionary[k]))).toEqual(['a', 'b', null, 'b', 'b']);
    // The sorted cache written before the migration is still there.
    expect(ws.db.prepare('SELECT COUNT(*) AS n FROM column_cache').get()).toEqual({ n: 1 });

    // The key stays unique: a plain insert of an existing key fails, a replace replaces.
    const key = [1, 0, 1, 2, 'f64', encodeF64(new Float64Array([7, 8]))];
    expect(() => ws.db.prepare('INSERT INTO chunks (dataset_id, column_idx, chunk_idx, row_count, encoding, data) VALUES (?, ?, ?, ?, ?, ?)').run(...key)).toThrow(/UNIQUE/);
    ws.db.prepare('INSERT OR REPLACE INTO chunks (dataset_id, column_idx, chunk_idx, row_count, encoding, data) VALUES (?, ?, ?, ?, ?, ?)').run(...key);
    expect(ws.db.prepare('SELECT COUNT(*) AS n FROM chunks').get()).toEqual({ n: 4 });
    // The insert trigger dropped the column's cache, as before the migration.
    expect(ws.db.prepare('SELECT COUNT(*) AS n FROM column_cache').get()).toEqual({ n: 0 });
    const again = ws.readColumn(ds, x);
    expect(again.kind === 'numeric' && Array.from(again.values)).toEqual([1, -2, 3.25, 7, 8]);

    // Deleting the dataset still cascades to its chunks.
    ws.db.prepare('DELETE FROM datasets WHERE id = 1').run();
    expect(ws.db.prepare('SELECT COUNT(*) AS n FROM chunks').get()).toEqual({ n: 0 });
    ws.close();
  });

  it('creates new workspaces with the rowid table and its unique index', () => {
    const ws = new Workspace(path.join(dir, 'new.db'));
    const index = ws.db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'chunks'").all() as { sql: string }[];
    expect(index.map((i) => i.sql)).toEqual([expect.stringMatching(/UNIQUE INDEX chunks_by_key ON chunks \(dataset_id, column_idx, chunk_idx\)/)]);
    // The key lookup every read makes uses that index.
    const plan = ws.db.prepare('EXPLAIN QUERY PLAN SELECT data FROM chunks WHERE dataset_id = 1 AND column_idx = 0 ORDER BY chunk_idx').all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/chunks_by_key/);
    ws.close();
  });
});
