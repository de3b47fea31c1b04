/**
 * Stored chunk encodings (core/workspace/chunks.ts): every chunk packs to the narrowest encoding
 * that gives each value back exactly, and unpacks to the same doubles / codes (NaN for missing),
 * whole or by range, from aligned or unaligned BLOB memory.
 */
import { describe, expect, it } from 'vitest';
import { ChunkPacker, chunkLength, unpackCodes, unpackCodesInto, unpackNumbers, unpackNumbersInto, valueWidth } from '../../../core/workspace/chunks';
import { rng } from '../../helpers/rng';

/** The same bytes at an odd address, as SQLite may hand a BLOB over. */
function unaligned(blob: Uint8Array): Uint8Array {
  const host = Buffer.alloc(blob.byteLength + 1);
  host.set(blob, 1);
  return host.subarray(1);
}

function sameNumbers(got: Float64Array, want: Float64Array): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) expect([i, got[i]]).toEqual([i, want[i]]);
}

function roundTrip(values: number[]): string {
  const want = Float64Array.from(values);
  const { encoding, blob } = new ChunkPacker().numbers(want);
  expect(chunkLength(encoding, blob)).toBe(want.length);
  expect(blob.byteLength).toBe(want.length * valueWidth(encoding));
  sameNumbers(unpackNumbers(encoding, blob), want);
  sameNumbers(unpackNumbers(encoding, unaligned(blob)), want);
  return encoding;
}

describe('numeric chunks', () => {
  it('take the narrowest integer type that holds every value', () => {
    expect(roundTrip([0, 1, -128, 127])).toBe('i8');
    expect(roundTrip([128])).toBe('i16');
    expect(roundTrip([-129, 5])).toBe('i16');
    expect(roundTrip([-32768, 32767])).toBe('i16');
    expect(roundTrip([32768])).toBe('i32');
    expect(roundTrip([-32769])).toBe('i32');
    expect(roundTrip([2147483647, -2147483648])).toBe('i32');
    expect(roundTrip([2147483648])).toBe('f64');
    expect(roundTrip([-2147483649])).toBe('f64');
    expect(roundTrip([2 ** 53, 1])).toBe('f64');
  });

  it('stay doubles when a value is missing, so a narrow chunk reads back by one native conversion', () => {
    expect(roundTrip([0, 1, NaN])).toBe('f64');
    expect(roundTrip([NaN, NaN, NaN])).toBe('f64');
  });

  it('keep doubles that are not small integers exactly: fractions, -0, infinities', () => {
    expect(roundTrip([1, 2, 0.5])).toBe('f64');
    expect(roundTrip([1, -0, 2])).toBe('f64');
    expect(roundTrip([0, Infinity])).toBe('f64');
    expect(roundTrip([-Infinity, NaN])).toBe('f64');
    expect(roundTrip([1e-300, 3])).toBe('f64');
  });

  it('an empty chunk', () => {
    expect(roundTrip([])).toBe('i8');
  });

  it('random chunks of each kind unpack to the same values, by range too', () => {
    const r = rng(15);
    const packer = new ChunkPacker();
    const kinds = [
      () => Math.floor(r() * 256) - 128,
      () => Math.floor(r() * 65536) - 32768,
      () => Math.floor(r() * 4294967296) - 2147483648,
      () => (r() < 0.01 ? NaN : Math.floor(r() * 256) - 128),
      () => (r() < 0.1 ? NaN : Math.round(r() * 1e6) / 1e4),
    ];
    const seen = new Set<string>();
    for (let t = 0; t < 40; t++) {
      const n = 1 + Math.floor(r() * 5000);
      const want = Float64Array.from({ length: n }, kinds[t % kinds.length]);
      const { encoding, blob } = packer.numbers(want);
      seen.add(encoding);
      const stored = unaligned(Buffer.from(blob)); // the packer reuses its buffer: copy, as SQLite does
      const from = Math.floor(r() * n);
      const to = from + Math.floor(r() * (n - from + 1));
      const out = new Float64Array(n + 3).fill(7);
      unpackNumbersInto(encoding, stored, out, 2, from, to);
      sameNumbers(out.subarray(2, 2 + to - from), want.subarray(from, to));
      expect([out[0], out[1], out[2 + to - from]]).toEqual([7, 7, 7]);
    }
    expect([...seen].sort()).toEqual(['f64', 'i16', 'i32', 'i8']);
  });
});

describe('dictionary chunks', () => {
  function codesRoundTrip(codes: number[], maxCode: number): string {
    const want = Int32Array.from(codes);
    const { encoding, blob } = new ChunkPacker().codes(want, maxCode);
    expect(blob.byteLength).toBe(want.length * valueWidth(encoding));
    expect(Array.from(unpackCodes(encoding, blob))).toEqual(codes);
    expect(Array.from(unpackCodes(encoding, unaligned(blob)))).toEqual(codes);
    return encoding;
  }

  it('take one byte below 127 codes, two below 32767, else four; -1 stays missing', () => {
    expect(codesRoundTrip([0, -1, 126], 126)).toBe('dict8');
    expect(codesRoundTrip([127, -1], 127)).toBe('dict16');
    expect(codesRoundTrip([32766, 0, -1], 32766)).toBe('dict16');
    expect(codesRoundTrip([32767, -1], 32767)).toBe('dict');
    expect(codesRoundTrip([-1, -1], -1)).toBe('dict8');
  });

  it('unpack a range into place', () => {
    const codes = Int32Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? -1 : i % 300));
    const { encoding, blob } = new ChunkPacker().codes(codes, 299);
    expect(encoding).toBe('dict16');
    const out = new Int32Array(600).fill(9);
    unpackCodesInto(encoding, unaligned(Buffer.from(blob)), out, 1, 400, 900);
    expect(Array.from(out.subarray(1, 501))).toEqual(Array.from(codes.subarray(400, 900)));
    expect([out[0], out[501]]).toEqual([9, 9]);
  });
});

describe('unknown encodings', () => {
  it('are refused, not read as bytes', () => {
    expect(() => unpackNumbers('dict', Buffer.alloc(8))).toThrow(/numeric column holds a chunk encoded "dict"/);
    expect(() => unpackCodes('f64', Buffer.alloc(8))).toThrow(/text column holds a chunk encoded "f64"/);
    expect(() => chunkLength('f32', Buffer.alloc(8))).toThrow(/unknown chunk encoding "f32"/);
  });
});
