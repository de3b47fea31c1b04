import { Worker } from 'node:worker_threads';
import type { OpenOptions } from '../workspace/open';

// Inline source, as hash-file.ts: the thread must start from the bundled CLI, the engine worker and
// Electron alike, with no file of its own to locate. It opens the workspace on a connection of its
// own (better-sqlite3 as the caller resolves it, with the same native binding) and copies committed
// WAL frames into the database file when asked. PASSIVE never waits for the writer or readers: it
// copies what no reader still needs and leaves the rest to the next checkpoint.
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const done = new Int32Array(workerData.done);
let db;
try {
  const Database = require(workerData.sqlite);
  db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
  db.pragma('busy_timeout = 10000');
  db.pragma('synchronous = NORMAL');
} catch {
  db = undefined;
}
parentPort.on('message', (m) => {
  if (m.close) {
    if (db) db.close();
    parentPort.close();
    return;
  }
  try {
    if (db) db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Best effort: what is not copied here, the next checkpoint copies.
  }
  Atomics.store(done, 0, m.seq);
  Atomics.notify(done, 0);
});
`;

/**
 * A thread that checkpoints the workspace's WAL while an import goes on writing (commit-pieces.ts).
 * Checkpoints are asked for in order and run one at a time; `idle` and `wait` read how far the
 * thread got from shared memory, so the import's thread needs no event loop turn to know.
 */
export class Checkpointer {
  private readonly worker: Worker;
  private readonly done = new Int32Array(new SharedArrayBuffer(4));
  private asked = 0;
  /** The thread stopped (seen between event loop turns): nothing to wait for or hold chunks for. */
  private gone = false;

  constructor(file: string, opts: OpenOptions) {
    const nativeBinding = opts.nativeBinding ?? process.env.PLUMBLINE_SQLITE_BINDING;
    const sqlite = require.resolve('better-sqlite3');
    this.worker = new Worker(CHECKPOINTER, { eval: true, workerData: { file, sqlite, nativeBinding, done: this.done.buffer } });
    // Never keeps the process alive. A thread that cannot open the workspace still answers (and
    // SQLite copies the frames at a later checkpoint); one that stopped is not waited for.
    this.worker.unref();
    this.worker.on('error', () => (this.gone = true));
    this.worker.on('exit', () => (this.gone = true));
  }

  /** A checkpoint of everything committed so far. */
  ask(): void {
    this.worker.postMessage({ seq: ++this.asked });
  }

  /** Every checkpoint asked for has run. */
  get idle(): boolean {
    return this.gone || Atomics.load(this.done, 0) === this.asked;
  }

  /** Blocks until every checkpoint asked for has run, or `ms` passed. */
  wait(ms = 30_000): void {
    if (this.gone) return;
    const deadline = Date.now() + ms;
    for (let seen = Atomics.load(this.done, 0); seen !== this.asked && Date.now() < deadline; seen = Atomics.load(this.done, 0)) {
      Atomics.wait(this.done, 0, seen, Math.max(1, deadline - Date.now()));
    }
  }

  close(): void {
    this.worker.postMessage({ close: true });
  }
}
