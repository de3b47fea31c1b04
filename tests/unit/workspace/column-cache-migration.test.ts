import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeF64 } from '../../../core/workspace/chunks';
import { SCHEMA_VERSION } from '../../../core/workspace/migrations';
import { Workspace } from '../../../core/workspace/workspace';
import { workspaceAtVersion } from '../../helpers/old-workspace';
import { tmpDir } from '../../helpers/tmp';

const dir = tmpDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A workspace as Plumbline wrote it before migration 6: the sorted cache in a WITHOUT ROWID table. */
function workspaceAtVersion5(file: string): void {
  const raw = workspaceAtVersion(file, 5);
  raw.prepare("INSERT INTO datasets (id, name, row_count, chunk_rows, created_at) VALUES (1, 'old', 5, 3, '2026-01-01T00:00:00Z')").run();
  const col = raw.prepare('INSERT INTO columns (dataset_id, idx, name, type, role, null_count, dictionary) VALUES (1, ?, ?, ?, ?, ?, ?)');
  col.run(0, 'x', 'real', 'feature', 1, null);
  col.run(1, 'y', 'real', 'feature', 0, null);
  const chunk = raw.prepare('INSERT INTO chunks (dataset_id, column_idx, chunk_idx, row_count, encoding, data) VALUES (1, ?, ?, ?, ?, ?)');
  chunk.run(0, 0, 3, 'f64', encodeF64(new Float64Array([1, -2, 3.25])));
  chunk.run(0, 1, 2, 'f64', encodeF64(new Float64Array([4.5, NaN])));
  chunk.run(1, 0, 3, 'f64', encodeF64(new Float64Array([5, 4, 3])));
  chunk.run(1, 1, 2, 'f64', encodeF64(new Float64Array([2, 1])));
  // Two cache pieces of x, written out of key order; y has none.
  const cache = raw.prepare("INSERT INTO column_cache (dataset_id, column_idx, kind, chunk_idx, data) VALUES (1, 0, 'sorted', ?, ?)");
  cache.run(1, encodeF64(new Float64Array([3.25, 4.5])));
  cache.run(0, encodeF64(new Float64Array([-2, 1])));
  raw.close();
}

const count = (ws: Workspace) => (ws.db.prepare('SELECT COUNT(*) AS n FROM column_cache').get() as { n: number }).n;

describe('migration 6: the sorted cache in a rowid table', () => {
  it('keeps an existing cache readable, its key unique and its triggers', () => {
    const file = path.join(dir, 'v5.db');
    workspaceAtVersion5(file);
    const ws = new Workspace(file);
    expect(ws.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const sql = (ws.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'column_cache'").get() as { sql: string }).sql;
    expect(sql).not.toMatch(/WITHOUT ROWID/i);

    const ds = ws.dataset('old');
    const [x, y] = ws.columns(ds.id);
    expect(ws.columnsWithoutSortedCache(ds).map((c) => c.name)).toEqual(['y']);
    // The cached pieces, in chunk order, are what the sorted read returns (no sort: the cache is trusted).
    const sorted = ws.readColumnSorted(ds, x);
    expect(sorted.kind === 'numeric' && Array.from(sorted.sortedFinite!)).toEqual([-2, 1, 3.25, 4.5]);

    // The key stays unique: a plain insert of an existing key fails, a replace replaces.
    const key = [1, 0, 'sorted', 0, encodeF64(new Float64Array([-2]))];
    expect(() => ws.db.prepare('INSERT INTO column_cache (dataset_id, column_idx, kind, chunk_idx, data) VALUES (?, ?, ?, ?, ?)').run(...key)).toThrow(/UNIQUE/);
    ws.db.prepare('INSERT OR REPLACE INTO column_cache (dataset_id, column_idx, kind, chunk_idx, data) VALUES (?, ?, ?, ?, ?)').run(...key);
    expect(count(ws)).toBe(2);

    // y's cache is stored by the first read in row order, then a chunk write drops x's (trigger).
    ws.readColumnWithOrder(ds, y);
    expect(ws.columnsWithoutSortedCache(ds)).toEqual([]);
    ws.db.prepare('UPDATE chunks SET data = ? WHERE dataset_id = 1 AND column_idx = 0 AND chunk_idx = 0').run(encodeF64(new Float64Array([9, 9, 9])));
    expect(ws.columnsWithoutSortedCache(ds).map((c) => c.name)).toEqual(['x']);

    // Deleting the dataset still cascades to its cache.
    ws.db.prepare('DELETE FROM datasets WHERE id = 1').run();
    expect(count(ws)).toBe(0);
    ws.close();
  });

  it('finds a column’s cache through the key index, never by scanning records', () => {
    const ws = new Workspace(path.join(dir, 'new.db'));
    const plan = (q: string) => (ws.db.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan("SELECT data FROM column_cache WHERE dataset_id = 1 AND column_idx = 0 AND kind = 'sorted' ORDER BY chunk_idx")).toMatch(/column_cache_by_key/);
    expect(plan("SELECT DISTINCT column_idx FROM column_cache WHERE dataset_id = 1 AND kind = 'sorted'")).toMatch(/COVERING INDEX column_cache_by_key/);
    ws.close();
  });
});
