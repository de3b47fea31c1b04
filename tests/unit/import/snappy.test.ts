import fc from 'fast-check';
import { snappyUncompress as reference } from 'hyparquet/src/snappy.js';
import { snappyCompress } from 'hyparquet-writer/src/snappy.js';
import { describe, expect, it } from 'vitest';
import { snappyUncompress } from '../../../core/import/formats/snappy';

// The page decompressor copies long runs as blocks; it must give snappyjs's (hyparquet's) bytes,
// and its errors, for any input: compressed data, and damaged data too.

/** What a decoder gives for `input` into an output of `size` bytes: the bytes, or the error's message. */
function outcome(decode: (i: Uint8Array, o: Uint8Array) => void, input: Uint8Array, size: number): string {
  const out = new Uint8Array(size);
  try {
    decode(input, out);
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
  return Buffer.from(out).toString('hex');
}

/** Data with long literals (random doubles), long repeats and short overlapping runs, as pages have. */
const pageLike = fc
  .array(
    fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 300 }),
      fc.record({ byte: fc.integer({ min: 0, max: 255 }), n: fc.integer({ min: 1, max: 200 }) }).map(({ byte, n }) => new Uint8Array(n).fill(byte)),
      fc.record({ word: fc.uint8Array({ minLength: 2, maxLength: 40 }), n: fc.integer({ min: 1, max: 20 }) }).map(({ word, n }) => new Uint8Array(Array.from({ length: n }, () => [...word]).flat())),
    ),
    { maxLength: 40 },
  )
  .map((parts) => {
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  });

describe('snappyUncompress', () => {
  it('gives the bytes that were compressed, as snappyjs does', () => {
    fc.assert(
      fc.property(pageLike, (data) => {
        const compressed = snappyCompress(data);
        const out = new Uint8Array(data.length);
        snappyUncompress(compressed, out);
        expect(Buffer.from(out).equals(Buffer.from(data))).toBe(true);
        expect(outcome(snappyUncompress, compressed, data.length)).toBe(outcome(reference, compressed, data.length));
      }),
      { numRuns: 300 },
    );
  });

  it('a page of random doubles (long literals) and of repeated values (long copies)', () => {
    const doubles = new Float64Array(50_000).map((_, i) => Math.sin(i) * 1e6);
    const repeated = new Float64Array(50_000).map((_, i) => i % 7);
    for (const a of [doubles, repeated]) {
      const data = new Uint8Array(a.buffer);
      const compressed = snappyCompress(data);
      expect(outcome(snappyUncompress, compressed, data.length)).toBe(outcome(reference, compressed, data.length));
    }
  });

  it('damaged input (bytes changed, cut short, a wrong output size) fails or decodes as snappyjs does', () => {
    fc.assert(
      fc.property(pageLike, fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 4 }), fc.integer({ min: -20, max: 20 }), fc.nat(), (data, flips, resize, cut) => {
        const compressed = snappyCompress(data).slice();
        for (const f of flips) if (compressed.length) compressed[f.at % compressed.length] = f.byte;
        const input = cut % 3 === 0 ? compressed.subarray(0, cut % (compressed.length + 1)) : compressed;
        const size = Math.max(0, data.length + resize);
        expect(outcome(snappyUncompress, input, size)).toBe(outcome(reference, input, size));
      }),
      { numRuns: 500 },
    );
  });
});
