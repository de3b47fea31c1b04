/**
 * The addon a workspace opens with (core/workspace/open.ts installedBinding): the very file
 * better-sqlite3's default loader (`bindings`) would load, found without it, and a workspace
 * opened by that path reads and writes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { installedBinding, openDatabase } from '../../../core/workspace/open';

describe('the SQLite addon by path', () => {
  it('is the file the bindings package picks for better-sqlite3', () => {
    const root = path.dirname(path.dirname(require.resolve('better-sqlite3')));
    const bindings = require(require.resolve('bindings', { paths: [root] })) as (o: object) => string;
    const found = installedBinding();
    expect(found).not.toBeNull();
    expect(found).toBe(bindings({ bindings: 'better_sqlite3.node', module_root: root, path: true }));
  });

  it('opens a workspace that reads and writes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-binding-'));
    try {
      const db = openDatabase(path.join(dir, 'w.db'));
      db.exec('CREATE TABLE t (x)');
      db.prepare('INSERT INTO t VALUES (?)').run(42);
      expect(db.prepare('SELECT x FROM t').pluck().get()).toBe(42);
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
