import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetWriter, type Provenance, type WriterTarget } from '../../../core/import/dataset-writer';
import { PlumblineError } from '../../../core/api/errors';
import { Checkpointer } from '../../../core/import/checkpointer';
import { PieceCommits } from '../../../core/import/commit-pieces';
import { openDatabase } from '../../../core/workspace/open';
import { SCHEMA_VERSION } from '../../../core/workspace/migrations';
import { ownerGone } from '../../../core/workspace/pending-datasets';
import { Workspace } from '../../../core/workspace/workspace';
import { uniqueName } from '../../../core/import/import-file';
import { tmpDir } from '../../helpers/tmp';
import { workspaceSnapshot } from '../../helpers/workspace-snapshot';
import { workspaceAtVersion } from '../../helpers/old-workspace';

const dir = tmpDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
function freshDb(): string {
  return path.join(dir, `ws${++n}.db`);
}

const provenance = (rows: number): Provenance => ({
  sourcePath: 'x.parquet', sizeBytes: 1, sha256: 'x', modifiedAt: null, format: 'parquet', parserSettings: {}, rowsRead: rows, rowsRejected: 0, startedAt: new Date().toISOString(),
});

/** Rows of 4 real columns, one 65,536-row chunk (4 × 512 KB) at a time. */
function writeRows(w: DatasetWriter, rows: number, from = 0): void {
  const window = 65_536;
  const values = new Float64Array(window);
  for (let done = 0; done < rows; done += window) {
    const m = Math.min(window, rows - done);
    for (let k = 0; k < m; k++) values[k] = (from + done + k) / 3;
    w.addWindow({ rows: m, line: done + 2, columns: Array.from({ length: 4 }, () => ({ kind: 'numbers' as const, type: 'real' as const, values: values.subarray(0, m), odd: new Map() })) });
  }
}

/** What another connection sees of the file: every dataset row, pending or not, and the chunks. */
function raw(db: string): { rows: { name: string; pending: string | null }[]; chunks: unknown } {
  const c = new Database(db, { readonly: true });
  try {
    return {
      rows: c.prepare('SELECT name, pending FROM datasets ORDER BY id').all() as { name: string; pending: string | null }[],
      chunks: c.prepare('SELECT COUNT(*) AS n, SUM(LENGTH(data)) AS bytes FROM chunks').get(),
    };
  } finally {
    c.close();
  }
}

function snapshot(db: string): unknown {
  return { ...workspaceSnapshot(db), rows: raw(db).rows };
}

/** A workspace with one small dataset, and a writer target committing a piece every 512 KB chunk (none held back). */
function setUp(): { db: string; target: WriterTarget } {
  const db = freshDb();
  const target: WriterTarget = { workspacePath: db, openOptions: {}, nullTokens: [], pieces: { bytes: 512 << 10, holdBytes: 0 } };
  const w = DatasetWriter.create(target, 'before', ['a', 'b', 'c', 'd']);
  writeRows(w, 10);
  w.commit(provenance(10));
  return { db, target };
}

describe('a new dataset committed in pieces', () => {
  it('is invisible to other connections until its last transaction, and a second import of its name is refused', () => {
    const { db, target } = setUp();
    const w = DatasetWriter.create(target, 'big', ['a', 'b', 'c', 'd']);
    writeRows(w, 3 * 65_536);
    // Pieces are in the file (another connection reads them), under a pending row.
    const mid = raw(db);
    expect(mid.rows.map((r) => r.name)).toEqual(['before', 'big']);
    expect(JSON.parse(mid.rows[1].pending as string)).toMatchObject({ pid: process.pid, host: os.hostname() });
    const ws = new Workspace(db);
    expect(ws.listDatasets().map((d) => d.name)).toEqual(['before']);
    expect(ws.findDataset('big')).toBeUndefined();
    expect(() => ws.dataset('big')).toThrow(PlumblineError);
    // The writer's own open did not take it for a dead import's.
    expect(raw(db).rows).toHaveLength(2);
    let conflict: unknown;
    try {
      DatasetWriter.create(target, 'big', ['a']);
    } catch (e) {
      conflict = e;
    }
    expect(conflict).toBeInstanceOf(PlumblineError);
    expect((conflict as PlumblineError).code).toBe('CONFLICT');
    expect((conflict as PlumblineError).message).toMatch(/"big" is being imported/);

    writeRows(w, 1000, 3 * 65_536);
    w.commit(provenance(3 * 65_536 + 1000));
    const ds = ws.dataset('big');
    expect(ds.rows).toBe(3 * 65_536 + 1000);
    const d = ws.readColumn(ds, ws.columns(ds.id)[3]);
    if (d.kind !== 'numeric') throw new Error('numeric expected');
    expect(d.values[0]).toBe(0);
    expect(d.values[100_000]).toBe(100_000 / 3);
    expect(d.values[3 * 65_536 + 999]).toBe((3 * 65_536 + 999) / 3);
    expect(raw(db).rows.map((r) => r.pending)).toEqual([null, null]);
    expect(ws.db.pragma('integrity_check', { simple: true })).toBe('ok');
    ws.close();
  });

  it('stores the same chunks as one transaction does', () => {
    const chunksOf = (bytes: number, holdBytes: number) => {
      const db = freshDb();
      const w = DatasetWriter.create({ workspacePath: db, openOptions: {}, nullTokens: [], pieces: { bytes, holdBytes } }, 'x', ['a', 'b', 'c', 'd']);
      writeRows(w, 5 * 65_536 + 17);
      w.commit(provenance(5 * 65_536 + 17));
      const c = new Database(db, { readonly: true });
      const rows = c.prepare('SELECT column_idx, chunk_idx, row_count, encoding, hex(data) AS h FROM chunks ORDER BY column_idx, chunk_idx').all();
      const cols = c.prepare('SELECT * FROM columns ORDER BY idx').all();
      c.close();
      return { rows, cols };
    };
    const one = chunksOf(1 << 30, 0);
    // Pieces begun at once, and pieces whose chunks wait for the checkpointer (held in the arena).
    expect(chunksOf(512 << 10, 0)).toEqual(one);
    expect(chunksOf(512 << 10, 4 << 20)).toEqual(one);
  });

  it('leaves the workspace as it was when cancelled after two pieces or more', () => {
    const { db, target } = setUp();
    const before = snapshot(db);
    const w = DatasetWriter.create(target, 'cancelled', ['a', 'b', 'c', 'd']);
    writeRows(w, 3 * 65_536);
    expect(raw(db).rows.map((r) => r.name)).toEqual(['before', 'cancelled']);
    expect((raw(db).chunks as { n: number }).n).toBeGreaterThanOrEqual(4 + 2 * 4);
    w.abort();
    expect(snapshot(db)).toEqual(before);
  });

  it('starts no checkpointing thread, and commits nothing early, for an import smaller than a piece', () => {
    const db = freshDb();
    const c = openDatabase(db);
    c.exec('CREATE TABLE t (a, b, c, d, e)');
    c.exec('BEGIN IMMEDIATE');
    const insert = c.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?)');
    const pieces = new PieceCommits(c, (row) => insert.run(...row), {}, 1000);
    pieces.write([0, 0, 1, 'f64', Buffer.alloc(999)]);
    expect(pieces.committed).toBe(false);
    expect(c.inTransaction).toBe(true);
    pieces.write([0, 1, 1, 'f64', Buffer.alloc(1)]);
    expect(pieces.committed).toBe(true);
    expect(c.inTransaction).toBe(false);
    pieces.close();
    c.close();
  });
});

describe('the checkpointing thread', () => {
  it('answers every request even when it cannot open the workspace (a wrong native binding)', () => {
    const { db } = setUp();
    const c = new Checkpointer(db, { nativeBinding: path.join(dir, 'no-such-addon.node') });
    c.ask();
    c.ask();
    c.wait(20_000);
    expect(c.idle).toBe(true);
    c.close();
  });
});

describe('pending datasets of imports that did not finish', () => {
  /** A pending row as an import of `owner` would have left it, with one chunk. */
  function leavePending(db: string, name: string, owner: object | string): void {
    const c = new Database(db);
    const id = Number(c.prepare("INSERT INTO datasets (name, row_count, chunk_rows, created_at, pending) VALUES (?, 0, 65536, '2026-12-07T00:00:00Z', ?)").run(name, typeof owner === 'string' ? owner : JSON.stringify(owner)).lastInsertRowid);
    c.prepare("INSERT INTO chunks (dataset_id, column_idx, chunk_idx, row_count, encoding, data) VALUES (?, 0, 0, 1, 'f64', ?)").run(id, Buffer.alloc(8));
    c.close();
  }

  it('are deleted by the next writer when their process is gone, and kept while it may be alive', async () => {
    const { db } = setUp();
    const before = snapshot(db);
    const gone = spawnSync(process.execPath, ['-e', '']).pid as number;
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const host = os.hostname();
      leavePending(db, 'dead', { pid: gone, host, startedAt: 'x' });
      leavePending(db, 'live', { pid: alive.pid, host, startedAt: 'x' });
      leavePending(db, 'elsewhere', { pid: gone, host: `${host}-other`, startedAt: 'x' });
      leavePending(db, 'unreadable', 'not json');
      expect(ownerGone(JSON.stringify({ pid: gone, host }))).toBe(true);
      // A reader does not clean up; a writer's open does.
      const reader = new Database(db, { readonly: true });
      expect((reader.prepare('SELECT COUNT(*) AS n FROM datasets').get() as { n: number }).n).toBe(5);
      reader.close();
      const ws = new Workspace(db);
      expect(ws.listDatasets().map((d) => d.name)).toEqual(['before']);
      ws.close();
      expect(raw(db).rows.map((r) => r.name)).toEqual(['before', 'live', 'elsewhere', 'unreadable']);
      alive.kill('SIGKILL');
      await new Promise((r) => alive.once('exit', r));
      new Workspace(db).close();
      expect(raw(db).rows.map((r) => r.name)).toEqual(['before', 'elsewhere', 'unreadable']);
      const c = new Database(db);
      c.prepare("DELETE FROM datasets WHERE name IN ('elsewhere', 'unreadable')").run();
      c.close();
      expect(snapshot(db)).toEqual(before);
    } finally {
      alive.kill('SIGKILL');
    }
  });
  it('hold their name against a default name: the next import of that file gets "name (2)"', () => {
    const { db } = setUp();
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      leavePending(db, 'labels', { pid: alive.pid, host: os.hostname(), startedAt: 'x' });
      const ws = new Workspace(db);
      try {
        expect(ws.findDataset('labels')).toBeUndefined();
        expect(uniqueName(ws, 'labels')).toBe('labels (2)');
        expect(uniqueName(ws, 'before')).toBe('before (2)');
        expect(uniqueName(ws, 'other')).toBe('other');
      } finally {
        ws.close();
      }
      // Nor can rows be added to it meanwhile (a race past the command's own check).
      const before = snapshot(db);
      let err: unknown;
      try {
        DatasetWriter.append({ workspacePath: db, openOptions: {}, nullTokens: [] }, 'labels', ['a'], 'more.csv', false);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(PlumblineError);
      expect((err as PlumblineError).code).toBe('CONFLICT');
      expect((err as Error).message).toContain('"labels" is still being imported');
      expect(snapshot(db)).toEqual(before);
    } finally {
      alive.kill('SIGKILL');
    }
  });
});

describe('migration 8', () => {
  it('adds datasets.pending to an existing workspace, every dataset in it visible', () => {
    const db = freshDb();
    const c = workspaceAtVersion(db, 7);
    c.prepare("INSERT INTO datasets (id, name, row_count, chunk_rows, created_at) VALUES (1, 'old', 0, 65536, '2026-01-01T00:00:00Z')").run();
    c.close();
    const ws = new Workspace(db);
    expect(ws.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(8);
    expect(ws.listDatasets().map((d) => d.name)).toEqual(['old']);
    expect(ws.db.prepare('SELECT pending FROM datasets').all()).toEqual([{ pending: null }]);
    ws.close();
  });
});
