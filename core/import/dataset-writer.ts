import type { Db } from '../workspace/open';
import { openDatabase, type OpenOptions } from '../workspace/open';
import { decodeF64, encodeCodes, encodeF64 } from '../workspace/chunks';
import { PlumblineError } from '../api/errors';
import type { ColumnRole, ColumnType } from '../data/column';
import { ColumnEncoder, numbersToText } from './column-encoder';
import { finalTextType, inferType } from './infer';
import { guessRole } from './roles';

export const CHUNK_ROWS = 65_536;

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

/**
 * Writes one new dataset inside one transaction on a connection of its own: until `commit`, no
 * other connection sees anything, and `abort` (or a crash, or kill -9) leaves the workspace exactly
 * as it was.
 */
export class DatasetWriter {
  private readonly db: Db;
  private datasetId = 0;
  private encoders: ColumnEncoder[] = [];
  private chunkIdx = 0;
  private rows = 0;
  private pending: (string | null)[][] = [];
  private readonly insertChunk;

  constructor(
    workspacePath: string,
    openOptions: OpenOptions,
    readonly name: string,
    readonly columnNames: readonly string[],
    private readonly nullTokens: ReadonlySet<string>,
    private readonly chunkRows = CHUNK_ROWS,
  ) {
    this.db = openDatabase(workspacePath, openOptions);
    this.db.exec('BEGIN IMMEDIATE');
    try {
      if (this.db.prepare('SELECT 1 FROM datasets WHERE name = ?').get(name)) {
        throw new PlumblineError('CONFLICT', `A dataset named ${JSON.stringify(name)} already exists. Choose another name with --name, or delete it first.`);
      }
      this.datasetId = Number(
        this.db
          .prepare('INSERT INTO datasets (name, row_count, chunk_rows, created_at) VALUES (?, 0, ?, ?)')
          .run(name, chunkRows, new Date().toISOString()).lastInsertRowid,
      );
    } catch (e) {
      this.abort();
      throw e;
    }
    this.insertChunk = this.db.prepare(
      'INSERT OR REPLACE INTO chunks (dataset_id, column_idx, chunk_idx, row_count, encoding, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  get rowCount(): number {
    return this.rows + this.pending.length;
  }

  /** Adds one row of raw cells (already checked to have one cell per column). */
  addRow(cells: readonly string[]): void {
    const row = new Array<string | null>(cells.length);
    for (let i = 0; i < cells.length; i++) row[i] = this.nullTokens.has(cells[i]) ? null : cells[i];
    this.pending.push(row);
    if (this.pending.length >= this.chunkRows) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    if (this.encoders.length === 0) {
      // Types come from the whole first chunk; later chunks can only widen them.
      this.encoders = this.columnNames.map((_, c) => {
        const sample: string[] = [];
        for (const r of rows) if (r[c] !== null) sample.push(r[c] as string);
        return new ColumnEncoder(inferType(sample));
      });
    }
    for (let c = 0; c < this.encoders.length; c++) {
      const cells = rows.map((r) => r[c]);
      const { chunk, rewriteFrom } = this.encoders[c].encode(cells);
      if (rewriteFrom) this.rewriteAsText(c, rewriteFrom);
      const blob = chunk.encoding === 'f64' ? encodeF64(chunk.values) : encodeCodes(chunk.codes);
      this.insertChunk.run(this.datasetId, c, this.chunkIdx, rows.length, chunk.encoding, blob);
    }
    this.chunkIdx++;
    this.rows += rows.length;
  }

  /** A column that turned from numbers into text: re-encode the chunks already written. */
  private rewriteAsText(column: number, from: ColumnType): void {
    const old = this.db
      .prepare('SELECT chunk_idx, row_count, data FROM chunks WHERE dataset_id = ? AND column_idx = ? ORDER BY chunk_idx')
      .all(this.datasetId, column) as { chunk_idx: number; row_count: number; data: Buffer }[];
    for (const ch of old) {
      const codes = numbersToText(decodeF64(ch.data), from, this.encoders[column]);
      this.insertChunk.run(this.datasetId, column, ch.chunk_idx, ch.row_count, 'dict', encodeCodes(codes));
    }
  }

  /** Finishes the dataset and makes it visible to every connection at once. */
  commit(provenance: Provenance, roles: Readonly<Record<string, ColumnRole>> = {}): WrittenColumn[] {
    this.flush();
    if (this.encoders.length === 0) this.encoders = this.columnNames.map(() => new ColumnEncoder('text'));
    const finishedAt = new Date();
    const columns: WrittenColumn[] = this.encoders.map((enc, index) => {
      const name = this.columnNames[index];
      const type: ColumnType = enc.isText ? finalTextType(enc.dictionary.length, this.rows - enc.nullCount) : enc.type;
      return { index, name, type, role: roles[name] ?? guessRole(name, type), nullCount: enc.nullCount, widenedCount: enc.widenedCount };
    });
    const insertColumn = this.db.prepare(
      'INSERT INTO columns (dataset_id, idx, name, type, role, null_count, widened_count, dictionary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const col of columns) {
      const enc = this.encoders[col.index];
      insertColumn.run(this.datasetId, col.index, col.name, col.type, col.role, col.nullCount, col.widenedCount, enc.isText ? JSON.stringify(enc.dictionary) : null);
    }
    this.db.prepare('UPDATE datasets SET row_count = ? WHERE id = ?').run(this.rows, this.datasetId);
    const seconds = (finishedAt.getTime() - Date.parse(provenance.startedAt)) / 1000;
    this.db
      .prepare(
        `INSERT INTO imports (dataset_id, kind, source_path, size_bytes, sha256, modified_at, format, parser_settings,
           rows_read, rows_accepted, rows_rejected, started_at, finished_at, seconds)
         VALUES (?, 'create', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        this.datasetId, provenance.sourcePath, provenance.sizeBytes, provenance.sha256, provenance.modifiedAt, provenance.format,
        JSON.stringify(provenance.parserSettings), provenance.rowsRead, this.rows, provenance.rowsRejected,
        provenance.startedAt, finishedAt.toISOString(), seconds,
      );
    this.db
      .prepare('INSERT INTO audit_log (at, action, subject, details) VALUES (?, ?, ?, ?)')
      .run(finishedAt.toISOString(), 'import', this.name, JSON.stringify({ source: provenance.sourcePath, sha256: provenance.sha256, rows: this.rows }));
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
