import type { MessagePort } from 'node:worker_threads';
import type { NumberType, RefSink } from './parquet-pages';
import { ByteDictionary, type TextDictionary, type WindowColumn } from './sink';

/**
 * What the decoding thread (parquet-worker.ts) and the import's thread (parquet-pipeline.ts) say
 * to each other. Values travel in ArrayBuffers that are transferred, not copied, and handed back
 * once used (fresh memory costs a page fault per 4 KB here); no string crosses per cell, as the
 * structured clone of strings is what sank the CSV reader's thread.
 */
export interface WorkerInput {
  readonly file: string;
  /** Rows of one column per window message. */
  readonly windowRows: number;
  /** Counts the import's thread's hand-backs on `returns`, so a thread ahead of it can sleep on it. */
  readonly flow: Int32Array;
  /** Buffers handed back, each message an ArrayBuffer[]. */
  readonly returns: MessagePort;
  /** Bytes of windows the decoding thread may have unanswered before it waits: bounds memory. */
  readonly aheadBytes: number;
}

/**
 * The order both threads take a row group's columns in: columns of numbers (the decoding thread's
 * heavy ones: snappy and page decoding, then a copy here) alternating with columns of text (this
 * thread's heavy ones: a string per cell into the builder), so each thread has work while the
 * other is on its heavy column, instead of long runs where one waits (a benchmark log has 13
 * numeric columns in a row, then 8 text). Any order stores the same: the builders and chunks are
 * per column.
 */
export function columnOrder(types: readonly (string | undefined)[]): number[] {
  const text: number[] = [];
  const numbers: number[] = [];
  types.forEach((t, i) => (t === 'BYTE_ARRAY' || t === 'FIXED_LEN_BYTE_ARRAY' ? text : numbers).push(i));
  const out: number[] = [];
  for (let k = 0; k < Math.max(text.length, numbers.length); k++) {
    if (k < numbers.length) out.push(numbers[k]);
    if (k < text.length) out.push(text[k]);
  }
  return out;
}

export type FromWorker =
  | { readonly type: 'window'; readonly group: number; readonly column: number; readonly rows: number; readonly values: WireColumn }
  | { readonly type: 'end' }
  | { readonly type: 'error'; readonly message: string };

/**
 * One window of one column. Numbers as `takeNumbers` gives them (odd: row → text). Text as
 * references (ColumnCursor.takeRefs): r ≥ 0 the entry of the column chunk's dictionary (sent with
 * the chunk's first window that has one), -1 missing, -2 - 2j the j-th plain string's UTF-8
 * (bytes[bounds[2j], bounds[2j + 1])), -3 - 2j the j-th of `extras`.
 */
export type WireColumn =
  | { readonly kind: 'numbers'; readonly type: NumberType; readonly values: Float64Array; readonly odd: readonly (readonly [number, string])[] }
  | {
      readonly kind: 'text';
      readonly refs: Int32Array;
      readonly dictionary?: WireDictionary;
      readonly bytes?: Uint8Array;
      readonly bounds?: Int32Array;
      /** Every byte of `bytes` is ASCII: each string is read as Latin-1, the same text, faster. */
      readonly ascii: boolean;
      readonly extras: readonly string[];
    };

/**
 * A column chunk's text dictionary on the wire: strings, or a ByteDictionary's two buffers
 * (transferred: the decoding thread only compares the dictionary's identity after sending it).
 */
export type WireDictionary = readonly (string | null)[] | { readonly bytes: Uint8Array; readonly starts: Int32Array; readonly ascii: boolean };

/** A dictionary as it goes on the wire, and the buffers to transfer with it. */
export function wireDictionary(d: TextDictionary): { wire: WireDictionary; transfer: ArrayBuffer[] } {
  if (!(d instanceof ByteDictionary)) return { wire: d, transfer: [] };
  return { wire: { bytes: d.bytes, starts: d.starts, ascii: d.ascii }, transfer: [d.bytes.buffer as ArrayBuffer, d.starts.buffer as ArrayBuffer] };
}

/** A dictionary from the wire, as the one-thread cursor gives it (made once per column chunk, by the receiver). */
export function textDictionary(w: WireDictionary): TextDictionary {
  return isStrings(w) ? w : new ByteDictionary(w.bytes, w.starts, w.ascii);
}

// Array.isArray does not narrow a readonly array type.
const isStrings = (w: WireDictionary): w is readonly (string | null)[] => Array.isArray(w);

/** The buffers a window came in, to hand back to the decoding thread. */
export function wireBuffers(c: WireColumn): ArrayBuffer[] {
  if (c.kind === 'numbers') return [c.values.buffer as ArrayBuffer];
  const out = [c.refs.buffer as ArrayBuffer];
  if (c.bytes) out.push(c.bytes.buffer as ArrayBuffer, (c.bounds as Int32Array).buffer as ArrayBuffer);
  return out;
}

/**
 * A window as the sink takes it, exactly what the one-thread cursor gives: text as references
 * (TextRefs) into the column chunk's dictionary, kept by the caller from the window that brought
 * it (the same array for all of the chunk's windows), and into this window's bytes.
 */
export function windowColumn(c: WireColumn, dictionary: TextDictionary | undefined): WindowColumn {
  if (c.kind === 'numbers') return { kind: 'numbers', type: c.type, values: c.values, odd: c.odd.length ? new Map(c.odd) : NO_ODD };
  return { kind: 'text', refs: c.refs, dictionary, bytes: c.bytes, bounds: c.bounds, ascii: c.ascii, extras: c.extras };
}

const NO_ODD: ReadonlyMap<number, string> = new Map();

/** Buffers of the decoding thread: reused once handed back, new ones only while few are out. */
export class BufferPool {
  private readonly free: ArrayBuffer[] = [];

  constructor(private readonly minBytes: number) {}

  /** An ArrayBuffer of at least `bytes` bytes (of `minBytes` at least, so most are interchangeable). */
  take(bytes: number): ArrayBuffer {
    for (let i = this.free.length - 1; i >= 0; i--) {
      if (this.free[i].byteLength >= bytes) {
        const b = this.free[i];
        this.free[i] = this.free[this.free.length - 1];
        this.free.pop();
        return b;
      }
    }
    return new ArrayBuffer(Math.max(bytes, this.minBytes));
  }

  give(b: ArrayBuffer): void {
    this.free.push(b);
  }
}

/** A text window being filled by `takeRefs`, in buffers from the pool. */
export class TextWindow implements RefSink {
  readonly refs: Int32Array;
  private bytesOut: Uint8Array | undefined;
  private boundsOut: Int32Array | undefined;
  private at = 0;
  private texts = 0;
  private high = 0;
  private readonly extras: string[] = [];

  constructor(
    private readonly pool: BufferPool,
    rows: number,
  ) {
    this.refs = new Int32Array(pool.take(4 * rows), 0, rows);
  }

  bytes(from: Uint8Array, start: number, end: number): number {
    const n = end - start;
    let out = this.bytesOut;
    if (!out || this.at + n > out.length) {
      const grown = new Uint8Array(this.pool.take(Math.max(this.at + n, out ? 2 * out.length : 0)));
      if (out) {
        grown.set(out.subarray(0, this.at));
        this.pool.give(out.buffer as ArrayBuffer);
      }
      out = this.bytesOut = grown;
    }
    let bounds = this.boundsOut;
    if (!bounds || 2 * this.texts + 2 > bounds.length) {
      const grown = new Int32Array(this.pool.take(Math.max(8 * this.texts + 8, bounds ? 2 * bounds.byteLength : 0)));
      if (bounds) {
        grown.set(bounds.subarray(0, 2 * this.texts));
        this.pool.give(bounds.buffer as ArrayBuffer);
      }
      bounds = this.boundsOut = grown;
    }
    let high = 0;
    for (let i = start, o = this.at; i < end; i++, o++) {
      const b = from[i];
      high |= b;
      out[o] = b;
    }
    this.high |= high;
    bounds[2 * this.texts] = this.at;
    bounds[2 * this.texts + 1] = this.at += n;
    return -2 - 2 * this.texts++;
  }

  extra(text: string): number {
    return -3 - 2 * (this.extras.push(text) - 1);
  }

  /** The window to send; its buffers now belong to the message. */
  wire(dictionary: WireDictionary | undefined): WireColumn {
    return {
      kind: 'text',
      refs: this.refs,
      ...(dictionary ? { dictionary } : {}),
      ...(this.bytesOut ? { bytes: this.bytesOut, bounds: this.boundsOut } : {}),
      ascii: this.high < 0x80,
      extras: this.extras,
    };
  }
}
