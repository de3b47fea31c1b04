import type { CallContext } from '../../api/context';
import type { Problems } from '../problems';

/** Where a format reader sends what it reads. */
export interface RowSink {
  /** The header (first call), then columns first seen later (JSON Lines keys). */
  columns(names: readonly string[]): void;
  /** One row in column order, starting on `line`; missing trailing cells are read as missing. */
  row(cells: readonly (string | null | undefined)[], line: number): void;
  /** One CSV row as ranges of the decoded text, so numbers are parsed without a string per cell. */
  fields(row: FieldRow): void;
  /**
   * A window of rows as columns (Parquet), so typed values reach storage without text in between.
   * Optional: a sink without it gets the same rows as text through `row`.
   */
  window?(w: ColumnWindow): void;
  /** Column-major writing for columnar files, where the sink can take it (see DatasetWriter.columnar). */
  columnar?(): ColumnarSink | undefined;
}

/** Where a columnar reader sends each column's values in turn. */
export interface ColumnarSink {
  /** The next `rows` values of file column `column`: rows [0, rows) of `values`. */
  add(column: number, values: WindowColumn, rows: number): void;
  /** Every column has now been given `rows` more rows since the last call. */
  aligned(rows: number): void;
}

/** Storage types a source can declare for a column of numbers. */
export type SourceNumberType = 'integer' | 'real' | 'boolean' | 'timestamp';

/**
 * One column of a window: numbers the source typed (NaN = missing; timestamps as epoch ms UTC,
 * booleans 1/0), with the few values a double cannot hold kept as text in `odd` by row; or cells
 * of text (null = missing).
 */
export type WindowColumn =
  | { readonly kind: 'numbers'; readonly type: SourceNumberType; readonly values: Float64Array; readonly odd: ReadonlyMap<number, string> }
  | { readonly kind: 'cells'; readonly cells: readonly (string | null)[] };

/** Rows [0, rows) of every column; row k is row number `line + k` of the file (1-based). */
export interface ColumnWindow {
  readonly rows: number;
  readonly line: number;
  readonly columns: readonly WindowColumn[];
}

/**
 * A window column's cell as the text path would have read it: numbers in their canonical text,
 * times as ISO 8601 (as hyparquet's Date, toISOString), booleans as true/false.
 */
export function windowCell(c: WindowColumn, k: number): string | null {
  if (c.kind === 'cells') return c.cells[k];
  const v = c.values[k];
  if (v !== v) return c.odd.get(k) ?? null;
  if (c.type === 'timestamp') return new Date(v).toISOString();
  if (c.type === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

/**
 * A CSV row as the tokenizer found it: field i is text[starts[i], ends[i]), unless it was quoted
 * with doubled quotes inside, in which case unescaped[i] holds its value.
 */
export interface FieldRow {
  readonly text: string;
  /** 1-based line where the row starts (for Parquet: the row number). */
  readonly line: number;
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly unescaped: (string | undefined)[];
}

/** A FieldRow's cells as strings, for consumers that are not on the hot path. */
export function fieldStrings(row: FieldRow): string[] {
  const out = new Array<string>(row.count);
  for (let i = 0; i < row.count; i++) out[i] = row.unescaped[i] ?? row.text.slice(row.starts[i], row.ends[i]);
  return out;
}

export interface ReadContext {
  readonly ctx: CallContext;
  readonly problems: Problems;
  readonly displayName: string;
  /** Reports bytes read so far; throttled by the caller. */
  readonly progress: (rows: number) => void;
}

export interface ReadOutcome {
  /** Data rows read, good and bad. */
  readonly rowsRead: number;
  /** Parser settings worth recording in the provenance. */
  readonly settings: Record<string, unknown>;
}
