/**
 * The bundles as Electron loads them: the preload must run in a sandbox where `require` knows only
 * 'electron'; main must run as one CommonJS file. Built here with the options of scripts/build.mjs.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../../core/api/api';
import { createFakeElectron } from './fake-electron';

const root = path.resolve(__dirname, '../../..');
const outDir = path.join(root, '.tmp', `electron-bundle-test-${process.pid}`);
const common = {
  bundle: true,
  platform: 'node' as const,
  format: 'cjs' as const,
  target: 'node20',
  logLevel: 'error' as const,
  absWorkingDir: root,
  external: ['electron', 'better-sqlite3', 'playwright-core'],
};

let mainInputs: string[] = [];

beforeAll(async () => {
  const main = await build({ ...common, entryPoints: { 'electron/main': 'electron/main.ts' }, outdir: outDir, metafile: true });
  mainInputs = Object.keys(main.metafile.inputs);
  await build({ ...common, entryPoints: { 'electron/preload': 'electron/preload.ts' }, outdir: outDir });
}, 60_000);
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

/**
 * Runs a CommonJS file with the given `require`, the way Electron's loaders wrap modules: in a
 * fresh context holding only `globals` (the sandbox), or in this realm when none are given (main).
 */
function runCommonJs(file: string, req: (id: string) => unknown, globals?: Record<string, unknown>) {
  const module = { exports: {} as Record<string, unknown> };
  const source = `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(file, 'utf8')}\n})`;
  const wrapper = (globals ? vm.runInNewContext(source, globals) : vm.runInThisContext(source)) as (...args: unknown[]) => void;
  wrapper(module.exports, req, module, file, path.dirname(file));
  return module.exports;
}

describe('electron bundles', () => {
  it('the preload runs in a sandbox that can require nothing but electron', () => {
    const exposed: Record<string, unknown> = {};
    const electron = {
      contextBridge: { exposeInMainWorld: (k: string, v: unknown) => void (exposed[k] = v) },
      ipcRenderer: { on: vi.fn(), invoke: vi.fn(), send: vi.fn(), removeListener: vi.fn() },
      webUtils: { getPathForFile: () => '' },
    };
    const sandboxRequire = (id: string) => {
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    };
    runCommonJs(path.join(outDir, 'electron', 'preload.js'), sandboxRequire, { Promise, Error, JSON, Object, Array, Set, Map });
    expect(Object.keys(exposed)).toEqual(['plumbline']);
  });

  it('main contains no engine: no SQLite, no workspace, no import or analysis code', () => {
    const engineCode = mainInputs.filter(
      (f) => /^core\/(engine|import|analyses|stats|data)\//.test(f) || (f.startsWith('core/workspace/') && f !== 'core/workspace/paths.ts'),
    );
    expect(engineCode).toEqual([]);
    expect(fs.readFileSync(path.join(outDir, 'electron', 'main.js'), 'utf8')).not.toMatch(/require\(["']better-sqlite3["']\)/);
  });

  it('main runs as one CommonJS file and registers the API', async () => {
    const fake = createFakeElectron();
    const nodeRequire = createRequire(path.join(outDir, 'electron', 'main.js'));
    const req = (id: string) => {
      if (id === 'electron') return fake.module;
      if (id.startsWith('node:') || ['better-sqlite3', 'playwright-core'].includes(id)) return nodeRequire(id);
      throw new Error(`main's bundle should not require ${id} at run time`);
    };
    const savedArgv = process.argv;
    process.argv = ['/usr/bin/electron', '.', '--db', path.join(outDir, 'unused.db')];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const exported = runCommonJs(path.join(outDir, 'electron', 'main.js'), req) as {
        plumbline: { ready: Promise<void>; router(): { dispose(): void } | null };
      };
      await exported.plumbline.ready;
      expect([...fake.handlers.keys()].sort()).toEqual([...METHOD_NAMES.map((m) => `plumbline:${m}`), 'plumbline:open-file-dialog', 'plumbline:open-folder-dialog', 'plumbline:save-file-dialog', 'plumbline:show-in-folder'].sort());
      expect(fake.windows[0]!.options.webPreferences!.preload).toBe(path.join(root, 'dist', 'electron', 'preload.js'));
      exported.plumbline.router()?.dispose();
    } finally {
      process.argv = savedArgv;
      errors.mockRestore();
      warnings.mockRestore();
    }
    // Quitting terminates the real worker it started (whatever became of its workspace).
    fake.app.emit('will-quit', { preventDefault: () => undefined });
  });
});
