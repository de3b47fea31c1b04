import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer } from 'hyparquet';
import { cancelled } from '../../api/errors';
import type { ReadContext, ReadOutcome, RowSink } from './sink';

/**
 * Parquet through hyparquet (pure JavaScript, nothing native to download), one row group at a
 * time, and large groups in windows of rows, so memory is bounded by a window rather than by the
 * file. Values are handed on as text in their canonical form and typed like any other file, so
 * the rules (and widening) are the same.
 */
export async function readParquet(file: string, sink: RowSink, rc: ReadContext, onBytes: (done: number) => void): Promise<ReadOutcome> {
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  sink.columns(names);
  // A row group can hold a million rows or more: decode it in windows so only one window's values
  // are ever in memory; its compressed bytes are fetched once and shared by the windows.
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
  return { rowsRead, settings: { rowGroups: metadata.row_groups.length, createdBy: metadata.created_by ?? null } };
}

const WINDOW_ROWS = 65_536;

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

function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return Number.isNaN(v) ? null : String(v);
    case 'bigint':
    case 'boolean':
      return String(v);
    default:
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
      if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
      return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  }
}
