import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KeyMatch, keyHash, type KeyMatchOptions } from '../../../core/import/join-match';
import { rng } from '../../helpers/rng';

type Cells = (string | null)[];

/** The join as the README defines it, with one Map: what KeyMatch must reproduce exactly. */
function reference(datasetKeys: (string | null)[], file: [string, Cells][], width: number) {
  const firstRow = new Map<string, number>();
  datasetKeys.forEach((k, row) => k !== null && !firstRow.has(k) && firstRow.set(k, row));
  const out: Cells[] = Array.from({ length: width }, () => new Array<string | null>(datasetKeys.length).fill(null));
  const seen = new Set<string>();
  let matched = 0;
  let duplicateKeys = 0;
  let orphans = 0;
  for (const [key, cells] of file) {
    const row = firstRow.get(key);
    if (row === undefined) orphans++;
    else if (seen.has(key)) duplicateKeys++;
    else {
      seen.add(key);
      matched++;
      cells.forEach((v, c) => (out[c][row] = v));
    }
  }
  return { counts: { matched, duplicateKeys, orphans }, out };
}

function run(datasetKeys: (string | null)[], file: [string, Cells][], width: number, chunkRows: number, options: KeyMatchOptions) {
  const m = new KeyMatch(width, datasetKeys.length, chunkRows, options);
  try {
    for (const [key, cells] of file) m.addFileRow(key, cells);
    m.endFile();
    datasetKeys.forEach((k, row) => k !== null && m.addDatasetKey(k, row));
    const counts = m.match();
    const out: Cells[] = [];
    for (let c = 0; c < width; c++) {
      const col: Cells = [];
      for (let start = 0; start < datasetKeys.length; start += chunkRows) col.push(...m.window(c, start, Math.min(datasetKeys.length, start + chunkRows)));
      out.push(col);
    }
    return { counts, out, m };
  } finally {
    m.drop();
  }
}

// Keys that differ only in ways a careless encoding would lose: Unicode, a lone surrogate, the
// empty string, zero padding, separators and quotes.
const odd = ['', '007', '7', ' 7', 'é', 'é', '😀', '\ud800', '\udc00x', 'a,b', 'a"b', 'line\nbreak', 'nul\u0000', '\\', 'null', '[1]'];

describe('KeyMatch (hash-partitioned join)', () => {
  const r = rng(5);
  const n = 400;
  const datasetKeys: (string | null)[] = Array.from({ length: n }, (_, i) => (i < odd.length ? odd[i] : `k${i}`));
  datasetKeys[20] = null;
  datasetKeys[30] = odd[1]; // a repeated dataset key: only its first row gets values
  datasetKeys[31] = 'k50';
  const file: [string, Cells][] = [];
  for (let i = 0; i < 600; i++) {
    const pick = r() < 0.15 ? `orphan${Math.floor(r() * 40)}` : (datasetKeys[Math.floor(r() * n)] ?? 'k1');
    file.push([pick, [`v${i}`, r() < 0.2 ? null : odd[i % odd.length], String(i)]]);
  }
  for (const k of odd) file.push([k, [k, k, k]]);
  const expected = reference(datasetKeys, file, 3);

  it('the reference sees what the test needs: matches, duplicates, orphans, odd keys', () => {
    expect(expected.counts.matched).toBeGreaterThan(200);
    expect(expected.counts.duplicateKeys).toBeGreaterThan(50);
    expect(expected.counts.orphans).toBeGreaterThan(50);
    expect(odd.every((k) => expected.out[0][datasetKeys.indexOf(k)] !== null)).toBe(true);
  });

  const cases: [string, KeyMatchOptions, number][] = [
    ['default hash and partitions', {}, 65_536],
    ['one partition', { partitions: 1 }, 16],
    ['every key colliding (hash 0), 7 partitions', { partitions: 7, hash: () => 0 }, 16],
    ['a 1-bit hash, 5 partitions, tiny segments', { partitions: 5, hash: (k) => k.length & 1, pendingValues: 3 }, 7],
    ['FNV, 13 partitions, tiny segments, windows past 64 buckets', { partitions: 13, hash: keyHash, pendingValues: 8 }, 2],
  ];
  for (const [name, options, chunkRows] of cases) {
    it(`joins exactly as one Map does: ${name}`, () => {
      const got = run(datasetKeys, file, 3, chunkRows, options);
      expect(got.counts).toEqual(expected.counts);
      expect(got.out).toEqual(expected.out);
    });
  }

  it('reads windows that cross output buckets, and removes its spill files', () => {
    const m = new KeyMatch(3, n, 2, { partitions: 3 });
    for (const [key, cells] of file) m.addFileRow(key, cells);
    m.endFile();
    datasetKeys.forEach((k, row) => k !== null && m.addDatasetKey(k, row));
    m.match();
    expect(fs.readdirSync(m.spillDir).length).toBeGreaterThan(1);
    for (const [start, end] of [[0, n], [5, 7], [11, 390], [n - 1, n]]) expect(m.window(2, start, end)).toEqual(expected.out[2].slice(start, end));
    m.drop();
    expect(fs.existsSync(m.spillDir)).toBe(false);
    m.drop();
  });

  it('an empty file or a dataset without keys matches nothing', () => {
    expect(run(datasetKeys, [], 1, 16, {}).counts).toEqual({ matched: 0, duplicateKeys: 0, orphans: 0 });
    const none = run([null, null], [['a', ['1']]], 1, 16, {});
    expect(none.counts).toEqual({ matched: 0, duplicateKeys: 0, orphans: 1 });
    expect(none.out).toEqual([[null, null]]);
  });
});
