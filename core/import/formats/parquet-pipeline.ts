import fs, { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { parquetSchema, type FileMetaData } from 'hyparquet';
import { cancelled } from '../../api/errors';
import { coreFreeNow, type CpuNow } from '../free-core';
import { dropPrestartedDecoder, takePrestartedDecoder } from './parquet-prestarted';
import { ColumnCursor, newScratch, PageSource } from './parquet-pages';
import { BufferPool, columnOrder, takeWindow, textDictionary, wireBuffers, windowColumn, type FromWorker, type WorkerInput } from './parquet-wire';
import type { ColumnarSink, ReadContext, TextDictionary, WindowColumn } from './sink';

/**
 * A Parquet import on two threads, sharing the decoding by column: the decoding thread
 * (parquet-worker.ts) and this one claim the next unit — a row group's column, in columnOrder
 * (numbers and text alternating) — from one shared counter. The decoding thread sends its units'
 * windows; this one adds every window to its column's builder (and writes chunks to SQLite), and
 * when no window is waiting it claims a unit and decodes it itself (the one-thread cursor), instead
 * of idling while the other thread decodes (on DuckDB's 1M-row groups, a page of a column is up to
 * 20 MB: this thread waited ~0.4 s of 1.2 s). Builders and chunks are per column, so columns may
 * arrive in any order; a column's row groups reach its builder in order (a window of a later group
 * is held until the column's earlier group is in), each window's values exactly as the one-thread
 * cursor gives them: types, roles and stored chunks are the same. `here`: units decoded on this thread.
 */
export async function readByWorker(
  script: string,
  file: string,
  metadata: FileMetaData,
  columns: number,
  columnar: ColumnarSink,
  rc: ReadContext,
  progress: (rowsSeen: number) => void,
): Promise<{ rows: number; here: number }> {
  const counter = () => new Int32Array(new SharedArrayBuffer(4));
  const flow = counter();
  const claim = counter();
  const sent = counter();
  const { port1: returns, port2 } = new MessageChannel();
  const { port1: windows, port2: windowsOut } = new MessageChannel();
  const input: WorkerInput = { file, windowRows: WINDOW_ROWS, flow, returns: port2, windows: windowsOut, claim, sent, aheadBytes: AHEAD_BYTES };
  const early = takePrestartedDecoder(script);
  if (early) early.postMessage({ input }, [port2, windowsOut]);
  const worker = early ?? new Worker(script, { workerData: input, transferList: [port2, windowsOut] });
  const groups = metadata.row_groups.map((g) => Number(g.num_rows));
  const schema = parquetSchema(metadata);
  const names = schema.children.map((c) => c.element.name);
  const order = columnOrder(schema.children.map((c) => c.element.type));
  const units = groups.length * columns;
  let failure: unknown;
  // Wakes this thread if it sleeps on `sent` (a notify with the value unchanged still wakes).
  const fail = (e: unknown) => {
    failure ??= e;
    Atomics.notify(sent, 0);
  };
  const onAbort = () => fail(cancelled());
  rc.ctx.signal.addEventListener('abort', onAbort, { once: true });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The Parquet decoding thread stopped (exit code ${code})`)));
  const fd = openSync(file, 'r');
  try {
    const feed = new ColumnFeed(groups, columns, columnar, progress);
    /** The text dictionary of each unit whose windows come from the thread (sent with the first window that uses it). */
    const dictionaries = new Map<number, TextDictionary>();
    let ended = false;
    /** Units decoded on this thread. */
    let here = 0;
    const receive = (m: FromWorker) => {
      if (m.type === 'error') throw new Error(m.message);
      if (m.type === 'end') {
        ended = true;
        return;
      }
      if (!(m.group < groups.length && m.column < columns)) throw new Error(`Parquet decoding thread out of step: row group ${m.group}, column ${m.column}`);
      const unit = m.group * columns + m.column;
      const values = m.values;
      if (values.kind === 'text' && values.dictionary) dictionaries.set(unit, textDictionary(values.dictionary));
      const used = wireBuffers(values);
      const handBack = () => {
        returns.postMessage(used, used);
        Atomics.add(flow, 0, 1);
        Atomics.notify(flow, 0);
      };
      if (feed.give(m.group, m.column, windowColumn(values, dictionaries.get(unit)), m.rows, handBack)) dictionaries.delete(unit);
    };
    const check = () => {
      if (failure) throw failure;
      if (rc.ctx.signal.aborted) throw cancelled();
    };
    /** Takes every window already sent, without waiting; true when there was one. */
    const drain = () => {
      let any = false;
      for (let m = receiveMessageOnPort(windows); m; m = receiveMessageOnPort(windows)) {
        any = true;
        // A cancel stops between windows, however many are waiting.
        check();
        receive(m.message as FromWorker);
      }
      return any;
    };
    // This thread's own units: the one-thread cursor, its page buffers and window buffers.
    const source = new PageSource(fd);
    const scratch = newScratch(true);
    const pool = new BufferPool(8 * WINDOW_ROWS);
    const decode = async (u: number) => {
      const g = Math.floor(u / columns);
      const i = order[u % columns];
      const meta = metadata.row_groups[g].columns.find((c) => c.meta_data?.path_in_schema[0] === names[i])?.meta_data;
      if (!meta) throw new Error(`Parquet row group has no column ${names[i]}`);
      const cursor = new ColumnCursor(source, meta, schema, undefined, scratch);
      for (let done = 0; done < groups[g]; ) {
        check();
        const n = Math.min(WINDOW_ROWS, groups[g] - done);
        const wire = await takeWindow(cursor, pool, n);
        const used = wireBuffers(wire);
        feed.give(g, i, windowColumn(wire, cursor.plan ? undefined : cursor.textDictionary()), n, () => used.forEach((b) => pool.give(b)));
        done += n;
        // The thread's windows meanwhile, so it is not held back by its bound on unanswered bytes.
        drain();
      }
    };
    const sleep = async (seen: number, ms: number) => {
      const wait = (Atomics as unknown as AtomicsWaitAsync).waitAsync(sent, 0, seen, ms);
      if (wait.async) await wait.value;
    };
    /** Since when no window has been waiting for this thread. */
    let idle: number | undefined;
    while (!feed.complete()) {
      check();
      const seen = Atomics.load(sent, 0);
      if (drain()) {
        idle = undefined;
        continue;
      }
      const now = performance.now();
      idle ??= now;
      // No window for CLAIM_AFTER_MS: the other thread is on a long page; decode the next unit
      // here rather than wait for one (sooner, this thread takes work the other would have done
      // in time, and pays its own page buffers for it).
      if (Atomics.load(claim, 0) < units && now - idle < CLAIM_AFTER_MS) {
        await sleep(seen, CLAIM_AFTER_MS - (now - idle));
        continue;
      }
      const u = Atomics.add(claim, 0, 1);
      if (u < units) {
        await decode(u);
        here++;
        idle = undefined;
        continue;
      }
      if (ended) throw new Error('The Parquet decoding thread stopped before the end of the file');
      await sleep(seen, 1000);
    }
    check();
    columnar.aligned(feed.rows);
    return { rows: feed.rows, here };
  } finally {
    closeSync(fd);
    rc.ctx.signal.removeEventListener('abort', onAbort);
    returns.close();
    windows.close();
    worker.removeAllListeners('error');
    worker.removeAllListeners('exit');
    worker.on('error', () => {});
    // Done or failed: the thread has nothing left to give (an unref'd thread never holds the process).
    worker.unref();
    void worker.terminate();
  }
}

/** Atomics.waitAsync (Node 16+, ES2024), which the project's lib setting does not declare. */
type AtomicsWaitAsync = { waitAsync(a: Int32Array, index: number, value: number, timeoutMs: number): { async: false } | { async: true; value: Promise<unknown> } };

/**
 * Hands each column's windows to the sink in row order, whichever thread decoded them and in
 * whatever order the units finish: a window of a later row group waits (its buffers held) until
 * the column's earlier groups are in.
 */
class ColumnFeed {
  /** Per column, the row group whose windows go to the builder now, and its rows given so far. */
  private readonly group: Int32Array;
  private readonly given: Float64Array;
  private readonly held: { g: number; values: WindowColumn; rows: number; release: () => void }[][];
  /** Values given to the sink, over all columns. */
  private cells = 0;
  /** Columns not yet through every row group. */
  private left: number;

  constructor(
    private readonly groups: readonly number[],
    private readonly columns: number,
    private readonly sink: ColumnarSink,
    private readonly progress: (rowsSeen: number) => void,
  ) {
    this.group = new Int32Array(columns);
    this.given = new Float64Array(columns);
    this.held = Array.from({ length: columns }, () => []);
    this.left = columns;
    for (let c = 0; c < columns; c++) this.pastEmpty(c);
  }

  /** Rows of the file, once complete. */
  get rows(): number {
    return this.groups.reduce((a, b) => a + b, 0);
  }

  complete(): boolean {
    return this.left === 0;
  }

  /**
   * The next `rows` values of column c in row group g (windows of one group and column come in
   * order); `release` once the sink has taken them. True when they complete the column's group.
   */
  give(g: number, c: number, values: WindowColumn, rows: number, release: () => void): boolean {
    if (g !== this.group[c]) {
      if (g < this.group[c]) throw new Error(`Parquet decoding thread out of step: row group ${g}, column ${c}`);
      this.held[c].push({ g, values, rows, release });
      return false;
    }
    if (this.given[c] + rows > this.groups[g]) throw new Error(`Parquet decoding thread out of step: row group ${g}, column ${c}`);
    this.sink.add(c, values, rows);
    release();
    this.given[c] += rows;
    this.cells += rows;
    if (this.given[c] < this.groups[g]) return false;
    this.given[c] = 0;
    this.group[c]++;
    this.pastEmpty(c);
    this.progress(Math.round(this.cells / this.columns));
    // The next group's windows that came early, in the order they came.
    const next = this.group[c];
    const held = this.held[c];
    if (held.length) {
      this.held[c] = held.filter((w) => w.g !== next);
      for (const w of held) if (w.g === next) this.give(w.g, c, w.values, w.rows, w.release);
    }
    return true;
  }

  private pastEmpty(c: number): void {
    while (this.group[c] < this.groups.length && this.groups[this.group[c]] === 0) this.group[c]++;
    if (this.group[c] === this.groups.length) this.left--;
  }
}

/** Rows of one column per message: few messages, and a window's buffers stay small (128 KB of numbers). */
const WINDOW_ROWS = 16_384;
/**
 * Bytes of windows the decoding thread may be ahead of this one (~30 windows of numbers): with
 * columns alternating (columnOrder), a thread done with its heavy column goes on to the next
 * while the other finishes. At 16 windows in file order each thread waited 1-2 s of a 6-9 s
 * import (load 8).
 */
const AHEAD_BYTES = 4 * 1024 * 1024;
/** How long this thread waits for a window before it decodes a unit itself. */
const CLAIM_AFTER_MS = 20;
/** Below this many rows, the thread's start-up (~30 ms) is not worth it. */
const MIN_ROWS = 200_000;

/**
 * The decoding thread's script, when this import should use one. `PLUMBLINE_PARQUET_WORKER`: '0'
 * turns it off; a path names the script, used whatever the file's size or the machine's load
 * (tests). Otherwise the built script beside the engine (dist/engine/, as the column pool's), for
 * files of MIN_ROWS rows or more when a core is free now (free-core.ts): the two threads spend
 * more CPU in all than one, which only pays when the second thread does not take it from other
 * work. `now` reads the machine's state (tests give their own).
 */
export async function parquetWorkerScript(rows: number, now?: () => CpuNow): Promise<string | undefined> {
  const script = await chooseScript(rows, now);
  // A thread the CLI's entry started for this import, not wanted after all, goes now.
  if (!script) dropPrestartedDecoder();
  return script;
}

async function chooseScript(rows: number, now?: () => CpuNow): Promise<string | undefined> {
  const chosen = process.env.PLUMBLINE_PARQUET_WORKER;
  if (chosen === '0') return undefined;
  if (chosen) return chosen;
  // An ES module bundle (scripts/bench/parquet-readers.mjs) has no __dirname: no built script to find.
  if (rows < MIN_ROWS || typeof __dirname === 'undefined') return undefined;
  if (!(await coreFreeNow(now))) return undefined;
  const built = path.join(__dirname, '..', 'engine', 'parquet-worker.js');
  return fs.existsSync(built) ? built : undefined;
}
