/**
 * A pool of worker threads, sized to the machine, that runs the parts of an analysis (one column
 * each) and sorts numeric columns into the column cache. Each thread opens the workspace file
 * itself (read-only for analyses), so reading, sorting and testing a column all happen on the
 * thread that uses it; the engine's own thread is one more lane.
 *
 * Every lane claims its next job itself on a shared board (./board.ts): the engine's thread runs
 * jobs between event-loop turns, and a thread that waited for it to hand out the next job sat idle
 * while it computed (profiled: the second core worked ~half the run). Parts read their columns
 * into each lane's reused scratch memory (./scratch.ts): fresh memory costs a page fault per 4 KB.
 *
 * The pool is used by the CLI, the browser-mode server and Electron alike (the engine runs it,
 * wherever the engine runs). Without threads — `PLUMBLINE_WORKERS` 0 or 1, a one-core machine,
 * no built thread script (tests running the TypeScript sources), a thread that cannot start — the
 * engine's lane runs every job, still one column at a time. Nor do threads take part in a run
 * that starts while other processes keep the machine's cores busy (ColumnPoolOptions.coreFree).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CallContext } from '../../api/context';
import { cancelled, PlumblineError } from '../../api/errors';
import { coreFreeAfterEntry, coreFreeNow } from '../../import/free-core';
import type { Workspace } from '../../workspace/workspace';
import { claim, LOCAL_LANE, newBoard, ownerOf, stopBoard } from './board';
import type { PoolBatch, PoolJob, PoolReply } from './jobs';
import { LocalLane, loadedParts } from './local-lane';
import { endPrestarted, prestartedFor, takePrestarted } from './prestarted';
import type { ReadAheadPost } from './read-ahead';
import { Scratch } from './scratch';

interface Thread {
  readonly worker: Worker;
  readonly lane: number;
  /** Set when the thread says its script loaded; a thread that dies before cannot start here. */
  online: boolean;
  /** Settles when the thread is online or dead. */
  readonly started: Promise<void>;
}

/** One `run` in flight. */
interface Run {
  readonly batch: Omit<PoolBatch, 'lane'>;
  readonly board: Int32Array;
  readonly done: boolean[];
  readonly accept: (index: number, value: unknown) => void;
  readonly fail: (e: Error) => void;
  /** Whether the pool's threads take part (false: the machine was busy when the run started). */
  threads: boolean;
}

export interface ColumnPoolOptions {
  /** The built thread script (dist/engine/pool-worker.js). */
  readonly script: string;
  /** Lanes: the engine's thread and `size - 1` threads; default: the machine's available parallelism. */
  readonly size?: number;
  /** Work smaller than this many values is computed whole on the caller's thread; default POOL_MIN_CELLS. */
  readonly minCells?: number;
  /**
   * Asked as each run starts: whether the threads would have cores to themselves. When not, the
   * engine's lane runs every job. Default: always (columnPool() asks the machine: coreFreeNow).
   * `entrySaidFree`: the CLI's entry started this pool's threads after reading a core free (the
   * first run of such a process only).
   */
  readonly coreFree?: (entrySaidFree: boolean) => Promise<boolean>;
}

/**
 * Below this many values (rows of every dataset read × parts) work stays on one thread: starting a
 * pool thread costs ~0.2 s of CPU (loading its code), about what one thread spends on 3M values
 * (a 20k-row, 25-column drift took 0.15 s more CPU and 0.4 s more wall time with the pool).
 */
// bin/prestart-pool.js starts no thread early for a workspace file smaller than this many bytes.
export const POOL_MIN_CELLS = 5_000_000;

export class ColumnPool {
  /** Lanes working on a run: the calling thread and `size - 1` worker threads. */
  readonly size: number;
  readonly minCells: number;
  private readonly threads: Thread[] = [];
  private readonly runs = new Map<number, Run>();
  private readonly scratch = new Scratch();
  private nextBatch = 1;
  private nextLane = LOCAL_LANE + 1;
  private closed = false;
  /** A thread the CLI's entry started was adopted. */
  private adoptedEarly = false;
  /** coreFree was asked for a run already. */
  private asked = false;
  /** A thread failed to start: later runs use the engine's lane alone. */
  private broken: string | null = null;

  constructor(private readonly options: ColumnPoolOptions) {
    this.size = Math.max(1, options.size ?? os.availableParallelism());
    this.minCells = options.minCells ?? POOL_MIN_CELLS;
  }

  /** Whether jobs on this workspace can run here (a file every lane can open). */
  serves(ws: Workspace): boolean {
    return !this.closed && ws.path !== ':memory:' && ws.path !== '' && fs.existsSync(ws.path);
  }

  /** Whether runs get threads besides the engine's lane. */
  get threaded(): boolean {
    return this.size > 1 && this.broken === null && !this.closed;
  }

  /**
   * Runs the jobs on every lane, each lane claiming the next free job. Resolves with the values in
   * order. Reports `phase` progress as jobs finish; a cancel rejects at once (jobs already running
   * finish and are dropped, the rest never start); a job's error rejects the run and stops it.
   */
  run(jobs: readonly PoolJob[], ws: Workspace, ctx: CallContext, phase: string): Promise<unknown[]> {
    if (ctx.signal.aborted) return Promise.reject(cancelled());
    if (this.closed) return Promise.reject(new PlumblineError('INTERNAL', 'The column pool was closed.'));
    return new Promise<unknown[]>((resolve, reject) => {
      const id = this.nextBatch++;
      const board = newBoard(jobs.length);
      const values = new Array<unknown>(jobs.length);
      const local = new LocalLane(ws, this.scratch);
      let finished = 0;
      let settled = false;
      const finish = (e?: Error) => {
        if (settled) return;
        settled = true;
        stopBoard(board);
        this.runs.delete(id);
        ctx.signal.removeEventListener('abort', onAbort);
        local.close();
        this.refThreads();
        if (e) reject(e);
        else resolve(values);
      };
      const onAbort = () => finish(cancelled());
      ctx.signal.addEventListener('abort', onAbort);
      const run: Run = {
        batch: { batch: id, db: ws.path, ...(ws.openOptions.nativeBinding ? { nativeBinding: ws.openOptions.nativeBinding } : {}), jobs, board: board.buffer as SharedArrayBuffer },
        board,
        done: new Array<boolean>(jobs.length).fill(false),
        accept: (index, value) => {
          if (settled || run.done[index]) return;
          run.done[index] = true;
          values[index] = value;
          ctx.progress({ phase, done: ++finished, total: jobs.length, unit: 'items' });
          if (finished === jobs.length) finish();
        },
        fail: (e) => finish(e),
        threads: false,
      };
      if (jobs.length === 0) {
        finish();
        return;
      }
      this.runs.set(id, run);
      void this.dispatch(run, local, () => settled);
    });
  }

  /**
   * Hands the run to the threads when the machine has cores for them, then runs the engine's lane.
   * On a machine busy elsewhere the threads cost more than they share: each thread's first job took
   * 0.2–0.5 s there (later ones ~40 ms), its first column reads and compiles competing for the
   * cores. Measured on warm drift 1M × 25, 2 cores, another engineer's work keeping the load average
   * at 2.7–3.3: with no thread at all (PLUMBLINE_WORKERS=1) 0.78–0.93 s wall against 1.00–1.20 s
   * (5 interleaved pairs); deciding here, with the early-started thread already loaded, 14 pairs
   * against the previous build: wall ratio median 0.89 (0.62–1.26), CPU 0.80–0.91 s against
   * 0.90–1.20 s in the runs that went to one lane.
   */
  private async dispatch(run: Run, local: LocalLane, settled: () => boolean): Promise<void> {
    const free = await this.coresFree();
    if (free && !settled()) {
      run.threads = true;
      // Threads still loading get it too: a message waits for the thread's listener, so a thread
      // starts on the run as soon as it is up, not when this thread next turns its event loop.
      for (const t of this.threads) this.send(t, run);
      this.startThreads();
      this.refThreads();
    }
    if (process.env.PLUMBLINE_POOL_REPORT === '1') process.stderr.write(`${poolReport(this.threaded, run.threads, this.size)}\n`);
    await this.runLocally(run, local, settled);
  }

  /** Whether a run starting now gets the threads (ColumnPoolOptions.coreFree). */
  private async coresFree(): Promise<boolean> {
    // Threads the entry started unasked (no PLUMBLINE_WORKERS: adopted by start(), or still
    // waiting) mean its reading at process start found a core free; it stands for the first run only.
    const asked = process.env.PLUMBLINE_WORKERS;
    const entrySaidFree = !this.asked && (asked === undefined || asked === '') && (this.adoptedEarly || prestartedFor(this.options.script));
    this.asked = true;
    return this.options.coreFree ? await this.options.coreFree(entrySaidFree).catch(() => true) : true;
  }

  /**
   * A thread to read a streamed run's chunks ahead of this one (./read-ahead.ts), asked once per
   * run before its steps, under the same rules as `run`: null without threads, on a workspace a
   * thread cannot open, or when the machine has no core free now. Only a thread already started
   * (by the CLI's entry, or by an earlier run of a long-lived engine) is used: one started here
   * would load its code (~0.15 s of CPU) while the pass runs, and asking the machine for a free
   * core costs 4-30 ms of timer gaps where the entry found none (ab --json at load ~4: CPU
   * new/base 1.054, wall 1.084 over 8 pairs with that ask, all of them on one lane). The returned
   * function hands one pass to the pool's first thread (still loading, it starts on the pass when
   * up); false once the pool has no thread.
   */
  async readAheadLane(ws: Workspace): Promise<ReadAheadPost | null> {
    if (!this.threaded || !this.serves(ws)) return null;
    if (this.threads.length === 0 && !prestartedFor(this.options.script)) return null;
    const free = await this.coresFree();
    if (process.env.PLUMBLINE_POOL_REPORT === '1') process.stderr.write(`${poolReport(this.threaded, free, this.size)} (read-ahead)\n`);
    if (!free) return null;
    this.startThreads();
    return (request) => {
      const t = this.threads[0];
      if (!t || this.closed) return false;
      t.worker.postMessage(request);
      return true;
    };
  }

  /**
   * Starts the threads now rather than at the first run (a thread takes ~0.2 s to load its code);
   * resolves when each is online or has failed to start.
   */
  async start(): Promise<void> {
    this.startThreads();
    for (const t of this.threads) t.worker.ref();
    await Promise.all(this.threads.map((t) => t.started));
    this.refThreads();
  }

  /** The engine's lane: claims this run's next free job between event-loop turns. */
  private async runLocally(run: Run, local: LocalLane, settled: () => boolean): Promise<void> {
    let parts: Awaited<ReturnType<typeof loadedParts>>;
    try {
      parts = await loadedParts(run.batch.jobs);
    } catch (e) {
      run.fail(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    let from = 0;
    for (;;) {
      // Let thread replies, progress and a cancel arrive between jobs.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (settled()) return;
      const index = claim(run.board, LOCAL_LANE, from);
      if (index === null) return;
      from = index + 1;
      let value: unknown;
      try {
        value = local.run(run.batch.jobs[index], parts);
      } catch (e) {
        run.fail(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      run.accept(index, value);
    }
  }

  /** Stops every thread; runs in flight are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const r of [...this.runs.values()]) r.fail(new PlumblineError('INTERNAL', 'The column pool was closed.'));
    this.scratch.drop();
    await Promise.all(this.threads.splice(0).map((t) => t.worker.terminate()));
  }

  private send(t: Thread, run: Run): void {
    t.worker.postMessage({ ...run.batch, lane: t.lane } satisfies PoolBatch);
  }

  private startThreads(): void {
    while (this.threaded && this.threads.length < this.size - 1) {
      try {
        this.spawn();
      } catch (e) {
        this.broken = (e as Error).message;
      }
    }
  }

  /** A thread keeps the process alive (the CLI awaits its results) only while a run it works on is in flight. */
  private refThreads(): void {
    const busy = [...this.runs.values()].some((r) => r.threads);
    for (const t of this.threads) {
      if (busy) t.worker.ref();
      else t.worker.unref();
    }
  }

  private spawn(): void {
    // A thread the CLI's entry started before loading the CLI is already loading (or has loaded) its code.
    const early = takePrestarted(this.options.script);
    if (early) this.adoptedEarly = true;
    const worker = early?.worker ?? new Worker(this.options.script);
    let started = () => {};
    const thread: Thread = { worker, lane: this.nextLane++, online: false, started: new Promise<void>((resolve) => (started = resolve)) };
    if (early?.online) {
      thread.online = true;
      started();
    }
    worker.on('message', (reply: PoolReply | { readonly ready: true }) => {
      if ('ready' in reply) {
        thread.online = true;
        started();
        return;
      }
      const run = this.runs.get(reply.batch);
      if (!run) return; // settled (cancelled or failed) meanwhile
      if (reply.ok) run.accept(reply.index, reply.value);
      else run.fail(PlumblineError.fromPayload(reply.error));
    });
    const die = (e: Error) => {
      const at = this.threads.indexOf(thread);
      started();
      if (at < 0) return;
      this.threads.splice(at, 1);
      // A thread that never loaded its script: no other will either; the engine's lane does the work.
      if (!thread.online && !this.closed) this.broken = e.message;
      for (const run of [...this.runs.values()]) {
        const lost = run.done.some((done, i) => !done && ownerOf(run.board, i) === thread.lane);
        if (lost) run.fail(new PlumblineError('INTERNAL', `A column pool thread stopped: ${e.message}`));
      }
      this.startThreads();
      this.refThreads();
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`exit code ${code}`)));
    worker.unref();
    this.threads.push(thread);
    // Runs already in flight: the thread claims whatever the other lanes have not, once it is up.
    for (const r of this.runs.values()) if (r.threads) this.send(thread, r);
  }
}

/**
 * The line `PLUMBLINE_POOL_REPORT=1` prints on stderr as each run starts: whether its jobs go to
 * the threads or stay on the engine's lane (a bench tells a two-lane run from a one-lane one by it).
 */
export function poolReport(threaded: boolean, threads: boolean, size: number): string {
  if (!threaded) return 'plumbline pool: 1 lane (no threads)';
  return threads ? `plumbline pool: ${size} lanes` : 'plumbline pool: 1 lane (no core free)';
}

/** Where the build puts the thread script, beside the engine worker (dist/engine/). */
export function defaultPoolScript(): string {
  return path.join(__dirname, '..', 'engine', 'pool-worker.js');
}

let shared: ColumnPool | undefined;

/**
 * The process's pool, made on first use. `PLUMBLINE_WORKERS`: lanes working on columns, the
 * engine's own included (default: the machine's available parallelism); 0 or 1, or no built thread
 * script, leaves the engine's lane alone. `PLUMBLINE_POOL_MIN_CELLS` sets how small a run is
 * computed whole instead of column by column. Each run asks the machine whether a core is free for
 * the threads (core/import/free-core.ts: other processes' runnable threads, now);
 * `PLUMBLINE_POOL_REPORT=1` prints the answer on stderr (poolReport).
 */
export function columnPool(): ColumnPool {
  if (shared) return shared;
  const asked = process.env.PLUMBLINE_WORKERS;
  const wanted = asked !== undefined && asked !== '' ? Number(asked) : os.availableParallelism();
  const script = defaultPoolScript();
  const size = Number.isInteger(wanted) && wanted >= 2 && fs.existsSync(script) ? wanted : 1;
  const minCells = Number(process.env.PLUMBLINE_POOL_MIN_CELLS ?? POOL_MIN_CELLS);
  shared = new ColumnPool({
    script,
    size,
    minCells: Number.isFinite(minCells) ? minCells : POOL_MIN_CELLS,
    coreFree: (entrySaidFree) => (entrySaidFree ? coreFreeAfterEntry() : coreFreeNow()),
  });
  return shared;
}

/**
 * Ends the process's pool threads, and those the CLI's entry started early, without waiting: for a
 * command whose last run has its result. A thread ends on its own core while this thread writes
 * the output; left to process exit, Node tore each one down after the last byte was written —
 * drift 1M × 25 exited 18–33 ms after its output with the threads, 12–16 ms without. The pool is
 * closed: a later run in this process runs on the engine's lane alone.
 */
export function endPoolThreads(): void {
  endPrestarted();
  if (shared) void shared.close().catch(() => {});
}
