import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnBuilder, nullTokens } from '../../../core/import/column-builder';
import { rawBytes } from '../../helpers/chunks';
import { BufferPool, TextWindow, windowColumn } from '../../../core/import/formats/parquet-wire';
import { ByteDictionary, textCell, type TextRefs } from '../../../core/import/formats/sink';


// ColumnBuilder.addText (Parquet text as dictionary references and UTF-8 bytes, no string per
// cell) must store exactly what adding each cell's text one by one stores: the same chunk bytes,
// type, dictionary, null and widened counts, whatever the mix of dictionaries, plain strings,
// null tokens, multibyte text, mode changes (sampling → dictionary → inline 'str') and chunk ends.
// Each dictionary without missing entries is also given as its UTF-8 bytes (ByteDictionary, as
// ColumnCursor reads a text column's dictionary page), which must store the same again.

const TOKENS = nullTokens(['', 'NA', 'N/A', 'null', 'NULL', 'NaN', 'nan', 'None']);

/** A cell of a text window: an entry of the window's dictionary, a plain string, another type's text, or missing. */
type Cell = { dict: number } | { plain: string } | { extra: string } | null;

interface Window {
  dictionary: (string | null)[] | undefined;
  cells: Cell[];
}

const encoder = new TextEncoder();
/** Text that UTF-8 holds as it is (a Parquet file's bytes decode to nothing else). */
const wellFormed = (s: string) => !s.startsWith('\uFEFF') && new TextDecoder().decode(encoder.encode(s)) === s;

const byteDictionaries = new WeakMap<(string | null)[], ByteDictionary>();

/** A dictionary as its entries' bytes, the same object for the same array (a column chunk's); undefined when an entry is missing. */
function asBytes(d: (string | null)[]): ByteDictionary | undefined {
  if (d.some((s) => s === null || !wellFormed(s))) return undefined;
  let b = byteDictionaries.get(d);
  if (!b) {
    const parts = d.map((s) => encoder.encode(s as string));
    const starts = new Int32Array(d.length + 1);
    parts.forEach((p, r) => (starts[r + 1] = starts[r] + p.length));
    const bytes = new Uint8Array(starts[d.length]);
    parts.forEach((p, r) => bytes.set(p, starts[r]));
    b = new ByteDictionary(bytes, starts, bytes.every((x) => x < 0x80));
    byteDictionaries.set(d, b);
  }
  return b;
}

/** A window as ColumnCursor.takeRefs fills it and the import's thread gets it (parquet-wire.ts). */
function refs(w: Window, bytes = false): TextRefs {
  const t = new TextWindow(new BufferPool(64), w.cells.length);
  w.cells.forEach((c, k) => {
    if (c === null) t.refs[k] = -1;
    else if ('dict' in c) t.refs[k] = c.dict;
    else if ('plain' in c) {
      const bytes = encoder.encode(`«${c.plain}»`);
      t.refs[k] = t.bytes(bytes, 2, bytes.length - 2);
    } else t.refs[k] = t.extra(c.extra);
  });
  return windowColumn(t.wire(undefined), bytes && w.dictionary ? asBytes(w.dictionary) : w.dictionary) as TextRefs;
}

/** Both builders fed the same windows (split at chunk ends, as the dataset writer does); every chunk and the final state compared. */
function same(windows: Window[], capacity = 64): { type: string; chunks: string[]; viaBytes: boolean } {
  const fast = new ColumnBuilder('col', capacity, TOKENS);
  const slow = new ColumnBuilder('col', capacity, TOKENS);
  // Fed the same windows with each dictionary as bytes, where every dictionary can be.
  const viaBytes = windows.every((w) => !w.dictionary || asBytes(w.dictionary));
  const bytes = viaBytes ? new ColumnBuilder('col', capacity, TOKENS) : undefined;
  const chunks: string[] = [];
  const flush = () => {
    const a = fast.finish();
    const b = slow.finish();
    expect(a.encoding).toBe(b.encoding);
    expect(rawBytes(a).toString('hex')).toBe(rawBytes(b).toString('hex'));
    if (bytes) {
      const c = bytes.finish();
      expect(c.encoding).toBe(b.encoding);
      expect(rawBytes(c).toString('hex')).toBe(rawBytes(b).toString('hex'));
    }
    chunks.push(a.encoding);
  };
  for (const w of windows) {
    const t = refs(w);
    const tb = bytes ? refs(w, true) : undefined;
    for (let done = 0; done < w.cells.length; ) {
      const m = Math.min(w.cells.length - done, capacity - fast.length);
      fast.addText(t, done, done + m);
      bytes?.addText(tb as TextRefs, done, done + m);
      for (let k = done; k < done + m; k++) slow.add(textCell(t, k));
      done += m;
      expect(fast.length).toBe(slow.length);
      if (bytes) expect(bytes.length).toBe(slow.length);
      if (fast.length === capacity) flush();
    }
  }
  flush();
  const state = (b: ColumnBuilder) => ({
    type: b.type,
    nullCount: b.nullCount,
    widenedCount: b.widenedCount,
    stringMode: b.stringMode,
    dictionary: b.dictionary,
    sample: b.sampleValues,
    firstWidened: b.firstWidened,
  });
  expect(state(fast)).toEqual(state(slow));
  if (bytes) expect(state(bytes)).toEqual(state(slow));
  return { type: fast.type, chunks, viaBytes };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('ColumnBuilder.addText', () => {
  it('a categorical column: dictionary codes, missing entries and null tokens in the dictionary, dictionaries changing by chunk', () => {
    const d1 = ['north', 'NA', null, 'wést', '', 'south'];
    const d2 = ['south', 'east', 'north', '日本'];
    const windows: Window[] = [
      { dictionary: d1, cells: range(1500).map((i) => (i % 11 === 0 ? null : { dict: i % d1.length })) },
      // The next column chunk: a new dictionary, in another order, with an entry the first lacked.
      { dictionary: d2, cells: range(700).map((i) => ({ dict: (i * 7) % d2.length })) },
      { dictionary: d2, cells: range(300).map((i) => (i % 5 === 0 ? { plain: 'east' } : { dict: i % d2.length })) },
    ];
    const r = same(windows);
    expect(r.type).toBe('text');
    expect(new Set(r.chunks)).toEqual(new Set(['dict']));
  });

  it('dictionary pages then plain pages mid-column (a writer falling back), with multibyte text', () => {
    const dictionary = ['α', 'β', 'γ-日本', 'δ'];
    const cells: Cell[] = range(3000).map((i) => (i < 1800 ? { dict: i % 4 } : i % 13 === 0 ? null : { plain: ['α', 'β', 'ε', 'γ-日本', 'ж'][i % 5] }));
    same([{ dictionary, cells }]);
  });

  it('a dictionary of 64k+ entries (unique ids): the column turns to inline strings and copies each entry as bytes', () => {
    const dictionary = range(70_000).map((i) => (i === 3 ? 'NA' : i === 9 ? null : i % 1000 === 7 ? `ü-${i}-日本` : `session-${i}`));
    const cells: Cell[] = range(90_000).map((i) => (i % 97 === 0 ? null : { dict: (i * 7919) % dictionary.length }));
    const r = same([{ dictionary, cells: cells.slice(0, 40_000) }, { dictionary, cells: cells.slice(40_000) }], 8192);
    expect(r.type).toBe('text');
    // Past 1,000 distinct values within the first chunk: every chunk inline.
    expect(new Set(r.chunks)).toEqual(new Set(['str']));
  });

  it('plain unique strings: ASCII copied as bytes, short ones checked against the null tokens, multibyte decoded', () => {
    const cells: Cell[] = range(5000).map((i) =>
      i % 89 === 0 ? null : i % 101 === 0 ? { plain: 'NULL' } : i % 103 === 0 ? { plain: '' } : i % 107 === 0 ? { plain: 'ab' } : i % 211 === 0 ? { plain: `ü-${i}` } : { plain: `id-${i.toString(16).padStart(8, '0')}` },
    );
    const r = same([{ dictionary: undefined, cells }], 1024);
    expect(r.chunks).toContain('str');
  });

  it('ASCII windows of plain strings: runs copied as one block, broken by missing values, short strings and other types', () => {
    const cells = (w: number): Cell[] =>
      range(4000).map((i) =>
        i % 389 === 0 ? null : i % 401 === 0 ? { plain: 'None' } : i % 409 === 0 ? { plain: 'abc' } : i % 419 === 0 ? { extra: '12.5' } : { plain: `req-${w}-${i.toString(36).padStart(6, '0')}${'x'.repeat(i % 5)}` },
      );
    const r = same([0, 1, 2].map((w) => ({ dictionary: undefined, cells: cells(w) })), 1024);
    expect(new Set(r.chunks)).toEqual(new Set(['str']));
  });

  it('text that reads as numbers takes the cell path: typed, then widened to text', () => {
    const dictionary = ['1.5', '2', 'NA', '-3e2'];
    const cells: Cell[] = [...range(1200).map((i) => ({ dict: i % 4 })), { plain: 'seven' }, ...range(100).map((i) => ({ dict: i % 4 }))];
    const r = same([{ dictionary, cells }], 256);
    expect(r.type).toBe('text');
  });

  it('agrees with the cell path whatever the mix (property)', () => {
    const text = fc.oneof(fc.constantFrom('', 'NA', 'null', 'a', 'north', 'wést', '日本', 'x'.repeat(9)), fc.string({ unit: 'grapheme', maxLength: 8 }));
    const windowArb = fc
      .record({
        dictionary: fc.option(fc.array(fc.option(text.filter(wellFormed), { nil: null, freq: 8 }), { minLength: 1, maxLength: 40 }), { nil: undefined }),
        cells: fc.array(
          fc.oneof(
            { arbitrary: fc.constant(null), weight: 1 },
            { arbitrary: fc.record({ dict: fc.nat(39) }), weight: 6 },
            { arbitrary: fc.record({ plain: text.filter(wellFormed) }), weight: 3 },
            { arbitrary: fc.record({ extra: text }), weight: 1 },
          ),
          { maxLength: 300 },
        ),
      })
      .map((w) => ({
        dictionary: w.dictionary,
        cells: w.cells.map((c) => (c && 'dict' in c ? (w.dictionary ? { dict: c.dict % w.dictionary.length } : null) : c)),
      }));
    fc.assert(
      fc.property(fc.array(windowArb, { minLength: 1, maxLength: 6 }), fc.constantFrom(16, 64, 128), (windows, capacity) => {
        same(windows as Window[], capacity);
      }),
      { numRuns: 150 },
    );
  });

  it('a dictionary of more than 1,000 distinct values fed window by window matches, across the switch to inline strings', () => {
    const dictionary = range(3000).map((i) => `v${i}`);
    const windows: Window[] = range(6).map((w) => ({ dictionary, cells: range(700).map((i) => ({ dict: (w * 700 + i * 3) % 3000 })) }));
    const r = same(windows, 512);
    expect(r.chunks.includes('dict') && r.chunks.includes('str')).toBe(true);
    expect(r.viaBytes).toBe(true);
  });

  it('a dictionary of ids as bytes (DuckDB writes one entry per session id): inline strings from its bytes, null tokens and empty entries still missing', () => {
    const ascii = range(70_000).map((i) => (i === 3 ? 'NA' : i === 5 ? '' : i === 11 ? 'null' : i % 997 === 1 ? 'ab' : `session-${i}`));
    const multibyte = range(5000).map((i) => (i === 4 ? 'N/A' : i % 7 === 0 ? `ü-${i}-日本` : `s-${i}`));
    expect(asBytes(ascii)?.ascii).toBe(true);
    expect(asBytes(multibyte)?.ascii).toBe(false);
    const cells = (n: number, size: number): Cell[] => range(n).map((i) => (i % 97 === 0 ? null : { dict: (i * 7919) % size }));
    const r = same(
      [
        { dictionary: ascii, cells: cells(40_000, ascii.length) },
        { dictionary: ascii, cells: cells(30_000, ascii.length) },
        { dictionary: multibyte, cells: cells(9000, multibyte.length) },
      ],
      8192,
    );
    expect(r.viaBytes).toBe(true);
    expect(new Set(r.chunks)).toEqual(new Set(['str']));
  });

  it('a ByteDictionary makes each entry a string once, as TextDecoder reads its bytes', () => {
    const d = asBytes(['wést', 'a', '日本', ''])!;
    expect([0, 1, 2, 3].map((r) => d.at(r))).toEqual(['wést', 'a', '日本', '']);
    expect(d.at(2)).toBe(d.at(2));
    // Bytes that are not UTF-8 read as TextDecoder reads them (U+FFFD), as hyparquet's strings did.
    const odd = new ByteDictionary(new Uint8Array([0x61, 0xff, 0x62]), new Int32Array([0, 3]), false);
    expect(odd.at(0)).toBe(new TextDecoder().decode(new Uint8Array([0x61, 0xff, 0x62])));
  });
});
