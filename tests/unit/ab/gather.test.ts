/** Quantile metrics' values per group (gather.ts): row order kept across chunks and growth, missing values and unanalysed rows left out. */
import { describe, expect, it } from 'vitest';
import { armsFromBlocks, groupTable, GroupValues } from '../../../core/analyses/ab/gather';
import { rng } from '../../helpers/rng';

describe('group values', () => {
  it('keeps each group\'s values in row order across chunks, growing past its first buffer', () => {
    const r = rng(9);
    const n = 1000;
    const cells = Int32Array.from({ length: n }, () => Math.floor(r() * 7) - 1); // −1: row not analysed
    const x = Float64Array.from({ length: n }, (_, i) => (r() < 0.1 ? NaN : i));
    const groupOf = groupTable(6, (c) => c % 3);
    const g = new GroupValues(3);
    for (let at = 0; at < n; at += 128) g.add(cells.subarray(at, at + 128), groupOf, x.subarray(at, at + 128), Math.min(128, n - at));
    const want: number[][] = [[], [], []];
    for (let i = 0; i < n; i++) if (cells[i] >= 0 && !Number.isNaN(x[i])) want[cells[i] % 3].push(x[i]);
    expect(g.values().map((v) => Array.from(v))).toEqual(want);
    expect(want[0].length).toBeGreaterThan(64);
  });

  it('puts an arm together from its segment blocks, block after block', () => {
    const blocks = [[1, 2], [10], [3], [], [4, 5], [11, 12]].map((v) => Float64Array.from(v));
    expect(armsFromBlocks(blocks, 2).map((v) => Array.from(v))).toEqual([[1, 2, 3, 4, 5], [10, 11, 12]]);
  });
});
