import fc from 'fast-check';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { ByteWriter } from 'hyparquet-writer';
import { writeRleBitPackedHybrid } from 'hyparquet-writer/src/encoding.js';
import { describe, expect, it } from 'vitest';
import { oneRun } from '../../../core/import/formats/parquet-pages';

// A page's definition levels are skipped when they are one run saying "every row has a value":
// that must never be said of levels with a missing row.

function encode(levels: number[], width: number): DataView {
  const w = new ByteWriter();
  writeRleBitPackedHybrid(w, levels, width);
  const bytes = new Uint8Array(w.getBuffer());
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function expand(view: DataView, rows: number, width: number): number[] {
  const out = new Uint8Array(rows);
  readRleBitPackedHybrid({ view, offset: 0 }, width, out, view.byteLength);
  return [...out];
}

describe('oneRun', () => {
  it('finds a single run of the maximum level over every row, with a header of several bytes', () => {
    // Fewer than 8 values are written bit-packed: expanded as before.
    const one = encode([1], 1);
    expect(oneRun(one, 0, one.byteLength, 1, 1)).toBe(false);
    for (const rows of [8, 127, 128, 65_536, 1_000_000]) {
      const view = encode(new Array<number>(rows).fill(1), 1);
      expect(oneRun(view, 0, view.byteLength, rows, 1)).toBe(true);
      // More rows than the run covers, or another level: no.
      expect(oneRun(view, 0, view.byteLength, rows + 1, 1)).toBe(false);
      expect(oneRun(view, 0, view.byteLength, rows, 2)).toBe(false);
    }
    // Level 3 (width 2) of nested optional fields.
    const deep = encode(new Array<number>(1000).fill(3), 2);
    expect(oneRun(deep, 0, deep.byteLength, 1000, 3)).toBe(true);
    // Nothing to read: no.
    expect(oneRun(deep, 0, 0, 1000, 3)).toBe(false);
  });

  it('never says so of levels with a missing row (property, against hyparquet expanding them)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ arbitrary: fc.constant(1), weight: 20 }, { arbitrary: fc.constant(0), weight: 1 }), { minLength: 1, maxLength: 3000 }), (levels) => {
        const view = encode(levels, 1);
        const all = expand(view, levels.length, 1).every((l) => l === 1);
        if (oneRun(view, 0, view.byteLength, levels.length, 1)) expect(all).toBe(true);
        // The writer gives a run for levels that are all the same.
        if (levels.length >= 8 && levels.every((l) => l === 1)) expect(oneRun(view, 0, view.byteLength, levels.length, 1)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
