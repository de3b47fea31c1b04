import type { Db } from '../workspace/open';
import { openDatabase, type OpenOptions } from '../workspace/open';
import { decodeCodes, decodeF64, decodeStrings, encodeCodes, encodeF64, encodeStrings } from '../workspace/chunks';
import { PlumblineError } from '../api/errors';
import type { ColumnRole, ColumnType } from '../data/column';
import { isNumericType } from '../data/column';
import { ColumnEncoder, numbersToCells, type EncodedChunk } from './column-encoder';
import { compatibleTypes, finalTextType, inferType } from './infer';
import { guessRole } from './roles';
import { tuneImportConnection } from './tuning';

export const CHUNK_ROWS = 65_536;
/** Pending cells held in memory before a flush: keeps wide files (5,000 columns) within budget. */
const PENDING_CELLS = 4_000_000;
/** Non-null values a column's type is inferred from. */
export const INFER_SAMPLE = 1000;

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
}

export interface WrittenColumn {
  readonly index: number;
  readonly name: string;
  readonly type: ColumnType;
  readonly role: ColumnRole;
  readonly nullCount: number;
  readonly widenedCount: number;
}

export interface WriterTarget {
  readonly workspacePath: string;
  readonly openOptions: OpenOptions;
  readonly nullTokens: readonly string[];
  /** Tests shrink the database's page limit to provoke a full disk. */
  readonly maxPageCount?: number;
}

/** Rows per chunk for a dataset of this width: a power of two, 1,024 to 65,536. */
export function chunkRowsFor(columns: number): number {
  let rows = CHUNK_ROWS;
  while (rows > 1024 && rows * columns > PENDING_CELLS) rows /= 2;
  return rows;
}

interface AppendState {
  readonly carryRows: number;
  readonly stored: readonly { readonly name: string; readonly type: ColumnType; readonly role: ColumnRole }[];
}

/**
 * Writes one dataset (new, or appended to) inside one transaction on a connection of its own:
 * until `commit`, no other connection sees anything, and `abort` (or a crash, or kill -9) leaves
 * the workspace exactly as it was.
 */
export class DatasetWriter {
  private readonly db: Db;
  private datasetId = 0;
  private readonly names: string[] = [];
  private readonly encoders: (ColumnEncoder | undefined)[] = [];
  private pending: (string | null)[][] = [];
  private pendingRows = 0;
  private chunkIdx = 0;
  private rows = 0;
  private chunkRows = 0;
  private readonly nullTokens: Set<string>;
  private readonly maxTokenLength: number;
  private readonly insertChunk;
  private append?: AppendState;
  private appendChecked = false;
  /** For appends: file column position → dataset column index. */
  private fileToDataset?: number[];

  private constructor(
    target: WriterTarget,
    readonly name: string,
  ) {
    this.db = openDatabase(target.workspacePath, target.openOptions);
    tuneImportConnection(this.db, target.maxPageCount);
    this.nullTokens = new Set(target.nullTokens);
    this.maxTokenLength = Math.max(0, ...target.nullTokens.map((t) => t.length));
    this.db.exec('BEGIN IMMEDIATE');
    this.insertChunk = this.db.prepare(
      'INSERT OR REPLACE INTO chunks (dataset_id, column_idx, chunk_idx, row_count, encoding, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  /** A new dataset; more columns may be added while rows arrive (JSON Lines). */
  static create(target: WriterTarget, name: string, columnNames: readonly string[]): DatasetWriter {
    const w = new DatasetWriter(target, name);
    try {
      if (w.db.prepare('SELECT 1 FROM datasets WHERE name = ?').get(name)) {
        throw new PlumblineError('CONFLICT', `A dataset named ${JSON.stringify(name)} already exists. Choose another name with --name, or delete it first.`);
      }
      w.datasetId = Number(
        w.db
          .prepare('INSERT INTO datasets (name, row_count, chunk_rows, created_at) VALUES (?, 0, ?, ?)')
          .run(name, CHUNK_ROWS, new Date().toISOString()).lastInsertRowid,
      );
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
  static append(target: WriterTarget, dataset: string, fileColumns: readonly string[], displayName: string): DatasetWriter {
    const w = new DatasetWriter(target, dataset);
    try {
      w.openForAppend(dataset, fileColumns, displayName);
    } catch (e) {
      w.abort();
      throw e;
    }
    return w;
  }

  private openForAppend(dataset: string, fileColumns: readonly string[], displayName: string): void {
    const ds = this.db.prepare('SELECT id, row_count, chunk_rows FROM datasets WHERE name = ?').get(dataset) as
      | { id: number; row_count: number; chunk_rows: number }
      | undefined;
    if (!ds) throw new PlumblineError('NOT_FOUND', `--append: no dataset named ${JSON.stringify(dataset)}. Import the first file without --append.`);
    const cols = this.db
      .prepare('SELECT idx, name, type, role, null_count, widened_count, dictionary FROM columns WHERE dataset_id = ? ORDER BY idx')
      .all(ds.id) as { idx: number; name: string; type: ColumnType; role: ColumnRole; null_count: number; widened_count: number; dictionary: string | null }[];
    const stored = new Map(cols.map((c) => [c.name, c.idx]));
    const missing = cols.filter((c) => !fileColumns.includes(c.name)).map((c) => c.name);
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
    const strCols = new Set(
      (this.db.prepare("SELECT DISTINCT column_idx FROM chunks WHERE dataset_id = ? AND encoding = 'str'").all(ds.id) as { column_idx: number }[]).map(
        (r) => r.column_idx,
      ),
    );
    for (const c of cols) {
      this.names[c.idx] = c.name;
      const textual = !isNumericType(c.type);
      this.encoders[c.idx] = new ColumnEncoder(textual ? 'text' : c.type, {
        dictionary: c.dictionary ? (JSON.parse(c.dictionary) as string[]) : [],
        stringMode: strCols.has(c.idx),
        nullCount: c.null_count,
        widenedCount: c.widened_count,
      });
      this.pending[c.idx] = [];
    }
    const carryRows = ds.row_count % ds.chunk_rows;
    this.rows = ds.row_count - carryRows;
    this.chunkIdx = Math.floor(ds.row_count / ds.chunk_rows);
    if (carryRows > 0) {
      for (const c of cols) {
        const cells = this.storedCells(c.idx, c.type, this.chunkIdx);
        this.pending[c.idx] = cells;
        // These cells were counted when first imported; they are counted again when re-encoded.
        const enc = this.encoders[c.idx] as ColumnEncoder;
        for (const s of cells) if (s === null) enc.nullCount--;
      }
      this.pendingRows = carryRows;
    }
    this.append = { carryRows, stored: cols };
  }

  /** One stored chunk back as text cells, in the form the encoder parses to the same values. */
  private storedCells(column: number, type: ColumnType, chunk: number): (string | null)[] {
    const row = this.db
      .prepare('SELECT encoding, data FROM chunks WHERE dataset_id = ? AND column_idx = ? AND chunk_idx = ?')
      .get(this.datasetId, column, chunk) as { encoding: string; data: Buffer };
    if (row.encoding === 'f64') return numbersToCells(decodeF64(row.data), type);
    if (row.encoding === 'str') return decodeStrings(row.data);
    const dict = (this.encoders[column] as ColumnEncoder).dictionary;
    return Array.from(decodeCodes(row.data), (c) => (c < 0 ? null : dict[c]));
  }

  get rowCount(): number {
    return this.rows + this.pendingRows - (this.append?.carryRows ?? 0);
  }

  get columnCount(): number {
    return this.names.length;
  }

  /** New columns (JSON Lines keys first seen later in the file); earlier rows are missing in them. */
  addColumns(names: readonly string[]): void {
    if (this.append) {
      throw new PlumblineError('BAD_INPUT', `cannot append: column(s) ${names.map((n) => JSON.stringify(n)).join(', ')} are not in the dataset.`);
    }
    for (const n of names) {
      this.names.push(n);
      this.encoders.push(undefined);
      this.pending.push(new Array<string | null>(this.pendingRows).fill(null));
    }
  }

  /**
   * Adds one row of raw cells in file column order; missing trailing cells are null. Null tokens
   * are applied here, once per cell.
   */
  addRow(cells: readonly (string | null | undefined)[]): void {
    if (this.chunkRows === 0) this.chunkRows = chunkRowsFor(this.names.length);
    const pending = this.pending;
    const map = this.fileToDataset;
    const n = map ? map.length : pending.length;
    const tokens = this.nullTokens;
    const maxTok = this.maxTokenLength;
    for (let i = 0; i < n; i++) {
      const s = cells[i];
      pending[map ? map[i] : i].push(s === undefined || s === null || (s.length <= maxTok && tokens.has(s)) ? null : s);
    }
    if (++this.pendingRows >= this.chunkRows) this.flush();
  }

  private flush(): void {
    const n = this.pendingRows;
    if (n === 0) return;
    const columns = this.pending;
    this.pending = columns.map(() => []);
    this.pendingRows = 0;
    for (let c = 0; c < columns.length; c++) {
      const cells = columns[c];
      let enc = this.encoders[c];
      if (!enc) {
        // Types come from a sample at the start of the column; later values can only widen them,
        // and each value that does is counted.
        const sample: string[] = [];
        for (let i = 0; i < cells.length && sample.length < INFER_SAMPLE; i++) if (cells[i] !== null) sample.push(cells[i] as string);
        const inferred = inferType(sample, this.names[c]);
        enc = new ColumnEncoder(inferred.type, { epochScale: inferred.epochScale });
        this.encoders[c] = enc;
        if (this.chunkIdx > 0) this.backfillNulls(c, enc);
      } else if (this.append && !this.appendChecked) {
        this.checkAppendType(c, cells);
      }
      const { chunk, rewriteFrom } = enc.encode(cells);
      if (rewriteFrom) this.rewriteAsText(c, rewriteFrom, enc);
      this.writeChunk(c, this.chunkIdx, n, chunk);
    }
    this.appendChecked = true;
    this.chunkIdx++;
    this.rows += n;
  }

  /** The first appended chunk decides whether the file's columns fit the dataset's types. */
  private checkAppendType(c: number, cells: readonly (string | null)[]): void {
    const stored = this.append!.stored[c];
    const fresh = cells.slice(this.append!.carryRows).filter((s): s is string => s !== null);
    const inferred = inferType(fresh, stored.name);
    if (!compatibleTypes(stored.type, inferred.type, fresh.length > 0)) {
      const example = fresh.find((s) => !compatibleTypes(stored.type, inferType([s], stored.name).type, true)) ?? fresh[0];
      throw new PlumblineError(
        'BAD_INPUT',
        `cannot append to ${JSON.stringify(this.name)}: column ${JSON.stringify(stored.name)} is ${stored.type} in the dataset but the file has ${inferred.type} values in it (e.g. ${JSON.stringify(example.slice(0, 80))}). Fix the file, or import it as a new dataset.`,
      );
    }
  }

  /** Chunks written before the column existed (JSON Lines) hold only missing values. */
  private backfillNulls(c: number, enc: ColumnEncoder): void {
    for (let k = 0; k < this.chunkIdx; k++) {
      const rows = this.chunkRows;
      enc.nullCount += rows;
      const chunk: EncodedChunk = enc.isText
        ? { encoding: 'dict', codes: new Int32Array(rows).fill(-1) }
        : { encoding: 'f64', values: new Float64Array(rows).fill(NaN) };
      this.writeChunk(c, k, rows, chunk);
    }
  }

  private writeChunk(column: number, chunkIdx: number, rows: number, chunk: EncodedChunk): void {
    const blob = chunk.encoding === 'f64' ? encodeF64(chunk.values) : chunk.encoding === 'dict' ? encodeCodes(chunk.codes) : encodeStrings(chunk.cells);
    this.insertChunk.run(this.datasetId, column, chunkIdx, rows, chunk.encoding, blob);
  }

  /** A column that turned from numbers into text: re-encode the chunks already written. */
  private rewriteAsText(column: number, from: ColumnType, enc: ColumnEncoder): void {
    const old = this.db
      .prepare("SELECT chunk_idx, row_count, data FROM chunks WHERE dataset_id = ? AND column_idx = ? AND encoding = 'f64' ORDER BY chunk_idx")
      .all(this.datasetId, column) as { chunk_idx: number; row_count: number; data: Buffer }[];
    for (const ch of old) {
      if (ch.chunk_idx >= this.chunkIdx) continue;
      this.writeChunk(column, ch.chunk_idx, ch.row_count, enc.encodeText(numbersToCells(decodeF64(ch.data), from)));
    }
  }

  /** Finishes the dataset and makes it visible to every connection at once. */
  commit(provenance: Provenance, roles: Readonly<Record<string, ColumnRole>> = {}): WrittenColumn[] {
    this.flush();
    const unknown = Object.keys(roles).filter((r) => !this.names.includes(r));
    if (unknown.length) {
      throw new PlumblineError('BAD_REQUEST', `--role names column(s) the file does not have: ${unknown.map((u) => JSON.stringify(u)).join(', ')}.`);
    }
    const finishedAt = new Date();
    const columns: WrittenColumn[] = this.names.map((name, index) => {
      const enc = (this.encoders[index] ??= new ColumnEncoder('text'));
      const type: ColumnType = !enc.isText ? enc.type : enc.stringMode ? 'text' : finalTextType(enc.dictionary.length, this.rows - enc.nullCount);
      const storedRole = this.append?.stored[index].role;
      return { index, name, type, role: roles[name] ?? storedRole ?? guessRole(name, type), nullCount: enc.nullCount, widenedCount: enc.widenedCount };
    });
    const upsertColumn = this.db.prepare(
      `INSERT INTO columns (dataset_id, idx, name, type, role, null_count, widened_count, dictionary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (dataset_id, idx) DO UPDATE SET type = excluded.type, role = excluded.role, null_count = excluded.null_count,
         widened_count = excluded.widened_count, dictionary = excluded.dictionary`,
    );
    for (const col of columns) {
      const enc = this.encoders[col.index] as ColumnEncoder;
      upsertColumn.run(this.datasetId, col.index, col.name, col.type, col.role, col.nullCount, col.widenedCount, enc.isText ? JSON.stringify(enc.dictionary) : null);
    }
    this.db.prepare('UPDATE datasets SET row_count = ?, chunk_rows = ? WHERE id = ?').run(this.rows, this.chunkRows || CHUNK_ROWS, this.datasetId);
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
      .run(finishedAt.toISOString(), kind === 'append' ? 'import-append' : 'import', this.name, JSON.stringify({ source: provenance.sourcePath, sha256: provenance.sha256, rows: accepted }));
    this.db.exec('COMMIT');
    this.db.close();
    return columns;
  }

  abort(): void {
    if (this.db.open) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.db.close();
    }
  }
}
