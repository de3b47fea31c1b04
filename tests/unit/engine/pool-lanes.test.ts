import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { analysisById, EVERY_ANALYSIS as ANALYSES } from '../../../core/analyses/every';
import { noContext } from '../../../core/api/context';
import type { Progress } from '../../../core/api/types';
import { runAnalysis } from '../../../core/engine/analysis-service';
import { claim, LOCAL_LANE, newBoard, ownerOf, stopBoard } from '../../../core/engine/pool/board';
import { ColumnPool, poolReport } from '../../../core/engine/pool/column-pool';
import { POOL_PARTS } from '../../../core/engine/pool/parts';
import { createEngine } from '../../../core/engine/engine';
import { directTransport } from '../../../core/transport/direct';
import { createClient } from '../../../core/transport/transport';
import { Workspace } from '../../../core/workspace/workspace';
import { driftPairWorkspace } from '../../helpers/drift-pair';
import { tmpDir, writeFile } from '../../helpers/tmp';

const dir = tmpDir();
const drift = analysisById('drift');
const req = { datasets: { reference: 'ref', current: 'cur' } };
let ws: Workspace;
beforeAll(async () => {
  ws = await driftPairWorkspace(dir, 800);
});
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('claim board', () => {
  it('gives each job to one lane, in order, and nothing after a stop', () => {
    const board = newBoard(3);
    expect(claim(board, LOCAL_LANE, 0)).toBe(0);
    expect(claim(board, 2, 0)).toBe(1);
    expect(claim(board, LOCAL_LANE, 1)).toBe(2);
    expect(claim(board, 2, 2)).toBeNull();
    expect([0, 1, 2].map((i) => ownerOf(board, i))).toEqual([LOCAL_LANE, 2, LOCAL_LANE]);
    const stopped = newBoard(2);
    stopBoard(stopped);
    expect(claim(stopped, LOCAL_LANE, 0)).toBeNull();
    expect(ownerOf(stopped, 0)).toBe(0);
  });
});

describe('column pool parts', () => {
  it('lists the computing half of every analysis that splits by column, and nothing else', () => {
    const parallel = ANALYSES.filter((a) => a.parallel);
    expect(POOL_PARTS.map((p) => p.id).sort()).toEqual(parallel.map((a) => a.id).sort());
    for (const part of POOL_PARTS) {
      const whole = analysisById(part.id);
      for (const key of ['title', 'computing', 'datasets', 'columns', 'compute', 'computeSteps'] as const) expect(part[key], `${part.id}.${key}`).toBe(whole[key]);
    }
  });
});

describe('column pool lanes', () => {
  it('without threads runs the parts one column at a time on this thread, as the whole run computes', async () => {
    const one = new ColumnPool({ script: 'unused.js', size: 1, minCells: 0 });
    expect(one.threaded).toBe(false);
    expect(poolReport(one.threaded, false, one.size)).toBe('plumbline pool: 1 lane (no threads)');
    const progress: Progress[] = [];
    const got = await runAnalysis(ws, drift, req, { ...noContext(), progress: (p) => progress.push(p) }, one);
    expect(got).toEqual(await runAnalysis(ws, drift, req, noContext(), null));
    expect(progress.filter((p) => p.phase === 'drift: testing').map((p) => p.done)).toEqual([1, 2, 3, 4]);
    // The lane's results share no memory with the columns the next run reads into.
    const again = await runAnalysis(ws, drift, { ...req, options: { columns: ['c', 'x'] } }, noContext(), one);
    expect(got).toEqual(await runAnalysis(ws, drift, req, noContext(), null));
    expect(again).toEqual(await runAnalysis(ws, drift, { ...req, options: { columns: ['c', 'x'] } }, noContext(), null));
    await one.close();
  });

  it('leaves its threads out of a run that starts while the machine has no core for them', async () => {
    // A thread that notes each run it is sent and claims nothing: the engine's lane runs every job.
    const seen = path.join(dir, 'seen.txt');
    const script = writeFile(
      dir,
      'noting.js',
      `const fs = require('node:fs');
       const { parentPort } = require('node:worker_threads');
       parentPort.on('message', (b) => fs.appendFileSync(${JSON.stringify(seen)}, b.batch + '\\n'));
       parentPort.postMessage({ ready: true });`,
    );
    let free = false;
    const pool = new ColumnPool({ script, size: 2, minCells: 0, coreFree: async () => free });
    await pool.start();
    const whole = await runAnalysis(ws, drift, req, noContext(), null);
    // PLUMBLINE_POOL_REPORT=1: each run says on stderr where its jobs went.
    const reported: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((line) => reported.push(String(line)) > 0);
    vi.stubEnv('PLUMBLINE_POOL_REPORT', '1');
    try {
      expect(await runAnalysis(ws, drift, req, noContext(), pool)).toEqual(whole);
      free = true;
      expect(await runAnalysis(ws, drift, req, noContext(), pool)).toEqual(whole);
    } finally {
      vi.unstubAllEnvs();
      write.mockRestore();
    }
    expect(reported).toEqual(['plumbline pool: 1 lane (no core free)\n', 'plumbline pool: 2 lanes\n']);
    // Messages arrive in order: the second run's reached the thread, the first's was never sent.
    await vi.waitFor(() => expect(fs.existsSync(seen)).toBe(true));
    expect(fs.readFileSync(seen, 'utf8').trim().split('\n')).toEqual(['2']);
    await pool.close();
  });

  it('fails a run whose thread died holding jobs', async () => {
    // 120 columns, so 120 parts: the engine's lane cannot run them all before the thread claims.
    const wide = new Workspace(path.join(dir, 'wide.db'));
    const client = createClient(directTransport(createEngine(wide)));
    const header = Array.from({ length: 120 }, (_, i) => `x${i}`).join(',');
    for (const name of ['ref', 'cur']) {
      const lines = Array.from({ length: 50 }, (_, r) => Array.from({ length: 120 }, (_, i) => (r * 7 + i) % 13).join(','));
      await client.importFile({ path: writeFile(dir, `${name}-wide.csv`, [header, ...lines].join('\n')), name });
    }
    // A thread that claims every job it can, then stops without answering.
    const script = writeFile(
      dir,
      'greedy.js',
      `const { parentPort } = require('node:worker_threads');
       parentPort.on('message', (b) => {
         const board = new Int32Array(b.board);
         for (let i = 1; i < board.length; i++) Atomics.compareExchange(board, i, 0, b.lane);
         process.exit(3);
       });
       parentPort.postMessage({ ready: true });`,
    );
    const pool = new ColumnPool({ script, size: 2, minCells: 0 });
    await pool.start();
    await expect(runAnalysis(wide, drift, req, noContext(), pool)).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('stopped') });
    await pool.close();
    wide.close();
  });
});
