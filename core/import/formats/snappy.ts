/**
 * Snappy decompression of a Parquet page: hyparquet's decoder (snappyjs) with its long literals
 * and non-overlapping back-references copied as blocks (TypedArray set / copyWithin, a memcpy)
 * instead of byte by byte. Pages of doubles are mostly long literals: byte by byte they were a
 * tenth of a Parquet import's CPU. Short runs and overlapping copies keep the byte loop, and a
 * run that would pass the end of `output` takes the byte loop too (whose writes past the end are
 * dropped), so the bytes and the errors are snappyjs's for any input
 * (tests/unit/import/snappy.test.ts).
 */
export function snappyUncompress(input: Uint8Array, output: Uint8Array): void {
  const inputLength = input.byteLength;
  const outputLength = output.byteLength;
  let pos = 0;
  let outPos = 0;
  // The preamble: the uncompressed length as a varint.
  while (pos < inputLength) {
    const c = input[pos];
    pos++;
    if (c < 128) break;
  }
  if (outputLength && pos >= inputLength) throw new Error('invalid snappy length header');
  while (pos < inputLength) {
    const c = input[pos];
    pos++;
    if (pos >= inputLength) throw new Error('missing eof marker');
    if ((c & 0x3) === 0) {
      let len = (c >>> 2) + 1;
      if (len > 60) {
        if (pos + 3 >= inputLength) throw new Error('snappy error literal pos + 3 >= inputLength');
        const lengthSize = len - 60;
        len = input[pos] + (input[pos + 1] << 8) + (input[pos + 2] << 16) + (input[pos + 3] << 24);
        len = (len & WORD_MASK[lengthSize]) + 1;
        pos += lengthSize;
      }
      if (pos + len > inputLength) throw new Error('snappy error literal exceeds input length');
      if (len >= BLOCK && outPos + len <= outputLength) output.set(input.subarray(pos, pos + len), outPos);
      else for (let i = 0; i < len; i++) output[outPos + i] = input[pos + i];
      pos += len;
      outPos += len;
      continue;
    }
    let len: number;
    let offset: number;
    switch (c & 0x3) {
      case 1:
        len = ((c >>> 2) & 0x7) + 4;
        offset = input[pos] + ((c >>> 5) << 8);
        pos++;
        break;
      case 2:
        if (inputLength <= pos + 1) throw new Error('snappy error end of input');
        len = (c >>> 2) + 1;
        offset = input[pos] + (input[pos + 1] << 8);
        pos += 2;
        break;
      default:
        if (inputLength <= pos + 3) throw new Error('snappy error end of input');
        len = (c >>> 2) + 1;
        offset = input[pos] + (input[pos + 1] << 8) + (input[pos + 2] << 16) + (input[pos + 3] << 24);
        pos += 4;
    }
    if (offset === 0 || Number.isNaN(offset)) throw new Error(`invalid offset ${offset} pos ${pos} inputLength ${inputLength}`);
    if (offset > outPos) throw new Error('cannot copy from before start of buffer');
    const from = outPos - offset;
    // An overlapping copy repeats the bytes it is writing: only the byte loop does that.
    if (len >= BLOCK && offset >= len && outPos + len <= outputLength) output.copyWithin(outPos, from, from + len);
    else for (let i = 0; i < len; i++) output[outPos + i] = output[from + i];
    outPos += len;
  }
  if (outPos !== outputLength) throw new Error('premature end of input');
}

const WORD_MASK = [0, 0xff, 0xffff, 0xffffff, 0xffffffff];
/** Runs at least this long are copied as a block: below, the call costs more than the loop. */
const BLOCK = 16;
