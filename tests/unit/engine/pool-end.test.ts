import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { noContext } from '../../../core/api/context';
import { columnPool, endPoolThreads } from '../../../core/engine/pool/column-pool';
import { PRESTARTED, type PrestartedThread } from '../../../core/engine/pool/prestarted';
import { tmpDir, writeFile } from '../../helpers/tmp';

const dir = tmpDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('endPoolThreads (a CLI command whose run has its result)', () => {
  it("closes the process's pool and ends the threads the entry started that no pool took", async () => {
    const { Worker } = await import('node:worker_threads');
    const script = writeFile(dir, 'idle.js', "require('node:worker_threads').parentPort.on('message', () => {});");
    const worker = new Worker(script);
    const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
    const list = ((globalThis as { [PRESTARTED]?: PrestartedThread[] })[PRESTARTED] ??= []);
    list.push({ worker, script, online: false, failed: null, release: () => {} });
    const pool = columnPool();
    const ws = { path: path.join(dir, 'x.db') } as never;
    writeFile(dir, 'x.db', '');
    expect(pool.serves(ws)).toBe(true);
    endPoolThreads();
    expect(list).toHaveLength(0);
    // It exits (terminated before it had loaded: code 0 or 1) instead of idling until process exit.
    expect([0, 1]).toContain(await exited);
    // Closed: the same pool serves no further run, which then runs on the engine's lane alone.
    expect(columnPool()).toBe(pool);
    expect(pool.serves(ws)).toBe(false);
    await expect(pool.run([{ kind: 'sort', dataset: 'd', column: 'c' }], ws, noContext(), 'x')).rejects.toThrow(/closed/);
  });
});
