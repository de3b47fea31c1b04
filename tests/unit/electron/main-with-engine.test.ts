/**
 * Main process with the real engine: electron/main.ts under a fake `electron`, but API calls go
 * through the real worker thread (esbuild-bundled worker-entry) to a real SQLite workspace — the
 * path every window call takes in the app, minus Chromium.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEngineWorker, type EngineWorker } from '../../../core/transport/engine-worker';
import { fakeEvent, type FakeElectron, type FakeWebContents } from './fake-electron';
import { loadMain, useMainHarness } from './load-main';

useMainHarness();

const root = path.resolve(__dirname, '../../..');
// Inside the repo so the worker resolves better-sqlite3 from node_modules.
const outDir = path.join(root, '.tmp', `electron-engine-test-${process.pid}`);
const workerScript = path.join(outDir, 'worker.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-engine-'));

beforeAll(async () => {
  await build({
    entryPoints: [path.join(root, 'core/transport/worker-entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: workerScript,
    external: ['electron', 'better-sqlite3', 'playwright-core'],
    logLevel: 'error',
  });
}, 60_000);

afterAll(() => {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Reply = { ok: boolean; value?: unknown; error?: { code: string } };

function invoke(fake: FakeElectron, wc: FakeWebContents, method: string, callId: string, args: unknown): Promise<Reply> {
  return Promise.resolve(fake.handlers.get(`plumbline:${method}`)!({ sender: wc, senderFrame: wc.mainFrame }, callId, args) as Reply);
}

describe('electron main with the real engine worker', () => {
  it('answers API calls from the window through the worker and a real workspace', async () => {
    const db = path.join(dataDir, 'workspace.db');
    const csv = path.join(dataDir, 'preds.csv');
    fs.writeFileSync(csv, 'id,score,label\n1,0.9,1\n2,0.2,0\n3,0.7,1\n');
    const { fake, worker } = await loadMain<EngineWorker>({
      argv: ['--db', db],
      startWorker: (o) => startEngineWorker({ ...(o as { dbPath: string }), workerScript }),
    });
    await worker!.ready;
    const wc = fake.windows[0]!.webContents;

    expect(await invoke(fake, wc, 'listDatasets', 'l1', {})).toEqual({ ok: true, value: [] });
    const info = await invoke(fake, wc, 'workspaceInfo', 'w1', {});
    expect(info).toMatchObject({ ok: true, value: { path: db } });

    const imported = await invoke(fake, wc, 'importFile', 'i1', { path: csv, name: 'preds' });
    expect(imported).toMatchObject({ ok: true, value: { dataset: 'preds', rows: 3 } });
    const listed = await invoke(fake, wc, 'listDatasets', 'l2', {});
    expect((listed.value as { name: string }[]).map((d) => d.name)).toEqual(['preds']);

    // Engine errors come back as data with the API's codes.
    expect(await invoke(fake, wc, 'getDataset', 'g1', { dataset: 'missing' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await invoke(fake, wc, 'previewRows', 'p1', { dataset: 42 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    // Quitting stops the worker; later sends fail instead of hanging.
    const quit = fakeEvent({});
    fake.app.emit('will-quit', quit);
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled(), { timeout: 10_000 });
    expect(() => worker!.send({ type: 'call', id: 'late', method: 'listDatasets', args: {} })).toThrow();
  }, 30_000);
});
