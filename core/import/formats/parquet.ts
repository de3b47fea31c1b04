import { open } from 'node:fs/promises';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData, type SchemaTree } from 'hyparquet';
import { cancelled } from '../../api/errors';
import { ColumnCursor, newScratch, PageSource, streamable, toText } from './parquet-pages';
import { BufferPool, TextWindow, windowColumn, wireBuffers } from './parquet-wire';
import { parquetWorkerScript, readByWorker } from './parquet-pipeline';
import { windowCell, type ColumnWindow, type ReadContext, type ReadOutcome, type RowSink, type WindowColumn } from './sink';

/**
 * Parquet through hyparquet (pure JavaScript, nothing native to download), decoded a page at a
 * time per column (parquet-pages.ts) and handed on in windows of rows, so memory is bounded by a
 * page per column and a window rather than by the row group (pyarrow writes ~1M-row groups).
 * Columns of numbers, times and booleans are handed on as numbers in windows of columns (no string
 * per cell); strings and rarer types as text, typed like any other file's, so the rules (and
 * widening) are the same. A sink without windows (inspect, join) gets the same rows as text. The provenance records which reader was used.
 */
export async function readParquet(file: string, sink: RowSink, rc: ReadContext, onBytes: (done: number) => void): Promise<ReadOutcome> {
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  const schema = parquetSchema(metadata);
  const names = schema.children.map((c) => c.element.name);
  sink.columns(names);
  const pages = streamable(metadata, schema);
  const read = pages ? await readByPages(file, metadata, schema, names, sink, rc, onBytes) : { rowsRead: await readByWindows(buffer, metadata, names, sink, rc, onBytes), thread: false };
  return {
    rowsRead: read.rowsRead,
    settings: { rowGroups: metadata.row_groups.length, createdBy: metadata.created_by ?? null, reader: pages ? 'pages' : 'rowGroups', decodingThread: read.thread },
  };
}

/**
 * Flat files: a cursor per column chunk. Into a sink that writes column by column (an import
 * without chosen types), each column goes through the row group in turn, so memory is one page of
 * one column; otherwise the cursors move together, a window of rows at a time (a page per column).
 * Column by column, a second thread decodes the pages where one is available (parquet-pipeline.ts).
 */
async function readByPages(
  file: string,
  metadata: FileMetaData,
  schema: SchemaTree,
  names: string[],
  sink: RowSink,
  rc: ReadContext,
  onBytes: (done: number) => void,
): Promise<{ rowsRead: number; thread: boolean }> {
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const source = new PageSource(fh);
    // Buffers reused by every window: numbers for columns with a number plan; text windows'
    // references and bytes from a pool, given back once the sink has taken the window.
    const numbers = names.map(() => new Float64Array(PAGE_WINDOW_ROWS));
    const odd = names.map(() => new Map<number, string>());
    const pool = new BufferPool(4 * PAGE_WINDOW_ROWS);
    const lent: ArrayBuffer[] = [];
    const scratches = names.map(() => newScratch());
    /** The next n values of column i: numbers in its buffer, text as references (the decoding thread's form). */
    const take = async (cursor: ColumnCursor, i: number, n: number): Promise<WindowColumn> => {
      if (cursor.plan) {
        odd[i].clear();
        await cursor.takeNumbers(numbers[i], n, odd[i]);
        return { kind: 'numbers', type: cursor.plan.type, values: numbers[i], odd: odd[i] };
      }
      const w = new TextWindow(pool, n);
      await cursor.takeRefs(w, n);
      const wire = w.wire(undefined);
      lent.push(...wireBuffers(wire));
      return windowColumn(wire, cursor.textDictionary());
    };
    /** The windows taken so far are done with. */
    const giveBack = () => {
      for (const b of lent) pool.give(b);
      lent.length = 0;
    };
    const total = Math.max(1, Number(metadata.num_rows));
    const columnar = sink.columnar?.();
    const progress = (seen: number) => {
      onBytes(Math.round((size * seen) / total));
      rc.progress(seen);
    };
    const script = columnar && names.length ? await parquetWorkerScript(Number(metadata.num_rows)) : undefined;
    if (columnar && script) return { rowsRead: await readByWorker(script, file, metadata, names.length, columnar, rc, progress), thread: true };
    // Column by column, only one cursor decodes at a time: they share one set of page buffers.
    const shared = newScratch(true);
    let rowsRead = 0;
    for (const group of metadata.row_groups) {
      const byName = new Map(group.columns.map((c) => [c.meta_data!.path_in_schema[0], c.meta_data!]));
      const cursor = (i: number) => {
        const meta = byName.get(names[i]);
        if (!meta) throw new Error(`Parquet row group has no column ${names[i]}`);
        return new ColumnCursor(source, meta, schema, undefined, columnar ? shared : scratches[i]);
      };
      const groupRows = Number(group.num_rows);
      if (columnar) {
        // A column at a time through the group: one page in memory, whatever the writer's page size.
        for (let i = 0; i < names.length; i++) {
          const c = cursor(i);
          for (let done = 0; done < groupRows; ) {
            if (rc.ctx.signal.aborted) throw cancelled();
            const n = Math.min(PAGE_WINDOW_ROWS, groupRows - done);
            columnar.add(i, await take(c, i, n), n);
            giveBack();
            done += n;
          }
          progress(rowsRead + Math.round((groupRows * (i + 1)) / names.length));
        }
        columnar.aligned(groupRows);
        rowsRead += groupRows;
        continue;
      }
      const cursors = names.map((_, i) => cursor(i));
      for (let done = 0; done < groupRows; ) {
        if (rc.ctx.signal.aborted) throw cancelled();
        const n = Math.min(PAGE_WINDOW_ROWS, groupRows - done);
        const columns: WindowColumn[] = [];
        for (let i = 0; i < cursors.length; i++) columns.push(await take(cursors[i], i, n));
        const window: ColumnWindow = { rows: n, line: rowsRead + 1, columns };
        if (sink.window) sink.window(window);
        else {
          for (let k = 0; k < n; k++) {
            const row = new Array<string | null>(names.length);
            for (let i = 0; i < names.length; i++) row[i] = windowCell(columns[i], k);
            sink.row(row, rowsRead + k + 1);
          }
        }
        giveBack();
        done += n;
        rowsRead += n;
        onBytes(Math.round((size * rowsRead) / total));
        rc.progress(rowsRead);
      }
    }
    return { rowsRead, thread: false };
  } finally {
    await fh.close();
  }
}

/**
 * Files with a nested column (lists, maps, structs) go through parquetRead, whose assembly of
 * repetition levels needs a whole column chunk: by row group, in windows of rows decoded from the
 * group's compressed bytes, fetched once and shared by the windows. Memory grows with the group.
 */
async function readByWindows(
  buffer: AsyncBuffer,
  metadata: FileMetaData,
  names: string[],
  sink: RowSink,
  rc: ReadContext,
  onBytes: (done: number) => void,
): Promise<number> {
  const cached = rowGroupCache(buffer);
  let rowStart = 0;
  let rowsRead = 0;
  for (const group of metadata.row_groups) {
    const groupEnd = rowStart + Number(group.num_rows);
    for (let from = rowStart; from < groupEnd; from += WINDOW_ROWS) {
      if (rc.ctx.signal.aborted) throw cancelled();
      const to = Math.min(groupEnd, from + WINDOW_ROWS);
      let rows: unknown[][] = [];
      await parquetRead({ file: cached, metadata, rowStart: from, rowEnd: to, onComplete: (r: unknown[][]) => (rows = r) });
      for (let k = 0; k < rows.length; k++) {
        const r = rows[k];
        const cells = new Array<string | null>(names.length);
        for (let i = 0; i < names.length; i++) cells[i] = toText(r[i]);
        sink.row(cells, from + k + 1);
      }
      rowsRead += rows.length;
      onBytes(Math.round((buffer.byteLength * to) / Math.max(1, Number(metadata.num_rows))));
      rc.progress(rowsRead);
    }
    cached.clear();
    rowStart = groupEnd;
  }
  return rowsRead;
}

const WINDOW_ROWS = 65_536;
/**
 * Rows taken from the page cursors at a time. Small, so a window's values die young instead of
 * being promoted and left for a full GC (65,536 rows cost ~100 MB more peak RSS on 27 columns).
 */
const PAGE_WINDOW_ROWS = 8192;

/** Byte ranges fetched for the current row group, reused by each of its windows. */
function rowGroupCache(file: AsyncBuffer): AsyncBuffer & { clear(): void } {
  const cache = new Map<string, Promise<ArrayBuffer>>();
  return {
    byteLength: file.byteLength,
    slice(start: number, end?: number) {
      const key = `${start}:${end}`;
      let hit = cache.get(key);
      if (!hit) {
        hit = Promise.resolve(file.slice(start, end));
        cache.set(key, hit);
      }
      return hit;
    },
    clear: () => cache.clear(),
  };
}
