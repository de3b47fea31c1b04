import type BetterSqlite3 from 'better-sqlite3';
import type { ColumnInfo, DatasetSummary, ImportRecord } from '../api/types';
import { PlumblineError } from '../api/errors';
import type { ColumnRole, ColumnType, NumericColumn, TypedColumn } from '../data/column';
import { isNumericType } from '../data/column';
import { chunkLength, decodeStrings, encodeF64, unpackCodesInto, unpackNumbersInto, type ChunkEncoding } from './chunks';
import { sortFloat64 } from '../stats/sort';
import { openDatabase, type Db, type OpenOptions } from './open';
import { releaseBuffer } from './release-buffer';
import { SCHEMA_VERSION } from './migrations';
import { VISIBLE } from './pending-datasets';

/** [chunk_idx, encoding, data] rows of one column's chunks in a chunk range. */
type ChunkQuery = BetterSqlite3.Statement<[number, number, number, number], [number, ChunkEncoding, Buffer]>;

interface DatasetRow {
  id: number;
  name: string;
  row_count: number;
  chunk_rows: number;
  created_at: string;
  n_columns: number;
}

/** Values of the buffer `sortIntoCache` keeps between calls: a 1M-row column. */
const SORT_BUFFER_KEEP = 1 << 20;

/** A dataset as the catalog knows it, with its internal id. */
export interface DatasetEntry extends DatasetSummary {
  readonly chunkRows: number;
}

/**
 * One workspace file: the catalog of datasets, their columnar data, provenance and audit log.
 * Everything here is synchronous SQLite; callers run it off the UI thread (the engine worker).
 */
export class Workspace {
  readonly db: Db;
  private readonly dictionaryCache = new Map<string, readonly string[]>();
  private chunkStatement: ChunkQuery | undefined;
  private sortMemory: Float64Array | undefined;

  constructor(
    readonly path: string,
    readonly openOptions: OpenOptions = {},
  ) {
    this.db = openDatabase(path, openOptions);
  }

  close(): void {
    this.db.close();
  }

  get schemaVersion(): number {
    return SCHEMA_VERSION;
  }

  listDatasets(): DatasetEntry[] {
    const rows = this.db
      .prepare(
        `SELECT d.*, (SELECT COUNT(*) FROM columns c WHERE c.dataset_id = d.id) AS n_columns
         FROM datasets d WHERE ${VISIBLE} ORDER BY d.created_at DESC, d.id DESC`,
      )
      .all() as DatasetRow[];
    return rows.map(toEntry);
  }

  findDataset(name: string): DatasetEntry | undefined {
    const row = this.db
      .prepare(
        `SELECT d.*, (SELECT COUNT(*) FROM columns c WHERE c.dataset_id = d.id) AS n_columns
         FROM datasets d WHERE d.name = ? AND ${VISIBLE}`,
      )
      .get(name) as DatasetRow | undefined;
    return row && toEntry(row);
  }

  /** Whether a dataset row holds `name`, visible or still being imported (a default name must avoid both). */
  nameTaken(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM datasets WHERE name = ?').get(name) !== undefined;
  }

  /** Looks a dataset up by name, with a message that says what exists when it does not. */
  dataset(name: string): DatasetEntry {
    const found = this.findDataset(name);
    if (found) return found;
    const names = this.listDatasets().map((d) => d.name);
    const hint = names.length
      ? `Datasets in this workspace: ${names.slice(0, 10).map((n) => JSON.stringify(n)).join(', ')}${names.length > 10 ? ', …' : ''}.`
      : 'This workspace has no datasets yet: import a file first.';
    throw new PlumblineError('NOT_FOUND', `No dataset named ${JSON.stringify(name)}. ${hint}`);
  }

  columns(datasetId: number): ColumnInfo[] {
    const rows = this.db
      .prepare(
        `SELECT idx, name, type, role, null_count, widened_count FROM columns WHERE dataset_id = ? ORDER BY idx`,
      )
      .all(datasetId) as { idx: number; name: string; type: ColumnType; role: ColumnRole; null_count: number; widened_count: number }[];
    return rows.map((r) => ({
      index: r.idx,
      name: r.name,
      type: r.type,
      role: r.role,
      nullCount: r.null_count,
      widenedCount: r.widened_count,
    }));
  }

  imports(datasetId: number): ImportRecord[] {
    const rows = this.db.prepare(`SELECT * FROM imports WHERE dataset_id = ? ORDER BY id`).all(datasetId) as Record<
      string,
      unknown
    >[];
    return rows.map((r) => ({
      id: r.id as number,
      kind: r.kind as ImportRecord['kind'],
      sourcePath: r.source_path as string,
      sizeBytes: r.size_bytes as number,
      sha256: r.sha256 as string,
      modifiedAt: (r.modified_at as string | null) ?? null,
      format: r.format as string,
      parserSettings: JSON.parse(r.parser_settings as string) as Record<string, unknown>,
      rowsRead: r.rows_read as number,
      rowsAccepted: r.rows_accepted as number,
      rowsRejected: r.rows_rejected as number,
      startedAt: r.started_at as string,
      finishedAt: r.finished_at as string,
      seconds: r.seconds as number,
    }));
  }

  /** Reads one whole column as a typed column. */
  readColumn(ds: DatasetEntry, column: ColumnInfo): TypedColumn {
    return this.readColumnRange(ds, column, 0, ds.rows);
  }

  /**
   * Reads a whole column and, for numeric ones, its sorted finite values — from the cache when an
   * earlier analysis stored them, else sorted now and stored for the next one. Sorting is most of
   * the cost of drift on large columns; the data never changes under a cache (see migration 2).
   */
  readColumnWithOrder(ds: DatasetEntry, column: ColumnInfo): TypedColumn {
    const col = this.readColumn(ds, column);
    if (col.kind !== 'numeric') return col;
    return { ...col, sortedFinite: this.cachedSorted(ds, column) ?? this.storeSorted(ds, column, col.values) };
  }

  /**
   * The column's values in ascending order, missing values last — for analyses whose answer does
   * not depend on row order (whole-dataset drift without chunking or filters). From the cache this
   * skips reading the row-ordered chunks entirely.
   */
  readColumnSorted(ds: DatasetEntry, column: ColumnInfo): TypedColumn {
    if (!isNumericType(column.type)) return this.readColumn(ds, column);
    const cached = this.cachedSorted(ds, column, ds.rows);
    if (!cached) return this.readColumnWithOrder(ds, column);
    // The cache was read into room for every row: the missing values (NaN) go after the sorted ones.
    const values = new Float64Array(cached.buffer, cached.byteOffset, ds.rows);
    values.fill(NaN, cached.length);
    return { name: column.name, kind: 'numeric', type: column.type as NumericColumn['type'], values, sortedFinite: cached };
  }

  /** Numeric columns of a dataset whose sorted values are not in the cache yet. */
  columnsWithoutSortedCache(ds: DatasetEntry): ColumnInfo[] {
    const cached = new Set(
      (this.db.prepare(`SELECT DISTINCT column_idx FROM column_cache WHERE dataset_id = ? AND kind = 'sorted'`).all(ds.id) as { column_idx: number }[]).map((r) => r.column_idx),
    );
    return this.columns(ds.id).filter((c) => isNumericType(c.type) && !cached.has(c.index));
  }

  /** Sorted finite values from the cache, in a buffer of `capacity` values; undefined when not cached. */
  private cachedSorted(ds: DatasetEntry, column: ColumnInfo, capacity?: number): Float64Array | undefined {
    // The size first (length() reads no BLOB), then one piece at a time: the read holds the values
    // once, not every piece's Buffer beside them.
    const { pieces, bytes } = this.db
      .prepare(`SELECT COUNT(*) AS pieces, COALESCE(SUM(length(data)), 0) AS bytes FROM column_cache WHERE dataset_id = ? AND column_idx = ? AND kind = 'sorted'`)
      .get(ds.id, column.index) as { pieces: number; bytes: number };
    if (pieces === 0) return undefined;
    const total = bytes / 8;
    const length = Math.max(total, capacity ?? 0);
    const buffer = new Float64Array(this.columnMemory(length * 8), 0, length);
    const into = new Uint8Array(buffer.buffer, 0, length * 8);
    let at = 0;
    const rows = this.db
      .prepare(`SELECT data FROM column_cache WHERE dataset_id = ? AND column_idx = ? AND kind = 'sorted' ORDER BY chunk_idx`)
      .pluck()
      .iterate(ds.id, column.index) as IterableIterator<Buffer>;
    for (const data of rows) {
      into.set(data, at);
      at += data.byteLength;
      releaseBuffer(data);
    }
    return buffer.subarray(0, total);
  }

  private storeSorted(ds: DatasetEntry, column: ColumnInfo, values: Float64Array): Float64Array {
    const sorted = sortedFinite(values);
    if (!this.openOptions.readonly) this.writeSorted(ds, column, sorted);
    return sorted;
  }

  private writeSorted(ds: DatasetEntry, column: ColumnInfo, sorted: Float64Array): void {
    const insert = this.db.prepare(`INSERT OR REPLACE INTO column_cache (dataset_id, column_idx, kind, chunk_idx, data) VALUES (?, ?, 'sorted', ?, ?)`);
    this.db.transaction(() => {
      // An empty column still gets one (empty) chunk, so "cached" and "not cached" stay distinct.
      for (let i = 0, k = 0; i < Math.max(1, sorted.length); i += ds.chunkRows, k++) {
        insert.run(ds.id, column.index, k, encodeF64(sorted.subarray(i, i + ds.chunkRows)));
      }
    })();
  }

  /**
   * Sorts one numeric column's finite values into the sorted-values cache and keeps nothing: what
   * filling the cache after an import needs (readColumnWithOrder returns the values and the sorted
   * copy, so both are fresh arrays). Here the column is read into one buffer this connection
   * keeps, and its finite values are moved to the front and sorted in place: first touches of
   * fresh memory (two 8 MB arrays per 1M-row column) were a third of the sort's cost on our VMs.
   * Returns the number of values cached; a column already cached is left as it is.
   */
  sortIntoCache(ds: DatasetEntry, column: ColumnInfo): number {
    if (!isNumericType(column.type)) throw new PlumblineError('BAD_REQUEST', `column ${JSON.stringify(column.name)} is not numeric`);
    if (this.openOptions.readonly) throw new PlumblineError('BAD_REQUEST', 'a read-only workspace cannot store sorted values');
    const cached = this.db
      .prepare(`SELECT COUNT(*) AS pieces, COALESCE(SUM(length(data)), 0) AS bytes FROM column_cache WHERE dataset_id = ? AND column_idx = ? AND kind = 'sorted'`)
      .get(ds.id, column.index) as { pieces: number; bytes: number };
    if (cached.pieces > 0) return cached.bytes / 8;
    const values = this.sortBuffer(ds.rows);
    // Chunk by chunk into the kept buffer, through the one copy of a chunk's bytes streaming uses.
    let copied = 0;
    for (let k = 0, start = 0; start < ds.rows; k++, start += ds.chunkRows) {
      const got = this.readChunkInto(ds, column, k, values.subarray(start));
      if (got < 0) throw new Error(`column ${JSON.stringify(column.name)}: a numeric column with a text chunk`);
      copied += got;
    }
    // The buffer is reused: every row must have come from this column's chunks.
    if (copied !== ds.rows) throw new Error(`column ${JSON.stringify(column.name)}: chunks hold ${copied} values, the dataset ${ds.rows} rows`);
    let n = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (Number.isFinite(v)) values[n++] = v;
    }
    const sorted = sortFloat64(values.subarray(0, n));
    this.writeSorted(ds, column, sorted);
    return n;
  }

  /** Room for `length` values, reused from call to call up to 1M values (8 MB kept per connection). */
  private sortBuffer(length: number): Float64Array {
    if (this.sortMemory && this.sortMemory.length >= length) return this.sortMemory.subarray(0, length);
    const fresh = new Float64Array(length);
    if (length <= SORT_BUFFER_KEEP) this.sortMemory = fresh;
    return fresh;
  }

  /**
   * Memory for a column read: fresh here. The column pool's lanes override it to hand out reused
   * buffers (core/engine/pool/scratch-workspace.ts), because first touches of fresh memory are most
   * of a read's cost on our VMs.
   */
  protected columnMemory(bytes: number): ArrayBuffer {
    return new ArrayBuffer(bytes);
  }

  /** Reads rows [start, start+count) of one column, touching only the chunks that hold them. */
  readColumnRange(ds: DatasetEntry, column: ColumnInfo, start: number, count: number): TypedColumn {
    const end = Math.min(ds.rows, start + count);
    const n = Math.max(0, end - start);
    const firstChunk = Math.floor(start / ds.chunkRows);
    const lastChunk = n === 0 ? firstChunk - 1 : Math.floor((end - 1) / ds.chunkRows);
    const numeric = isNumericType(column.type);
    const out = numeric ? new Float64Array(this.columnMemory(n * 8), 0, n) : new Int32Array(this.columnMemory(n * 4), 0, n);
    // 'str' chunks (high-cardinality text) carry no codes: a dictionary is built while reading.
    let dictionary = numeric ? [] : this.dictionary(ds.id, column.index);
    let extra: StringCoder | undefined;
    // One chunk at a time (not .all()), each BLOB's Buffer released as soon as it is copied: a
    // column read holds the column plus one chunk, and the next chunk's Buffer reuses the memory
    // instead of touching fresh pages (release-buffer.ts).
    for (const [chunkIdx, encoding, data] of this.chunkReader().iterate(ds.id, column.index, firstChunk, lastChunk)) {
      const chunkStart = chunkIdx * ds.chunkRows;
      if (encoding === 'str') {
        extra ??= new StringCoder(dictionary);
        const values = extra.codes(decodeStrings(data));
        const from = Math.max(start, chunkStart) - chunkStart;
        const to = Math.min(end, chunkStart + values.length) - chunkStart;
        (out as Int32Array).set(values.subarray(from, to), chunkStart + from - start);
        releaseBuffer(data);
        continue;
      }
      // Straight into place: one copy for 'f64' and 'dict' chunks (no intermediate array), one
      // native conversion for the narrow ones.
      const from = Math.max(start, chunkStart) - chunkStart;
      const to = Math.min(end, chunkStart + chunkLength(encoding, data)) - chunkStart;
      if (numeric) unpackNumbersInto(encoding, data, out as Float64Array, chunkStart + from - start, from, to);
      else unpackCodesInto(encoding, data, out as Int32Array, chunkStart + from - start, from, to);
      releaseBuffer(data);
    }
    if (extra) dictionary = extra.dictionary;
    if (isNumericType(column.type)) {
      return { name: column.name, kind: 'numeric', type: column.type, values: out as Float64Array };
    }
    return {
      name: column.name,
      kind: 'categorical',
      type: column.type as 'categorical' | 'text',
      codes: out as Int32Array,
      dictionary,
    };
  }

  /**
   * Copies chunk `chunkIdx` of a column into `into` from index 0 and returns its row count (0: no
   * such chunk) — the primitive of streaming reads (core/engine/chunk-stream.ts), which reuse
   * `into` chunk after chunk, so a pass over a column touches one chunk's memory, not the column's.
   * `into` holds chunkRows values (Float64Array for numeric columns, Int32Array codes into the
   * stored dictionary otherwise). A 'str' chunk (a 'text' column past its dictionary) has no codes
   * to copy: -1, and such columns are read whole (readColumn).
   */
  readChunkInto(ds: DatasetEntry, column: ColumnInfo, chunkIdx: number, into: Float64Array | Int32Array): number {
    const row = this.chunkReader().get(ds.id, column.index, chunkIdx, chunkIdx);
    if (!row) return 0;
    const [, encoding, data] = row;
    if (encoding === 'str') {
      releaseBuffer(data);
      return -1;
    }
    const rows = chunkLength(encoding, data);
    if (into instanceof Float64Array) unpackNumbersInto(encoding, data, into, 0, 0, rows);
    else unpackCodesInto(encoding, data, into, 0, 0, rows);
    releaseBuffer(data);
    return rows;
  }

  /** The chunk query of column reads, prepared once per connection; rows come as [chunk_idx, encoding, data]. */
  private chunkReader(): ChunkQuery {
    return (this.chunkStatement ??= this.db
      .prepare(`SELECT chunk_idx, encoding, data FROM chunks WHERE dataset_id = ? AND column_idx = ? AND chunk_idx BETWEEN ? AND ? ORDER BY chunk_idx`)
      .raw(true) as ChunkQuery);
  }

  /** Dictionaries are immutable once a dataset is written, except by append, which clears the cache. */
  dictionary(datasetId: number, columnIdx: number): readonly string[] {
    const key = `${datasetId}:${columnIdx}`;
    let dict = this.dictionaryCache.get(key);
    if (!dict) {
      const row = this.db
        .prepare(`SELECT dictionary FROM columns WHERE dataset_id = ? AND idx = ?`)
        .get(datasetId, columnIdx) as { dictionary: string | null } | undefined;
      dict = row?.dictionary ? (JSON.parse(row.dictionary) as string[]) : [];
      this.dictionaryCache.set(key, dict);
    }
    return dict;
  }

  forgetCaches(): void {
    this.dictionaryCache.clear();
  }

  deleteDataset(name: string): void {
    const ds = this.dataset(name);
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM datasets WHERE id = ?`).run(ds.id);
      this.audit('delete-dataset', name, { rows: ds.rows, columns: ds.columns });
    })();
    this.forgetCaches();
  }

  getSetting(key: string): unknown {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as unknown) : null;
  }

  setSetting(key: string, value: unknown): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  }

  audit(action: string, subject: string | null, details: unknown): void {
    this.db
      .prepare(`INSERT INTO audit_log (at, action, subject, details) VALUES (?, ?, ?, ?)`)
      .run(new Date().toISOString(), action, subject, JSON.stringify(details ?? {}));
  }
}

function toEntry(r: DatasetRow): DatasetEntry {
  return {
    id: r.id,
    name: r.name,
    rows: r.row_count,
    columns: r.n_columns,
    importedAt: r.created_at,
    chunkRows: r.chunk_rows,
  };
}

/** Extends a stored dictionary with the values of 'str' chunks, without touching the cached one. */
class StringCoder {
  readonly dictionary: string[];
  private readonly codeOf = new Map<string, number>();

  constructor(base: readonly string[]) {
    this.dictionary = base.slice();
    base.forEach((s, i) => this.codeOf.set(s, i));
  }

  codes(cells: readonly (string | null)[]): Int32Array {
    const out = new Int32Array(cells.length);
    for (let i = 0; i < cells.length; i++) {
      const s = cells[i];
      if (s === null) {
        out[i] = -1;
        continue;
      }
      let c = this.codeOf.get(s);
      if (c === undefined) {
        c = this.dictionary.length;
        this.dictionary.push(s);
        this.codeOf.set(s, c);
      }
      out[i] = c;
    }
    return out;
  }
}

/** The finite values in ascending order (NaN is missing; import never stores ±Infinity, but a cache must not trust that). */
function sortedFinite(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) n++;
  const out = new Float64Array(n);
  for (let i = 0, j = 0; i < values.length; i++) if (Number.isFinite(values[i])) out[j++] = values[i];
  return sortFloat64(out);
}
