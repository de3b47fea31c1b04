/**
 * A dataset of the workspace as its stored chunks, one after another (core/data/row-chunks.ts),
 * for analyses that work through rows piece by piece (A/B's sums per cell). Each column read has
 * one chunk-sized buffer, reused by every chunk and every pass (Workspace.readChunkInto): a pass
 * over 2M rows touches a few MB, where whole columns touched 8–16 MB each — and on our VMs the
 * first touch of fresh memory (~11 µs per 4 KB page) and its collection were most of a run.
 *
 * The segment filter is row by row, so it is evaluated on each chunk's own rows (its columns read
 * into their own buffers when the analysis does not ask for them) and the kept rows moved to the
 * front of the chunk: the rows a pass yields are exactly those whole-column loading would keep.
 */
import { requireData } from '../analyses/data-checks';
import { compileFilter } from '../analyses/filter';
import type { ColumnInfo, Progress } from '../api/types';
import { isNumericType, type CategoricalColumn, type NumericColumn, type TypedColumn } from '../data/column';
import type { ChunkStream, RowChunk } from '../data/row-chunks';
import type { Workspace } from '../workspace/workspace';
import { loadColumns } from './load-columns';
import { ReadAhead, type ReadAheadPost } from './pool/read-ahead';

/**
 * Chunks of `slot`'s dataset `name` under `where`; `phase` labels the progress of a whole-column read.
 * `readAhead`: a column-pool thread reads each pass's chunks ahead of this thread (./pool/read-ahead.ts);
 * the rows, and so the results, are the same.
 */
export function chunkStream(ws: Workspace, slot: string, name: string, where: string | null | undefined, phase: string, readAhead?: ReadAheadPost | null): ChunkStream {
  const ds = ws.dataset(name);
  const infos = ws.columns(ds.id);
  const infoOf = (n: string): ColumnInfo | undefined => infos.find((c) => c.name === n);
  const filter = where ? compileFilter(where, infos, `Dataset "${ds.name}"`) : null;
  const buffers = new Map<string, Float64Array | Int32Array>();
  const bufferOf = (c: ColumnInfo): Float64Array | Int32Array => {
    let b = buffers.get(c.name);
    if (!b) buffers.set(c.name, (b = isNumericType(c.type) ? new Float64Array(ds.chunkRows) : new Int32Array(ds.chunkRows)));
    return b;
  };
  const view = (c: ColumnInfo, values: Float64Array | Int32Array, rows: number): TypedColumn =>
    isNumericType(c.type)
      ? { name: c.name, kind: 'numeric', type: c.type as NumericColumn['type'], values: (values as Float64Array).subarray(0, rows) }
      : { name: c.name, kind: 'categorical', type: c.type as CategoricalColumn['type'], codes: (values as Int32Array).subarray(0, rows), dictionary: ws.dictionary(ds.id, c.index) };
  const need = (n: string): ColumnInfo => {
    const c = infoOf(n);
    if (!c) throw new Error(`dataset "${ds.name}" has no column ${JSON.stringify(n)}`);
    return c;
  };

  function* pass(names: readonly string[]): Generator<RowChunk> {
    const asked = names.map(need);
    const read = [...new Set([...asked, ...(filter ? filter.columns.map(need) : [])])];
    const own = [...new Set(asked)];
    const chunks = Math.ceil(ds.rows / ds.chunkRows);
    const ahead = readAhead && chunks > 1 && read.length > 0 ? new ReadAhead(ws, ds, read, chunks, readAhead) : null;
    // This chunk's buffer of each column read: this stream's own, or the read-ahead slot's.
    const current = new Map<string, Float64Array | Int32Array>();
    const bufferNow = (c: ColumnInfo): Float64Array | Int32Array => (ahead ? (current.get(c.name) as Float64Array | Int32Array) : bufferOf(c));
    const check = (got: number, want: number, k: number, c: ColumnInfo): void => {
      if (got !== want) throw new Error(`chunk ${k} of column ${JSON.stringify(c.name)} in "${ds.name}" holds ${got < 0 ? 'text without codes' : `${got} rows`}, not ${want}`);
    };
    try {
      let offset = 0;
      for (let k = 0, start = 0; start < ds.rows; k++, start += ds.chunkRows) {
        const want = Math.min(ds.chunkRows, ds.rows - start);
        if (ahead) {
          // The chunk before is done with (its consumer asked for this one): its slot may be read into again.
          if (k > 0) ahead.release(k - 1);
          const got = ahead.chunk(k);
          read.forEach((c, j) => {
            check(got.rows[j], want, k, c);
            current.set(c.name, got.buffers[j]);
          });
        } else for (const c of read) check(ws.readChunkInto(ds, c, k, bufferOf(c)), want, k, c);
        let rows = want;
        if (filter) {
          const mask = filter.evaluate((n) => view(need(n), bufferNow(need(n)), want), want);
          for (const c of own) {
            const b = bufferNow(c);
            let j = 0;
            for (let i = 0; i < want; i++) if (mask[i]) b[j++] = b[i];
            rows = j;
          }
          if (own.length === 0) rows = mask.reduce((n, m) => n + m, 0);
          if (rows === 0) continue;
        }
        yield { offset, rows, columns: asked.map((c) => view(c, bufferNow(c), rows)) };
        offset += rows;
      }
      // As whole-column loading: a filter that keeps no row is NO_DATA, not an empty analysis.
      if (filter && offset === 0) requireData([{ as: slot, dataset: ds.name, rows: 0 }], where as string);
    } finally {
      ahead?.close();
    }
  }

  return {
    maxRows: ds.rows,
    describe: (n) => {
      const c = infoOf(n);
      return c && view(c, isNumericType(c.type) ? new Float64Array(0) : new Int32Array(0), 0);
    },
    // 'text' columns may hold 'str' chunks, whose codes exist only per read (no stored dictionary).
    canStream: (names) => [...names, ...(filter?.columns ?? [])].every((n) => infoOf(n)?.type !== 'text'),
    pass,
    *whole(names): Generator<Progress, TypedColumn[]> {
      const loaded = yield* loadColumns(ws, { datasets: { [slot]: name }, columns: { [slot]: names }, where, order: 'rows-only', phase });
      const cols = loaded[slot];
      if (where) requireData([{ as: slot, dataset: ds.name, rows: cols.length ? (cols[0].kind === 'numeric' ? cols[0].values.length : cols[0].codes.length) : ds.rows }], where);
      return cols;
    },
  };
}
