import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEngineWorker } from '../../core/transport/engine-worker';
import { ROOT } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import type { WireEvent } from '../../core/transport/transport';

const dir = tmpDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const workerScript = path.join(ROOT, 'dist', 'engine', 'worker.js');

describe('engine worker thread (built bundle)', () => {
  it('answers calls off the calling thread and reports a bad workspace as a fatal start error', async () => {
    const w = startEngineWorker({ dbPath: path.join(dir, 'ws.db'), workerScript });
    await w.ready;
    const got = new Promise<WireEvent>((resolve) => w.onEvent((e) => e.type === 'result' && resolve(e)));
    w.send({ type: 'call', id: 'a', method: 'listDatasets', args: {} });
    expect(await got).toEqual({ type: 'result', id: 'a', ok: true, value: [] });
    await w.terminate();

    fs.writeFileSync(path.join(dir, 'not-a-db.db'), 'this is not sqlite');
    const bad = startEngineWorker({ dbPath: path.join(dir, 'not-a-db.db'), workerScript });
    await expect(bad.ready).rejects.toThrow(/not a database|file is not/i);
  });

  it('answers calls still in flight when the worker dies', async () => {
    const w = startEngineWorker({ dbPath: path.join(dir, 'ws2.db'), workerScript });
    await w.ready;
    const events: WireEvent[] = [];
    w.onEvent((e) => events.push(e));
    const lines = ['a'];
    for (let i = 0; i < 200_000; i++) lines.push(String(i));
    fs.writeFileSync(path.join(dir, 'big.csv'), lines.join('\n'));
    w.send({ type: 'call', id: 'long', method: 'importFile', args: { path: path.join(dir, 'big.csv') } });
    await w.terminate();
    await new Promise((r) => setTimeout(r, 50));
    const result = events.find((e) => e.type === 'result' && e.id === 'long');
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(() => w.send({ type: 'call', id: 'after', method: 'listDatasets', args: {} })).toThrow(/stopped/);
  });
});
