// Disparities per chunk: by UTC month of a timestamp column, and every N rows; a gap that opens
// in one period shows in that period only, against the whole data's reference group.
import { describe, expect, it } from 'vitest';
import { analyzeFairness } from '../../../core/analyses/fairness/fairness';
import type { TypedColumn } from '../../../core/data/column';
import { finiteEverywhere } from './helpers';

/** 400 rows per month for three months; from March on, group b's false positive rate doubles. */
function data(): TypedColumn[] {
  const months = [Date.UTC(2026, 0, 10), Date.UTC(2026, 1, 10), Date.UTC(2026, 2, 10)];
  const y: number[] = [];
  const s: number[] = [];
  const a: number[] = [];
  const t: number[] = [];
  months.forEach((start, m) => {
    for (let i = 0; i < 400; i++) {
      const group = i % 2; // a, b alternate
      const label = (i >> 1) % 2; // half positives in each group
      const k = i >> 2; // 0..99 within (group, label)
      const fp = group === 1 && m === 2 ? k < 40 : k < 20;
      y.push(label);
      s.push(label === 1 ? (k < 70 ? 1 : 0) : fp ? 1 : 0);
      a.push(group);
      t.push(start + i * 60_000);
    }
  });
  t[5] = NaN; // one row without a timestamp
  return [
    { name: 'y', kind: 'numeric', type: 'integer', values: Float64Array.from(y) },
    { name: 's', kind: 'numeric', type: 'integer', values: Float64Array.from(s) },
    { name: 'a', kind: 'categorical', type: 'categorical', codes: Int32Array.from(a), dictionary: ['a', 'b'] },
    { name: 'ts', kind: 'numeric', type: 'timestamp', values: Float64Array.from(t) },
  ];
}

const base = { label: 'y', decision: { kind: 'prediction', column: 's' }, attributes: ['a'], referenceGroups: { a: 'a' }, bootstrap: { resamples: 0 } } as const;

describe('fairness over time', () => {
  it('by month: FPR disparity 1 until the gap opens in March (2×)', () => {
    const r = analyzeFairness({ columns: data() }, { ...base, overTime: { chunk: { by: 'period', timestamp: 'ts', period: 'month' } } });
    const ot = r.over_time!;
    expect(ot.unit).toBe('ms');
    expect(ot.rows_without_timestamp).toBe(1);
    expect(ot.points.map((p) => p.label)).toEqual(['2026-01', '2026-02', '2026-03']);
    const b = ot.points.map((p) => p.groups.find((g) => g.group === 'b')!);
    // Row 5 (b, a false positive) has no timestamp: January's b FPR is 19/99, not 20/100.
    const fpr = b.map((g) => g.disparities.fpr!);
    expect(fpr[0]).toBeCloseTo(19 / 99 / (20 / 100), 12);
    expect(fpr.slice(1)).toEqual([1, 2]);
    expect(b[0].size).toBe(199);
    expect(b.map((g) => g.disparities.tpr)).toEqual([1, 1, 1]);
    expect(ot.points[2].summary[0].equalized_odds_difference).toBeCloseTo(0.2, 12);
    expect(ot.points[0].rows).toBe(399);
    expect(finiteEverywhere(r)).toBe(true);
  });

  it('by rows: chunks of 400 reproduce the months', () => {
    const r = analyzeFairness({ columns: data() }, { ...base, overTime: { chunk: { by: 'count', size: 400 } } });
    const ot = r.over_time!;
    expect(ot.unit).toBe('row');
    expect(ot.points.map((p) => p.groups.find((g) => g.group === 'b')!.disparities.fpr)).toEqual([1, 1, 2]);
    // The reference group is the whole data's, in every chunk.
    expect(ot.points.every((p) => p.groups.find((g) => g.group === 'a')!.disparities.fpr === 1)).toBe(true);
  });

  it('a missing timestamp column is a clear error', () => {
    expect(() => analyzeFairness({ columns: data() }, { ...base, overTime: { chunk: { by: 'period', timestamp: 'when', period: 'day' } } })).toThrow(
      /timestamp column "when"/,
    );
  });
});
