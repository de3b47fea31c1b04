/**
 * Encoding of column chunks as BLOBs. Typed arrays are stored as their raw bytes (little-endian on
 * every platform Plumbline ships for), so reading a chunk back is a copy or a native conversion, not
 * a parse.
 *
 * Numbers are held as Float64Array (NaN = missing) and codes as Int32Array (-1 = missing), but a
 * chunk is stored in the narrowest form that gives every value back exactly (`packChunk`):
 * - 'f64': doubles; 'i8' | 'i16' | 'i32': every value present and an integer in the type's range
 *   (never -0). A chunk with a missing value stays 'f64': reading a narrow chunk is then one
 *   native conversion (TypedArray.prototype.set), where a marker for missing values would need a
 *   JS loop over the doubles — one that a fresh process runs unoptimised (the read bench's
 *   performance columns: 20 → 34 ms with it);
 * - 'dict': int32 codes; 'dict8' | 'dict16': every code below 127 or 32767, missing as -1;
 * - 'str': see encodeStrings.
 * Most of an import's time after parsing is SQLite writing the bytes twice (WAL, then the
 * checkpoint), syncing and unlinking them: a 1M-row prediction log's 0/1 predictions, small counts
 * and categories of a few hundred values hold in one or two bytes instead of eight or four.
 */
export type ChunkEncoding = 'f64' | 'i8' | 'i16' | 'i32' | 'dict' | 'dict8' | 'dict16' | 'str';

type StoredArray = typeof Float64Array | typeof Int32Array | typeof Int16Array | typeof Int8Array;

/** The typed array each fixed-width encoding stores, numbers and codes apart. */
const NUMBERS_AS = new Map<string, StoredArray>([['f64', Float64Array], ['i8', Int8Array], ['i16', Int16Array], ['i32', Int32Array]]);
const CODES_AS = new Map<string, StoredArray>([['dict', Int32Array], ['dict8', Int8Array], ['dict16', Int16Array]]);

/** Encodings of numeric chunks, for SQL filters (`encoding IN (...)`). */
export const NUMBER_ENCODINGS_SQL = `(${[...NUMBERS_AS.keys()].map((e) => `'${e}'`).join(', ')})`;

export function isNumberEncoding(encoding: string): boolean {
  return NUMBERS_AS.has(encoding);
}

/** Bytes per value of a fixed-width encoding; 0 for 'str' (and anything unknown). */
export function valueWidth(encoding: string): number {
  return (NUMBERS_AS.get(encoding) ?? CODES_AS.get(encoding))?.BYTES_PER_ELEMENT ?? 0;
}

/** Rows in a stored chunk, from its encoding and bytes. */
export function chunkLength(encoding: string, data: Uint8Array): number {
  if (encoding === 'str') return new DataView(data.buffer, data.byteOffset, data.byteLength).getInt32(0, true);
  const width = valueWidth(encoding);
  if (width === 0) throw new Error(`unknown chunk encoding ${JSON.stringify(encoding)}`);
  return data.byteLength / width;
}

export interface PackedChunk {
  readonly encoding: ChunkEncoding;
  /** Valid until the packer's next call when narrowed (its buffer is reused). */
  readonly blob: Buffer;
}

/**
 * Chooses each chunk's stored encoding. Keeps one buffer for narrowed values, reused chunk after
 * chunk (fresh memory costs a page fault per 4 KB on our VMs).
 */
export class ChunkPacker {
  private scratch = new ArrayBuffer(0);

  private room(bytes: number): ArrayBuffer {
    if (this.scratch.byteLength < bytes) this.scratch = new ArrayBuffer(Math.max(bytes, 2 * this.scratch.byteLength));
    return this.scratch;
  }

  numbers(values: Float64Array): PackedChunk {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      // (v | 0) === v: an integer within int32, present (NaN fails it; the bit operation truncates
      // and wraps anything else); 1 / v rules out -0.
      if ((v | 0) !== v || (v === 0 && 1 / v < 0)) return { encoding: 'f64', blob: bytesOf(values) };
      if (v < lo) lo = v;
      else if (v > hi) hi = v;
    }
    // TypedArray.prototype.set converts in native code, exactly for integers in range.
    const n = values.length;
    if (lo >= -128 && hi <= 127) return { encoding: 'i8', blob: bytesOf(converted(new Int8Array(this.room(n), 0, n), values)) };
    if (lo >= -32768 && hi <= 32767) return { encoding: 'i16', blob: bytesOf(converted(new Int16Array(this.room(2 * n), 0, n), values)) };
    return { encoding: 'i32', blob: bytesOf(converted(new Int32Array(this.room(4 * n), 0, n), values)) };
  }

  /** `maxCode`: no code is above it (the dictionary's size less one), so the codes need no scan. */
  codes(codes: Int32Array, maxCode: number): PackedChunk {
    const n = codes.length;
    // TypedArray.prototype.set converts int32 to int8/int16 in native code: ~0.2 ns a code, against
    // ~3 for a JS loop on this machine (every code fits, so the conversion's wrap never happens).
    if (maxCode < 127) return { encoding: 'dict8', blob: bytesOf(converted(new Int8Array(this.room(n), 0, n), codes)) };
    if (maxCode < 32767) return { encoding: 'dict16', blob: bytesOf(converted(new Int16Array(this.room(2 * n), 0, n), codes)) };
    return { encoding: 'dict', blob: bytesOf(codes) };
  }
}

/** `source`'s values in `out`'s type: every one fits, so the conversion is exact. */
function converted<T extends Int8Array | Int16Array | Int32Array>(out: T, source: Float64Array | Int32Array): T {
  out.set(source);
  return out;
}

function bytesOf(a: Float64Array | Int32Array | Int16Array | Int8Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/**
 * Values [from, to) of a stored numeric chunk into out[at...]: a byte copy for 'f64', a native
 * conversion (TypedArray.prototype.set) for the narrow ones.
 */
export function unpackNumbersInto(encoding: string, data: Uint8Array, out: Float64Array, at: number, from: number, to: number): void {
  const Stored = NUMBERS_AS.get(encoding);
  if (!Stored) throw new Error(`a numeric column holds a chunk encoded ${JSON.stringify(encoding)}`);
  unpackInto(Stored, data, out, at, from, to);
}

/** Codes [from, to) of a stored dictionary chunk into out[at...]: a byte copy for 'dict', a native conversion for the narrow ones. */
export function unpackCodesInto(encoding: string, data: Uint8Array, out: Int32Array, at: number, from: number, to: number): void {
  const Stored = CODES_AS.get(encoding);
  if (!Stored) throw new Error(`a text column holds a chunk encoded ${JSON.stringify(encoding)}`);
  unpackInto(Stored, data, out, at, from, to);
}

function unpackInto(Stored: StoredArray, data: Uint8Array, out: Float64Array | Int32Array, at: number, from: number, to: number): void {
  const width = Stored.BYTES_PER_ELEMENT;
  if (width === out.BYTES_PER_ELEMENT) {
    new Uint8Array(out.buffer, out.byteOffset + width * at, width * (to - from)).set(data.subarray(width * from, width * to));
    return;
  }
  // A typed view needs an aligned address: SQLite's BLOB memory may not give one, then the stored
  // values are copied out first.
  const bytes = data.subarray(width * from, width * to);
  const aligned = bytes.byteOffset % width === 0 ? bytes : new Uint8Array(bytes);
  out.set(new Stored(aligned.buffer as ArrayBuffer, aligned.byteOffset, to - from), at);
}

/** A stored numeric chunk as fresh doubles. */
export function unpackNumbers(encoding: string, data: Uint8Array): Float64Array {
  const n = chunkLength(encoding, data);
  const out = new Float64Array(n);
  unpackNumbersInto(encoding, data, out, 0, 0, n);
  return out;
}

/** A stored dictionary chunk as fresh int32 codes. */
export function unpackCodes(encoding: string, data: Uint8Array): Int32Array {
  const n = chunkLength(encoding, data);
  const out = new Int32Array(n);
  unpackCodesInto(encoding, data, out, 0, 0, n);
  return out;
}

export function encodeF64(values: Float64Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

export function encodeCodes(codes: Int32Array): Buffer {
  return Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength);
}

/**
 * 'str' chunks hold high-cardinality text without a dataset-wide dictionary, so memory during an
 * import does not grow with the number of distinct values. Layout: int32 n, int32 lengths[n] in
 * UTF-16 code units (-1 = missing), then the UTF-8 bytes of all values concatenated. Lengths in
 * code units let the reader decode the whole chunk as one string and slice it.
 */
export function encodeStrings(cells: readonly (string | null)[]): Buffer {
  const n = cells.length;
  const head = new Int32Array(n + 1);
  head[0] = n;
  for (let i = 0; i < n; i++) {
    const s = cells[i];
    head[i + 1] = s === null ? -1 : s.length;
  }
  const body = Buffer.from(cells.join(''), 'utf8');
  return Buffer.concat([Buffer.from(head.buffer, head.byteOffset, head.byteLength), body]);
}

export function decodeStrings(blob: Buffer): (string | null)[] {
  const n = blob.readInt32LE(0);
  const text = blob.toString('utf8', 4 + 4 * n);
  const out = new Array<string | null>(n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const len = blob.readInt32LE(4 + 4 * i);
    if (len < 0) out[i] = null;
    else {
      out[i] = text.slice(at, at + len);
      at += len;
    }
  }
  return out;
}
