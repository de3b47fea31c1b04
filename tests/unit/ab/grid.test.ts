/**
 * The grid's cells (grid.ts cellsOf) against a plain per-row formula: segment block × UTC day slot ×
 * arm, with missing segments, missing timestamps, rows outside the arms, and days before 1970
 * (the fast loop takes the day by truncation only where that equals the floor).
 */
import { describe, expect, it } from 'vitest';
import { defineExperiment } from '../../../core/analyses/ab/experiment';
import { cellsOf, DAY_MS, newGrid } from '../../../core/analyses/ab/grid';
import { rng } from '../../helpers/rng';
import { categorical, numeric } from './helpers';

describe('grid cells', () => {
  it('equal (segment · slots + day) · arms + arm per row, counted per cell, across 1970 and day boundaries', () => {
    const r = rng(3);
    const n = 3000;
    const variants = Array.from({ length: n }, () => (r() < 0.05 ? null : ['a', 'b', 'c'][Math.floor(r() * 3)]));
    const segments = Array.from({ length: n }, () => (r() < 0.1 ? null : ['x', 'y'][Math.floor(r() * 2)]));
    // Around the epoch, with values right on and just below day boundaries (fractions of a ms too).
    const ts = Array.from({ length: n }, () => {
      if (r() < 0.05) return NaN;
      const day = Math.floor(r() * 8) - 4;
      const edge = r();
      return edge < 0.2 ? day * DAY_MS : edge < 0.4 ? day * DAY_MS - 0.25 : day * DAY_MS + Math.floor(r() * DAY_MS);
    });
    const variant = categorical('variant', variants, ['a', 'b', 'c']);
    const segment = categorical('segment', segments, ['x', 'y']);
    const exp = defineExperiment({ variant, control: 'b', treatments: ['a'], timestamp: numeric('ts', ts, 'timestamp') });
    const grid = newGrid(exp, 2, true);
    const out = new Int32Array(n);
    cellsOf(grid, { variantCodes: variant.codes, armOfCode1: exp.armOfCode1, dedupedArm: null, segmentCodes: segment.codes, ts: Float64Array.from(ts) }, 0, n, out);
    const days = grid.days!;
    const rows = new Float64Array(grid.cells);
    for (let i = 0; i < n; i++) {
      const arm = variants[i] === 'b' ? 0 : variants[i] === 'a' ? 1 : -1;
      if (arm < 0) {
        expect(out[i]).toBe(-1);
        continue;
      }
      const s = segments[i] === null ? 2 : segments[i] === 'x' ? 0 : 1;
      const d = Number.isNaN(ts[i]) ? days.count : Math.floor(ts[i] / DAY_MS) - days.first;
      const want = (s * grid.slots + d) * 2 + arm;
      expect(out[i], `row ${i}: ts ${ts[i]}`).toBe(want);
      rows[want]++;
    }
    expect(days.first).toBe(-5); // −4 days less a quarter of a ms
    expect(Array.from(grid.rows)).toEqual(Array.from(rows));
  });
});
