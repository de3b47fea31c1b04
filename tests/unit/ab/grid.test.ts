/**
 * The grid's cells (grid.ts cellsOf) against a plain per-row formula: segment block × UTC day slot ×
 * arm, with missing segments, missing timestamps, rows outside the arms, and days before 1970
 * (the fast loop takes the day by truncation only where that equals the floor). The one-pass
 * path (sums per variant code over a growing day axis, moved to the arms afterwards) equals whole
 * columns however the rows are cut into chunks and whichever way the days run, and falls back to
 * two passes when rows outside the arms span too many days.
 */
import { describe, expect, it } from 'vitest';
import { abSteps, analyzeAb } from '../../../core/analyses/ab/ab';
import { defineExperiment } from '../../../core/analyses/ab/experiment';
import type { TypedColumn } from '../../../core/data/column';
import type { RowChunks } from '../../../core/data/row-chunks';
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

/** Whole columns cut into chunks of `size` rows (copies, as a stream's reused buffers would hold them). */
function sliced(columns: Record<string, TypedColumn>, size: number): RowChunks {
  return {
    describe: (n) => columns[n],
    *pass(names) {
      const cols = names.map((n) => columns[n]);
      const rows = cols[0].kind === 'numeric' ? cols[0].values.length : cols[0].codes.length;
      for (let at = 0; at < rows; at += size) {
        const n = Math.min(size, rows - at);
        yield { offset: at, rows: n, columns: cols.map((c) => (c.kind === 'numeric' ? { ...c, values: c.values.slice(at, at + n) } : { ...c, codes: c.codes.slice(at, at + n) })) };
      }
    },
  };
}

function run(data: RowChunks, options: unknown): unknown {
  const steps = abSteps(data, options);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/** An experiment log whose days run forwards, backwards or at random through the rows. */
function log(order: 'forwards' | 'backwards' | 'random', n = 4000): Record<string, TypedColumn> {
  const r = rng(11);
  const day = (i: number) => (order === 'forwards' ? Math.floor((i * 30) / n) : order === 'backwards' ? 29 - Math.floor((i * 30) / n) : Math.floor(r() * 30));
  return {
    variant: categorical('variant', Array.from({ length: n }, () => (r() < 0.03 ? null : r() < 0.5 ? 'control' : 'treatment'))),
    region: categorical('region', Array.from({ length: n }, () => (r() < 0.1 ? null : r() < 0.5 ? 'n' : 's'))),
    ts: numeric('ts', Array.from({ length: n }, (_, i) => (r() < 0.05 ? NaN : Date.UTC(2026, 1, 1) + day(i) * DAY_MS + Math.floor(r() * DAY_MS))), 'timestamp'),
    converted: numeric('converted', Array.from({ length: n }, () => (r() < 0.1 ? 1 : 0))),
    revenue: numeric('revenue', Array.from({ length: n }, () => (r() < 0.05 ? NaN : 1000 + r() * 10))),
  };
}

const OPTIONS = { variant: 'variant', control: 'control', metrics: ['converted', 'revenue'], segment: 'region', timestamp: 'ts' };

describe('one pass over the rows', () => {
  it('equals whole columns for chunks of any size, days running forwards, backwards or at random', () => {
    for (const order of ['forwards', 'backwards', 'random'] as const) {
      const cols = log(order);
      const whole = JSON.stringify(analyzeAb({ columns: cols }, OPTIONS));
      expect(whole).toContain('"over_time":[{');
      for (const size of [1, 97, 1000, 4096]) expect(JSON.stringify(run(sliced(cols, size), OPTIONS)), `${order}, chunks of ${size}`).toBe(whole);
    }
  });

  it('with rows of another variant before and after the arms\' days (2 years: one pass; 40 years: too many days, two), equals the run without those rows', () => {
    for (const years of [2, 40]) {
    const cols = log('random', 3000);
    const n = 3000;
    const other = Array.from({ length: n }, (_, i) => i % 10 === 0);
    const withOther: Record<string, TypedColumn> = {
      ...cols,
      variant: categorical('variant', Array.from({ length: n }, (_, i) => (other[i] ? 'other' : cols.variant.kind === 'categorical' && cols.variant.codes[i] >= 0 ? cols.variant.dictionary[cols.variant.codes[i]] : null)), ['control', 'treatment', 'other']),
      ts: numeric('ts', Array.from({ length: n }, (_, i) => (other[i] ? Date.UTC(2025 + (i % years), 0, 1) : (cols.ts as { values: Float64Array }).values[i])), 'timestamp'),
    };
    const keep = (c: TypedColumn): TypedColumn => (c.kind === 'numeric' ? { ...c, values: c.values.filter((_, i) => !other[i]) } : { ...c, codes: c.codes.filter((_, i) => !other[i]) });
    const without = Object.fromEntries(Object.entries(withOther).map(([k, c]) => [k, keep(c)]));
    const options = { ...OPTIONS, treatments: ['treatment'] };
    const want = JSON.stringify(analyzeAb({ columns: without }, options));
    expect(JSON.stringify(analyzeAb({ columns: withOther }, options))).toBe(want);
    expect(JSON.stringify(run(sliced(withOther, 250), options))).toBe(want);
    }
  });

  it('arms whose rows span more than 10,000 days are refused, in one pass or two', () => {
    const cols = log('random', 1000);
    const ts = Float64Array.from((cols.ts as { values: Float64Array }).values);
    ts[0] = Date.UTC(1960, 0, 1);
    const wide = { ...cols, variant: categorical('variant', Array.from({ length: 1000 }, (_, i) => (i % 2 ? 'control' : 'treatment'))), ts: { ...cols.ts, values: ts } as TypedColumn };
    expect(() => analyzeAb({ columns: wide }, OPTIONS)).toThrow(/more than 10,000 days/);
    expect(() => run(sliced(wide, 100), OPTIONS)).toThrow(/more than 10,000 days/);
  });
});
