import type { ColumnInfo } from '../api/types';
import type { Db } from '../workspace/open';
import { openDatabase, type OpenOptions } from '../workspace/open';
import { ChunkPacker, decodeStrings, isNumberEncoding, NUMBER_ENCODINGS_SQL, unpackCodes, unpackNumbers } from '../workspace/chunks';
import { ctl, guide } from '../api/controls';
import { PlumblineError } from '../api/errors';
import type { ImportProblem } from '../api/types';
import type { ColumnRole, ColumnType } from '../data/column';
import { ColumnBuilder, packChunk, DICTIONARY_LIMIT, nullTokens, numbersToCells, type EncodedChunk, type NullTokens } from './column-builder';
import { EPOCH_PER_VALUE, finalTextType } from './infer';
import { guessRole, ID_DISTINCT_SHARE, idByName, type ValueProfile } from './roles';
import { ChunkStats } from './chunk-stats';
import { personalKind, type PersonalKind } from './personal-data';
import { windowCell, type ColumnarSink, type ColumnWindow, type FieldBatch, type FieldRow } from './formats/sink';
import { tuneImportConnection } from './tuning';
import { WalFlusher } from './wal-flush';
import { PieceCommits, type ChunkRow } from './commit-pieces';
import { pendingOwner } from '../workspace/pending-datasets';

export const CHUNK_ROWS = 65_536;
/** Pending cells held in memory before a flush: keeps wide files (5,000 columns) within budget. */
const PENDING_CELLS = 4_000_000;

/** What the import knew about the source, recorded once per import. */
export interface Provenance {
  readonly sourcePath: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly modifiedAt: string | null;
  readonly format: string;
  readonly parserSettings: Record<string, unknown>;
  readonly rowsRead: number;
  readonly rowsRejected: number;
  readonly startedAt: string;
  /** With --on-error skip: the first problems and rejected lines, kept in the audit log. */
  readonly problems?: readonly ImportProblem[];
  readonly rejectedSamples?: readonly string[];
}

/** A column as written: exactly what the catalog reports for it. */
export type WrittenColumn = ColumnInfo;

export interface WriterTarget {
  readonly workspacePath: string;
  readonly openOptions: OpenOptions;
  readonly nullTokens: readonly string[];
  /** Tests shrink the database's page limit to provoke a full disk. */
  readonly maxPageCount?: number;
  /** Bytes of chunks per committed piece of a new dataset, and held at most between pieces (tests make them small; tuning.ts). */
  readonly pieces?: { readonly bytes: number; readonly holdBytes: number };
  /** Types the user chose, by column name (new datasets only). */
  readonly types?: Readonly<Record<string, ColumnType>>;
  /** Parsers for chosen timestamp columns written in a format of their own, by column name. */
  readonly timestampParsers?: Readonly<Record<string, (s: string) => number | undefined>>;
  /** A row left out because a cell does not fit its column's chosen type; may throw (onError abort). */
  readonly onBadCell?: (bad: BadCell) => void;
}

/** A cell that does not fit the type the user chose for its column. */
export interface BadCell {
  readonly line: number;
  readonly column: string;
  readonly value: string;
  readonly type: ColumnType;
  /** The row as read, for the rejected-row samples. */
  readonly raw: string;
}

/** Rows per chunk for a dataset of this width: a power of two, 1,024 to 65,536. */
export function chunkRowsFor(columns: number): number {
  let rows = CHUNK_ROWS;
  while (rows > 1024 && rows * columns > PENDING_CELLS) rows /= 2;
  return rows;
}

interface AppendState {
  readonly carryRows: number;
  /** Text columns already stored as 'str' chunks before this append. */
  readonly stringModeBefore: ReadonlySet<number>;
  readonly stored: readonly { readonly name: string; readonly type: ColumnType; readonly role: ColumnRole }[];
}

/**
 * Writes one dataset (new, or appended to) on a connection of its own: until `commit`, no other
 * connection sees anything, and `abort` (or a crash, or kill -9, with the next writer's open
 * cleaning up) leaves the workspace as it was. An append is one transaction; a new dataset is
 * committed in pieces (commit-pieces.ts) under a `pending` row that readers skip.
 */
export class DatasetWriter {
  private readonly db: Db;
  private datasetId = 0;
  private readonly names: string[] = [];
  private readonly builders: ColumnBuilder[] = [];
  /** Per column, from its numeric chunks as written: the role profile without reading them back. */
  private readonly stats: ChunkStats[] = [];
  /** Columns first seen after some chunks were stored: chunk indexes below this get null chunks. */
  private readonly backfill = new Map<number, number>();
  private pendingRows = 0;
  private chunkIdx = 0;
  private rows = 0;
  private chunkRows = 0;
  /** Rows the dataset had before this import (appends). */
  private startRows = 0;
  private readonly tokens: NullTokens;
  private readonly insertChunk;
  private readonly walFlusher: WalFlusher;
  private readonly packer = new ChunkPacker();
  private append?: AppendState;
  /** A new dataset's pieces (commit-pieces.ts); undefined for appends, which change a visible dataset. */
  private pieces?: PieceCommits;
  /** For appends: file column position → dataset column index. */
  private fileToDataset?: number[];
  /** For JSON Lines appends: dataset columns no key has named yet, missing in every row so far. */
  private absent: number[] = [];
  /** Columns with a type the user chose: each row's cells are checked before any is added. */
  private readonly fixedColumns: number[] = [];
  /** Columns `commit` set to the role 'ignore' because they look like personal data. */
  readonly personal: { name: string; kind: PersonalKind }[] = [];

  private constructor(
    private readonly target: WriterTarget,
    readonly name: string,
  ) {
    this.db = openDatabase(target.workspacePath, target.openOptions);
    tuneImportConnection(this.db, target.maxPageCount);
    this.tokens = nullTokens(target.nullTokens);
    this.walFlusher = new WalFlusher(this.db.memory ? undefined : `${this.db.name}-wal`);
    this.db.exec('BEGIN IMMEDIATE');
    this.insertChunk = this.db.prepare(
      'INSERT OR REPLACE INTO chunks (dataset_id, column_idx, chunk_idx, row_count, encoding, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  /** A new dataset; more columns may be added while rows arrive (JSON Lines). */
  static create(target: WriterTarget, name: string, columnNames: readonly string[]): DatasetWriter {
    const w = new DatasetWriter(target, name);
    try {
      const existing = w.db.prepare('SELECT pending FROM datasets WHERE name = ?').get(name) as { pending: string | null } | undefined;
      if (existing?.pending) {
        throw new PlumblineError('CONFLICT', guide`A dataset named ${JSON.stringify(name)} is being imported. Choose another name ${ctl('name')}, or wait until that import has finished.`);
      }
      if (existing) {
        throw new PlumblineError('CONFLICT', guide`A dataset named ${JSON.stringify(name)} already exists. Choose another name ${ctl('name')}, or delete it first.`);
      }
      w.datasetId = Number(
        w.db
          .prepare('INSERT INTO datasets (name, row_count, chunk_rows, created_at, pending) VALUES (?, 0, ?, ?, ?)')
          .run(name, CHUNK_ROWS, new Date().toISOString(), pendingOwner()).lastInsertRowid,
      );
      if (!w.db.memory) w.pieces = new PieceCommits(w.db, (row) => w.insert(row), target.openOptions, target.pieces?.bytes, target.pieces?.holdBytes);
      w.addColumns(columnNames);
    } catch (e) {
      w.abort();
      throw e;
    }
    return w;
  }

  /**
   * Rows added to an existing dataset. The file must have the same column names (any order). The
   * dataset's last chunk, when partial, is read back and rewritten with the first new rows, so
   * every chunk but the last stays full and row i stays in chunk i / chunkRows.
   */
  static append(target: WriterTarget, dataset: string, fileColumns: readonly string[], displayName: string, keysMayBeAbsent = false): DatasetWriter {
    const w = new DatasetWriter(target, dataset);
    try {
      w.openForAppend(dataset, fileColumns, displayName, keysMayBeAbsent);
    } catch (e) {
      w.abort();
      throw e;
    }
    return w;
  }

  /**
   * `keysMayBeAbsent`: JSON Lines leave out keys whose value is null, so a dataset column that no
   * line has named yet is missing in those rows rather than a schema mismatch.
   */
  private openForAppend(dataset: string, fileColumns: readonly string[], displayName: string, keysMayBeAbsent: boolean): void {
    const ds = this.db.prepare('SELECT id, row_count, chunk_rows, pending FROM datasets WHERE name = ?').get(dataset) as
      | { id: number; row_count: number; chunk_rows: number; pending: string | null }
      | undefined;
    if (ds?.pending) {
      throw new PlumblineError('CONFLICT', guide`The dataset ${JSON.stringify(dataset)} is still being imported. Add rows to it once that import has finished.`);
    }
    if (!ds) throw new PlumblineError('NOT_FOUND', guide`There is no dataset named ${JSON.stringify(dataset)} to add rows to (chosen ${ctl('append')}). Import the first file as a new dataset.`);
    const cols = this.db
      .prepare('SELECT idx, name, type, role, null_count, widened_count, dictionary FROM columns WHERE dataset_id = ? ORDER BY idx')
      .all(ds.id) as { idx: number; name: string; type: ColumnType; role: ColumnRole; null_count: number; widened_count: number; dictionary: string | null }[];
    const stored = new Map(cols.map((c) => [c.name, c.idx]));
    const missing = keysMayBeAbsent ? [] : cols.filter((c) => !fileColumns.includes(c.name)).map((c) => c.name);
    const extra = fileColumns.filter((n) => !stored.has(n));
    if (missing.length || extra.length) {
      const list = (xs: string[]) => xs.slice(0, 10).map((x) => JSON.stringify(x)).join(', ') + (xs.length > 10 ? ', …' : '');
      throw new PlumblineError(
        'BAD_INPUT',
        `${displayName} cannot be appended to ${JSON.stringify(dataset)}: ` +
          [missing.length ? `the file lacks column(s) ${list(missing)}` : '', extra.length ? `the dataset has no column(s) ${list(extra)}` : '']
            .filter(Boolean)
            .join('; ') +
          '. An appended file needs the same column names as the dataset (in any order). Import it as a new dataset instead, or fix the header.',
      );
    }
    this.datasetId = ds.id;
    this.chunkRows = ds.chunk_rows;
    this.fileToDataset = fileColumns.map((n) => stored.get(n) as number);
    this.absent = cols.filter((c) => !fileColumns.includes(c.name)).map((c) => c.idx);
    const strCols = new Set(
      (this.db.prepare("SELECT DISTINCT column_idx FROM chunks WHERE dataset_id = ? AND encoding = 'str'").all(ds.id) as { column_idx: number }[]).map(
        (r) => r.column_idx,
      ),
    );
    for (const c of cols) {
      this.names[c.idx] = c.name;
      this.builders[c.idx] = new ColumnBuilder(c.name, this.chunkRows, this.tokens, {
        type: c.type,
        // The first file's epoch scale is not stored: each integer's own span (seconds or ms) decides.
        ...(c.type === 'timestamp' ? { epochScale: EPOCH_PER_VALUE } : {}),
        dictionary: c.dictionary ? (JSON.parse(c.dictionary) as string[]) : [],
        stringMode: strCols.has(c.idx),
        nullCount: c.null_count,
        widenedCount: c.widened_count,
      });
    }
    this.startRows = ds.row_count;
    const carryRows = ds.row_count % ds.chunk_rows;
    this.rows = ds.row_count - carryRows;
    this.chunkIdx = Math.floor(ds.row_count / ds.chunk_rows);
    if (carryRows > 0) {
      for (const c of cols) {
        const b = this.builders[c.idx];
        const cells = this.storedCells(c.idx, c.type, this.chunkIdx);
        // These cells were counted when first imported; re-adding them must not count them again.
        const nulls = b.nullCount;
        for (const cell of cells) b.addStored(cell);
        b.nullCount = nulls;
      }
      this.pendingRows = carryRows;
    }
    this.append = { carryRows, stored: cols, stringModeBefore: strCols };
  }

  /** One stored chunk back as text cells, in the form the encoder parses to the same values. */
  private storedCells(column: number, type: ColumnType, chunk: number): (string | null)[] {
    const row = this.db
      .prepare('SELECT encoding, data FROM chunks WHERE dataset_id = ? AND column_idx = ? AND chunk_idx = ?')
      .get(this.datasetId, column, chunk) as { encoding: string; data: Buffer };
    if (isNumberEncoding(row.encoding)) return numbersToCells(unpackNumbers(row.encoding, row.data), type);
    if (row.encoding === 'str') return decodeStrings(row.data);
    const dict = this.builders[column].dictionary;
    return Array.from(unpackCodes(row.encoding, row.data), (c) => (c < 0 ? null : dict[c]));
  }

  get rowCount(): number {
    return this.rows + this.pendingRows - this.startRows;
  }

  get columnCount(): number {
    return this.names.length;
  }

  /** New columns (JSON Lines keys first seen later in the file); earlier rows are missing in them. */
  addColumns(names: readonly string[]): void {
    if (this.append) return this.mapAppendedColumns(names);
    if (this.chunkRows === 0) this.chunkRows = chunkRowsFor(names.length);
    for (const n of names) {
      const chosen = this.target.types?.[n];
      if (chosen) this.fixedColumns.push(this.builders.length);
      const format = chosen === 'timestamp' ? this.target.timestampParsers?.[n] : undefined;
      const b = new ColumnBuilder(n, this.chunkRows, this.tokens, chosen ? { type: chosen, fixed: true, ...(format ? { format } : {}) } : {});
      for (let i = 0; i < this.pendingRows; i++) b.add(null);
      if (this.chunkIdx > 0) this.backfill.set(this.builders.length, this.chunkIdx);
      this.names.push(n);
      this.builders.push(b);
    }
  }

  /** Keys a JSON Lines append names after its first line: they must be dataset columns. */
  private mapAppendedColumns(names: readonly string[]): void {
    const map = this.fileToDataset as number[];
    for (const n of names) {
      const idx = this.names.indexOf(n);
      if (idx < 0 || map.includes(idx)) {
        throw new PlumblineError('BAD_INPUT', `cannot append to ${JSON.stringify(this.name)}: the dataset has no column ${JSON.stringify(n)}. Import the file as a new dataset instead, or remove the key.`);
      }
      map.push(idx);
      this.absent = this.absent.filter((a) => a !== idx);
    }
  }

  /** Adds one row of raw cells in file column order; missing trailing cells are missing values. */
  addRow(cells: readonly (string | null | undefined)[], line: number): void {
    const builders = this.builders;
    if (this.fixedColumns.length && !this.fits(line, (c) => cells[c], () => cells.join(','))) return;
    const map = this.fileToDataset;
    if (map) {
      for (let i = 0; i < map.length; i++) builders[map[i]].add(cells[i]);
      for (const a of this.absent) builders[a].add(null);
    } else for (let i = 0; i < builders.length; i++) builders[i].add(cells[i]);
    if (++this.pendingRows >= this.chunkRows) this.flush();
  }

  /**
   * Checks the cells of columns with a chosen type before any cell of the row is added, so a
   * refused row leaves no trace.
   */
  private fits(line: number, cell: (column: number) => string | null | undefined, raw: () => string): boolean {
    for (const c of this.fixedColumns) {
      const b = this.builders[c];
      const value = cell(c);
      if (b.accepts(value)) continue;
      this.target.onBadCell?.({ line, column: this.names[c], value: value as string, type: b.type, raw: raw() });
      return false;
    }
    return true;
  }

  /** Adds one CSV row given as ranges of the decoded text. */
  addFields(row: FieldRow): void {
    const builders = this.builders;
    const { text, starts, ends, unescaped, count } = row;
    if (this.fixedColumns.length) {
      const cell = (c: number) => (c >= count ? undefined : (unescaped[c] ?? text.slice(starts[c], ends[c])));
      if (!this.fits(row.line, cell, () => text.slice(starts[0], ends[count - 1]))) return;
    }
    const map = this.fileToDataset;
    for (let i = 0; i < count; i++) {
      const b = builders[map ? map[i] : i];
      const u = unescaped[i];
      if (u !== undefined) b.add(u);
      else b.addRange(text, starts[i], ends[i]);
    }
    if (++this.pendingRows >= this.chunkRows) this.flush();
  }

  /**
   * Where CSV rows can go a batch at a time, by column (see FieldBatch); not when chosen types
   * check each row's cells before any is added (row by row, `addFields`).
   */
  batches(): ((batch: FieldBatch) => void) | undefined {
    return this.fixedColumns.length ? undefined : (batch) => this.addBatch(batch);
  }

  /** Every column's cells of the batch in one loop each, up to each chunk's end: the same cells, in the same order, as `addFields` row by row. */
  private addBatch(batch: FieldBatch): void {
    const { text, starts, ends, width, rows } = batch;
    const builders = this.builders;
    const map = this.fileToDataset;
    for (let from = 0; from < rows; ) {
      const to = Math.min(rows, from + this.chunkRows - this.pendingRows);
      for (let c = 0; c < width; c++) builders[map ? map[c] : c].addRanges(text, starts, ends, c, width, from, to);
      this.pendingRows += to - from;
      if (this.pendingRows >= this.chunkRows) this.flush();
      from = to;
    }
  }

  /**
   * Adds a window of rows given as columns (Parquet): column by column, up to each chunk's end, so
   * typed values go to storage without text in between.
   */
  addWindow(w: ColumnWindow): void {
    const { columns, rows } = w;
    const builders = this.builders;
    const map = this.fileToDataset;
    const add = (from: number, to: number) => {
      for (let i = 0; i < columns.length; i++) {
        const b = builders[map ? map[i] : i];
        const c = columns[i];
        if (c.kind === 'numbers') b.addNumbers(c.values, from, to, c.type, c.odd);
        else if (c.kind === 'text') b.addText(c, from, to);
        else for (let k = from; k < to; k++) b.add(c.cells[k]);
      }
      if (map) for (const a of this.absent) for (let k = from; k < to; k++) builders[a].add(null);
      this.pendingRows += to - from;
      if (this.pendingRows >= this.chunkRows) this.flush();
    };
    if (this.fixedColumns.length) {
      // Chosen types check each row's cells before any is added: row by row.
      for (let k = 0; k < rows; k++) {
        const cell = (c: number) => windowCell(columns[c], k);
        if (this.fits(w.line + k, cell, () => columns.map((_, c) => cell(c) ?? '').join(','))) add(k, k + 1);
      }
      return;
    }
    for (let done = 0; done < rows; ) {
      const m = Math.min(rows - done, this.chunkRows - this.pendingRows);
      add(done, done + m);
      done += m;
    }
  }

  private flush(): void {
    const n = this.pendingRows;
    if (n === 0) return;
    this.pendingRows = 0;
    for (let c = 0; c < this.builders.length; c++) this.flushColumn(c, this.chunkIdx, n);
    this.chunkIdx++;
    this.rows += n;
  }

  /** Column c's chunk so far, written as chunk `chunkIdx` of n rows. */
  private flushColumn(c: number, chunkIdx: number, n: number): void {
    const b = this.builders[c];
    const chunk = b.finish();
    if (chunk.encoding === 'f64' && !this.append) (this.stats[c] ??= new ChunkStats(this.names[c])).addChunk(chunk.values, b.type);
    this.writeChunk(c, chunkIdx, n, chunk);
    const upTo = this.backfill.get(c);
    if (upTo !== undefined) {
      this.backfill.delete(c);
      this.backfillNulls(c, upTo, chunk.encoding === 'f64');
    }
    if (b.rewriteFrom) {
      const from = b.rewriteFrom;
      b.rewriteFrom = undefined;
      if (this.append && !isTextType(this.append.stored[c].type)) this.refuseAppend(c, b);
      this.rewriteAsText(c, from, b, chunkIdx);
    }
  }

  /**
   * Column-major writing (Parquet): each column's values are added for a stretch of rows, one
   * column after another, and a column's chunk is written as soon as it is full, so the reader
   * holds one page of one column instead of a page of every column (a DuckDB file has one page
   * per column chunk: 1M rows). Chunks are keyed by column, so the order they are written in
   * does not matter to the dataset. Undefined where rows must be seen whole: chosen types check
   * every cell of a row before adding any.
   */
  columnar(): ColumnarSink | undefined {
    if (this.fixedColumns.length || this.absent.length || this.backfill.size) return undefined;
    const map = this.fileToDataset;
    const chunkOf = this.builders.map(() => this.chunkIdx);
    return {
      add: (i, values, rows) => {
        const c = map ? map[i] : i;
        const b = this.builders[c];
        for (let done = 0; done < rows; ) {
          const m = Math.min(rows - done, this.chunkRows - b.length);
          if (values.kind === 'numbers') b.addNumbers(values.values, done, done + m, values.type, values.odd);
          else if (values.kind === 'text') b.addText(values, done, done + m);
          else for (let k = done; k < done + m; k++) b.add(values.cells[k]);
          done += m;
          if (b.length >= this.chunkRows) this.flushColumn(c, chunkOf[c]++, this.chunkRows);
        }
      },
      aligned: (rows) => {
        const pending = this.pendingRows + rows;
        const full = Math.floor(pending / this.chunkRows);
        for (let c = 0; c < this.builders.length; c++) {
          if (chunkOf[c] !== this.chunkIdx + full || this.builders[c].length !== pending % this.chunkRows) {
            throw new Error(`column ${JSON.stringify(this.names[c])} was given a different number of rows than the others`);
          }
        }
        this.chunkIdx += full;
        this.rows += full * this.chunkRows;
        this.pendingRows = pending % this.chunkRows;
      },
    };
  }

  /** Values that do not fit a stored numeric column (text in a timestamp column, say) make the append fail. */
  private refuseAppend(c: number, b: ColumnBuilder): never {
    const stored = this.append!.stored[c];
    const example = b.firstWidened === undefined ? '' : ` (e.g. ${JSON.stringify(b.firstWidened.slice(0, 80))})`;
    throw new PlumblineError(
      'BAD_INPUT',
      `cannot append to ${JSON.stringify(this.name)}: column ${JSON.stringify(stored.name)} is ${stored.type} in the dataset but the file has text values in it${example}. Fix the file, or import it as a new dataset.`,
    );
  }

  /** Chunks stored before the column existed (JSON Lines) hold only missing values. */
  private backfillNulls(c: number, upTo: number, numeric: boolean): void {
    const b = this.builders[c];
    for (let k = 0; k < upTo; k++) {
      const rows = this.chunkRows;
      b.nullCount += rows;
      const chunk: EncodedChunk = numeric ? { encoding: 'f64', values: new Float64Array(rows).fill(NaN) } : { encoding: 'dict', codes: new Int32Array(rows).fill(-1), maxCode: -1 };
      this.writeChunk(c, k, rows, chunk);
    }
  }

  private writeChunk(column: number, chunkIdx: number, rows: number, chunk: EncodedChunk): void {
    const { encoding, blob } = packChunk(this.packer, chunk);
    const row: ChunkRow = [column, chunkIdx, rows, encoding, blob];
    if (this.pieces) this.pieces.write(row);
    else this.insert(row);
  }

  private insert([column, chunkIdx, rows, encoding, blob]: ChunkRow): void {
    this.insertChunk.run(this.datasetId, column, chunkIdx, rows, encoding, blob);
    this.walFlusher.wrote(blob.byteLength);
  }

  /** A column that turned from numbers into text: re-encode the chunks stored before this one. */
  private rewriteAsText(column: number, from: ColumnType, b: ColumnBuilder, below = this.chunkIdx): void {
    // Chunks held back for the next piece must be in the table before it is read.
    this.pieces?.open();
    const old = this.db
      .prepare(`SELECT chunk_idx, row_count, encoding, data FROM chunks WHERE dataset_id = ? AND column_idx = ? AND encoding IN ${NUMBER_ENCODINGS_SQL} AND chunk_idx < ? ORDER BY chunk_idx`)
      .all(this.datasetId, column, below) as { chunk_idx: number; row_count: number; encoding: string; data: Buffer }[];
    for (const ch of old) this.writeChunk(column, ch.chunk_idx, ch.row_count, b.encodeText(numbersToCells(unpackNumbers(ch.encoding, ch.data), from)));
  }

  /**
   * What the stored values of a column say about its role, read back inside this transaction.
   * Text: distinct values from the dictionary. Numbers: the range (for a score), whether every
   * value is present and increasing (a row counter: stops reading at the first that is not), and
   * the distinct count only for a column named like an id.
   */
  private profile(column: number, type: ColumnType, name: string, needRange: boolean): ValueProfile {
    const enc = this.builders[column];
    const nonNull = this.rows - enc.nullCount;
    if (enc.isText) return { nonNull, distinct: enc.stringMode ? DICTIONARY_LIMIT + 1 : enc.dictionary.length, distinctAtLeast: enc.stringMode };
    if (type !== 'integer' && type !== 'real') return { nonNull };
    const wantDistinct = idByName(name);
    let increasing = type === 'integer' && enc.nullCount === 0 && this.rows > 0;
    if (!increasing && !needRange && !wantDistinct) return { nonNull, increasing };
    const stats = this.stats[column];
    if (stats && !this.append) {
      // Every chunk of a numeric column went through `stats` as it was written, in order.
      increasing &&= stats.increasing;
      const range = stats.min <= stats.max && needRange ? { range: { min: stats.min, max: stats.max } } : {};
      // Repeats within chunks alone can prove a column is no id (then `distinct` is an upper
      // bound that decides as the exact count would); otherwise count exactly below.
      const atMost = nonNull - stats.repeatsAtLeast;
      if (!wantDistinct || increasing) return { nonNull, increasing, ...range, ...(wantDistinct ? { distinct: nonNull } : {}) };
      if (atMost < ID_DISTINCT_SHARE * nonNull) return { nonNull, increasing, ...range, distinct: atMost };
    }
    // An append (or a writer without stats): the same profile from the stored chunks.
    const stored = new ChunkStats();
    const chunks = () =>
      this.db
        .prepare(`SELECT encoding, data FROM chunks WHERE dataset_id = ? AND column_idx = ? AND encoding IN ${NUMBER_ENCODINGS_SQL} ORDER BY chunk_idx`)
        .iterate(this.datasetId, column) as Iterable<{ encoding: string; data: Buffer }>;
    for (const r of chunks()) {
      stored.add(unpackNumbers(r.encoding, r.data), false);
      if (!(increasing && stored.increasing) && !needRange) break;
    }
    increasing &&= stored.increasing;
    const { min, max } = stored;
    // Values that only increase are all distinct; otherwise an id-named column's values are
    // counted by sorting a copy (only such columns pay for it).
    let distinct: number | undefined;
    if (wantDistinct && increasing) distinct = nonNull;
    else if (wantDistinct) {
      const values = new Float64Array(this.rows);
      let o = 0;
      for (const r of chunks()) {
        const v = unpackNumbers(r.encoding, r.data);
        values.set(v, o);
        o += v.length;
      }
      values.sort();
      distinct = 0;
      for (let i = 0; i < o; i++) if (!Number.isNaN(values[i]) && (i === 0 || values[i] !== values[i - 1])) distinct++;
    }
    return { nonNull, increasing, ...(min <= max && needRange ? { range: { min, max } } : {}), ...(distinct !== undefined ? { distinct } : {}) };
  }

  /**
   * An appended text column keeps its stored type (the user may have chosen it), except that
   * categories become 'text' once this append overflows their dictionary.
   */
  private appendedTextType(index: number, enc: ColumnBuilder): ColumnType | undefined {
    const stored = this.append!.stored[index];
    if (!enc.isText || !isTextType(stored.type)) return undefined;
    return stored.type === 'categorical' && enc.stringMode && !this.append!.stringModeBefore.has(index) ? 'text' : stored.type;
  }

  /** Roles or types chosen for columns the file does not have: a typo the user should hear of. */
  checkNamed(option: 'role' | 'type' | 'rename', chosen: Readonly<Record<string, unknown>>): void {
    const unknown = Object.keys(chosen).filter((r) => !this.names.includes(r));
    if (unknown.length) {
      const names = unknown.map((u) => JSON.stringify(u)).join(', ');
      throw new PlumblineError('BAD_REQUEST', guide`A ${option} was chosen ${ctl(option)} for column(s) the file does not have: ${names}.`);
    }
  }

  /** Finishes the dataset and makes it visible to every connection at once. */
  commit(provenance: Provenance, roles: Readonly<Record<string, ColumnRole>> = {}): WrittenColumn[] {
    this.flush();
    this.pieces?.open();
    this.checkNamed('role', roles);
    this.checkNamed('type', this.target.types ?? {});
    const finishedAt = new Date();
    const columns: WrittenColumn[] = this.names.map((name, index) => {
      const enc = this.builders[index];
      const chosen = enc.fixed ? this.target.types?.[name] : this.append ? this.appendedTextType(index, enc) : undefined;
      const type: ColumnType = chosen ?? (!enc.isText ? enc.type : enc.stringMode ? 'text' : finalTextType(enc.dictionary.length, this.rows - enc.nullCount));
      const storedRole = this.append?.stored[index].role;
      let role = roles[name] ?? storedRole;
      if (role === undefined) {
        // A name-matched score must also look like a probability: its range is read only then.
        const profile = this.profile(index, type, name, guessRole(name, type) === 'score');
        role = guessRole(name, type, profile);
        const personal = role === 'feature' ? personalKind(name, type, enc.sampleValues, profile) : undefined;
        if (personal) {
          role = 'ignore';
          this.personal.push({ name, kind: personal });
        }
      }
      return { index, name, type, role, nullCount: enc.nullCount, widenedCount: enc.widenedCount };
    });
    const upsertColumn = this.db.prepare(
      `INSERT INTO columns (dataset_id, idx, name, type, role, null_count, widened_count, dictionary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (dataset_id, idx) DO UPDATE SET type = excluded.type, role = excluded.role, null_count = excluded.null_count,
         widened_count = excluded.widened_count, dictionary = excluded.dictionary`,
    );
    for (const col of columns) {
      const enc = this.builders[col.index];
      upsertColumn.run(this.datasetId, col.index, col.name, col.type, col.role, col.nullCount, col.widenedCount, enc.isText ? JSON.stringify(enc.dictionary) : null);
    }
    // The same transaction makes the dataset visible (pending = NULL) with its columns and provenance.
    this.db.prepare('UPDATE datasets SET row_count = ?, chunk_rows = ?, pending = NULL WHERE id = ?').run(this.rows, this.chunkRows || CHUNK_ROWS, this.datasetId);
    const kind = this.append ? 'append' : 'create';
    const seconds = (finishedAt.getTime() - Date.parse(provenance.startedAt)) / 1000;
    const accepted = this.rowCount;
    this.db
      .prepare(
        `INSERT INTO imports (dataset_id, kind, source_path, size_bytes, sha256, modified_at, format, parser_settings,
           rows_read, rows_accepted, rows_rejected, started_at, finished_at, seconds)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        this.datasetId, kind, provenance.sourcePath, provenance.sizeBytes, provenance.sha256, provenance.modifiedAt, provenance.format,
        JSON.stringify(provenance.parserSettings), provenance.rowsRead, accepted, provenance.rowsRejected,
        provenance.startedAt, finishedAt.toISOString(), seconds,
      );
    this.db
      .prepare('INSERT INTO audit_log (at, action, subject, details) VALUES (?, ?, ?, ?)')
      .run(finishedAt.toISOString(), kind === 'append' ? 'import-append' : 'import', this.name, JSON.stringify({
          source: provenance.sourcePath,
          sha256: provenance.sha256,
          rows: accepted,
          rejected: provenance.rowsRejected,
          problems: provenance.problems ?? [],
          rejectedSamples: provenance.rejectedSamples ?? [],
        }),
      );
    this.walFlusher.close();
    this.db.exec('COMMIT');
    this.pieces?.finish();
    this.db.close();
    return columns;
  }

  abort(): void {
    this.walFlusher.close();
    this.pieces?.close();
    if (this.db.open) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      // Pieces already committed go with their pending row (chunks and caches cascade).
      if (this.pieces?.committed) {
        try {
          this.db.prepare('DELETE FROM datasets WHERE id = ? AND pending IS NOT NULL').run(this.datasetId);
        } catch {
          // Still pending, so invisible: a writer opening the workspace after this process has
          // gone deletes it (pending-datasets.ts). The import's own error is the one to report.
        }
      }
      this.db.close();
    }
  }
}

function isTextType(t: ColumnType): boolean {
  return t === 'text' || t === 'categorical';
}
