import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parquetHeader } from 'hyparquet/src/column.js';
import { parquetMetadata } from 'hyparquet/src/metadata.js';
import { snappyUncompress } from 'hyparquet/src/snappy.js';
import { snappyCompress } from 'hyparquet-writer/src/snappy.js';
import { describe, expect, it } from 'vitest';
import { snappyUncompressWasm } from '../../../core/import/formats/snappy-wasm';

// Pages are decompressed by hysnappy (WebAssembly); it must give the bytes of hyparquet's JS decoder
// (snappyjs's, which the import used before) for every intact page, and fail where that decoder
// fails on damaged input (its messages differ), never give other bytes.

/** The bytes, or 'error' — messages differ between the two decoders. */
function viaJs(input: Uint8Array, size: number): string {
  const out = new Uint8Array(size);
  try {
    snappyUncompress(input, out);
  } catch {
    return 'error';
  }
  return Buffer.from(out).toString('hex');
}

function viaWasm(input: Uint8Array, size: number): string {
  try {
    return Buffer.from(snappyUncompressWasm(input, size)).toString('hex');
  } catch {
    return 'error';
  }
}

/** The length a snappy stream's varint preamble declares, -1 when it has none. */
function declared(input: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < input.length && i < 5; i++) {
    n += (input[i] & 0x7f) * 2 ** (7 * i);
    if (input[i] < 128) return n;
  }
  return -1;
}

const pageLike = fc
  .array(
    fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 300 }),
      fc.record({ byte: fc.integer({ min: 0, max: 255 }), n: fc.integer({ min: 1, max: 200 }) }).map(({ byte, n }) => new Uint8Array(n).fill(byte)),
      fc.record({ word: fc.uint8Array({ minLength: 2, maxLength: 40 }), n: fc.integer({ min: 1, max: 20 }) }).map(({ word, n }) => new Uint8Array(Array.from({ length: n }, () => [...word]).flat())),
    ),
    { maxLength: 40 },
  )
  .map((parts) => Uint8Array.from(parts.flatMap((p) => [...p])));

/** Every snappy page (v1 and dictionary pages) of a Parquet file: compressed bytes and size. */
function snappyPages(file: string): { bytes: Uint8Array; size: number }[] {
  const buf = readFileSync(file);
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  const pages: { bytes: Uint8Array; size: number }[] = [];
  for (const rg of parquetMetadata(ab).row_groups) {
    for (const { meta_data: m } of rg.columns) {
      if (!m || m.codec !== 'SNAPPY') continue;
      const start = Number(m.dictionary_page_offset ?? m.data_page_offset);
      const reader = { view: new DataView(ab), offset: start };
      while (reader.offset < start + Number(m.total_compressed_size)) {
        const h = parquetHeader(reader);
        const bytes = new Uint8Array(ab, reader.offset, h.compressed_page_size);
        reader.offset += h.compressed_page_size;
        if (h.type !== 'DATA_PAGE_V2') pages.push({ bytes, size: h.uncompressed_page_size });
      }
    }
  }
  return pages;
}

describe('snappyUncompressWasm', () => {
  it('gives the bytes that were compressed, as the JS decoder does', () => {
    fc.assert(
      fc.property(pageLike, (data) => {
        const compressed = snappyCompress(data);
        expect(Buffer.from(snappyUncompressWasm(compressed, data.length)).equals(Buffer.from(data))).toBe(true);
        expect(viaWasm(compressed, data.length)).toBe(viaJs(compressed, data.length));
      }),
      { numRuns: 300 },
    );
  });

  it('large pages: random doubles (long literals) and repeated values (long copies), one after another', () => {
    const doubles = new Float64Array(200_000).map((_, i) => Math.sin(i) * 1e6);
    const repeated = new Float64Array(50_000).map((_, i) => i % 7);
    for (const a of [repeated, doubles, repeated]) {
      const data = new Uint8Array(a.buffer);
      const out = snappyUncompressWasm(snappyCompress(data), data.length);
      expect(Buffer.from(out).equals(Buffer.from(data))).toBe(true);
    }
  });

  it('damaged input (bytes changed, cut short, a wrong output size) fails or decodes as the JS decoder does', () => {
    let failed = 0;
    fc.assert(
      fc.property(pageLike, fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 4 }), fc.integer({ min: -20, max: 20 }), fc.nat(), (data, flips, resize, cut) => {
        const compressed = snappyCompress(data).slice();
        for (const f of flips) if (compressed.length) compressed[f.at % compressed.length] = f.byte;
        const input = cut % 3 === 0 ? compressed.subarray(0, cut % (compressed.length + 1)) : compressed;
        const size = Math.max(0, data.length + resize);
        const outcome = viaWasm(input, size);
        if (outcome === 'error') failed++;
        // The JS decoder ignores the stream's declared length; a page whose stream declares another
        // size than its header is refused here (hysnappy would write the declared length).
        if (declared(input) !== size && !(size === 0 && input.length === 0)) expect(outcome).toBe('error');
        else expect(outcome).toBe(viaJs(input, size));
      }),
      { numRuns: 1000 },
    );
    expect(failed).toBeGreaterThan(100); // the damage was seen, not only harmless flips
  });

  // The bench's Parquet files (scripts/bench/import.bench.mjs writes them), when this checkout has them.
  const bench = path.join(__dirname, '../../../.bench');
  const files = ['g1000000-duckdb', 'g131072-duckdb', 'g1000000', 'g131072'].map((g) => path.join(bench, `prediction-log-1000000-${g}.parquet`)).filter((f) => existsSync(f));
  it.skipIf(files.length === 0)('every snappy page of the bench files decodes to the bytes of the JS decoder', () => {
    let pages = 0;
    for (const file of files) {
      for (const { bytes, size } of snappyPages(file)) {
        const expected = new Uint8Array(size);
        snappyUncompress(bytes, expected);
        expect(Buffer.from(snappyUncompressWasm(bytes, size)).equals(Buffer.from(expected))).toBe(true);
        pages++;
      }
    }
    expect(pages).toBeGreaterThan(100);
  }, 60_000);
});
