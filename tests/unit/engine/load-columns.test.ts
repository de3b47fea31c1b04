/**
 * The engine's column-loading step reads each column once per run: a segment filter or a time
 * window that names a column the analysis already loaded uses that copy, and range reads across
 * chunk boundaries return exactly the rows asked for (numeric, dictionary and text chunks, in
 * every stored width: core/workspace/chunks.ts).
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runStepsSync } from '../../../core/engine/steps';
import { loadColumns } from '../../../core/engine/load-columns';
import { newClient } from '../../helpers/engine';
import { writeFile } from '../../helpers/tmp';

const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ROWS = 150_000; // three 65,536-row chunks, the last one partial
const DAY = 86_400_000;
const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 1000) * DAY).toISOString();

describe('loadColumns', () => {
  it('reads each column once when a filter and a window name columns the analysis loads', async () => {
    const lines = ['ts,x,g,id,n8,n16,n32,g300,mix'];
    for (let i = 0; i < ROWS; i++) {
      // mix: whole numbers in the first chunk, fractions after (one column, chunks of two widths).
      // (A chunk with a missing number stays 'f64': chunk-packing.test.ts.)
      const narrow = `${(i % 256) - 128},${(i % 60_001) - 30_000},${i * 10_001 - 500_000_000},k${i % 300},${i < 65_536 ? i % 100 : i / 8}`;
      lines.push(`${at(i)},${i % 7 === 0 ? '' : i / 4},${['a', 'b', 'c'][i % 3]},u${i},${narrow}`);
    }
    await client.importFile({ path: writeFile(dir, 'l.csv', lines.join('\n')), name: 'l' });
    const read = vi.spyOn(ws, 'readColumn');
    try {
      const out = runStepsSync(loadColumns(ws, { datasets: { d: 'l' }, columns: { d: ['x', 'g', 'ts'] }, where: "g = 'b' AND x > 100", windows: { d: { last: 'week' } }, order: 'rows', phase: 't' }));
      expect(read.mock.calls.map(([, c]) => c.name).sort()).toEqual(['g', 'ts', 'x']);
      const [x, g] = out.d;
      // The last week: days 143..149 of 150 (the newest timestamp is day 149), rows 143,000 on.
      const want: number[] = [];
      for (let i = 143_000; i < ROWS; i++) if (i % 3 === 1 && i % 7 !== 0 && i / 4 > 100) want.push(i / 4);
      expect(x.kind === 'numeric' && Array.from(x.values)).toEqual(want);
      expect(g.kind === 'categorical' && g.codes.every((c) => g.dictionary[c] === 'b')).toBe(true);
    } finally {
      read.mockRestore();
    }
  });

  it('reads a filter column the analysis does not load once, alongside the ones it does', () => {
    const read = vi.spyOn(ws, 'readColumn');
    try {
      const out = runStepsSync(loadColumns(ws, { datasets: { d: 'l' }, columns: { d: ['x'] }, where: "g = 'a'", order: 'rows-only', phase: 't' }));
      expect(read.mock.calls.map(([, c]) => c.name)).toEqual(['x', 'g']);
      expect(out.d[0].kind === 'numeric' && out.d[0].values.length).toBe(ROWS / 3);
    } finally {
      read.mockRestore();
    }
  });

  it('range reads return exactly the rows asked for across chunk boundaries, for every chunk encoding', () => {
    const ds = ws.dataset('l');
    const cols = ws.columns(ds.id);
    const byName = (n: string) => cols.find((c) => c.name === n)!;
    const encodings = (n: string) => (ws.db.prepare('SELECT DISTINCT encoding AS e FROM chunks WHERE dataset_id = ? AND column_idx = ?').all(ds.id, byName(n).index) as { e: string }[]).map((r) => r.e).sort();
    const names = ['x', 'g', 'id', 'n8', 'n16', 'n32', 'g300', 'mix'];
    expect(names.map(encodings)).toEqual([['f64'], ['dict8'], expect.arrayContaining(['str']), ['i8'], ['i16'], ['i32'], ['dict16'], ['f64', 'i8']]);
    const whole = Object.fromEntries(names.map((n) => [n, ws.readColumn(ds, byName(n))]));
    // The narrow widths give back the file's values.
    const { n8, n16, n32, g300, mix } = whole;
    for (const i of [0, 1, 11, 127, 65_535, 65_536, 131_072, ROWS - 1]) {
      expect(n8.kind === 'numeric' && n8.values[i]).toBe((i % 256) - 128);
      expect(n16.kind === 'numeric' && n16.values[i]).toBe((i % 60_001) - 30_000);
      expect(n32.kind === 'numeric' && n32.values[i]).toBe(i * 10_001 - 500_000_000);
      expect(g300.kind === 'categorical' && g300.dictionary[g300.codes[i]]).toBe(`k${i % 300}`);
      expect(mix.kind === 'numeric' && mix.values[i]).toBe(i < 65_536 ? i % 100 : i / 8);
    }
    const id = whole.id;
    expect(id.kind === 'categorical' && id.dictionary[id.codes[ROWS - 1]]).toBe(`u${ROWS - 1}`);
    for (const [start, count] of [[0, 1], [65_535, 2], [60_000, 80_000], [131_071, 18_929], [ROWS - 5, 100], [ROWS, 10]]) {
      for (const name of names) {
        const part = ws.readColumnRange(ds, byName(name), start, count);
        const full = whole[name];
        const end = Math.min(ROWS, start + count);
        if (part.kind === 'numeric' && full.kind === 'numeric') expect(Array.from(part.values)).toEqual(Array.from(full.values.subarray(start, end)));
        else if (part.kind === 'categorical' && full.kind === 'categorical') {
          expect(Array.from(part.codes, (c) => part.dictionary[c])).toEqual(Array.from(full.codes.subarray(start, end), (c) => full.dictionary[c]));
        } else throw new Error(`kinds differ for ${name}`);
      }
    }
  });
});
