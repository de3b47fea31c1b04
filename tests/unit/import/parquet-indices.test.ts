import fc from 'fast-check';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { ByteWriter } from 'hyparquet-writer';
import { writeRleBitPackedHybrid } from 'hyparquet-writer/src/encoding.js';
import { describe, expect, it } from 'vitest';
import { IndexStream, indexRunsValid } from '../../../core/import/formats/parquet-indices';

// A dictionary page's indices are decoded a window at a time (IndexStream) when indexRunsValid
// says every run is whole; each index must be the one hyparquet's readRleBitPackedHybrid gives,
// however the page is cut into windows, and a page it doubts goes to hyparquet (which then fails
// or reads it as before).

function encode(values: number[], width: number): Uint8Array {
  const w = new ByteWriter();
  writeRleBitPackedHybrid(w, values, width);
  return new Uint8Array(w.getBuffer());
}

/** hyparquet's reading of `count` indices, as decodePage did for every page (Int32Array output). */
function hyparquet(bytes: Uint8Array, at: number, width: number, count: number): number[] {
  const out = new Int32Array(count);
  readRleBitPackedHybrid({ view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: at }, width, out, bytes.length - at);
  return [...out];
}

/** The stream's indices, windows alternately read (at an offset, as into a text window's refs) and looked up. */
function streamed(bytes: Uint8Array, at: number, width: number, windows: number[]): number[] {
  const s = new IndexStream(bytes, at, width);
  const got: number[] = [];
  const out = new Int32Array(3 + Math.max(1, ...windows));
  // A dictionary whose entry i is i + 0.5 (widths up to 16: a dictionary of 2^24 entries per case
  // is too slow here): a looked-up window gives its indices back exactly.
  const dict = width <= 16 ? Float64Array.from({ length: 2 ** width }, (_, i) => i + 0.5) : undefined;
  const looked = new Float64Array(out.length);
  windows.forEach((n, w) => {
    if (dict && w % 2) {
      s.lookup(dict, looked, 3, n);
      got.push(...Array.from(looked.subarray(3, 3 + n), (v) => v - 0.5));
    } else {
      s.read(out, 3, n);
      got.push(...out.subarray(3, 3 + n));
    }
  });
  return got;
}

/** Window sizes summing to `count`, from `cuts` (any numbers). */
function windowsOf(count: number, cuts: number[]): number[] {
  const windows: number[] = [];
  let left = count;
  for (const c of cuts) {
    if (left === 0) break;
    const n = 1 + (c % left);
    windows.push(n);
    left -= n;
  }
  if (left) windows.push(left);
  return windows;
}

/** Values of `width` bits: long repeats (RLE runs) and random stretches (bit-packed runs). */
const indexPage = fc.integer({ min: 1, max: 24 }).chain((width) =>
  fc.record({
    width: fc.constant(width),
    values: fc
      .array(
        fc.oneof(
          fc.array(fc.integer({ min: 0, max: 2 ** width - 1 }), { minLength: 1, maxLength: 200 }),
          fc.tuple(fc.integer({ min: 0, max: 2 ** width - 1 }), fc.integer({ min: 1, max: 300 })).map(([v, n]) => new Array<number>(n).fill(v)),
        ),
        { minLength: 1, maxLength: 12 },
      )
      .map((parts) => parts.flat()),
    cuts: fc.array(fc.nat(), { maxLength: 20 }),
    lead: fc.integer({ min: 0, max: 3 }),
  }),
);

describe('IndexStream', () => {
  it('gives the indices hyparquet gives, in any windows (property, widths 1-24, RLE and bit-packed runs)', () => {
    fc.assert(
      fc.property(indexPage, ({ width, values, cuts, lead }) => {
        // Bytes before the runs (the page's bit-width byte, levels): the stream starts at `lead`.
        const bytes = new Uint8Array([...new Array<number>(lead).fill(0xff), ...encode(values, width)]);
        expect(indexRunsValid(bytes, lead, width, values.length)).toBe(true);
        const want = hyparquet(bytes, lead, width, values.length);
        expect(want).toEqual(values);
        expect(streamed(bytes, lead, width, windowsOf(values.length, cuts))).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });

  it('reads a bit-packed run ending at the last byte of the page, and one padded past the values asked for', () => {
    for (const width of [1, 3, 8, 13, 17, 18, 24]) {
      const values = Array.from({ length: 20 }, (_, i) => (i * 2654435761) % 2 ** width);
      const bytes = encode(values, width); // 20 values: 3 groups of 8, the last 4 are padding
      expect(hyparquet(bytes, 0, width, 20)).toEqual(values);
      expect(streamed(bytes, 0, width, [20])).toEqual(values);
      expect(streamed(bytes, 0, width, [1, 1, 18])).toEqual(values);
      expect(streamed(bytes, 0, width, [7, 13])).toEqual(values);
    }
  });

  it('skips RLE runs of no values, as hyparquet does', () => {
    // header 0 (an empty RLE run of value 5), then an RLE run of 4 × 7; width 3 (one value byte).
    const bytes = new Uint8Array([0, 5, 8, 7]);
    expect(indexRunsValid(bytes, 0, 3, 4)).toBe(true);
    expect(hyparquet(bytes, 0, 3, 4)).toEqual([7, 7, 7, 7]);
    expect(streamed(bytes, 0, 3, [2, 2])).toEqual([7, 7, 7, 7]);
  });

  it('leaves to hyparquet every page cut short, and reads every other cut as hyparquet does', () => {
    fc.assert(
      fc.property(indexPage, fc.nat(), ({ width, values }, cut) => {
        const full = encode(values, width);
        const bytes = full.subarray(0, cut % full.length);
        if (!indexRunsValid(bytes, 0, width, values.length)) {
          // hyparquet fails on it, or reads it: either way decodePage gives it to hyparquet.
          return;
        }
        // Valid means every run the values need is whole: hyparquet reads the same.
        expect(streamed(bytes, 0, width, [values.length])).toEqual(hyparquet(bytes, 0, width, values.length));
      }),
      { numRuns: 400 },
    );
    // A page whose last bit-packed run is cut: hyparquet throws, and the check says so first.
    const values = Array.from({ length: 64 }, (_, i) => (i * 40503) % 2 ** 18);
    const cut = encode(values, 18).subarray(0, 100);
    expect(indexRunsValid(cut, 0, 18, 64)).toBe(false);
    expect(() => hyparquet(cut, 0, 18, 64)).toThrow();
  });

  it('leaves to hyparquet widths it does not decode, and empty bit-packed runs', () => {
    const bytes = encode([1, 2, 3, 4, 5, 6, 7, 8], 4);
    expect(indexRunsValid(bytes, 0, 4, 8)).toBe(true);
    expect(indexRunsValid(bytes, 0, 0, 8)).toBe(false);
    expect(indexRunsValid(bytes, 0, 25, 8)).toBe(false);
    // header 1: a bit-packed run of no groups.
    expect(indexRunsValid(new Uint8Array([1, 0, 2, 3]), 0, 4, 1)).toBe(false);
    // No bytes at all for values asked for.
    expect(indexRunsValid(new Uint8Array(0), 0, 4, 1)).toBe(false);
  });
});
