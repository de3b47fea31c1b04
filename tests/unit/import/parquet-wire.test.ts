import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { BufferPool, columnOrder, textDictionary, TextWindow, windowColumn, wireBuffers, wireDictionary, type WireDictionary } from '../../../core/import/formats/parquet-wire';
import { ByteDictionary, windowCell } from '../../../core/import/formats/sink';

// The decoding thread's text windows (references into a dictionary, plain UTF-8 bytes and other
// values' text) must read back on the import's thread as exactly the cells they stand for.

type Cell = { dict: number } | { plain: string } | { extra: string } | null;

/** Fills a window as ColumnCursor.takeRefs does, and reads it back as the sink gets it. */
function roundTrip(cells: Cell[], dictionary: (string | null)[], pool = new BufferPool(64)) {
  const w = new TextWindow(pool, cells.length);
  const encoder = new TextEncoder();
  cells.forEach((c, k) => {
    if (c === null) w.refs[k] = -1;
    else if ('dict' in c) w.refs[k] = c.dict;
    else if ('plain' in c) {
      // Each value among other bytes, as in a page.
      const bytes = encoder.encode(`<<${c.plain}>>`);
      w.refs[k] = w.bytes(bytes, 2, bytes.length - 2);
    } else w.refs[k] = w.extra(c.extra);
  });
  const wire = w.wire(dictionary);
  const window = windowColumn(wire, dictionary);
  // The cells the references stand for (what a builder's addText stores, column-builder-text.test.ts).
  const col = { kind: 'cells', cells: cells.map((_, k) => windowCell(window, k)) };
  return { wire, col, window };
}

const want = (cells: Cell[], dictionary: (string | null)[]) =>
  cells.map((c) => (c === null ? null : 'dict' in c ? dictionary[c.dict] : 'plain' in c ? c.plain : c.extra));

describe('Parquet text windows between threads', () => {
  it('reads back dictionary entries, missing values, plain strings and other values in row order', () => {
    const dictionary = ['a', 'b', null];
    const cells: Cell[] = [{ dict: 1 }, null, { plain: 'x-1' }, { extra: '12.50' }, { dict: 0 }, { plain: '' }, { dict: 2 }, { extra: '' }, { plain: 'ü日本' }];
    const { wire, col } = roundTrip(cells, dictionary);
    expect(col).toEqual({ kind: 'cells', cells: want(cells, dictionary) });
    expect(wire).toMatchObject({ kind: 'text', ascii: false, extras: ['12.50', ''] });
    // refs, bytes and bounds travel as three transferable buffers.
    expect(wireBuffers(wire)).toHaveLength(3);
    // The dictionary travels once per column chunk; the import's thread gives its own copy to every window.
    expect(windowColumn(wire, dictionary)).toMatchObject({ kind: 'text', dictionary, refs: wire.kind === 'text' ? wire.refs : undefined });
  });

  it('marks ASCII-only windows, whose strings are read as Latin-1, and sends no bytes when there are none', () => {
    const ascii = roundTrip([{ plain: 'id-0001' }, { plain: 'id-0002' }, null], []);
    expect(ascii.wire).toMatchObject({ ascii: true });
    expect(ascii.col).toEqual({ kind: 'cells', cells: ['id-0001', 'id-0002', null] });
    const dictOnly = roundTrip([{ dict: 0 }, null], ['only']);
    expect(wireBuffers(dictOnly.wire)).toHaveLength(1);
    expect(dictOnly.wire).not.toHaveProperty('bytes');
  });

  it('grows its byte and bound buffers past the pool size, keeping what was written', () => {
    const cells: Cell[] = Array.from({ length: 500 }, (_, i) => ({ plain: `value-${i}-${'é'.repeat(i % 7)}` }));
    const { col } = roundTrip(cells, [], new BufferPool(16));
    expect(col).toEqual({ kind: 'cells', cells: want(cells, []) });
  });

  it('agrees with the cells it stands for, whatever the mix (property)', () => {
    const cell = fc.oneof(
      fc.constant(null),
      fc.record({ dict: fc.integer({ min: 0, max: 3 }) }),
      // Well-formed text (what a UTF-8 page decodes to) without a leading BOM (which the reader's
      // TextDecoder drops, on one thread as on two: tests/integration/parquet-pipeline.test.ts).
      fc.record({ plain: fc.string({ unit: 'grapheme' }) }).filter((c) => !c.plain.startsWith('\uFEFF')),
      fc.record({ plain: fc.string({ unit: 'binary' }) }).filter((c) => new TextDecoder().decode(new TextEncoder().encode(c.plain)) === c.plain),
      fc.record({ extra: fc.string() }),
    );
    const dictionary = ['north', '', null, 'wést'];
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 200 }), (cells) => {
        const { col } = roundTrip(cells as Cell[], dictionary);
        expect(col).toEqual({ kind: 'cells', cells: want(cells as Cell[], dictionary) });
      }),
      { numRuns: 200 },
    );
  });

  it('the pool hands back a buffer large enough, reusing what was given back', () => {
    const pool = new BufferPool(1024);
    const a = pool.take(10);
    expect(a.byteLength).toBe(1024);
    pool.give(a);
    expect(pool.take(1000)).toBe(a);
    const big = pool.take(5000);
    expect(big.byteLength).toBe(5000);
    pool.give(big);
    pool.give(new ArrayBuffer(1024));
    expect(pool.take(4000)).toBe(big);
  });

  it("orders a row group's columns numbers and text alternating, each column once", () => {
    const types = ['BYTE_ARRAY', 'INT32', 'INT64', 'DOUBLE', 'DOUBLE', 'BYTE_ARRAY', 'BYTE_ARRAY', 'BOOLEAN', 'FIXED_LEN_BYTE_ARRAY', undefined];
    expect(columnOrder(types)).toEqual([1, 0, 2, 5, 3, 6, 4, 8, 7, 9]);
    expect(columnOrder(['BYTE_ARRAY', 'BYTE_ARRAY'])).toEqual([0, 1]);
    expect(columnOrder(['FLOAT'])).toEqual([0]);
    expect(columnOrder([])).toEqual([]);
  });

  it("a dictionary of bytes crosses as its two buffers, transferred, and reads back entry for entry", () => {
    const entries = ['north', 'wést', '', '日本'];
    const encoded = entries.map((e) => new TextEncoder().encode(e));
    const starts = new Int32Array(entries.length + 1);
    encoded.forEach((b, r) => (starts[r + 1] = starts[r] + b.length));
    const bytes = new Uint8Array(starts[entries.length]);
    encoded.forEach((b, r) => bytes.set(b, starts[r]));
    const sent = new ByteDictionary(bytes, starts, false);
    const { wire, transfer } = wireDictionary(sent);
    expect(transfer).toEqual([bytes.buffer, starts.buffer]);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(wire, transfer);
    const got = textDictionary(receiveMessageOnPort(port2)!.message as WireDictionary);
    port1.close();
    // Moved, not copied: the sender's buffers are detached.
    expect(bytes.byteLength).toBe(0);
    expect(got).toBeInstanceOf(ByteDictionary);
    expect(entries.map((_, r) => (got as ByteDictionary).at(r))).toEqual(entries);
    // Strings cross as they are, nothing to transfer.
    const strings = ['a', null];
    expect(wireDictionary(strings)).toEqual({ wire: strings, transfer: [] });
    expect(textDictionary(strings)).toBe(strings);
  });
});
