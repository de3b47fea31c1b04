import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { cancelled } from '../../api/errors';
import type { ReadContext, ReadOutcome, RowSink } from './sink';

/**
 * Parquet through hyparquet (pure JavaScript, nothing native to download), one row group at a
 * time so memory stays bounded by the largest row group. Values are handed on as text in their
 * canonical form and typed like any other file, so the rules (and widening) are the same.
 */
export async function readParquet(file: string, sink: RowSink, rc: ReadContext, onBytes: (done: number) => void): Promise<ReadOutcome> {
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  sink.columns(names);
  let rowStart = 0;
  let rowsRead = 0;
  for (const group of metadata.row_groups) {
    if (rc.ctx.signal.aborted) throw cancelled();
    const rowEnd = rowStart + Number(group.num_rows);
    let rows: unknown[][] = [];
    await parquetRead({ file: buffer, metadata, rowStart, rowEnd, onComplete: (r: unknown[][]) => (rows = r) });
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k];
      const cells = new Array<string | null>(names.length);
      for (let i = 0; i < names.length; i++) cells[i] = toText(r[i]);
      sink.row(cells, rowStart + k + 1);
    }
    rowsRead += rows.length;
    rowStart = rowEnd;
    onBytes(Math.round((buffer.byteLength * rowStart) / Math.max(1, Number(metadata.num_rows))));
    rc.progress(rowsRead);
  }
  return { rowsRead, settings: { rowGroups: metadata.row_groups.length, createdBy: metadata.created_by ?? null } };
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
