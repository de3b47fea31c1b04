import type { ColumnType } from '../data/column';
import { NUMERIC_PARSERS, widen, type NumericStorageType } from './infer';
import { formatTimestamp, parseInteger } from './values';

/**
 * Above this many distinct values a text column stops growing its dictionary and stores its chunks
 * as 'str' (values inline): memory must not grow with the number of distinct ids in the file.
 * At that size it is 'text', never 'categorical' (see finalTextType).
 */
export const DICTIONARY_LIMIT = 1000;

/** One encoded chunk of one column, ready to be written as a BLOB. */
export type EncodedChunk =
  | { readonly encoding: 'f64'; readonly values: Float64Array }
  | { readonly encoding: 'dict'; readonly codes: Int32Array }
  | { readonly encoding: 'str'; readonly cells: readonly (string | null)[] };

export interface EncoderState {
  readonly dictionary?: readonly string[];
  readonly stringMode?: boolean;
  readonly epochScale?: number;
  readonly nullCount?: number;
  readonly widenedCount?: number;
}

/**
 * Turns the text cells of one column, a chunk at a time, into typed storage. The column's type is
 * inferred from the first chunk; a later cell that does not parse widens it (integer → real →
 * text) and is counted in `widenedCount`, never coerced. When the widening changes the storage
 * (numbers → text) the caller re-encodes the chunks already written with `numbersToText`.
 */
export class ColumnEncoder {
  type: ColumnType;
  nullCount: number;
  widenedCount: number;
  /** Once true, text chunks are written as 'str' and the dictionary no longer grows. */
  stringMode: boolean;
  readonly dictionary: string[];
  private readonly codeOf = new Map<string, number>();
  private readonly epochScale: number;

  constructor(initialType: ColumnType, state: EncoderState = {}) {
    this.type = initialType;
    this.dictionary = state.dictionary ? state.dictionary.slice() : [];
    this.dictionary.forEach((s, i) => this.codeOf.set(s, i));
    this.stringMode = state.stringMode ?? false;
    this.epochScale = state.epochScale ?? 0;
    this.nullCount = state.nullCount ?? 0;
    this.widenedCount = state.widenedCount ?? 0;
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
    this.nullCount += countNulls(cells);
    const chunk = this.encodeText(cells);
    return isTextType(before) ? { chunk } : { chunk, rewriteFrom: before };
  }

  /** Text cells as dictionary codes while the dictionary is small, else inline. Nulls are not counted here. */
  encodeText(cells: readonly (string | null)[]): EncodedChunk {
    if (!this.stringMode) {
      const start = this.dictionary.length;
      const codes = new Int32Array(cells.length);
      let i = 0;
      for (; i < cells.length; i++) {
        const s = cells[i];
        if (s === null) {
          codes[i] = -1;
          continue;
        }
        let c = this.codeOf.get(s);
        if (c === undefined) {
          if (this.dictionary.length >= DICTIONARY_LIMIT) break;
          c = this.dictionary.length;
          this.dictionary.push(s);
          this.codeOf.set(s, c);
        }
        codes[i] = c;
      }
      if (i === cells.length) return { encoding: 'dict', codes };
      // Too many distinct values: forget this chunk's additions and store values inline from now on.
      for (const s of this.dictionary.splice(start)) this.codeOf.delete(s);
      this.stringMode = true;
    }
    return { encoding: 'str', cells };
  }

  /** Parses the chunk as the current numeric type, widening integer→real in place; undefined when text is needed. */
  private tryNumeric(cells: readonly (string | null)[]): Float64Array | undefined {
    const values = new Float64Array(cells.length);
    let nulls = 0;
    let widened = 0;
    let parse = this.parser();
    for (let i = 0; i < cells.length; i++) {
      const s = cells[i];
      if (s === null) {
        values[i] = NaN;
        nulls++;
        continue;
      }
      let v = parse(s);
      if (v === undefined) {
        const to = widen(this.type, s);
        widened++;
        this.type = to;
        if (to === 'text') {
          this.widenedCount += widened;
          return undefined;
        }
        parse = this.parser();
        v = parse(s) as number;
      }
      values[i] = v;
    }
    this.nullCount += nulls;
    this.widenedCount += widened;
    return values;
  }

  private parser(): (s: string) => number | undefined {
    const base = NUMERIC_PARSERS[this.type as NumericStorageType];
    const scale = this.epochScale;
    if (this.type !== 'timestamp' || !scale) return base;
    return (s) => {
      const n = parseInteger(s);
      return n !== undefined ? n * scale : base(s);
    };
  }
}

function isTextType(t: ColumnType): boolean {
  return t === 'text' || t === 'categorical';
}

function countNulls(cells: readonly (string | null)[]): number {
  let n = 0;
  for (let i = 0; i < cells.length; i++) if (cells[i] === null) n++;
  return n;
}

/**
 * Numbers written back in their canonical text form (integers exactly; timestamps as ISO 8601
 * UTC), for a column that became text after some chunks were stored as numbers.
 */
export function numbersToCells(values: Float64Array, from: ColumnType): (string | null)[] {
  const out = new Array<string | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isNaN(v) ? null : from === 'timestamp' ? formatTimestamp(v) : from === 'boolean' ? (v ? 'true' : 'false') : String(v);
  }
  return out;
}
