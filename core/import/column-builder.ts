import type { ColumnType } from '../data/column';
import { epochUnit, EPOCH_PER_VALUE, inferType, namedLikeTime, NUMERIC_PARSERS, widen, type NumericStorageType } from './infer';
import { RANGE_PARSERS, parseIntegerRange, parseRealRange, parseTimestampRange, type RangeParser } from './parse-range';
import { formatTimestamp, parseCompactDate, parseInteger, parsePaddedInteger } from '../data/values';

/**
 * Above this many distinct values a text column stops growing its dictionary and stores its chunks
 * as 'str' (values inline): memory must not grow with the number of distinct ids in the file.
 * At that size it is 'text', never 'categorical' (see finalTextType).
 */
export const DICTIONARY_LIMIT = 1000;
/** Non-null values a column's type is inferred from. */
export const INFER_SAMPLE = 1000;
/** Values kept for guessing a role (personal data) after the type is inferred. */
const SAMPLE_VALUES = 200;

/** One encoded chunk of one column, ready to be written as a BLOB (valid until the next `add`). */
export type EncodedChunk =
  | { readonly encoding: 'f64'; readonly values: Float64Array }
  | { readonly encoding: 'dict'; readonly codes: Int32Array }
  | { readonly encoding: 'str'; readonly cells: readonly (string | null)[] };

export interface NullTokens {
  readonly set: ReadonlySet<string>;
  readonly maxLength: number;
}

export function nullTokens(tokens: readonly string[]): NullTokens {
  return { set: new Set(tokens), maxLength: Math.max(0, ...tokens.map((t) => t.length)) };
}

export interface BuilderState {
  readonly type?: ColumnType;
  readonly epochScale?: number;
  readonly dictionary?: readonly string[];
  readonly stringMode?: boolean;
  readonly nullCount?: number;
  readonly widenedCount?: number;
  /** The user chose `type`: values that do not fit it are refused (see `accepts`), never widened. */
  readonly fixed?: boolean;
  /** A chosen timestamp's own format (see timestamp-format.ts): the only way its values are read. */
  readonly format?: (s: string) => number | undefined;
}

const OTHER = 0;
const REAL = 1;
const INTEGER = 2;
const ISO_Z = 3;

const SAMPLING = 0;
const NUMERIC = 1;
const DICT = 2;
const STR = 3;

/**
 * Builds one column's chunk cell by cell, straight into typed storage, so an import holds no
 * per-cell strings beyond the current row. The type is inferred from the first 1,000 non-null
 * values (cells are held as text until then); a later value that does not parse widens the column
 * (integer → real → text) and is counted in `widenedCount`, never coerced. When numbers become
 * text, `rewriteFrom` tells the writer to re-encode the chunks it already stored.
 */
export class ColumnBuilder {
  type: ColumnType;
  nullCount: number;
  widenedCount: number;
  /** Once true, text chunks are written as 'str' and the dictionary no longer grows. */
  stringMode: boolean;
  readonly dictionary: string[];
  /** Some of the first non-missing values (kept when the type was inferred), for role guesses. */
  sampleValues: readonly string[] = [];
  /** The first value that turned numbers into text, for messages. */
  firstWidened: string | undefined;
  /** Set by the chunk that turned stored numbers into text; the writer clears it. */
  rewriteFrom: ColumnType | undefined;
  readonly fixed: boolean;
  private readonly format: ((s: string) => number | undefined) | undefined;
  private readonly codeOf = new Map<string, number>();
  private mode: number;
  private epochScale = 0;
  private parse: (s: string) => number | undefined = () => undefined;
  private parseRange: RangeParser = () => undefined;
  private rangeKind = OTHER;
  private f64: Float64Array;
  private codes: Int32Array;
  private strs: (string | null)[] = [];
  private n = 0;
  private sampled = 0;
  private chunkStartDict = 0;
  /** Set when an append's stored values hold a text that is a null token of this import. */
  private tokensInDictionary = false;

  constructor(
    private readonly name: string,
    private readonly capacity: number,
    private readonly tokens: NullTokens,
    state: BuilderState = {},
  ) {
    this.dictionary = state.dictionary ? state.dictionary.slice() : [];
    this.dictionary.forEach((s, i) => this.codeOf.set(s, i));
    this.tokensInDictionary = this.dictionary.some((s) => this.isNull(s));
    this.stringMode = state.stringMode ?? false;
    this.nullCount = state.nullCount ?? 0;
    this.widenedCount = state.widenedCount ?? 0;
    this.type = state.type ?? 'text';
    this.f64 = new Float64Array(0);
    this.codes = new Int32Array(0);
    this.mode = SAMPLING;
    this.fixed = state.fixed ?? false;
    this.format = state.format;
    const epochScale = state.epochScale ?? (this.fixed && state.type === 'timestamp' ? EPOCH_PER_VALUE : undefined);
    if (state.type !== undefined) this.setType(state.type === 'categorical' ? 'text' : state.type, epochScale);
    this.chunkStartDict = this.dictionary.length;
  }

  get isText(): boolean {
    return this.type === 'text' || this.type === 'categorical';
  }

  get length(): number {
    return this.n;
  }

  private setType(type: ColumnType, epochScale = 0): void {
    this.type = type;
    if (type === 'text' || type === 'categorical') {
      this.mode = this.stringMode ? STR : DICT;
      if (this.codes.length < this.capacity) this.codes = new Int32Array(this.capacity);
    } else {
      this.mode = NUMERIC;
      this.epochScale = epochScale || this.epochScale;
      this.parse = this.parser();
      this.parseRange = this.rangeParser();
      const paddedIntegers = this.fixed && this.type === 'integer';
      this.rangeKind = this.format ? OTHER : this.type === 'real' ? REAL : this.type === 'integer' && !paddedIntegers ? INTEGER : this.type === 'timestamp' && !this.epochScale ? ISO_Z : OTHER;
      if (this.f64.length < this.capacity) this.f64 = new Float64Array(this.capacity);
    }
  }

  private isNull(s: string): boolean {
    return s.length <= this.tokens.maxLength && this.tokens.set.has(s);
  }

  /** Whether a cell fits the column's type without widening: what a chosen (fixed) type demands. */
  accepts(s: string | null | undefined): boolean {
    if (this.mode !== NUMERIC || s === null || s === undefined) return true;
    return this.parse(s) !== undefined || this.isNull(s);
  }

  /** Adds one raw cell; null/undefined and null tokens are missing values. */
  add(s: string | null | undefined): void {
    if (this.mode === NUMERIC) {
      if (s === null || s === undefined) {
        this.f64[this.n++] = NaN;
        this.nullCount++;
        return;
      }
      const v = this.parse(s);
      if (v !== undefined) {
        this.f64[this.n++] = v;
        return;
      }
      if (this.isNull(s)) {
        this.f64[this.n++] = NaN;
        this.nullCount++;
        return;
      }
      this.widenNumeric(s);
      return;
    }
    if (s !== null && s !== undefined && this.mode === DICT && !this.tokensInDictionary) {
      // A value already in the dictionary is not a null token (only stored values of an append
      // can bring one in): most cells of a categorical column end here, with one lookup.
      const c = this.codeOf.get(s);
      if (c !== undefined) {
        this.codes[this.n++] = c;
        return;
      }
    }
    if (s === null || s === undefined || this.isNull(s)) {
      this.nullCount++;
      this.pushText(null);
      return;
    }
    if (this.mode === SAMPLING) {
      this.strs.push(s);
      this.n++;
      if (++this.sampled >= INFER_SAMPLE) this.decide();
      return;
    }
    this.pushText(s);
  }

  /**
   * A value read back from storage (an append rewrites the dataset's last, partial chunk): text
   * that happens to be a null token of this import stays a value.
   */
  addStored(s: string | null): void {
    if (s === null || this.mode === NUMERIC || this.mode === SAMPLING) this.add(s);
    else {
      if (this.isNull(s)) this.tokensInDictionary = true;
      this.pushText(s);
    }
  }

  /** Adds text[start, end) — a CSV cell — parsing numbers in place. */
  addRange(text: string, start: number, end: number): void {
    if (this.mode === NUMERIC) {
      // A switch, not a function pointer: every call site stays monomorphic and inlinable.
      let v: number | undefined;
      switch (this.rangeKind) {
        case REAL:
          v = parseRealRange(text, start, end);
          break;
        case INTEGER:
          v = parseIntegerRange(text, start, end);
          break;
        case ISO_Z:
          v = parseTimestampRange(text, start, end);
          break;
        default:
          v = this.parseRange(text, start, end);
      }
      if (v !== undefined) {
        this.f64[this.n++] = v;
        return;
      }
    }
    this.add(start === end ? '' : text.slice(start, end));
  }

  /**
   * values[from, to) of a column whose source typed them (Parquet): NaN = missing, `odd` holds by
   * index the text of values a double cannot hold. Stored as they are when the column has that
   * type (the first values decide it, as a source's type is known, unless integers may be epoch
   * times); otherwise each goes through its text form like any cell, so widening and chosen
   * types behave as for text.
   */
  addNumbers(values: Float64Array, from: number, to: number, type: NumericStorageType, odd: ReadonlyMap<number, string>): void {
    if (this.mode === SAMPLING && this.sampled === 0 && !(type === 'integer' && namedLikeTime(this.name))) {
      // Only missing values held so far: the column takes the source's type.
      const held = this.n;
      this.strs = [];
      this.setType(type);
      this.f64.fill(NaN, 0, held);
    }
    if (this.mode === NUMERIC && odd.size === 0 && (this.type === type || (this.type === 'real' && type === 'integer'))) {
      const f64 = this.f64;
      let n = this.n;
      let nulls = 0;
      for (let i = from; i < to; i++) {
        const v = values[i];
        if (v !== v) nulls++;
        f64[n++] = v;
      }
      this.n = n;
      this.nullCount += nulls;
      return;
    }
    for (let i = from; i < to; i++) {
      const v = values[i];
      this.add(v !== v ? (odd.get(i) ?? null) : type === 'timestamp' ? new Date(v).toISOString() : type === 'boolean' ? (v ? 'true' : 'false') : String(v));
    }
  }

  /** Infers the type from the cells held so far and re-adds them as typed values. */
  private decide(): void {
    const held = this.strs;
    const sample: string[] = [];
    for (const s of held) if (s !== null) sample.push(s);
    const inferred = inferType(sample, this.name);
    this.sampleValues = sample.slice(0, SAMPLE_VALUES);
    this.strs = [];
    this.n = 0;
    this.setType(inferred.type, inferred.epochScale);
    const nulls = this.nullCount;
    for (const s of held) this.add(s);
    this.nullCount = nulls; // the held nulls were counted when they arrived
  }

  private pushText(s: string | null): void {
    if (this.mode === DICT) {
      if (s === null) {
        this.codes[this.n++] = -1;
        return;
      }
      let c = this.codeOf.get(s);
      if (c === undefined) {
        if (this.dictionary.length >= DICTIONARY_LIMIT) {
          this.toStringMode();
          this.strs.push(s);
          this.n++;
          return;
        }
        c = this.dictionary.length;
        this.dictionary.push(s);
        this.codeOf.set(s, c);
      }
      this.codes[this.n++] = c;
      return;
    }
    this.strs.push(s);
    this.n++;
  }

  /** Too many distinct values: this chunk's codes become inline strings, and so do later chunks. */
  private toStringMode(): void {
    const dict = this.dictionary;
    this.strs = [];
    for (let i = 0; i < this.n; i++) this.strs.push(this.codes[i] < 0 ? null : dict[this.codes[i]]);
    for (const s of dict.splice(this.chunkStartDict)) this.codeOf.delete(s);
    this.stringMode = true;
    this.mode = STR;
  }

  private widenNumeric(s: string): void {
    this.widenedCount++;
    const from = this.type;
    const to = widen(from, s);
    if (to !== 'text') {
      this.setType(to);
      this.f64[this.n++] = this.parse(s) as number;
      return;
    }
    const held = numbersToCells(this.f64.subarray(0, this.n), from);
    this.rewriteFrom ??= from;
    this.firstWidened ??= s;
    this.n = 0;
    this.setType('text');
    for (const c of held) this.pushText(c);
    this.pushText(s);
  }

  /** The chunk built so far; the builder starts the next one. */
  finish(): EncodedChunk {
    if (this.mode === SAMPLING) this.decide();
    const n = this.n;
    this.n = 0;
    this.chunkStartDict = this.dictionary.length;
    if (this.mode === NUMERIC) return { encoding: 'f64', values: this.f64.subarray(0, n) };
    if (this.mode === DICT) return { encoding: 'dict', codes: this.codes.subarray(0, n) };
    const cells = this.strs;
    this.strs = [];
    return { encoding: 'str', cells };
  }

  /**
   * A stored chunk's cells re-encoded as text, after numbers became text. Called between chunks
   * (after `finish`); nulls are not counted again.
   */
  encodeText(cells: readonly (string | null)[]): EncodedChunk {
    const own = this.codes;
    this.codes = new Int32Array(cells.length);
    this.n = 0;
    this.strs = [];
    this.chunkStartDict = this.dictionary.length;
    for (const c of cells) this.pushText(c);
    const out: EncodedChunk = this.mode === STR ? { encoding: 'str', cells: this.strs } : { encoding: 'dict', codes: this.codes.subarray(0, this.n) };
    this.codes = own;
    this.n = 0;
    this.strs = [];
    this.chunkStartDict = this.dictionary.length;
    return out;
  }

  private rangeParser(): RangeParser {
    const format = this.type === 'timestamp' ? this.format : undefined;
    if (format) return (text, start, end) => format(text.slice(start, end));
    if (this.fixed && this.type === 'timestamp') return (text, start, end) => this.parse(text.slice(start, end));
    if (this.fixed && this.type === 'integer') return (text, start, end) => parsePaddedInteger(text.slice(start, end));
    const base = RANGE_PARSERS[this.type as NumericStorageType];
    const scale = this.epochScale;
    if (this.type !== 'timestamp' || !scale) return base;
    return (text, start, end) => {
      const n = parseIntegerRange(text, start, end);
      return n !== undefined ? epochMs(n, scale) : base(text, start, end);
    };
  }

  private parser(): (s: string) => number | undefined {
    if (this.type === 'timestamp' && this.format) return this.format;
    if (this.fixed && this.type === 'integer') return parsePaddedInteger;
    const base = NUMERIC_PARSERS[this.type as NumericStorageType];
    const scale = this.epochScale;
    if (this.type !== 'timestamp' || !scale) return base;
    // A chosen timestamp also reads compact YYYYMMDD dates: 8 digits, never an epoch (those have 10 or 13).
    const compact = this.fixed;
    return (s) => {
      const n = parseInteger(s);
      if (n === undefined) return base(s);
      return epochMs(n, scale) ?? (compact ? parseCompactDate(s) : undefined);
    };
  }
}

function epochMs(n: number, scale: number): number | undefined {
  if (scale !== EPOCH_PER_VALUE) return n * scale;
  const unit = epochUnit(n);
  return unit === undefined ? undefined : n * unit;
}

/**
 * Numbers written back in their canonical text form (integers exactly; timestamps as ISO 8601
 * UTC), for a column that became text after some values were stored as numbers.
 */
export function numbersToCells(values: Float64Array, from: ColumnType): (string | null)[] {
  const out = new Array<string | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isNaN(v) ? null : from === 'timestamp' ? formatTimestamp(v) : from === 'boolean' ? (v ? 'true' : 'false') : String(v);
  }
  return out;
}
