import type { Statement } from 'better-sqlite3';
import type { Db } from '../workspace/open';

export interface MatchCounts {
  readonly matched: number;
  readonly duplicateKeys: number;
  readonly orphans: number;
}

/**
 * The key match of a join, done by SQLite in TEMP tables on the join's connection. With
 * temp_store = FILE, the sorts behind GROUP BY spill to disk past the connection's cache, so memory
 * does not grow with the file or the dataset. Keys sorted on both sides make the join's lookups
 * walk the index in order instead of at random.
 */
export class KeyMatch {
  private readonly cols: string[];
  private readonly fileBatch: Batch;
  private readonly keyBatch: Batch;
  private fileRows = 0;
  private readonly windows: Statement[] = [];

  constructor(
    private readonly db: Db,
    width: number,
  ) {
    this.cols = Array.from({ length: width }, (_, i) => `c${i}`);
    // Changing temp_store drops existing temp tables, so it comes first; a retried join (Latin-1)
    // runs on a new connection anyway.
    db.pragma('temp_store = FILE');
    db.exec(`CREATE TEMP TABLE join_file (key TEXT NOT NULL, ${this.cols.join(', ')});
      CREATE TEMP TABLE join_keys (key TEXT NOT NULL, row INTEGER NOT NULL)`);
    this.fileBatch = new Batch(db, 'join_file', width + 1);
    this.keyBatch = new Batch(db, 'join_keys', 2);
  }

  /** One file row with a usable key; cells are its joined columns' values (null = missing). */
  addFileRow(key: string, cells: readonly (string | null)[]): void {
    this.fileBatch.add(key, cells);
    this.fileRows++;
  }

  /** Called after the last file row. */
  endFile(): void {
    this.fileBatch.flush();
  }

  addDatasetKey(key: string, row: number): void {
    this.keyBatch.add(key, [row]);
  }

  /**
   * Pairs each dataset key's first row with the key's first file row (file order = rowid order)
   * into join_rows, keyed by dataset row, and counts what the join reports.
   */
  match(): MatchCounts {
    this.keyBatch.flush();
    const c = this.cols.join(', ');
    const fc = this.cols.map((x) => `f.${x}`).join(', ');
    // A bare column next to MIN() takes its value from the row holding the minimum (SQLite rule).
    this.db.exec(`
      CREATE TEMP TABLE join_file_keys (key TEXT PRIMARY KEY, n INTEGER, first INTEGER, ${c}) WITHOUT ROWID;
      INSERT INTO join_file_keys SELECT key, COUNT(*), MIN(rowid), ${c} FROM join_file GROUP BY key;
      DROP TABLE join_file;
      CREATE TEMP TABLE join_first (key TEXT PRIMARY KEY, row INTEGER) WITHOUT ROWID;
      INSERT INTO join_first SELECT key, MIN(row) FROM join_keys GROUP BY key;
      DROP TABLE join_keys;
      CREATE TEMP TABLE join_rows (row INTEGER PRIMARY KEY, n INTEGER, ${c});
      INSERT INTO join_rows SELECT d.row, f.n, ${fc} FROM join_file_keys f JOIN join_first d ON d.key = f.key ORDER BY d.row;
      DROP TABLE join_file_keys;
      DROP TABLE join_first;`);
    const r = this.db.prepare('SELECT COUNT(*) AS keys, COALESCE(SUM(n), 0) AS rows FROM join_rows').get() as { keys: number; rows: number };
    return { matched: r.keys, duplicateKeys: r.rows - r.keys, orphans: this.fileRows - r.rows };
  }

  /** Joined column `col`'s values for dataset rows [start, end), missing ones null. */
  window(col: number, start: number, end: number): (string | null)[] {
    const out = new Array<string | null>(end - start).fill(null);
    this.windows[col] ??= this.db.prepare(`SELECT row, c${col} FROM join_rows WHERE row >= ? AND row < ?`).raw();
    const rows = this.windows[col].all(start, end) as [number, string | null][];
    for (const [row, v] of rows) out[row - start] = v;
    return out;
  }

  /** Temp tables live as long as the connection; dropping them gives their disk space back now. */
  drop(): void {
    this.db.exec('DROP TABLE IF EXISTS temp.join_file; DROP TABLE IF EXISTS temp.join_keys; DROP TABLE IF EXISTS temp.join_file_keys; DROP TABLE IF EXISTS temp.join_first; DROP TABLE IF EXISTS temp.join_rows');
  }
}

/** Rows per INSERT: one statement call per row costs more than the insert itself. */
const BATCH_ROWS = 64;
/** Well under SQLite's limit on a statement's parameters (32,766), for files of any width. */
const BATCH_PARAMS = 4096;

class Batch {
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly args: unknown[];
  private readonly rows: number;
  private n = 0;

  constructor(db: Db, table: string, private readonly width: number) {
    this.rows = Math.max(1, Math.min(BATCH_ROWS, Math.floor(BATCH_PARAMS / width)));
    const row = `(?${', ?'.repeat(width - 1)})`;
    this.many = db.prepare(`INSERT INTO ${table} VALUES ${Array<string>(this.rows).fill(row).join(', ')}`);
    this.one = db.prepare(`INSERT INTO ${table} VALUES ${row}`);
    this.args = new Array<unknown>(this.rows * width);
  }

  add(first: unknown, rest: readonly unknown[]): void {
    let at = this.n * this.width;
    this.args[at++] = first;
    for (let i = 0; i < rest.length; i++) this.args[at++] = rest[i];
    if (++this.n === this.rows) {
      this.many.run(this.args);
      this.n = 0;
    }
  }

  flush(): void {
    for (let r = 0; r < this.n; r++) this.one.run(this.args.slice(r * this.width, (r + 1) * this.width));
    this.n = 0;
  }
}
