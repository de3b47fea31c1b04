/**
 * The Parquet decoding thread started by the CLI's entry (bin/prestart-pool.js) for `import
 * <file.parquet>` before it loads the CLI's code, so that the thread loads its own (~40 ms of
 * CPU) meanwhile instead of after the import has read the file's metadata and asked for it. It
 * waits for its input as its first message (parquet-worker.ts). The import adopts it when it
 * chooses a thread for that script (parquet-pipeline.ts), and ends it when it does not.
 *
 * The two sides share only this global slot, since the entry is plain JavaScript outside the bundle.
 */
import path from 'node:path';
import type { Worker } from 'node:worker_threads';

export interface PrestartedDecoder {
  readonly worker: Worker;
  readonly script: string;
  /** It failed or exited before the import adopted it. */
  failed: Error | null;
  /** Removes the entry's listeners. */
  release(): void;
}

export const PARQUET_PRESTARTED = Symbol.for('plumbline.parquetDecoder.prestarted');

type Slot = { [PARQUET_PRESTARTED]?: PrestartedDecoder };

/** The thread started for `script`, taken (once); undefined when there is none or it failed. */
export function takePrestartedDecoder(script: string): Worker | undefined {
  const slot = globalThis as Slot;
  const t = slot[PARQUET_PRESTARTED];
  if (!t || path.resolve(t.script) !== path.resolve(script)) return undefined;
  delete slot[PARQUET_PRESTARTED];
  t.release();
  if (t.failed) return undefined;
  // Adopted threads are held by the import's listeners, as its own are.
  t.worker.ref();
  return t.worker;
}

/** Ends a thread started for an import that will not use one. */
export function dropPrestartedDecoder(): void {
  const slot = globalThis as Slot;
  const t = slot[PARQUET_PRESTARTED];
  if (!t) return;
  delete slot[PARQUET_PRESTARTED];
  t.release();
  void t.worker.terminate();
}
