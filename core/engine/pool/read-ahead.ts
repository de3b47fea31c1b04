/**
 * A pool thread reading a streamed pass's chunks ahead of the engine's thread (A/B, fairness: the
 * analyses that take their rows chunk by chunk, core/engine/chunk-stream.ts). Their sums must stay
 * accumulated row by row on one thread (A/B's floating-point sums, fairness's numeric codes in order
 * of first appearance), so the rows are not split: the thread only does the chunk reads
 * (Workspace.readChunkInto: SQLite's read and the unpacking, ~25 % of A/B's pass in the profile)
 * into a ring of slots in shared memory, while the engine's thread computes on the slot before.
 * The bytes each chunk holds are those the engine would have read itself, so results are the same.
 *
 * Every chunk is claimed by one lane with a compare-and-swap (as the pool's board does for jobs):
 * a thread that is still loading its code, busy with an earlier pass, or dead leaves the chunks to
 * the engine's thread, which reads them itself as before — it never waits for a thread that has not
 * claimed the chunk it needs.
 *
 * Layout of the control words: [0] chunks the engine has finished with (their slots may be written
 * again), [1] stop (the pass ended or was abandoned), then one state per chunk (FREE, ENGINE,
 * READING, READY, FAILED), then the rows the thread read per chunk and column (−1: a text chunk).
 */
import type { ColumnInfo } from '../../api/types';
import { isNumericType } from '../../data/column';
import type { DatasetEntry, Workspace } from '../../workspace/workspace';

const CONSUMED = 0;
const STOP = 1;
const STATES = 2;
const FREE = 0;
const ENGINE = 1;
const READING = 2;
const READY = 3;
const FAILED = 4;

/** How long the thread waits for the engine to free a slot before it leaves the pass to the engine. */
export const PATIENCE_MS = 1000;

/**
 * How long the engine waits for a chunk the thread is reading before it reads the chunk itself: a
 * chunk takes milliseconds, so only a thread that died or hung mid-read (its state stays READING)
 * gets there, and the engine must not wait for it forever (a synchronous wait sees no Cancel).
 */
export const READING_TIMEOUT_MS = 10_000;

/** Slots of the ring: the thread reads one chunk while the engine computes on another (a third for jitter). */
export const READ_AHEAD_SLOTS = 3;

/** Sent to the thread: one pass's chunks to read. */
export interface ReadAheadRequest {
  readonly kind: 'read-ahead';
  readonly db: string;
  readonly nativeBinding?: string;
  readonly dataset: string;
  readonly columns: readonly string[];
  readonly chunks: number;
  readonly control: SharedArrayBuffer;
  readonly data: SharedArrayBuffer;
}

/** Where chunk k's rows read for column j are noted. */
const rowsAt = (chunks: number, columns: number, k: number, j: number): number => STATES + chunks + k * columns + j;

/** The views of chunk `k`'s slot, one per column (Float64Array numeric, Int32Array codes). */
function slotViews(data: SharedArrayBuffer, columns: readonly ColumnInfo[], chunkRows: number, k: number): (Float64Array | Int32Array)[] {
  const slot = k % READ_AHEAD_SLOTS;
  return columns.map((c, j) => {
    const at = (slot * columns.length + j) * chunkRows * 8;
    return isNumericType(c.type) ? new Float64Array(data, at, chunkRows) : new Int32Array(data, at, chunkRows);
  });
}

/** Hands a request to a pool thread; false when none takes it (the engine then reads every chunk). */
export type ReadAheadPost = (request: ReadAheadRequest) => boolean;

/**
 * The engine's side of one pass: `chunk(k)` returns chunk k's column buffers, read by the thread or
 * here, in order k = 0, 1, …; `release(k)` frees the slot of chunk k once the pass is done with it;
 * `close()` stops the thread's reading.
 */
export class ReadAhead {
  private readonly control: Int32Array;
  private readonly views: (Float64Array | Int32Array)[][] = [];
  /** Chunks this thread read itself (the thread was not up, or behind): tests tell the two paths apart by it. */
  readHere = 0;
  /**
   * Buffers of the engine's own, once a thread stopped answering mid-read: from then on the engine
   * reads every chunk into them, never into the ring, where a thread that wakes up could still write.
   */
  private own: (Float64Array | Int32Array)[] | null = null;

  constructor(
    private readonly ws: Workspace,
    private readonly ds: DatasetEntry,
    private readonly columns: readonly ColumnInfo[],
    private readonly chunks: number,
    post: ReadAheadPost,
    private readonly readingTimeoutMs = READING_TIMEOUT_MS,
  ) {
    this.control = new Int32Array(new SharedArrayBuffer((STATES + chunks * (1 + columns.length)) * 4));
    const data = new SharedArrayBuffer(READ_AHEAD_SLOTS * columns.length * ds.chunkRows * 8);
    for (let s = 0; s < READ_AHEAD_SLOTS; s++) this.views.push(slotViews(data, columns, ds.chunkRows, s));
    const request: ReadAheadRequest = { kind: 'read-ahead', db: ws.path, ...(ws.openOptions.nativeBinding ? { nativeBinding: ws.openOptions.nativeBinding } : {}), dataset: ds.name, columns: columns.map((c) => c.name), chunks, control: this.control.buffer as SharedArrayBuffer, data };
    if (!post(request)) Atomics.store(this.control, STOP, 1);
  }

  /** Chunk k's buffers (each chunkRows long) and the rows read per column (−1: a text chunk, 0: none). */
  chunk(k: number): { buffers: (Float64Array | Int32Array)[]; rows: number[] } {
    let buffers = this.own ?? this.views[k % READ_AHEAD_SLOTS];
    const at = STATES + k;
    if (!this.own && Atomics.compareExchange(this.control, at, FREE, ENGINE) !== FREE) {
      // The thread claimed it first: it is reading it now, or has. A thread that fails says so (FAILED).
      const until = Date.now() + this.readingTimeoutMs;
      while (Atomics.load(this.control, at) === READING && Date.now() < until) Atomics.wait(this.control, at, READING, Math.min(1000, this.readingTimeoutMs));
      const state = Atomics.load(this.control, at);
      if (state === READY) return { buffers, rows: this.columns.map((_, j) => this.control[rowsAt(this.chunks, this.columns.length, k, j)]) };
      if (state === READING) {
        // The thread stopped mid-read: no more chunks for it, and the ring is not used again.
        Atomics.store(this.control, STOP, 1);
        this.own = slotViews(new SharedArrayBuffer(this.columns.length * this.ds.chunkRows * 8), this.columns, this.ds.chunkRows, 0);
        buffers = this.own;
      }
    }
    this.readHere++;
    return { buffers, rows: this.columns.map((c, j) => this.ws.readChunkInto(this.ds, c, k, buffers[j])) };
  }

  /** The pass is done with chunk k and every one before: their slots may be written again. */
  release(k: number): void {
    Atomics.store(this.control, CONSUMED, k + 1);
    Atomics.notify(this.control, CONSUMED);
  }

  /** The pass ended (or was abandoned): the thread claims no more chunks. */
  close(): void {
    Atomics.store(this.control, STOP, 1);
    Atomics.notify(this.control, CONSUMED);
  }
}

/**
 * The thread's side: reads the chunks the engine has not claimed, in order, each into its slot once
 * the engine has released the chunk READ_AHEAD_SLOTS before it. `ws` is the thread's read-only
 * workspace on the same file.
 */
export function serveReadAhead(ws: Workspace, req: ReadAheadRequest): void {
  const control = new Int32Array(req.control);
  const ds = ws.dataset(req.dataset);
  const infos = ws.columns(ds.id);
  const columns = req.columns.map((n) => {
    const c = infos.find((i) => i.name === n);
    if (!c) throw new Error(`dataset "${ds.name}" has no column ${JSON.stringify(n)}`);
    return c;
  });
  for (let k = Atomics.load(control, CONSUMED); k < req.chunks; k++) {
    // Wait for chunk k's slot: the engine must be done with chunk k − SLOTS. A pass the engine
    // left without closing it (a run cancelled between steps leaves its generators suspended)
    // moves no more: after PATIENCE_MS without progress this thread stops waiting, so later passes
    // and pool runs are not held behind it. The engine reads whatever this thread did not claim.
    let seen = -1;
    let since = 0;
    for (;;) {
      if (Atomics.load(control, STOP) !== 0) return;
      const consumed = Atomics.load(control, CONSUMED);
      if (consumed >= k - READ_AHEAD_SLOTS + 1) break;
      if (consumed !== seen) {
        seen = consumed;
        since = Date.now();
      } else if (Date.now() - since > PATIENCE_MS) return;
      Atomics.wait(control, CONSUMED, consumed, 100);
    }
    if (Atomics.compareExchange(control, STATES + k, FREE, READING) !== FREE) continue; // the engine read it
    let state = READY;
    try {
      const buffers = slotViews(req.data, columns, ds.chunkRows, k);
      columns.forEach((c, j) => (control[rowsAt(req.chunks, columns.length, k, j)] = ws.readChunkInto(ds, c, k, buffers[j])));
    } catch {
      state = FAILED; // the engine reads it again and meets the error itself
    }
    Atomics.store(control, STATES + k, state);
    Atomics.notify(control, STATES + k);
    if (state === FAILED) return;
  }
}
