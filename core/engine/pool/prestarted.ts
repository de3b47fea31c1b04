/**
 * Pool threads started by the CLI's entry (bin/prestart-pool.js) before it loads the CLI's code: a
 * thread takes ~0.15 s of CPU to load its own, which then overlaps the ~0.1–0.3 s this thread spends
 * loading the CLI, parsing flags and planning the run, instead of following it (profiled on drift
 * 1M × 25: the thread's first job came 0.3–0.4 s after the run asked for it). The pool adopts them
 * as its threads; a process whose run never uses the pool lets them go (they are unref'd).
 *
 * The two sides share only this global slot, since the entry is plain JavaScript outside the bundle.
 */
import type { Worker } from 'node:worker_threads';

/** One thread the entry started, with what it heard before the pool listened. */
export interface PrestartedThread {
  readonly worker: Worker;
  readonly script: string;
  /** The thread said its script loaded. */
  online: boolean;
  /** It failed or exited before the pool adopted it. */
  failed: Error | null;
  /** Removes the entry's listeners (the pool's own take over). */
  release(): void;
}

export const PRESTARTED = Symbol.for('plumbline.columnPool.prestarted');

/** Whether the entry started a thread for `script` that no pool has taken yet (dead or alive). */
export function prestartedFor(script: string): boolean {
  const list = (globalThis as { [PRESTARTED]?: PrestartedThread[] })[PRESTARTED];
  return !!list && list.some((t) => t.script === script);
}

/** A live thread started for `script`, taken off the list (each is adopted once); undefined when none. */
export function takePrestarted(script: string): PrestartedThread | undefined {
  const list = (globalThis as { [PRESTARTED]?: PrestartedThread[] })[PRESTARTED];
  if (!list) return undefined;
  for (;;) {
    const i = list.findIndex((t) => t.script === script);
    if (i < 0) return undefined;
    const [t] = list.splice(i, 1);
    t.release();
    if (!t.failed) return t;
  }
}

/**
 * Ends every thread the entry started that no pool adopted (a run too small for the pool, or one
 * that found no core free), without waiting for them to exit.
 */
export function endPrestarted(): void {
  const list = (globalThis as { [PRESTARTED]?: PrestartedThread[] })[PRESTARTED];
  if (!list) return;
  for (const t of list.splice(0)) {
    t.release();
    void t.worker.terminate().catch(() => {});
  }
}
