import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dbPathFromArgv, filePathsFromArgv, isImportableFile } from '../../../electron/files';
import { chooseNativeBinding, resolveNativeBinding } from '../../../electron/native';

const root = '/app';
const binary = path.join(root, 'build', 'electron-native', 'better_sqlite3.node');
const stamp = path.join(root, 'build', 'electron-native', 'stamp.json');

function fsWith(files: Record<string, string>) {
  return { exists: (p: string) => p in files, readText: (p: string) => {
    if (!(p in files)) throw new Error('ENOENT');
    return files[p]!;
  } };
}

describe('native binding for Electron', () => {
  it('uses the Electron build when its stamp matches the running ABI', () => {
    const f = fsWith({ [binary]: '', [stamp]: JSON.stringify({ modules: '145', electron: '41.7.1', betterSqlite3: '12.11.1' }) });
    expect(chooseNativeBinding({ appRoot: root, isPackaged: false, modules: '145', env: {}, ...f })).toEqual({ kind: 'electron-build', path: binary });
  });

  it("falls back to better-sqlite3's own build when the stamp is for another ABI, missing, or there is no build", () => {
    const other = fsWith({ [binary]: '', [stamp]: JSON.stringify({ modules: '115' }) });
    expect(chooseNativeBinding({ appRoot: root, isPackaged: false, modules: '145', env: {}, ...other })).toMatchObject({ kind: 'default', reason: expect.stringContaining('115') });
    expect(resolveNativeBinding({ appRoot: root, isPackaged: false, modules: '145', env: {}, ...fsWith({ [binary]: '' }) })).toBeUndefined();
    expect(resolveNativeBinding({ appRoot: root, isPackaged: false, modules: '145', env: {}, ...fsWith({}) })).toBeUndefined();
  });

  it('leaves packaged apps to electron-builder and honours PLUMBLINE_NATIVE_BINDING', () => {
    const f = fsWith({ [binary]: '', [stamp]: JSON.stringify({ modules: '145' }) });
    expect(resolveNativeBinding({ appRoot: root, isPackaged: true, modules: '145', env: {}, ...f })).toBeUndefined();
    expect(resolveNativeBinding({ appRoot: root, isPackaged: true, modules: '145', env: { PLUMBLINE_NATIVE_BINDING: '/x/b.node' }, ...f })).toBe(path.resolve('/x/b.node'));
  });
});

describe('command-line files', () => {
  it('reads --db PATH and --db=PATH', () => {
    expect(dbPathFromArgv(['electron', 'main.js', '--db', '/tmp/w.db'])).toBe('/tmp/w.db');
    expect(dbPathFromArgv(['electron', 'main.js', '--db=/tmp/v.db'])).toBe('/tmp/v.db');
    expect(dbPathFromArgv(['electron', 'main.js'])).toBeUndefined();
    expect(dbPathFromArgv(['electron', '--db'])).toBeUndefined();
  });

  it('keeps existing importable files, resolved against the working directory, skipping options and --db', () => {
    const existing = new Set(['/work/a.csv', '/work/b.jsonl.gz', '/work/w.csv']);
    const argv = ['/usr/bin/plumbline', 'dist/electron/main.js', '--db', 'w.csv', 'a.csv', '--flag', 'b.jsonl.gz', 'gone.csv', 'notes.pdf', 'a.csv'];
    expect(filePathsFromArgv(argv, '/work', (p) => existing.has(p))).toEqual(['/work/a.csv', '/work/b.jsonl.gz']);
  });

  it('recognises the importable formats', () => {
    for (const f of ['a.csv', 'a.TSV', 'a.tab', 'a.jsonl', 'a.ndjson', 'a.parquet', 'a.csv.gz', 'a.txt']) expect(isImportableFile(f), f).toBe(true);
    for (const f of ['a.db', 'a.gz', 'a.json', 'main.js', '.']) expect(isImportableFile(f), f).toBe(false);
  });
});
