/**
 * A pool thread reading a streamed pass's chunks ahead (core/engine/pool/read-ahead.ts, the built
 * thread script): every chunk it hands over holds exactly the values the engine's own read gives,
 * in order, through the slots of the ring; A/B computed with it gives the JSON of the one-thread
 * run byte for byte (chunks that do not divide the rows, filters, quantile, ratio and CUPED
 * metrics, over time), and so does fairness's pass (a numeric attribute's codes in order of first
 * appearance) should it opt in (it does not: core/analyses/README.md); through runAnalysis, A/B
 * reads ahead and fairness does not; without a usable thread the engine reads every chunk itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abAnalysis } from '../../core/analyses/ab';
import type { AbModuleOptions } from '../../core/analyses/ab/schema';
import type { AnalysisModule } from '../../core/analyses/module';
import { analysisById } from '../../core/analyses/every';
import { fairnessAnalysis } from '../../core/analyses/fairness';
import type { FairnessRunOptions } from '../../core/analyses/fairness/run-options';
import { noContext } from '../../core/api/context';
import type { ColumnInfo } from '../../core/api/types';
import { runAnalysis } from '../../core/engine/analysis-service';
import { chunkStream } from '../../core/engine/chunk-stream';
import { ColumnPool } from '../../core/engine/pool/column-pool';
import { PATIENCE_MS, READ_AHEAD_SLOTS, ReadAhead, type ReadAheadPost, type ReadAheadRequest } from '../../core/engine/pool/read-ahead';
import { encodeCodes, encodeF64 } from '../../core/workspace/chunks';
import { Workspace } from '../../core/workspace/workspace';
import { ROOT } from '../helpers/cli';
import { rng } from '../helpers/rng';
import { tmpDir } from '../helpers/tmp';

const script = path.join(ROOT, 'dist', 'engine', 'pool-worker.js');
const dir = tmpDir();
const ws = new Workspace(path.join(dir, 'ws.db'));
const DAY = 86_400_000;
const ROWS = 23_456;
const CHUNK = 1_000; // 24 chunks, the last of 456 rows
let pool: ColumnPool;
let lane: ReadAheadPost;
/** Every pass handed to the thread, to count the chunks it read (state READY, 3, in the control words). */
const requests: ReadAheadRequest[] = [];
const post: ReadAheadPost = (request) => {
  requests.push(request);
  return lane(request);
};
const readByThread = (from: number): number => requests.slice(from).reduce((n, r) => n + new Int32Array(r.control).subarray(2, 2 + r.chunks).filter((s) => s === 3).length, 0);

/** An experiment log that is also a model log, stored in chunks of CHUNK rows. */
function store(): void {
  const r = rng(11);
  const data = Array.from({ length: ROWS }, (_, i) => {
    const v = r() < 0.02 ? -1 : r() < 0.48 ? 0 : r() < 0.9 ? 1 : 2;
    return {
      variant: v,
      region: r() < 0.05 ? -1 : Math.floor(r() * 3),
      ts: r() < 0.03 ? NaN : Date.UTC(2026, 0, 1) + Math.floor((i / ROWS) * 20 * DAY + r() * DAY),
      converted: r() < 0.02 ? NaN : r() < (v === 1 ? 0.12 : 0.1) ? 1 : 0,
      revenue: r() < 0.02 ? NaN : Math.round(r() * 5000) / 100 + 1e6 + (v === 1 ? 0.5 : 0),
      latency: r() < 0.02 ? NaN : 50 + Math.floor(r() * 200),
      label: r() < 0.05 ? NaN : r() < 0.4 ? 1 : 0,
      score: r() < 0.03 ? NaN : r(),
      // Ages first seen late in the rows: the tally's codes follow first appearance across chunks.
      age: r() < 0.05 ? NaN : 18 + Math.floor(r() * (5 + (50 * i) / ROWS)),
    };
  });
  ws.db.transaction(() => {
    const id = Number(ws.db.prepare('INSERT INTO datasets (name, row_count, chunk_rows, created_at) VALUES (?, ?, ?, ?)').run('log', ROWS, CHUNK, '2026-12-07T00:00:00Z').lastInsertRowid);
    const column = ws.db.prepare('INSERT INTO columns (dataset_id, idx, name, type, role, dictionary) VALUES (?, ?, ?, ?, ?, ?)');
    const cols: [string, string, string, string | null, (d: (typeof data)[number]) => number][] = [
      ['variant', 'categorical', 'variant', JSON.stringify(['control', 'treatment', 'other']), (d) => d.variant],
      ['region', 'categorical', 'feature', JSON.stringify(['north', 'south', 'east']), (d) => d.region],
      ['ts', 'timestamp', 'timestamp', null, (d) => d.ts],
      ['converted', 'integer', 'feature', null, (d) => d.converted],
      ['revenue', 'real', 'feature', null, (d) => d.revenue],
      ['latency_ms', 'real', 'feature', null, (d) => d.latency],
      ['label', 'integer', 'label', null, (d) => d.label],
      ['score', 'real', 'score', null, (d) => d.score],
      ['age', 'integer', 'feature', null, (d) => d.age],
    ];
    cols.forEach(([name, type, role, dict], i) => column.run(id, i, name, type, role, dict));
    const chunk = ws.db.prepare('INSERT INTO chunks (dataset_id, column_idx, chunk_idx, row_count, encoding, data) VALUES (?, ?, ?, ?, ?, ?)');
    for (let k = 0, start = 0; start < ROWS; k++, start += CHUNK) {
      const part = data.slice(start, start + CHUNK);
      cols.forEach(([, type, , , get], i) => chunk.run(id, i, k, part.length, type === 'categorical' ? 'dict' : 'f64', type === 'categorical' ? encodeCodes(Int32Array.from(part, get)) : encodeF64(Float64Array.from(part, get))));
    }
  })();
}

beforeAll(async () => {
  if (!fs.existsSync(script)) throw new Error('dist/engine/pool-worker.js is missing: run "npm run build" first.');
  store();
  pool = new ColumnPool({ script, size: 2, minCells: 0, coreFree: async () => true });
  await pool.start();
  const got = await pool.readAheadLane(ws);
  if (!got) throw new Error('the pool gave no read-ahead lane');
  lane = got;
}, 30_000);
afterAll(async () => {
  await pool.close();
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const info = () => ({ dataset: ws.columns(ws.dataset('log').id) });

/** Busy-waits `ms` (the engine's thread computing on a chunk while the pool thread reads the next). */
function busy(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

describe('chunks read ahead by a pool thread', { timeout: 30_000 }, () => {
  it('hands over each chunk exactly as read here, in order, the thread reading most of them', () => {
    const ds = ws.dataset('log');
    const columns: ColumnInfo[] = ws.columns(ds.id).filter((c) => ['variant', 'ts', 'revenue', 'age'].includes(c.name));
    const chunks = Math.ceil(ROWS / CHUNK);
    const ahead = new ReadAhead(ws, ds, columns, chunks, post);
    const own = columns.map((c) => (c.type === 'categorical' ? new Int32Array(CHUNK) : new Float64Array(CHUNK)));
    try {
      for (let k = 0; k < chunks; k++) {
        if (k > 0) ahead.release(k - 1);
        busy(3);
        const got = ahead.chunk(k);
        columns.forEach((c, j) => {
          const want = ws.readChunkInto(ds, c, k, own[j]);
          expect(got.rows[j]).toBe(want);
          expect(Array.from(got.buffers[j].subarray(0, want))).toEqual(Array.from(own[j].subarray(0, want)));
        });
      }
    } finally {
      ahead.close(); // else the thread waits for this pass's slots and takes no later pass
    }
    expect(ahead.readHere).toBeLessThan(chunks / 2);
    expect(READ_AHEAD_SLOTS).toBeGreaterThanOrEqual(2);
  });

  it('a pass left without close (a cancelled run) does not hold the thread: the next pass is read ahead', () => {
    const ds = ws.dataset('log');
    const columns = ws.columns(ds.id).filter((c) => c.name === 'revenue');
    const chunks = Math.ceil(ROWS / CHUNK);
    const left = new ReadAhead(ws, ds, columns, chunks, post);
    left.chunk(0); // the thread fills the next slots, then waits for this pass's engine, which is gone
    busy(PATIENCE_MS + 300);
    const from = requests.length;
    const next = new ReadAhead(ws, ds, columns, chunks, post);
    const own = new Float64Array(CHUNK);
    try {
      for (let k = 0; k < chunks; k++) {
        if (k > 0) next.release(k - 1);
        busy(3);
        const got = next.chunk(k);
        expect(Array.from(got.buffers[0].subarray(0, got.rows[0]))).toEqual(Array.from(own.subarray(0, ws.readChunkInto(ds, columns[0], k, own))));
      }
    } finally {
      next.close();
      left.close();
    }
    expect(readByThread(from)).toBeGreaterThan(chunks / 2);
  });

  it('a thread that stops mid-read (its chunk stays READING) is waited for a bounded time; the engine then reads every chunk itself, off the ring', () => {
    const ds = ws.dataset('log');
    const columns = ws.columns(ds.id).filter((c) => ['variant', 'revenue'].includes(c.name));
    const chunks = Math.ceil(ROWS / CHUNK);
    let request: ReadAheadRequest | null = null;
    // A thread that claims chunk 1 and is never heard of again (it died, or hangs, mid-read).
    const dying: ReadAheadPost = (r) => {
      request = r;
      Atomics.store(new Int32Array(r.control), 2 + 1, 2); // READING
      return true;
    };
    const ahead = new ReadAhead(ws, ds, columns, chunks, dying, 50);
    const own = columns.map((c) => (c.type === 'categorical' ? new Int32Array(CHUNK) : new Float64Array(CHUNK)));
    const started = Date.now();
    for (let k = 0; k < chunks; k++) {
      if (k > 0) ahead.release(k - 1);
      const got = ahead.chunk(k);
      // Should the thread wake up, it could still write into the ring: nothing read from now on is there.
      if (k >= 1) new Uint8Array(request!.data).fill(0xff);
      columns.forEach((c, j) => {
        const want = ws.readChunkInto(ds, c, k, own[j]);
        expect(got.rows[j]).toBe(want);
        expect(Array.from(got.buffers[j].subarray(0, want))).toEqual(Array.from(own[j].subarray(0, want)));
      });
    }
    ahead.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(ahead.readHere).toBe(chunks);
    expect(new Int32Array(request!.control)[1]).toBe(1); // STOP: the thread is told to claim nothing more
  });

  /** A streamed run's result as JSON, with or without the thread (a slow consumer gives the thread room). */
  const streamed = <O,>(module: { computeStream?: AnalysisModule<O>['computeStream'] }, options: O, where: string | null, withThread: boolean): string => {
    const steps = module.computeStream!({ dataset: chunkStream(ws, 'dataset', 'log', where, 'test', withThread ? post : null) }, info(), options);
    for (;;) {
      busy(withThread ? 1 : 0);
      const s = steps.next();
      if (s.done) return JSON.stringify(s.value);
    }
  };
  const streamedAb = (options: AbModuleOptions, where: string | null, withThread: boolean) => streamed(abAnalysis, options, where, withThread);
  const streamedFairness = (options: FairnessRunOptions, where: string | null, withThread: boolean) => streamed(fairnessAnalysis, options, where, withThread);

  it('A/B: the same JSON as the one-thread run (metrics, breakdown, quantile, ratio, CUPED, filters, over time)', () => {
    const cases: [AbModuleOptions, string | null][] = [
      [{ variant: 'variant', control: 'control', metrics: ['converted', 'revenue', 'latency_ms'], segment: 'region' }, null],
      [{ variant: 'variant', control: 'control', metrics: ['converted', 'revenue'], timestamp: 'ts' }, null],
      [{ variant: 'variant', metrics: ['converted', 'latency_ms:p99', 'revenue/latency_ms'], segment: 'region', guardrails: ['latency_ms:p99<=+5'] }, "region != 'east'"],
      [{ variant: 'variant', control: 'control', metrics: ['revenue'], cuped: { revenue: 'latency_ms' }, engine: 'bayesian' }, 'converted = 1 OR ts IS NULL'],
    ];
    const from = requests.length;
    for (const [options, where] of cases) expect(streamedAb(options, where, true)).toBe(streamedAb(options, where, false));
    expect(readByThread(from)).toBeGreaterThan(cases.length * 10);
  });

  it('fairness: the same JSON as the one-thread run (categorical and numeric attributes, a filter, bootstrap)', () => {
    const base = { label: 'label', decision: { kind: 'score', column: 'score', threshold: 0.5 } } as const;
    const cases: [FairnessRunOptions, string | null][] = [
      [{ ...base, attributes: ['region', 'variant'], intersections: [['region', 'variant']] } as FairnessRunOptions, null],
      [{ ...base, attributes: ['age', 'region'], intersections: [['age', 'region']], bootstrap: { resamples: 30, seed: 3 } } as FairnessRunOptions, null],
      [{ ...base, attributes: ['age'] } as FairnessRunOptions, "region <> 'south' AND latency_ms >= 60"],
    ];
    const from = requests.length;
    for (const [options, where] of cases) expect(streamedFairness(options, where, true)).toBe(streamedFairness(options, where, false));
    expect(readByThread(from)).toBeGreaterThan(cases.length * 10);
  });

  it('through runAnalysis: the pool run equals the run without a pool; a pool that cannot start a thread reads here', async () => {
    const ab = analysisById('ab');
    const fairness = analysisById('fairness');
    const abReq = { datasets: { dataset: 'log' }, options: { variant: 'variant', control: 'control', metrics: ['converted', 'revenue', 'latency_ms'], segment: 'region' } };
    const faReq = { datasets: { dataset: 'log' }, options: { label: 'label', decision: { kind: 'score', column: 'score', threshold: 0.5 }, attributes: ['region', 'age'] }, where: "variant <> 'other'" };
    const alone = [await runAnalysis(ws, ab, abReq, noContext(), null), await runAnalysis(ws, fairness, faReq, noContext(), null)];
    const at = requests.length;
    expect([await runAnalysis(ws, ab, abReq, noContext(), pool), await runAnalysis(ws, fairness, faReq, noContext(), pool)]).toEqual(alone);
    expect(requests.length).toBe(at); // runAnalysis asks the pool itself, not this test's post
    expect(ab.readsAhead).toBe(true);
    expect(fairness.readsAhead).toBeUndefined();
    const broken = new ColumnPool({ script: path.join(dir, 'no-such-thread.js'), size: 2, minCells: 0, coreFree: async () => true });
    const busyMachine = new ColumnPool({ script, size: 2, minCells: 0, coreFree: async () => false });
    expect(await busyMachine.readAheadLane(ws)).toBeNull(); // no thread started yet: none is started for it
    await Promise.all([broken.start(), busyMachine.start()]);
    expect(await busyMachine.readAheadLane(ws)).toBeNull(); // its thread is up, but the machine has no core free
    expect(await broken.readAheadLane(ws)).toBeNull(); // its thread could not start
    for (const p of [broken, busyMachine]) {
      expect([await runAnalysis(ws, ab, abReq, noContext(), p), await runAnalysis(ws, fairness, faReq, noContext(), p)]).toEqual(alone);
      await p.close();
    }
  });
});
