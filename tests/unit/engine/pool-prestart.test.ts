import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { noContext } from '../../../core/api/context';
import { analysisById } from '../../../core/analyses/every';
import { runAnalysis } from '../../../core/engine/analysis-service';
import { ColumnPool } from '../../../core/engine/pool/column-pool';
import { coreFreeAfterEntry } from '../../../core/import/free-core';
import { endPrestarted, PRESTARTED, type PrestartedThread } from '../../../core/engine/pool/prestarted';
import { driftPairWorkspace } from '../../helpers/drift-pair';
import { tmpDir, writeFile } from '../../helpers/tmp';
// The CLI entry's half (plain JavaScript, outside the bundle).
import { prestartPool } from '../../../bin/prestart-pool.js';

const dir = tmpDir();
// A dist/ whose pool thread says it is up and claims nothing (the engine's lane runs every job).
const dist = path.join(dir, 'dist');
fs.mkdirSync(path.join(dist, 'engine'), { recursive: true });
const script = writeFile(
  path.join(dist, 'engine'),
  'pool-worker.js',
  `const { parentPort } = require('node:worker_threads');
   parentPort.on('message', () => {});
   parentPort.postMessage({ ready: true });`,
);
const slot = () => ((globalThis as { [PRESTARTED]?: PrestartedThread[] })[PRESTARTED] ??= []);
const env = { PLUMBLINE_WORKERS: process.env.PLUMBLINE_WORKERS, PLUMBLINE_POOL_MIN_CELLS: process.env.PLUMBLINE_POOL_MIN_CELLS };
afterEach(async () => {
  vi.restoreAllMocks();
  for (const t of slot().splice(0)) await t.worker.terminate();
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const online = (t: PrestartedThread) => new Promise<void>((resolve) => t.worker.once('message', () => setImmediate(resolve)));

describe('pool threads started by the CLI entry', () => {
  it('start for drift and ab only, as many as the pool would have, and not for --help, an ab by unit, or one lane', () => {
    process.env.PLUMBLINE_WORKERS = '3';
    for (const argv of [['import', 'x.csv'], ['--db', 'drift', 'datasets'], ['drift', '--help'], ['fairness', '--dataset', 'log'], ['ab', '--unit', 'user'], ['ab', '--unit=user']]) prestartPool(dist, argv);
    expect(slot()).toHaveLength(0);
    prestartPool(dist, ['ab', '--dataset', 'log']);
    expect(slot()).toHaveLength(2);
    for (const t of slot().splice(0)) void t.worker.terminate();
    process.env.PLUMBLINE_WORKERS = '1';
    prestartPool(dist, ['drift', '--reference', 'a', '--current', 'b']);
    expect(slot()).toHaveLength(0);
    process.env.PLUMBLINE_WORKERS = '3';
    prestartPool(dist, ['--db', 'w.db', 'drift', '--reference', 'a', '--current', 'b']);
    expect(slot().map((t) => t.script)).toEqual([script, script]);
  });

  it('start none when the machine is busy elsewhere, unless PLUMBLINE_WORKERS asks for them', () => {
    const real = fs.readFileSync.bind(fs);
    let runnable = 1;
    vi.spyOn(os, 'availableParallelism').mockReturnValue(2);
    vi.spyOn(fs, 'readFileSync').mockImplementation(((f: fs.PathOrFileDescriptor, o?: unknown) =>
      f === '/proc/loadavg' ? `3.00 2.00 1.00 ${runnable}/300 4242\n` : real(f, o as BufferEncoding)) as typeof fs.readFileSync);
    delete process.env.PLUMBLINE_WORKERS;
    runnable = 3; // this thread and two others: no core free
    prestartPool(dist, ['drift']);
    expect(slot()).toHaveLength(0);
    process.env.PLUMBLINE_WORKERS = '2';
    prestartPool(dist, ['drift']);
    expect(slot()).toHaveLength(1);
    delete process.env.PLUMBLINE_WORKERS;
    runnable = 1; // only this thread: the other core is free
    prestartPool(dist, ['drift']);
    expect(slot()).toHaveLength(2);
  });

  it('start none for a workspace file too small to hold a run the pool takes (a value takes a byte at least)', () => {
    process.env.PLUMBLINE_WORKERS = '2';
    const small = writeFile(dir, 'small.db', Buffer.alloc(1000));
    process.env.PLUMBLINE_POOL_MIN_CELLS = '1001';
    prestartPool(dist, ['--db', small, 'drift']);
    prestartPool(dist, [`--db=${small}`, 'drift']);
    expect(slot()).toHaveLength(0);
    process.env.PLUMBLINE_POOL_MIN_CELLS = '1000';
    prestartPool(dist, ['--db', small, 'drift']);
    expect(slot()).toHaveLength(1);
  });

  it('are adopted by the pool (no second thread), which then runs with them', async () => {
    process.env.PLUMBLINE_WORKERS = '2';
    prestartPool(dist, ['drift']);
    const [early] = slot();
    await online(early);
    expect(early.online).toBe(true);
    const pool = new ColumnPool({ script, size: 2, minCells: 0 });
    await pool.start();
    expect(slot()).toHaveLength(0);
    // The entry's listener is gone; the pool's own listens.
    expect(early.worker.listenerCount('message')).toBe(1);
    const ws = await driftPairWorkspace(dir, 300);
    const drift = analysisById('drift');
    const req = { datasets: { reference: 'ref', current: 'cur' } };
    expect(await runAnalysis(ws, drift, req, noContext(), pool)).toEqual(await runAnalysis(ws, drift, req, noContext(), null));
    await pool.close();
    ws.close();
  });

  it('that died before the pool took them are passed over', async () => {
    process.env.PLUMBLINE_WORKERS = '2';
    const broken = path.join(dir, 'broken');
    fs.mkdirSync(path.join(broken, 'engine'), { recursive: true });
    writeFile(path.join(broken, 'engine'), 'pool-worker.js', 'throw new Error("no");');
    prestartPool(broken, ['drift']);
    const [early] = slot();
    await new Promise((resolve) => early.worker.once('exit', resolve));
    expect(early.failed).toBeTruthy();
    const pool = new ColumnPool({ script: path.join(broken, 'engine', 'pool-worker.js'), size: 2, minCells: 0 });
    await pool.start();
    expect(slot()).toHaveLength(0);
    // Its own thread failed to start too: the engine's lane works alone.
    expect(pool.threaded).toBe(false);
    await pool.close();
  });

  it('that no pool adopted are ended when the command is done (endPrestarted), without waiting for them', async () => {
    process.env.PLUMBLINE_WORKERS = '3';
    prestartPool(dist, ['drift']);
    const threads = slot().slice();
    expect(threads).toHaveLength(2);
    await Promise.all(threads.map(online));
    const exited = threads.map((t) => new Promise<number>((resolve) => t.worker.once('exit', resolve)));
    endPrestarted();
    expect(slot()).toHaveLength(0);
    // The entry's listeners are gone with them; terminate() makes each exit with code 1.
    expect(threads.map((t) => t.worker.listenerCount('message'))).toEqual([0, 0]);
    expect(await Promise.all(exited)).toEqual([1, 1]);
    endPrestarted(); // nothing left: a no-op
  });

  it("let the entry's reading stand in for the first of the pool's three (entrySaidFree on its first run only)", async () => {
    delete process.env.PLUMBLINE_WORKERS;
    vi.spyOn(os, 'availableParallelism').mockReturnValue(2);
    const real = fs.readFileSync.bind(fs);
    vi.spyOn(fs, 'readFileSync').mockImplementation(((f: fs.PathOrFileDescriptor, o?: unknown) =>
      f === '/proc/loadavg' ? '0.10 0.10 0.10 1/300 4242\n' : real(f, o as BufferEncoding)) as typeof fs.readFileSync);
    prestartPool(dist, ['drift']);
    expect(slot()).toHaveLength(1);
    const asked: boolean[] = [];
    const pool = new ColumnPool({ script, size: 2, minCells: 0, coreFree: async (entrySaidFree) => (asked.push(entrySaidFree), true) });
    const wsDir = path.join(dir, 'entry-reading');
    fs.mkdirSync(wsDir);
    const ws = await driftPairWorkspace(wsDir, 300);
    const drift = analysisById('drift');
    const req = { datasets: { reference: 'ref', current: 'cur' } };
    await runAnalysis(ws, drift, req, noContext(), pool);
    await runAnalysis(ws, drift, req, noContext(), pool);
    // PLUMBLINE_WORKERS starts threads without a reading: they say nothing about the machine.
    process.env.PLUMBLINE_WORKERS = '2';
    prestartPool(dist, ['drift']);
    const other = new ColumnPool({ script, size: 2, minCells: 0, coreFree: async (entrySaidFree) => (asked.push(entrySaidFree), true) });
    await runAnalysis(ws, drift, req, noContext(), other);
    expect(asked).toEqual([true, false, false]);
    await pool.close();
    await other.close();
    ws.close();
  });

  it('decide after one free reading, wait for a third only after a busy one (coreFreeAfterEntry)', async () => {
    const reading = (running: number) => ({ cores: 2, loadavg: `1.00 1.00 1.00 ${running}/300 1\n`, ownRunnable: 1, oneMinute: 1 });
    const reads = (runnings: number[]) => {
      const seen: number[] = [];
      return { seen, read: () => (seen.push(runnings[seen.length]), reading(runnings[seen.length - 1])) };
    };
    const free = reads([1, 3, 3]);
    expect(await coreFreeAfterEntry(free.read, 0)).toBe(true);
    expect(free.seen).toHaveLength(1);
    const then = reads([3, 1]);
    expect(await coreFreeAfterEntry(then.read, 0)).toBe(true);
    expect(then.seen).toHaveLength(2);
    const busy = reads([3, 3, 1]);
    expect(await coreFreeAfterEntry(busy.read, 0)).toBe(false);
    expect(busy.seen).toHaveLength(2);
  });
});
