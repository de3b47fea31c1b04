/**
 * A data page's dictionary indices (the RLE / bit-packed hybrid) decoded a window at a time, as
 * the cursor takes them, instead of the whole page up front. DuckDB writes a 1M-row group's
 * column as one page: decoding its 1M indices first (hyparquet's readRleBitPackedHybrid, a step
 * per bit-run through DataView.getUint8) kept the page's first window back until all were done and
 * wrote them to a 4 MB buffer only to read them back, out of cache, window by window. Here a
 * window's indices go to a small buffer that stays in cache, each read with one 4-byte load.
 *
 * Only runs already checked by `indexRunsValid` are decoded here (no bounds checks per value);
 * any page it doubts is decoded by hyparquet as before, so a damaged page fails with the same
 * error at the same point, and every index of a valid page is the one hyparquet gives.
 */

/** Widths decoded here: a value and its bit offset (≤ 7) fit in one 32-bit load. */
const MAX_WIDTH = 24;

/**
 * Whether the runs in bytes[at, bytes.length) hold `count` indices of `width` bits as hyparquet
 * reads them (readRleBitPackedHybrid: runs until `count` values are seen) with every byte they
 * use inside the page. False for anything unusual (a width this does not decode, an empty
 * bit-packed run, a header over 28 bits): hyparquet decodes those pages.
 */
export function indexRunsValid(bytes: Uint8Array, at: number, width: number, count: number): boolean {
  if (width < 1 || width > MAX_WIDTH) return false;
  const end = bytes.length;
  const rleBytes = (width + 7) >> 3;
  let seen = 0;
  while (seen < count) {
    let header = 0;
    for (let shift = 0; ; shift += 7) {
      if (at >= end || shift > 21) return false;
      const b = bytes[at++];
      header |= (b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    if (header & 1) {
      const groups = header >>> 1;
      if (groups === 0 || at + groups * width > end) return false;
      at += groups * width;
      seen += Math.min(8 * groups, count - seen);
    } else {
      if (at + rleBytes > end) return false;
      at += rleBytes;
      seen += header >>> 1;
    }
  }
  return true;
}

/** The indices of one page, taken in order; valid only while the page's bytes are (Scratch.exclusive). */
export class IndexStream {
  /** Values left in the current run. */
  private left = 0;
  private rle = false;
  private value = 0;
  /** A bit-packed run: where its bytes start, and the bit offset of its next value. */
  private base = 0;
  private bit = 0;
  private readonly mask: number;

  constructor(
    private readonly bytes: Uint8Array,
    private at: number,
    private readonly width: number,
  ) {
    this.mask = (1 << width) - 1;
  }

  /** The next n indices into out[at, at + n). */
  read(out: Int32Array, at: number, n: number): void {
    const b = this.bytes;
    const width = this.width;
    for (let k = at, stop = at + n; k < stop; ) {
      if (this.left === 0) this.nextRun();
      const m = Math.min(this.left, stop - k);
      if (this.rle) out.fill(this.value, k, k + m);
      else {
        const end = b.length;
        const mask = this.mask;
        const base = this.base;
        let bit = this.bit;
        for (let j = k, last = k + m; j < last; j++, bit += width) {
          const p = base + (bit >>> 3);
          // Four bytes hold the value; the last values of the page read only the bytes it has.
          const word = p + 3 < end ? b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24) : tail(b, p, end);
          out[j] = (word >>> (bit & 7)) & mask;
        }
        this.bit = bit;
      }
      this.left -= m;
      k += m;
    }
  }

  /**
   * The next n indices' entries of `dict` into out[at, at + n): a numeric column's values with no
   * index in between (the same loop as read's, kept apart so each stays monomorphic).
   */
  lookup(dict: Float64Array, out: Float64Array, at: number, n: number): void {
    const b = this.bytes;
    const width = this.width;
    for (let k = at, stop = at + n; k < stop; ) {
      if (this.left === 0) this.nextRun();
      const m = Math.min(this.left, stop - k);
      if (this.rle) out.fill(dict[this.value], k, k + m);
      else {
        const end = b.length;
        const mask = this.mask;
        const base = this.base;
        let bit = this.bit;
        for (let j = k, last = k + m; j < last; j++, bit += width) {
          const p = base + (bit >>> 3);
          const word = p + 3 < end ? b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24) : tail(b, p, end);
          out[j] = dict[(word >>> (bit & 7)) & mask];
        }
        this.bit = bit;
      }
      this.left -= m;
      k += m;
    }
  }

  private nextRun(): void {
    const b = this.bytes;
    for (;;) {
      let header = 0;
      for (let shift = 0; ; shift += 7) {
        const x = b[this.at++];
        header |= (x & 0x7f) << shift;
        if (!(x & 0x80)) break;
      }
      if (header & 1) {
        const groups = header >>> 1;
        this.rle = false;
        this.base = this.at;
        this.bit = 0;
        this.left = 8 * groups;
        this.at += groups * this.width;
      } else {
        let v = 0;
        for (let i = 0, w = (this.width + 7) >> 3; i < w; i++) v |= b[this.at++] << (8 * i);
        this.rle = true;
        this.value = v;
        this.left = header >>> 1;
      }
      if (this.left > 0) return;
    }
  }
}

function tail(b: Uint8Array, p: number, end: number): number {
  let word = 0;
  for (let i = 0; i < 4 && p + i < end; i++) word |= b[p + i] << (8 * i);
  return word;
}
