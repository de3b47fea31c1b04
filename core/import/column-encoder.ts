import type { ColumnType } from '../data/column';
import { NUMERIC_PARSERS, widen, type NumericStorageType } from './infer';
import { formatTimestamp } from './values';

/** One encoded chunk of one column, ready to be written as a BLOB. */
export type EncodedChunk =
  | { readonly encoding: 'f64'; readonly values: Float64Array }
  | { readonly encoding: 'dict'; readonly codes: Int32Array };

/**
 * Turns the text cells of one column, a chunk at a time, into typed storage. The column's type is
 * inferred from the first chunk; a later cell that does not parse widens it (integer → real →
 * text) and is counted in `widenedCount`, never coerced. When the widening changes the storage
 * (numbers → text) the caller must re-encode the chunks already written: see `numbersToText`.
 */
export class ColumnEncoder {
  type: ColumnType;
  nullCount = 0;
  widenedCount = 0;
  readonly dictionary: string[] = [];
  private readonly codeOf = new Map<string, number>();

  constructor(initialType: ColumnType) {
    this.type = initialType;
  }

  get isText(): boolean {
    return this.type === 'text' || this.type === 'categorical';
  }

  /**
   * Encodes one chunk. Returns the chunk and, when this chunk forced numbers to become text, the
   * type the earlier chunks were stored as.
   */
  encode(cells: readonly (string | null)[]): { chunk: EncodedChunk; rewriteFrom?: ColumnType } {
    const before = this.type;
    if (!this.isText) {
      const values = this.tryNumeric(cells);
      if (values) return { chunk: { encoding: 'f64', values } };
    }
    const codes = new Int32Array(cells.length);
    for (let i = 0; i < cells.length; i++) {
      const s = cells[i];
      codes[i] = s === null ? -1 : this.code(s);
    }
    this.nullCount += countNulls(cells);
    const widenedToText = before !== this.type || !isTextType(before) ? before : undefined;
    return { chunk: { encoding: 'dict', codes }, ...(widenedToText && !isTextType(widenedToText) ? { rewriteFrom: widenedToText } : {}) };
  }

  /** Dictionary code of a string, adding it on first sight. */
  code(s: string): number {
    let c = this.codeOf.get(s);
    if (c === undefined) {
      c = this.dictionary.length;
      this.dictionary.push(s);
      this.codeOf.set(s, c);
    }
    return c;
  }

  /** Parses the chunk as the current numeric type, widening integer→real in place; undefined when text is needed. */
  private tryNumeric(cells: readonly (string | null)[]): Float64Array | undefined {
    const values = new Float64Array(cells.length);
    let nulls = 0;
    let widened = 0;
    for (let i = 0; i < cells.length; i++) {
      const s = cells[i];
      if (s === null) {
        values[i] = NaN;
        nulls++;
        continue;
      }
      let v = NUMERIC_PARSERS[this.type as NumericStorageType](s);
      if (v === undefined) {
        const to = widen(this.type, s);
        widened++;
        this.type = to;
        if (to === 'text') {
          this.widenedCount += widened;
          return undefined;
        }
        v = NUMERIC_PARSERS[to as NumericStorageType](s) as number;
      }
      values[i] = v;
    }
    this.nullCount += nulls;
    this.widenedCount += widened;
    return values;
  }
}

function isTextType(t: ColumnType): boolean {
  return t === 'text' || t === 'categorical';
}

function countNulls(cells: readonly (string | null)[]): number {
  let n = 0;
  for (const c of cells) if (c === null) n++;
  return n;
}

/**
 * Re-encodes a chunk stored as numbers when its column became text. Numbers are written back in
 * their canonical form (integers exactly; timestamps as ISO 8601 UTC).
 */
export function numbersToText(values: Float64Array, from: ColumnType, encoder: ColumnEncoder): Int32Array {
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      codes[i] = -1;
      continue;
    }
    const s = from === 'timestamp' ? formatTimestamp(v) : from === 'boolean' ? (v ? 'true' : 'false') : String(v);
    codes[i] = encoder.code(s);
  }
  return codes;
}
