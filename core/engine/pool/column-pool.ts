/**
 * A pool of worker threads, sized to the machine, that runs the parts of an analysis (one or a
 * few columns each) and sorts numeric columns into the column cache. Each thread opens the
 * workspace file itself (read-only for analyses), so reading, sorting and testing a column all
 * happen on the thread that uses it and both cores work.
 *
 * The pool is used by the CLI, the browser-mode server and Electron alike (the engine runs it,
 * wherever the engine runs). Where it cannot serve — no built thread script (tests running the
 * TypeScript sources), an in-memory workspace, `PLUMBLINE_WORKERS=0`, a one-core machine — the
 * engine runs the same steps on its own thread.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CallContext } from '../../api/context';
import { cancelled, PlumblineError } from '../../api/errors';
import type { Workspace } from '../../workspace/workspace';
import type { PoolJob, PoolReply, PoolRequest } from './jobs';

interface Pending {
  readonly request: PoolRequest;
  readonly resolve: (value: unknown) => void;
  readonly reject: (e: Error) => void;
}

interface Thread {
  readonly worker: Worker;
  busy: Pending | null;
  /** Set when the thread says its script loaded; a thread that dies before cannot start here. */
  online: boolean;
}

/** The pool could not start a thread (no script, no threads allowed): run on the caller's thread. */
export class PoolUnavailableError extends Error {
  constructor(why: string) {
    super(`The column pool cannot start a thread: ${why}`);
    this.name = 'PoolUnavailableError';
  }
}

export interface ColumnPoolOptions {
  /** The built thread script (dist/engine/pool-worker.js). */
  readonly script: string;
  /** Threads at most; default: the machine's available parallelism. */
  readonly size?: number;
  /** Work smaller than this many values stays on the caller's thread; default POOL_MIN_CELLS. */
  readonly minCells?: number;
}

/**
 * Below this many values (rows of every dataset read × parts) work stays on one thread: starting a
 * pool thread costs ~0.2 s of CPU (loading its code), about what one thread spends on 3M values
 * (a 20k-row, 25-column drift took 0.15 s more CPU and 0.4 s more wall time with the pool).
 */
export const POOL_MIN_CELLS = 5_000_000;

/** Runs a job on the calling thread (its own workspace connection), as one more lane of the pool. */
export type LocalRunner = (job: PoolJob) => unknown;

export class ColumnPool {
  /** Lanes working on a run: the calling thread and `size - 1` worker threads. */
  readonly size: number;
  readonly minCells: number;
  private readonly threads: Thread[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  /** A thread failed to start: every later run goes to the caller's thread. */
  private broken: string | null = null;

  constructor(private readonly options: ColumnPoolOptions) {
    this.size = Math.max(1, options.size ?? os.availableParallelism());
    this.minCells = options.minCells ?? POOL_MIN_CELLS;
  }

  /** Whether jobs on this workspace can run here (a file every thread can open). */
  serves(ws: Workspace): boolean {
    return !this.closed && this.broken === null && ws.path !== ':memory:' && ws.path !== '' && fs.existsSync(ws.path);
  }

  /**
   * Runs the jobs, at most `size` at once: on the worker threads and, with `local`, on the calling
   * thread too (it would only wait otherwise, and it needs no start-up: a thread costs ~0.2 s of
   * CPU to load its code, most of it while the caller already works). Resolves with the values in
   * order. Reports `phase` progress as jobs finish; a cancel rejects at once (jobs already running
   * finish and are dropped, the rest never start).
   */
  run(jobs: readonly PoolJob[], ws: Workspace, ctx: CallContext, phase: string, local?: LocalRunner): Promise<unknown[]> {
    if (ctx.signal.aborted) return Promise.reject(cancelled());
    return new Promise<unknown[]>((resolve, reject) => {
      const values = new Array<unknown>(jobs.length);
      let done = 0;
      let settled = false;
      const mine: Pending[] = [];
      const finish = (e?: Error) => {
        if (settled) return;
        settled = true;
        ctx.signal.removeEventListener('abort', onAbort);
        // Jobs of this run still queued never start.
        for (const p of mine) {
          const at = this.queue.indexOf(p);
          if (at >= 0) this.queue.splice(at, 1);
        }
        if (e) reject(e);
        else resolve(values);
      };
      const onAbort = () => finish(cancelled());
      ctx.signal.addEventListener('abort', onAbort);
      jobs.forEach((job, i) => {
        const request: PoolRequest = { id: this.nextId++, db: ws.path, nativeBinding: ws.openOptions.nativeBinding, job };
        const pending: Pending = {
          request,
          resolve: (v) => {
            if (settled) return;
            values[i] = v;
            ctx.progress({ phase, done: ++done, total: jobs.length, unit: 'items' });
            if (done === jobs.length) finish();
          },
          reject: (e) => finish(e),
        };
        mine.push(pending);
        this.queue.push(pending);
      });
      if (jobs.length === 0) finish();
      this.pump();
      if (local) void this.runLocally(mine, local, () => settled);
    });
  }

  /** The calling thread's lane: takes this run's next waiting job between event-loop turns. */
  private async runLocally(mine: readonly Pending[], local: LocalRunner, settled: () => boolean): Promise<void> {
    for (;;) {
      // Let worker replies, new dispatches and a cancel arrive between jobs.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (settled()) return;
      const next = mine.find((p) => this.queue.includes(p));
      if (!next) return;
      this.queue.splice(this.queue.indexOf(next), 1);
      try {
        next.resolve(local(next.request.job));
      } catch (e) {
        next.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
  }

  /** Stops every thread; jobs still waiting are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new PlumblineError('INTERNAL', 'The column pool was closed.'));
    await Promise.all(this.threads.splice(0).map((t) => t.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      // Only a thread that has loaded its code takes a job: until then the caller's lane takes
      // them all, and a run never waits for a thread still starting.
      const idle = this.threads.find((t) => t.online && t.busy === null);
      if (idle) {
        idle.busy = this.queue.shift()!;
        idle.worker.postMessage(idle.busy.request);
        continue;
      }
      if (this.threads.length >= this.size - 1) break;
      try {
        this.spawn();
      } catch (e) {
        this.fail((e as Error).message);
        return;
      }
    }
    // A thread keeps the process alive (the CLI awaits it) while it works, or starts for waiting work.
    for (const t of this.threads) {
      if (t.busy !== null || (!t.online && this.queue.length > 0)) t.worker.ref();
      else t.worker.unref();
    }
  }

  /** No thread could start: everything waiting goes back to its caller, to run there. */
  private fail(why: string): void {
    this.broken = why;
    for (const p of this.queue.splice(0)) p.reject(new PoolUnavailableError(why));
    for (const t of this.threads) t.busy?.reject(new PoolUnavailableError(why));
    // (A run that lost its threads is run again on the caller's thread, all of it: its parts'
    // results so far are dropped with the rejection.)
  }

  private spawn(): Thread {
    const worker = new Worker(this.options.script);
    const thread: Thread = { worker, busy: null, online: false };
    worker.on('message', (reply: PoolReply | { readonly ready: true }) => {
      if ('ready' in reply) {
        thread.online = true;
        this.pump();
        return;
      }
      const p = thread.busy;
      thread.busy = null;
      if (p && p.request.id === reply.id) {
        if (reply.ok) p.resolve(reply.value);
        else p.reject(PlumblineError.fromPayload(reply.error));
      }
      this.pump();
    });
    const die = (e: Error) => {
      const at = this.threads.indexOf(thread);
      if (at < 0) return;
      this.threads.splice(at, 1);
      const p = thread.busy;
      thread.busy = null;
      if (!thread.online && !this.closed) {
        this.fail(e.message);
        p?.reject(new PoolUnavailableError(e.message));
        return;
      }
      p?.reject(new PlumblineError('INTERNAL', `A column pool thread stopped: ${e.message}`));
      this.pump();
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`exit code ${code}`)));
    worker.unref();
    this.threads.push(thread);
    return thread;
  }
}

/** Runs `work` on the pool; null when the pool turned out unable to start a thread (then run here). */
export async function onPool<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof PoolUnavailableError) return null;
    throw e;
  }
}

/** Where the build puts the thread script, beside the engine worker (dist/engine/). */
export function defaultPoolScript(): string {
  return path.join(__dirname, '..', 'engine', 'pool-worker.js');
}

let shared: ColumnPool | null | undefined;

/**
 * The process's pool, made on first use; null when this process runs everything on its own thread:
 * `PLUMBLINE_WORKERS` (threads working on columns, the engine's own included; default: the
 * machine's available parallelism) below 2, or no built thread script. `PLUMBLINE_POOL_MIN_CELLS`
 * sets how small a run stays on one thread.
 */
export function columnPool(): ColumnPool | null {
  if (shared !== undefined) return shared;
  const asked = process.env.PLUMBLINE_WORKERS;
  const size = asked !== undefined && asked !== '' ? Number(asked) : os.availableParallelism();
  const script = defaultPoolScript();
  const usable = Number.isInteger(size) && size >= 2 && fs.existsSync(script);
  const minCells = Number(process.env.PLUMBLINE_POOL_MIN_CELLS ?? POOL_MIN_CELLS);
  shared = usable ? new ColumnPool({ script, size, minCells: Number.isFinite(minCells) ? minCells : POOL_MIN_CELLS }) : null;
  return shared;
}
