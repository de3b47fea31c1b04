/**
 * The decoding thread of a Parquet import (built to dist/engine/parquet-worker.js): reads the file
 * page by page (snappy, levels, dictionary indices, numbers) row group by row group, column by
 * column (in columnOrder) — and hands each window of a column to the import's
 * thread, which adds it to the column's builder and writes chunks to SQLite meanwhile. The reading
 * is ColumnCursor's, as on one thread; only the hand-over differs (parquet-wire.ts).
 */
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { asyncBufferFromFile, parquetMetadataAsync, parquetSchema, type FileMetaData } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { ColumnCursor, newScratch, PageSource } from './parquet-pages';
import { AHEAD_BYTES, BufferPool, columnOrder, TextWindow, WINDOW_ROWS, wireBuffers, wireDictionary, type FromWorker, type WireColumn, type WorkerInput } from './parquet-wire';
import type { TextDictionary } from './sink';
import { reserveSnappy } from './snappy-wasm';

if (!parentPort) throw new Error('parquet-worker must run in a worker thread');
const port = parentPort;

/**
 * The import's input comes as workerData, or, for a thread the CLI's entry started before the
 * import knew it would use one (bin/prestart-pool.js, parquet-prestarted.ts), as its first message.
 */
const early = workerData as { prestartedFor?: string } | WorkerInput | undefined;
if (early && !('prestartedFor' in early)) start(early as WorkerInput);
else {
  // Started by the CLI's entry for this file: read its metadata, touch the page buffers and start
  // decoding while the import's thread loads its code (this thread would wait anyway).
  const ahead = early?.prestartedFor ? decodeAhead(early.prestartedFor) : undefined;
  port.once('message', (m: { input: WorkerInput }) => (ahead ? ahead(m.input) : start(m.input)));
}

/** What a prestarted thread made ready for its file: the metadata, a page source, and how much to touch ahead. */
interface Prepared {
  readonly file: string;
  readonly metadata: FileMetaData;
  readonly fd: number;
  readonly source: PageSource;
  /** Grows and touches the page buffer and the wasm snappy memory to the first row group's largest page. */
  readonly reserve: () => void;
}

/**
 * Reads the file's metadata and the header of each column's first data page in the first row
 * group, for `reserve`: a DuckDB file has one page per column chunk (20 MB for 1M rows of ids),
 * whose first touch costs ~11 µs per 4 KB here. Undefined on any error: the import reads as it
 * would have.
 */
async function prepare(file: string): Promise<Prepared | undefined> {
  let fd: number | undefined;
  try {
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(file));
    fd = openSync(file, 'r');
    const source = new PageSource(fd);
    let read = 0;
    let snappy = 0;
    let compressed = 0;
    for (const c of metadata.row_groups[0]?.columns ?? []) {
      const meta = c.meta_data;
      if (!meta) continue;
      const at = Number(meta.data_page_offset);
      const left = Number(meta.dictionary_page_offset || meta.data_page_offset) + Number(meta.total_compressed_size) - at;
      const head = await source.read(at, Math.min(PEEK, left));
      const reader = { view: new DataView(head.buffer, head.byteOffset, head.byteLength), offset: 0 };
      const header = parquetHeader(reader);
      read = Math.max(read, reader.offset + header.compressed_page_size);
      if (meta.codec === 'SNAPPY') {
        compressed = Math.max(compressed, header.compressed_page_size);
        snappy = Math.max(snappy, header.compressed_page_size + header.uncompressed_page_size);
      }
    }
    const reserve = () => {
      if (read + snappy > MAX_RESERVE) return;
      source.reserve(read);
      reserveSnappy(compressed, snappy - compressed);
    };
    return { file, metadata, fd, source, reserve };
  } catch {
    if (fd !== undefined) closeSync(fd);
    return undefined;
  }
}

/** Page headers are read with this many bytes (the cursor reads more when one is longer; here it is only a guess). */
const PEEK = 8192;
/** Touched ahead at most (a file with larger pages grows its buffers as it reads). */
const MAX_RESERVE = 128 * 1024 * 1024;

/**
 * A prestarted thread decodes its file before the import asks: the import's thread takes ~0.3 s
 * more to load the CLI and open the workspace than this one takes to prepare, and the first
 * column of a 1M-row DuckDB group (one page: a 198,633-entry dictionary, 1M indices) took another
 * ~0.1 s to decode after the input came, while the import waited for its first window. The windows
 * wait here, at most AHEAD_BYTES of them, as they would wait for the import's thread: the same
 * windows (WINDOW_ROWS) in the same order. When the input comes for that file with those windows,
 * they go first and decoding goes on; for anything else what was decoded is dropped and the
 * input read as a thread started without it would.
 */
function decodeAhead(file: string): (input: WorkerInput) => void {
  const resolved = path.resolve(file);
  /** The import's input, once it came and matched. */
  let taken: WorkerInput | undefined;
  let dropped = false;
  const queue: { message: FromWorker; transfer: ArrayBuffer[] }[] = [];
  let queued = 0;
  let wake: (() => void) | undefined;
  const pool = new BufferPool(8 * WINDOW_ROWS);
  let direct: Send | undefined;
  /** Touches the page buffers once, while the import has not asked (set once the metadata is read). */
  let reserve: (() => void) | undefined;
  const send: Send = (group, column, rows, values, also = []) => {
    if (dropped) throw DROPPED;
    if (direct) return direct(group, column, rows, values, also);
    queue.push({ message: { type: 'window', group, column, rows, values }, transfer: [...wireBuffers(values), ...also] });
    for (const b of wireBuffers(values)) queued += b.byteLength;
    // The decoding reads synchronously: a turn of the event loop per window lets the input in.
    if (queued <= AHEAD_BYTES) return new Promise<void>((resolve) => setImmediate(resolve));
    // Waiting anyway: the page buffers are touched now. A column of numbers holds no page in them
    // (its values are copied out as decoded); a column of text may (wasm memory would move).
    if (values.kind === 'numbers') reserve?.();
    return new Promise<void>((resolve) => (wake = resolve));
  };
  const decoded = prepare(file).then(async (prepared) => {
    if (!prepared) return undefined;
    try {
      if (dropped) return undefined;
      // The first window comes first; the page buffers are touched while the import has not
      // asked: when the held windows reach AHEAD_BYTES, or between two columns.
      reserve = () => {
        if (taken || !reserve) return;
        reserve = undefined;
        prepared.reserve();
      };
      const between = (column: number) => {
        if (column > 0) reserve?.();
      };
      await decode(prepared.metadata, prepared.source, WINDOW_ROWS, pool, send, between);
      return { type: 'end' } as const;
    } catch (e) {
      if (e === DROPPED) return undefined;
      return { type: 'error', message: e instanceof Error ? e.message : String(e) } as const;
    } finally {
      closeSync(prepared.fd);
    }
  });
  return (input) => {
    if (path.resolve(input.file) !== resolved || input.windowRows !== WINDOW_ROWS) {
      // Not what was decoded: the decoding stops at its next window, then the input is read afresh.
      dropped = true;
      wake?.();
      void decoded.then(() => start(input));
      return;
    }
    taken = input;
    const sender = flowControlled(input, pool);
    for (const q of queue) sender.post(q.message, q.transfer);
    queue.length = 0;
    direct = sender.send;
    wake?.();
    void decoded.then(
      (last) => {
        // undefined: the metadata did not read (or the decoding stopped): read it as without this.
        if (last) finish(taken as WorkerInput, last);
        else start(input);
      },
      (e: unknown) => finish(input, { type: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  };
}

/** Thrown at the next window of a decoding ahead that the input did not match. */
const DROPPED = new Error('dropped');

/** Hands a window to the import's thread, or queues it: a promise when the decoding must wait. */
type Send = (group: number, column: number, rows: number, values: WireColumn, also?: ArrayBuffer[]) => void | Promise<void>;

function start(input: WorkerInput): void {
  run(input).then(
    () => finish(input, { type: 'end' }),
    (e: unknown) => finish(input, { type: 'error', message: e instanceof Error ? e.message : String(e) }),
  );
}

function finish(input: WorkerInput, last: FromWorker): void {
  port.postMessage(last);
  input.returns.close();
}

/**
 * Sending with the import's thread setting the pace: a window goes once few enough bytes are
 * unanswered (buffers handed back on `returns` go back to the pool).
 */
function flowControlled(input: WorkerInput, pool: BufferPool): { send: Send; post: (m: FromWorker, transfer: ArrayBuffer[]) => void } {
  let unanswered = 0;
  const handBack = () => {
    for (let m = receiveMessageOnPort(input.returns); m; m = receiveMessageOnPort(input.returns)) {
      for (const b of m.message as ArrayBuffer[]) {
        unanswered -= b.byteLength;
        pool.give(b);
      }
    }
  };
  const post = (message: FromWorker, transfer: ArrayBuffer[]) => {
    // Counted before they go: a transferred buffer is left here detached, of length 0.
    if (message.type === 'window') for (const b of wireBuffers(message.values)) unanswered += b.byteLength;
    port.postMessage(message, transfer);
  };
  const send: Send = (group, column, rows, values, also = []) => {
    for (;;) {
      const seen = Atomics.load(input.flow, 0);
      handBack();
      if (unanswered <= input.aheadBytes) break;
      Atomics.wait(input.flow, 0, seen, 1000);
    }
    const buffers = wireBuffers(values);
    post({ type: 'window', group, column, rows, values }, also.length ? [...buffers, ...also] : buffers);
  };
  return { send, post };
}

async function run(input: WorkerInput): Promise<void> {
  const metadata = await parquetMetadataAsync(await asyncBufferFromFile(input.file));
  const pool = new BufferPool(8 * input.windowRows);
  const fd = openSync(input.file, 'r');
  try {
    await decode(metadata, new PageSource(fd), input.windowRows, pool, flowControlled(input, pool).send);
  } finally {
    closeSync(fd);
  }
}

/** Every row group's columns in columnOrder, each in windows of `windowRows` rows, to `send`. */
async function decode(
  metadata: FileMetaData,
  source: PageSource,
  windowRows: number,
  pool: BufferPool,
  send: Send,
  between: (column: number) => void = () => {},
): Promise<void> {
  const schema = parquetSchema(metadata);
  const names = schema.children.map((c) => c.element.name);
  const order = columnOrder(schema.children.map((c) => c.element.type));
  // One column decodes at a time: the cursors share one set of page buffers.
  const scratch = newScratch(true);
  for (let g = 0; g < metadata.row_groups.length; g++) {
    const group = metadata.row_groups[g];
    const byName = new Map(group.columns.map((c) => [c.meta_data!.path_in_schema[0], c.meta_data!]));
    const groupRows = Number(group.num_rows);
    for (const [k, i] of order.entries()) {
      if (g === 0) between(k);
      const meta = byName.get(names[i]);
      if (!meta) throw new Error(`Parquet row group has no column ${names[i]}`);
      const cursor = new ColumnCursor(source, meta, schema, undefined, scratch);
      let sentDictionary: TextDictionary | undefined;
      for (let done = 0; done < groupRows; ) {
        const n = Math.min(windowRows, groupRows - done);
        if (cursor.plan) {
          const values = new Float64Array(pool.take(8 * n), 0, n);
          const odd = new Map<number, string>();
          await cursor.takeNumbers(values, n, odd);
          await send(g, i, n, { kind: 'numbers', type: cursor.plan.type, values, odd: [...odd] });
        } else {
          const w = new TextWindow(pool, n);
          await cursor.takeRefs(w, n);
          const dictionary = cursor.textDictionary();
          // A new dictionary goes with the first window that refers to it (a ByteDictionary's
          // buffers transferred: this thread keeps only its identity, and never reads it again).
          const fresh = dictionary !== sentDictionary && dictionary ? wireDictionary(dictionary) : undefined;
          await send(g, i, n, w.wire(fresh?.wire), fresh?.transfer);
          sentDictionary = dictionary;
        }
        done += n;
      }
    }
  }
}
