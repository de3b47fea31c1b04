/**
 * A read-only workspace connection whose whole-column reads land in a lane's scratch memory
 * (./scratch.ts) instead of fresh arrays: what the column pool's lanes read their parts through.
 * Each column read here is valid until the lane's next `scratch.reset()`, between jobs.
 *
 * Only the common shapes are read here — whole columns of fixed-width chunks ('f64' values, 'dict'
 * codes) and the cached sorted copy; anything else (row ranges, 'str' chunks of high-cardinality
 * text, a column without a sorted copy) is the Workspace's own read, into fresh memory.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { ColumnInfo } from '../../api/types';
import { isNumericType, type NumericColumn, type TypedColumn } from '../../data/column';
import type { OpenOptions } from '../../workspace/open';
import { Workspace, type DatasetEntry } from '../../workspace/workspace';
import type { Scratch } from './scratch';

type ChunkRows = BetterSqlite3.Statement<[number, number], [number, string, Buffer]>;
type CacheRows = BetterSqlite3.Statement<[number, number], Buffer>;

export class ScratchWorkspace extends Workspace {
  private chunks: ChunkRows | undefined;
  private sortedPieces: CacheRows | undefined;

  constructor(
    path: string,
    options: OpenOptions,
    readonly scratch: Scratch,
  ) {
    super(path, { ...options, readonly: true });
  }

  override readColumnRange(ds: DatasetEntry, column: ColumnInfo, start: number, count: number): TypedColumn {
    const whole = start === 0 && count >= ds.rows ? this.wholeColumn(ds, column) : null;
    return whole ?? super.readColumnRange(ds, column, start, count);
  }

  override readColumnSorted(ds: DatasetEntry, column: ColumnInfo): TypedColumn {
    if (!isNumericType(column.type)) return this.readColumn(ds, column);
    const buffer = this.scratch.take(ds.rows * 8);
    const sorted = this.cachedSortedInto(ds, column, buffer);
    if (!sorted) return super.readColumnSorted(ds, column);
    // As the Workspace's own: the sorted values, missing ones (NaN) last, stand for the column.
    const values = new Float64Array(buffer, 0, ds.rows);
    values.fill(NaN, sorted.length);
    return { name: column.name, kind: 'numeric', type: column.type, values, sortedFinite: sorted };
  }

  override readColumnWithOrder(ds: DatasetEntry, column: ColumnInfo): TypedColumn {
    if (!isNumericType(column.type)) return this.readColumn(ds, column);
    const col = this.readColumn(ds, column) as NumericColumn;
    const sorted = this.cachedSortedInto(ds, column, this.scratch.take(ds.rows * 8));
    return sorted ? { ...col, sortedFinite: sorted } : super.readColumnWithOrder(ds, column);
  }

  /** The whole column from fixed-width chunks into scratch; null when a chunk is not fixed-width. */
  private wholeColumn(ds: DatasetEntry, column: ColumnInfo): TypedColumn | null {
    const numeric = isNumericType(column.type);
    const width = numeric ? 8 : 4;
    const buffer = this.scratch.take(ds.rows * 8);
    const bytes = new Uint8Array(buffer, 0, ds.rows * width);
    let filled = 0;
    this.chunks ??= this.db.prepare(`SELECT chunk_idx, encoding, data FROM chunks WHERE dataset_id = ? AND column_idx = ? ORDER BY chunk_idx`).raw(true) as ChunkRows;
    for (const [chunkIdx, encoding, data] of this.chunks.iterate(ds.id, column.index)) {
      const at = chunkIdx * ds.chunkRows * width;
      if (encoding !== (numeric ? 'f64' : 'dict') || at + data.byteLength > bytes.length) return null;
      bytes.set(data, at);
      filled += data.byteLength;
    }
    if (filled !== bytes.length) return null;
    if (numeric) return { name: column.name, kind: 'numeric', type: column.type as NumericColumn['type'], values: new Float64Array(buffer, 0, ds.rows) };
    return { name: column.name, kind: 'categorical', type: column.type as 'categorical' | 'text', codes: new Int32Array(buffer, 0, ds.rows), dictionary: this.dictionary(ds.id, column.index) };
  }

  /** The cached sorted finite values into `buffer`; undefined when the column has no sorted copy. */
  private cachedSortedInto(ds: DatasetEntry, column: ColumnInfo, buffer: ArrayBuffer): Float64Array | undefined {
    this.sortedPieces ??= this.db.prepare(`SELECT data FROM column_cache WHERE dataset_id = ? AND column_idx = ? AND kind = 'sorted' ORDER BY chunk_idx`).pluck() as CacheRows;
    const bytes = new Uint8Array(buffer);
    let at = 0;
    let pieces = 0;
    for (const data of this.sortedPieces.iterate(ds.id, column.index)) {
      if (at + data.byteLength > bytes.length) return undefined;
      bytes.set(data, at);
      at += data.byteLength;
      pieces++;
    }
    return pieces === 0 ? undefined : new Float64Array(buffer, 0, at / 8);
  }
}
