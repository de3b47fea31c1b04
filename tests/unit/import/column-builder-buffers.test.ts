import { describe, expect, it } from 'vitest';
import { ColumnBuilder, DICTIONARY_LIMIT, nullTokens, type EncodedChunk } from '../../../core/import/column-builder';
import { rawBytes } from '../../helpers/chunks';
import { decodeStrings, encodeStrings } from '../../../core/workspace/chunks';
import { rng } from '../../helpers/rng';

const tokens = nullTokens(['', 'NA', 'null', 'None']);

/** A cell as the CSV reader hands it over: a range of a line of text. */
function addAsRange(b: ColumnBuilder, cell: string): void {
  const text = `x,${cell},y`;
  b.addRange(text, 2, 2 + cell.length);
}

function cellsOf(chunk: EncodedChunk, dictionary: readonly string[]): (string | null)[] {
  if (chunk.encoding === 'str') return decodeStrings(chunk.blob);
  if (chunk.encoding === 'dict') return Array.from(chunk.codes, (c) => (c < 0 ? null : dictionary[c]));
  throw new Error('numeric chunk');
}

/** What the builder must store: the cell, or null for a null token. */
const expected = (cells: readonly string[]) => cells.map((c) => (tokens.set.has(c) ? null : c));

describe('ColumnBuilder writes text chunks into reused buffers', () => {
  it("lays out a 'str' chunk byte for byte as encodeStrings does: ASCII, UTF-8, nulls, null tokens, a short last chunk", () => {
    const rand = rng(15);
    const pick = (xs: readonly string[]) => xs[Math.floor(rand() * xs.length)];
    const b = new ColumnBuilder('uid', 256, tokens, { type: 'text', stringMode: true });
    for (const rows of [256, 256, 77]) {
      const cells: string[] = [];
      for (let i = 0; i < rows; i++) {
        const kind = rand();
        cells.push(kind < 0.1 ? pick(['', 'NA', 'null']) : kind < 0.2 ? `é-${i}-日本-😀` : kind < 0.25 ? 'N' : `id-${Math.floor(rand() * 1e12)}`);
      }
      cells.forEach((c, i) => (i % 2 ? addAsRange(b, c) : b.add(c)));
      const chunk = b.finish();
      expect(chunk.encoding).toBe('str');
      const want = encodeStrings(expected(cells));
      expect(Buffer.compare(rawBytes(chunk), want)).toBe(0);
      expect(decodeStrings(rawBytes(chunk))).toEqual(expected(cells));
    }
  });

  it('turns a dictionary chunk into inline strings when the dictionary overflows mid-chunk, keeping earlier cells', () => {
    const b = new ColumnBuilder('late', 4096, tokens, { type: 'text' });
    const first: string[] = [];
    for (let i = 0; i < 2000; i++) first.push(i % 7 === 0 ? 'NA' : `k${i % 5}`);
    first.forEach((c) => addAsRange(b, c));
    const a = b.finish();
    expect(a.encoding).toBe('dict');
    expect(cellsOf(a, b.dictionary)).toEqual(expected(first));
    const second: string[] = [];
    for (let i = 0; i < 3000; i++) second.push(i < 500 ? `k${i % 5}` : i % 11 === 0 ? '' : `late-${i}`);
    second.forEach((c) => addAsRange(b, c));
    const c = b.finish();
    expect(c.encoding).toBe('str');
    expect(Buffer.compare(rawBytes(c), encodeStrings(expected(second)))).toBe(0);
    // Values first seen in the overflowing chunk left the dictionary again.
    expect(b.dictionary).toEqual(['k1', 'k2', 'k3', 'k4', 'k0']);
    expect(b.dictionary.length).toBeLessThan(DICTIONARY_LIMIT);
  });

  it('finds dictionary values given as ranges exactly as by string, with many values and look-alikes', () => {
    const values = Array.from({ length: DICTIONARY_LIMIT }, (_, i) => `v${i}`);
    const b = new ColumnBuilder('cat', 8192, tokens, { type: 'categorical', dictionary: ['v1', 'NA-ish', 'v10'] });
    const cells: string[] = [];
    for (let i = 0; i < 8192; i++) cells.push(i % 13 === 0 ? 'None' : values[(i * 7919) % values.length] + (i % 17 === 0 ? ' ' : ''));
    const byString = new ColumnBuilder('cat', 8192, tokens, { type: 'categorical', dictionary: ['v1', 'NA-ish', 'v10'] });
    cells.forEach((c) => addAsRange(b, c));
    cells.forEach((c) => byString.add(c));
    const r = b.finish();
    const s = byString.finish();
    expect(b.dictionary).toEqual(byString.dictionary);
    expect(r.encoding).toBe(s.encoding);
    expect(cellsOf(r, b.dictionary)).toEqual(cellsOf(s, byString.dictionary));
    expect(cellsOf(r, b.dictionary)).toEqual(expected(cells));
  });

  it('re-encodes stored numbers as text into the same buffers without disturbing the next chunk', () => {
    const b = new ColumnBuilder('n', 64, tokens, { type: 'text', stringMode: true });
    const old = Array.from({ length: 64 }, (_, i) => (i % 9 === 0 ? null : String(i * 1.5)));
    const re = b.encodeText(old);
    expect(re.encoding).toBe('str');
    expect(decodeStrings(rawBytes(re))).toEqual(old);
    const next = ['abcdef', 'ghijkl'];
    next.forEach((c) => addAsRange(b, c));
    expect(decodeStrings(rawBytes(b.finish()))).toEqual(next);
  });
});
