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
import { BufferPool, columnOrder, TextWindow, wireBuffers, wireDictionary, type FromWorker, type WireColumn, type WorkerInput } from './parquet-wire';
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
  // Started by the CLI's entry for this file: read its metadata and touch the page buffers
  // while the import's thread loads its code (this thread would wait anyway).
  const ready = early?.prestartedFor ? prepare(early.prestartedFor) : undefined;
  port.once('message', (m: { input: WorkerInput }) => start(m.input, ready));
}

/** What a prestarted thread made ready for its file: the metadata and a page source whose buffers are touched. */
interface Prepared {
  readonly file: string;
  readonly metadata: FileMetaData;
  readonly fd: number;
  readonly source: PageSource;
}

/**
 * Reads the file's metadata and the header of each column's first data page in the first row
 * group, then grows and touches the page buffer and the wasm snappy memory to the largest of
 * them: a DuckDB file has one page per column chunk (20 MB for 1M rows of ids), whose first
 * touch costs ~11 µs per 4 KB here. Undefined on any error: the import reads as it would have.
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
    if (read + snappy <= MAX_RESERVE) {
      source.reserve(read);
      reserveSnappy(compressed, snappy - compressed);
    }
    return { file, metadata, fd, source };
  } catch {
    if (fd !== undefined) closeSync(fd);
    return undefined;
  }
}

/** Page headers are read with this many bytes (the cursor reads more when one is longer; here it is only a guess). */
const PEEK = 8192;
/** Touched ahead at most (a file with larger pages grows its buffers as it reads). */
const MAX_RESERVE = 128 * 1024 * 1024;

function start(input: WorkerInput, ready?: Promise<Prepared | undefined>): void {
  run(input, ready).then(
    () => port.postMessage({ type: 'end' } satisfies FromWorker),
    (e: unknown) => port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies FromWorker),
  ).finally(() => input.returns.close());
}

async function run(input: WorkerInput, ready?: Promise<Prepared | undefined>): Promise<void> {
  const prepared = await ready;
  const mine = prepared && path.resolve(input.file) === prepared.file ? prepared : undefined;
  if (prepared && !mine) closeSync(prepared.fd);
  const metadata = mine ? mine.metadata : await parquetMetadataAsync(await asyncBufferFromFile(input.file));
  const schema = parquetSchema(metadata);
  const names = schema.children.map((c) => c.element.name);
  const order = columnOrder(schema.children.map((c) => c.element.type));
  const pool = new BufferPool(8 * input.windowRows);
  let unanswered = 0;
  const handBack = () => {
    for (let m = receiveMessageOnPort(input.returns); m; m = receiveMessageOnPort(input.returns)) {
      for (const b of m.message as ArrayBuffer[]) {
        unanswered -= b.byteLength;
        pool.give(b);
      }
    }
  };
  /** Sends a window once few enough bytes are unanswered: the import's thread sets the pace. */
  const send = (group: number, column: number, rows: number, values: WireColumn, also: ArrayBuffer[] = []) => {
    for (;;) {
      const seen = Atomics.load(input.flow, 0);
      handBack();
      if (unanswered <= input.aheadBytes) break;
      Atomics.wait(input.flow, 0, seen, 1000);
    }
    const buffers = wireBuffers(values);
    // Counted before they go: a transferred buffer is left here detached, of length 0.
    for (const b of buffers) unanswered += b.byteLength;
    port.postMessage({ type: 'window', group, column, rows, values } satisfies FromWorker, also.length ? [...buffers, ...also] : buffers);
  };
  const fd = mine ? mine.fd : openSync(input.file, 'r');
  try {
    const source = mine ? mine.source : new PageSource(fd);
    // One column decodes at a time: the cursors share one set of page buffers.
    const scratch = newScratch(true);
    for (let g = 0; g < metadata.row_groups.length; g++) {
      const group = metadata.row_groups[g];
      const byName = new Map(group.columns.map((c) => [c.meta_data!.path_in_schema[0], c.meta_data!]));
      const groupRows = Number(group.num_rows);
      for (const i of order) {
        const meta = byName.get(names[i]);
        if (!meta) throw new Error(`Parquet row group has no column ${names[i]}`);
        const cursor = new ColumnCursor(source, meta, schema, undefined, scratch);
        let sentDictionary: TextDictionary | undefined;
        for (let done = 0; done < groupRows; ) {
          const n = Math.min(input.windowRows, groupRows - done);
          if (cursor.plan) {
            const values = new Float64Array(pool.take(8 * n), 0, n);
            const odd = new Map<number, string>();
            await cursor.takeNumbers(values, n, odd);
            send(g, i, n, { kind: 'numbers', type: cursor.plan.type, values, odd: [...odd] });
          } else {
            const w = new TextWindow(pool, n);
            await cursor.takeRefs(w, n);
            const dictionary = cursor.textDictionary();
            // A new dictionary goes with the first window that refers to it (a ByteDictionary's
            // buffers transferred: this thread keeps only its identity, and never reads it again).
            const fresh = dictionary !== sentDictionary && dictionary ? wireDictionary(dictionary) : undefined;
            send(g, i, n, w.wire(fresh?.wire), fresh?.transfer);
            sentDictionary = dictionary;
          }
          done += n;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}
