import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { SCHEMA_VERSION } from '../../../core/workspace/migrations';
import { Workspace } from '../../../core/workspace/workspace';
import { resolveWorkspacePath, defaultDataDir } from '../../../core/workspace/paths';
import { tmpDir } from '../../helpers/tmp';

const dir = tmpDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('workspace file', () => {
  it('creates the schema at the current version and reopens without re-running migrations', () => {
    const file = path.join(dir, 'a.db');
    const ws = new Workspace(file);
    expect(ws.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    ws.audit('test', null, { n: 1 });
    ws.close();
    const again = new Workspace(file);
    expect(again.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(again.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
    again.close();
  });

  it('refuses a workspace written by a newer Plumbline with a message saying what to do', () => {
    const file = path.join(dir, 'newer.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    expect(() => new Workspace(file)).toThrow(/newer Plumbline.*Update Plumbline/);
  });

  it('read-only: opens a current workspace, refuses an older one (it cannot migrate) or a newer one, saying what to do', () => {
    const file = path.join(dir, 'ro.db');
    new Workspace(file).close();
    const ro = new Workspace(file, { readonly: true });
    expect(ro.listDatasets()).toEqual([]);
    ro.close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION - 1}`);
    raw.close();
    expect(() => new Workspace(file, { readonly: true })).toThrow(new RegExp(`schema ${SCHEMA_VERSION - 1}, older than this Plumbline's ${SCHEMA_VERSION}, and was opened read-only\\. Open it once for writing`));
    const newer = new Database(file);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    expect(() => new Workspace(file, { readonly: true })).toThrow(/newer Plumbline.*Update Plumbline/);
  });

  it('names the existing datasets when one is not found', () => {
    const ws = new Workspace(path.join(dir, 'b.db'));
    expect(() => ws.dataset('nope')).toThrow(/No dataset named "nope"\. This workspace has no datasets yet/);
    ws.close();
  });
});

describe('workspace location', () => {
  it('prefers --db, then PLUMBLINE_DB, then the user data directory', () => {
    expect(resolveWorkspacePath('/x/y.db', { PLUMBLINE_DB: '/z.db' })).toBe('/x/y.db');
    expect(resolveWorkspacePath(undefined, { PLUMBLINE_DB: '/z.db' })).toBe('/z.db');
    expect(resolveWorkspacePath(undefined, { XDG_CONFIG_HOME: '/cfg' })).toBe(path.join(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux'), 'workspace.db'));
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/Plumbline');
  });
});

describe('storage layout', () => {
  it('creates new workspaces with 64 KB pages (column chunks are large BLOBs)', () => {
    const ws = new Workspace(path.join(dir, 'pages.db'));
    expect(ws.db.pragma('page_size', { simple: true })).toBe(65536);
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal');
    ws.close();
  });

  it('leaves the page size of an existing workspace as it is (no migration rewrites the file)', () => {
    const file = path.join(dir, 'old-pages.db');
    const raw = new Database(file);
    raw.pragma('page_size = 4096');
    raw.pragma('journal_mode = WAL');
    raw.exec('CREATE TABLE older_plumbline_was_here (x)');
    raw.close();
    const ws = new Workspace(file);
    expect(ws.db.pragma('page_size', { simple: true })).toBe(4096);
    expect(ws.listDatasets()).toEqual([]);
    ws.close();
  });
});
