import type { ColumnType } from '../data/column';
import { epochUnit, EPOCH_PER_VALUE, inferType, namedLikeTime, NUMERIC_PARSERS, widen, type NumericStorageType } from './infer';
import { RANGE_PARSERS, parseIntegerRange, parseRealRange, parseTimestampRange, type RangeParser } from './parse-range';
import { formatTimestamp, parseCompactDate, parseInteger, parsePaddedInteger } from '../data/values';
import { ChunkPacker, type PackedChunk } from '../workspace/chunks';
import { ByteDictionary, dictionaryEntry, textCell, type TextDictionary, type TextRefs } from './formats/sink';

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

/**
 * One encoded chunk of one column, ready to be written as a BLOB (valid until the next `add`:
 * the builder's buffers are reused chunk after chunk, as fresh memory costs a page fault per 4 KB).
 * 'str' chunks come already laid out as `encodeStrings` lays them out (workspace/chunks.ts).
 */
export type EncodedChunk =
  | { readonly encoding: 'f64'; readonly values: Float64Array }
  | { readonly encoding: 'dict'; readonly codes: Int32Array; /** No code is above it: the dictionary's size less one. */ readonly maxCode: number }
  | { readonly encoding: 'str'; readonly blob: Buffer };

/** A chunk in the encoding it is stored in (see ChunkPacker): 'str' as built, numbers and codes narrowed where they fit. */
export function packChunk(packer: ChunkPacker, chunk: EncodedChunk): PackedChunk {
  if (chunk.encoding === 'str') return chunk;
  return chunk.encoding === 'f64' ? packer.numbers(chunk.values) : packer.codes(chunk.codes, chunk.maxCode);
}

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
  /** Cells held while the type is not yet inferred. */
  private strs: (string | null)[] = [];
  /**
   * 'str' chunks are written straight into this buffer in their stored layout: int32 n, int32
   * lengths[capacity], then the UTF-8 bytes from `bodyStart` (moved down behind a shorter head
   * when the chunk has fewer rows). No string per cell, no array of them, no join.
   */
  private blob: Buffer = Buffer.alloc(0);
  private head: Int32Array = new Int32Array(0);
  private bodyStart = 0;
  private bodyLen = 0;
  /** Open-addressing index of the dictionary (code + 1, 0 = empty): CSV cells are looked up as ranges, without a string. */
  private slots = new Int32Array(0);
  private n = 0;
  private sampled = 0;
  private chunkStartDict = 0;
  /** Set when an append's stored values hold a text that is a null token of this import. */
  private tokensInDictionary = false;
  /** The empty cell is a null token. */
  private readonly emptyIsNull: boolean;
  /** The source dictionary `refCodes` maps (addText): its entry r is this builder's code refCodes[r]. */
  private refDictionary: TextDictionary | undefined;
  /** Per source dictionary entry: this builder's code, MISSING_REF when it is missing, UNSEEN_REF until first met. */
  private refCodes = new Int32Array(0);
  /** The source dictionary's entries as a 'str' chunk stores them (addText in 'str' mode). */
  private refStr: RefStrings | undefined;

  constructor(
    private readonly name: string,
    private readonly capacity: number,
    private readonly tokens: NullTokens,
    state: BuilderState = {},
  ) {
    this.emptyIsNull = tokens.set.has('');
    this.dictionary = state.dictionary ? state.dictionary.slice() : [];
    this.dictionary.forEach((s, i) => this.codeOf.set(s, i));
    this.reindex();
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

  /** Rebuilds the range index of the dictionary, sized to stay at most half full (small at first: a wide file has thousands of builders). */
  private reindex(): void {
    let size = 64;
    while (size < 4 * this.dictionary.length) size *= 2;
    this.slots = new Int32Array(size);
    for (let c = 0; c < this.dictionary.length; c++) this.index(c);
  }

  private index(code: number): void {
    const s = this.dictionary[code];
    if (2 * (code + 1) > this.slots.length) return this.reindex();
    const mask = this.slots.length - 1;
    let p = hashRange(s, 0, s.length) & mask;
    while (this.slots[p] !== 0) p = (p + 1) & mask;
    this.slots[p] = code + 1;
  }

  /** The dictionary code of text[start, end), or -1. */
  private lookupRange(text: string, start: number, end: number): number {
    const len = end - start;
    const slots = this.slots;
    const mask = slots.length - 1;
    const dict = this.dictionary;
    for (let p = hashRange(text, start, end) & mask; ; p = (p + 1) & mask) {
      const slot = slots[p];
      if (slot === 0) return -1;
      const d = dict[slot - 1];
      if (d.length !== len) continue;
      let k = 0;
      while (k < len && d.charCodeAt(k) === text.charCodeAt(start + k)) k++;
      if (k === len) return slot - 1;
    }
  }

  /** Makes sure the 'str' buffer has a head for `rows` cells and room for `bytes` more. */
  private strRoom(rows: number, bytes: number): void {
    const bodyStart = 4 * (Math.max(rows, this.capacity) + 1);
    if (bodyStart > this.bodyStart) {
      // First use, or a stored chunk longer than this builder's to re-encode.
      const grown = Buffer.allocUnsafeSlow(bodyStart + Math.max(this.bodyLen + bytes, 16 * rows));
      if (this.bodyStart > 0) {
        this.blob.copy(grown, 0, 0, 4 * (this.n + 1));
        this.blob.copy(grown, bodyStart, this.bodyStart, this.bodyStart + this.bodyLen);
      }
      this.bodyStart = bodyStart;
      this.blob = grown;
      this.head = new Int32Array(grown.buffer, 0, bodyStart / 4);
      return;
    }
    const need = this.bodyStart + this.bodyLen + bytes;
    if (need <= this.blob.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(need, 2 * this.blob.length));
    this.blob.copy(grown, 0, 0, this.bodyStart + this.bodyLen);
    this.blob = grown;
    this.head = new Int32Array(grown.buffer, 0, this.bodyStart / 4);
  }

  private pushStr(s: string | null): void {
    if (s === null) {
      this.strRoom(this.n + 1, 0);
      this.head[++this.n] = -1;
      return;
    }
    this.strRoom(this.n + 1, 3 * s.length);
    this.bodyLen += this.blob.write(s, this.bodyStart + this.bodyLen, 'utf8');
    this.head[++this.n] = s.length;
  }

  /** text[start, end) as a 'str' cell, byte by byte while it is ASCII. */
  private pushStrRange(text: string, start: number, end: number): void {
    const len = end - start;
    this.strRoom(this.n + 1, 3 * len);
    const blob = this.blob;
    let o = this.bodyStart + this.bodyLen;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) return this.pushStr(text.slice(start, end));
      blob[o++] = c;
    }
    this.bodyLen += len;
    this.head[++this.n] = len;
  }

  /** The 'str' chunk built so far, in its stored layout. */
  private finishStr(): Buffer {
    const n = this.n;
    this.strRoom(n, 0);
    this.head[0] = n;
    const at = 4 * (n + 1);
    if (at < this.bodyStart) this.blob.copyWithin(at, this.bodyStart, this.bodyStart + this.bodyLen);
    const out = this.blob.subarray(0, at + this.bodyLen);
    this.bodyLen = 0;
    this.n = 0;
    return out;
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
    } else if (this.mode === DICT) {
      // Most cells of a categorical column: found in the dictionary without a string (not a null
      // token, as in `add`).
      if (!this.tokensInDictionary) {
        const c = this.lookupRange(text, start, end);
        if (c >= 0) {
          this.codes[this.n++] = c;
          return;
        }
      }
    } else if (this.mode === STR && end - start > this.tokens.maxLength) {
      // Longer than any null token: a value, copied as bytes.
      this.pushStrRange(text, start, end);
      return;
    }
    this.add(start === end ? '' : text.slice(start, end));
  }

  /**
   * Cells r in [from, to) of one column of a CSV batch (text[starts[i], ends[i]), i = r * width + c): what
   * `addRange` does cell by cell, as runs of one loop for the common cases — a number of the
   * column's type, a value already in the dictionary, an empty cell that is missing — and
   * `addRange` for any other cell (which may change the mode).
   */
  addRanges(text: string, starts: Int32Array, ends: Int32Array, c: number, width: number, from: number, to: number): void {
    for (let r = from; r < to; ) {
      if (this.mode === NUMERIC && this.rangeKind !== OTHER) r = this.numberRun(text, starts, ends, c, width, r, to);
      else if (this.mode === DICT && !this.tokensInDictionary) r = this.codeRun(text, starts, ends, c, width, r, to);
      if (r < to) {
        const i = r * width + c;
        this.addRange(text, starts[i], ends[i]);
        r++;
      }
    }
  }

  /** Numbers of the column's type, and empty cells when they are missing, from row r on: where the run stopped. */
  private numberRun(text: string, starts: Int32Array, ends: Int32Array, c: number, width: number, r: number, to: number): number {
    const f64 = this.f64;
    const kind = this.rangeKind;
    const emptyMissing = this.emptyIsNull && this.parse('') === undefined;
    let n = this.n;
    let nulls = 0;
    for (let i = r * width + c; r < to; r++, i += width) {
      const start = starts[i];
      const end = ends[i];
      const v = kind === REAL ? parseRealRange(text, start, end) : kind === INTEGER ? parseIntegerRange(text, start, end) : parseTimestampRange(text, start, end);
      if (v !== undefined) f64[n++] = v;
      else if (start === end && emptyMissing) {
        f64[n++] = NaN;
        nulls++;
      } else break;
    }
    this.n = n;
    this.nullCount += nulls;
    return r;
  }

  /** Values already in the dictionary, and empty cells when they are missing, from row r on: where the run stopped. */
  private codeRun(text: string, starts: Int32Array, ends: Int32Array, c: number, width: number, r: number, to: number): number {
    const codes = this.codes;
    const emptyMissing = this.emptyIsNull;
    let n = this.n;
    let nulls = 0;
    for (let i = r * width + c; r < to; r++, i += width) {
      const start = starts[i];
      const end = ends[i];
      const code = this.lookupRange(text, start, end);
      if (code >= 0) codes[n++] = code;
      else if (start === end && emptyMissing) {
        codes[n++] = -1;
        nulls++;
      } else break;
    }
    this.n = n;
    this.nullCount += nulls;
    return r;
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
      // A block copy, then a read-only pass counting the missing values.
      this.f64.set(values.subarray(from, to), this.n);
      let nulls = 0;
      for (let i = from; i < to; i++) if (values[i] !== values[i]) nulls++;
      this.n += to - from;
      this.nullCount += nulls;
      return;
    }
    for (let i = from; i < to; i++) {
      const v = values[i];
      this.add(v !== v ? (odd.get(i) ?? null) : type === 'timestamp' ? new Date(v).toISOString() : type === 'boolean' ? (v ? 'true' : 'false') : String(v));
    }
  }

  /**
   * Text cells [from, to) of a window given as references (Parquet, see TextRefs), stored exactly
   * as `add(textCell(t, k))` stores each (tests/unit/import/column-builder-text.test.ts), but
   * without a string per cell where the mode allows: a dictionary column maps each source
   * dictionary entry to its code once and then copies codes; a 'str' column copies each value's
   * UTF-8 bytes (a dictionary entry's encoded once, a plain string's ASCII bytes as they are).
   */
  addText(t: TextRefs, from: number, to: number): void {
    for (let k = from; k < to; ) {
      if (this.mode === DICT && !this.tokensInDictionary) k = this.addTextCodes(t, k, to);
      else if (this.mode === STR) k = this.addTextStr(t, k, to);
      else this.add(textCell(t, k++));
    }
  }

  /** addText while the column is in DICT mode: returns where it stopped (to, or after a cell that changed the mode). */
  private addTextCodes(t: TextRefs, k: number, to: number): number {
    const refs = t.refs;
    const map = t.dictionary ? this.refCodesFor(t.dictionary) : this.refCodes;
    let codes = this.codes;
    let n = this.n;
    let nulls = 0;
    for (; k < to; k++) {
      const r = refs[k];
      if (r >= 0) {
        const c = map[r];
        if (c >= 0) {
          codes[n++] = c;
          continue;
        }
        if (c === MISSING_REF) {
          codes[n++] = -1;
          nulls++;
          continue;
        }
      } else if (r === -1) {
        codes[n++] = -1;
        nulls++;
        continue;
      }
      // A value not met yet, or a plain string: the cell path, then the code it got is remembered.
      this.n = n;
      this.nullCount += nulls;
      nulls = 0;
      this.add(textCell(t, k));
      if (this.mode !== DICT) return k + 1;
      n = this.n;
      codes = this.codes;
      // The cell's code, or -1 (MISSING_REF) when it was missing: the same for every later cell of this entry.
      if (r >= 0) map[r] = codes[n - 1];
    }
    this.n = n;
    this.nullCount += nulls;
    return k;
  }

  /** The codes of a source dictionary's entries, all unseen when it is a new one (a new column chunk). */
  private refCodesFor(dictionary: TextDictionary): Int32Array {
    if (this.refDictionary !== dictionary) {
      this.refDictionary = dictionary;
      this.refCodes = new Int32Array(dictionary.length).fill(UNSEEN_REF);
    }
    return this.refCodes;
  }

  /** addText while the column stores 'str' chunks (it stays so): returns `to`. */
  private addTextStr(t: TextRefs, k: number, to: number): number {
    const { refs, bytes, bounds } = t;
    const maxToken = this.tokens.maxLength;
    for (; k < to; k++) {
      const r = refs[k];
      if (r === -1) {
        this.nullCount++;
        this.pushStr(null);
      } else if (r >= 0) {
        const d = this.refStrFor(t.dictionary as TextDictionary);
        const length = d.lengths[r];
        if (length < 0) {
          this.nullCount++;
          this.pushStr(null);
          continue;
        }
        const start = d.starts[r];
        const end = d.starts[r + 1];
        this.strRoom(this.n + 1, end - start);
        const blob = this.blob;
        const utf8 = d.utf8;
        // Buffer.copy's checks cost more than a short value's bytes.
        if (end - start > 64) utf8.copy(blob, this.bodyStart + this.bodyLen, start, end);
        else for (let i = start, o = this.bodyStart + this.bodyLen; i < end; i++, o++) blob[o] = utf8[i];
        this.bodyLen += end - start;
        this.head[++this.n] = length;
      } else if ((r & 1) === 0) {
        // bounds[2j], bounds[2j + 1] with r = -2 - 2j. Longer than any null token: a value, its bytes copied while ASCII.
        const start = (bounds as Int32Array)[-2 - r];
        const end = (bounds as Int32Array)[-1 - r];
        if (end - start <= maxToken) this.add(textCell(t, k));
        else if (t.ascii) k = this.pushStrRun(t, k, to) - 1;
        else if (!this.pushStrAscii(bytes as Uint8Array, start, end)) this.add(textCell(t, k));
      } else this.add(textCell(t, k));
    }
    return k;
  }

  /**
   * Cells k, k+1, … of an ASCII window while each is the next plain string, stored one after
   * another in `bytes` (TextWindow writes them so), longer than any null token: their bytes
   * copied as one block, their lengths from the bounds. Returns the first cell not taken (> k:
   * cell k must be such a string).
   */
  private pushStrRun(t: TextRefs, k: number, to: number): number {
    const refs = t.refs;
    const bounds = t.bounds as Int32Array;
    const maxToken = this.tokens.maxLength;
    // Cell c holds string j when refs[c] = -2 - 2j; string j is bytes[bounds[2j], bounds[2j + 1]).
    const j0 = (-2 - refs[k]) / 2;
    let j = j0;
    let c = k + 1;
    for (; c < to && refs[c] === -4 - 2 * j; c++) {
      const start = bounds[2 * j + 2];
      if (start !== bounds[2 * j + 1] || bounds[2 * j + 3] - start <= maxToken) break;
      j++;
    }
    const from = bounds[2 * j0];
    const end = bounds[2 * j + 1];
    this.strRoom(this.n + (c - k), end - from);
    this.blob.set((t.bytes as Uint8Array).subarray(from, end), this.bodyStart + this.bodyLen);
    this.bodyLen += end - from;
    const head = this.head;
    let n = this.n;
    for (let i = j0; i <= j; i++) head[++n] = bounds[2 * i + 1] - bounds[2 * i];
    this.n = n;
    return c;
  }

  /** bytes[start, end) as a 'str' cell if every byte is ASCII (then UTF-16 length = bytes); false, and nothing added, else. */
  private pushStrAscii(bytes: Uint8Array, start: number, end: number): boolean {
    const len = end - start;
    this.strRoom(this.n + 1, len);
    const blob = this.blob;
    const at = this.bodyStart + this.bodyLen;
    for (let i = start, o = at; i < end; i++, o++) {
      const b = bytes[i];
      if (b >= 128) return false;
      blob[o] = b;
    }
    this.bodyLen += len;
    this.head[++this.n] = len;
    return true;
  }

  /** A source dictionary's entries in 'str' layout: each entry's UTF-8 and length, -1 for one that is missing. */
  private refStrFor(dictionary: TextDictionary): RefStrings {
    if (this.refStr?.dictionary === dictionary) return this.refStr;
    if (dictionary instanceof ByteDictionary && dictionary.ascii) return (this.refStr = this.asciiRefStr(dictionary));
    const lengths = new Int32Array(dictionary.length);
    const starts = new Int32Array(dictionary.length + 1);
    let total = 0;
    for (let r = 0; r < dictionary.length; r++) {
      const s = dictionaryEntry(dictionary, r);
      starts[r] = total;
      if (s === null || this.isNull(s)) lengths[r] = -1;
      else {
        lengths[r] = s.length;
        total += Buffer.byteLength(s, 'utf8');
      }
    }
    starts[dictionary.length] = total;
    const utf8 = Buffer.allocUnsafe(total);
    for (let r = 0; r < dictionary.length; r++) if (lengths[r] >= 0) utf8.write(dictionaryEntry(dictionary, r) as string, starts[r], 'utf8');
    this.refStr = { dictionary, utf8, starts, lengths };
    return this.refStr;
  }

  /**
   * An ASCII dictionary of bytes in 'str' layout as it is: its bytes are the entries' UTF-8 and
   * their byte lengths their UTF-16 lengths; only entries short enough to be a null token are
   * made strings (to be checked), so a dictionary of ids costs no string at all.
   */
  private asciiRefStr(dictionary: ByteDictionary): RefStrings {
    const { bytes, starts } = dictionary;
    const lengths = new Int32Array(dictionary.length);
    const maxToken = this.tokens.maxLength;
    for (let r = 0; r < dictionary.length; r++) {
      const length = starts[r + 1] - starts[r];
      lengths[r] = length <= maxToken && this.isNull(dictionary.at(r)) ? -1 : length;
    }
    return { dictionary, utf8: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), starts, lengths };
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
          this.pushStr(s);
          return;
        }
        c = this.dictionary.length;
        this.dictionary.push(s);
        this.codeOf.set(s, c);
        this.index(c);
      }
      this.codes[this.n++] = c;
      return;
    }
    if (this.mode === STR) return this.pushStr(s);
    this.strs.push(s);
    this.n++;
  }

  /** Too many distinct values: this chunk's codes become inline strings, and so do later chunks. */
  private toStringMode(): void {
    const dict = this.dictionary;
    const held = this.n;
    this.n = 0;
    this.bodyLen = 0;
    for (let i = 0; i < held; i++) this.pushStr(this.codes[i] < 0 ? null : dict[this.codes[i]]);
    for (const s of dict.splice(this.chunkStartDict)) this.codeOf.delete(s);
    this.reindex();
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
    if (this.mode === DICT) return { encoding: 'dict', codes: this.codes.subarray(0, n), maxCode: this.dictionary.length - 1 };
    this.n = n;
    return { encoding: 'str', blob: this.finishStr() };
  }

  /**
   * A stored chunk's cells re-encoded as text, after numbers became text. Called between chunks
   * (after `finish`); nulls are not counted again.
   */
  encodeText(cells: readonly (string | null)[]): EncodedChunk {
    const own = this.codes;
    this.codes = new Int32Array(cells.length);
    this.n = 0;
    this.bodyLen = 0;
    this.chunkStartDict = this.dictionary.length;
    for (const c of cells) this.pushText(c);
    const out: EncodedChunk = this.mode === STR ? { encoding: 'str', blob: this.finishStr() } : { encoding: 'dict', codes: this.codes.subarray(0, this.n), maxCode: this.dictionary.length - 1 };
    this.codes = own;
    this.n = 0;
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

const UNSEEN_REF = -2;
const MISSING_REF = -1;

/** A source dictionary laid out for 'str' chunks: entry r is utf8[starts[r], starts[r + 1]), of UTF-16 length lengths[r] (-1: missing). */
interface RefStrings {
  readonly dictionary: TextDictionary;
  readonly utf8: Buffer;
  readonly starts: Int32Array;
  readonly lengths: Int32Array;
}

/** FNV-1a over the UTF-16 code units of text[start, end). */
function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
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
