import { DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
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
   * Where good CSV rows may go many at a time, by column (asked once, after the header); undefined:
   * row by row through `fields`.
   */
  batches?(): ((batch: FieldBatch) => void) | undefined;
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
 * booleans 1/0), with the few values a double cannot hold kept as text in `odd` by row; cells of
 * text (null = missing); or text as references (TextRefs), which a builder takes as dictionary
 * codes or bytes without a string per cell.
 */
export type WindowColumn =
  | { readonly kind: 'numbers'; readonly type: SourceNumberType; readonly values: Float64Array; readonly odd: ReadonlyMap<number, string> }
  | { readonly kind: 'cells'; readonly cells: readonly (string | null)[] }
  | TextRefs;

/**
 * A column chunk's dictionary of text as the file stores it: entry r is the UTF-8 of
 * bytes[starts[r], starts[r + 1]). A large dictionary (DuckDB writes one entry per session id,
 * 142,858 for 1M rows) is never made into strings as a whole: an entry becomes one when it is
 * asked for (`at`, once), and a builder storing 'str' chunks copies the bytes (ColumnBuilder).
 * Between threads it crosses as its two buffers, transferred.
 */
export class ByteDictionary {
  readonly length: number;
  private readonly made = new Map<number, string>();

  constructor(
    readonly bytes: Uint8Array,
    readonly starts: Int32Array,
    /** Every byte is ASCII: an entry's UTF-16 length is its byte length, and it reads as Latin-1. */
    readonly ascii: boolean,
  ) {
    this.length = starts.length - 1;
  }

  /** Entry r as text: what hyparquet's convert gives for it (its TextDecoder), made once. */
  at(r: number): string {
    let s = this.made.get(r);
    if (s === undefined) {
      s = textOfBytes(this.bytes, this.starts[r], this.starts[r + 1], this.ascii);
      this.made.set(r, s);
    }
    return s;
  }
}

/** A column chunk's dictionary as text: strings (and nulls) by entry, or the entries' bytes. */
export type TextDictionary = readonly (string | null)[] | ByteDictionary;

/** Entry r of a text dictionary. */
export function dictionaryEntry(d: TextDictionary, r: number): string | null {
  return d instanceof ByteDictionary ? d.at(r) : d[r];
}

/**
 * A window of text as a Parquet page holds it (ColumnCursor.takeRefs): refs[k] ≥ 0 is entry r of
 * the column chunk's dictionary (the same object for every window of that chunk, so a
 * builder maps it to its own codes once), -1 missing, -2 - 2j the j-th plain string's UTF-8
 * (bytes[bounds[2j], bounds[2j + 1])), -3 - 2j the j-th of `extras` (text of other types).
 * Cell k is textCell(t, k): what the cells path gave for it.
 */
export interface TextRefs {
  readonly kind: 'text';
  readonly refs: Int32Array;
  readonly dictionary: TextDictionary | undefined;
  readonly bytes: Uint8Array | undefined;
  readonly bounds: Int32Array | undefined;
  /** Every byte of `bytes` is ASCII: each string reads as Latin-1, the same text, faster. */
  readonly ascii: boolean;
  readonly extras: readonly string[];
}

/** Cell k of a text window, as the cells path had it (plain strings decoded as hyparquet decodes them). */
export function textCell(t: TextRefs, k: number): string | null {
  const r = t.refs[k];
  if (r >= 0) return dictionaryEntry(t.dictionary as TextDictionary, r);
  if (r === -1) return null;
  if ((r & 1) === 0) {
    const j = (-2 - r) / 2;
    const bounds = t.bounds as Int32Array;
    const bytes = t.bytes as Uint8Array;
    return textOfBytes(bytes, bounds[2 * j], bounds[2 * j + 1], t.ascii);
  }
  return t.extras[(-3 - r) / 2];
}

/** bytes[start, end) as text, as hyparquet decodes it (its TextDecoder); ASCII bytes read as Latin-1, the same text, faster. */
function textOfBytes(bytes: Uint8Array, start: number, end: number, ascii: boolean): string {
  if (ascii) return (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as Latin1Buffer).latin1Slice(start, end);
  return DEFAULT_PARSERS.stringFromBytes(bytes.subarray(start, end)) as string;
}

/** Node's Buffer has latin1Slice(start, end) (what toString('latin1') calls); its types leave it out. */
type Latin1Buffer = Buffer & { latin1Slice(start: number, end: number): string };

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
  if (c.kind === 'text') return textCell(c, k);
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

/**
 * Rows of one decoded text as ranges: cell c of row r is text[starts[i], ends[i]) with
 * i = r * width + c. Only rows with every cell plain (no doubled quote to undo), as many cells as
 * the header. A builder types one column's cells of all the rows in one loop, where a row at a
 * time calls every column's builder in turn.
 */
export interface FieldBatch {
  readonly text: string;
  readonly width: number;
  readonly rows: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
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
