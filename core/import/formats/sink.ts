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
