import { describe, expect, it } from 'vitest';
import type { ColumnRole, TypedColumn } from '../../../core/data/column';
import { analyzeDrift } from '../../../core/analyses/drift/drift';
import { REFERENCE, expectClose } from '../stats/reference';
import { cat, num } from './helpers';

/** Columns from the reference JSON: strings → categorical, numbers/null → numeric. */
function columns(data: Record<string, (number | string | null)[]>): TypedColumn[] {
  return Object.entries(data).map(([name, values]) =>
    values.some((v) => typeof v === 'string') ? cat(name, values as (string | null)[]) : num(name, values as (number | null)[]),
  );
}

// An independent Python implementation of the spec's rules (tests/reference/drift_reference.py,
// spec_analysis) decides kind, test and drift; scipy computes the numbers.
describe('whole analysis vs the Python reference (auto choice, missing handling, dataset drift)', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  for (const a of REFERENCE.analyses as any[]) {
    it(a.name, () => {
      const r = analyzeDrift({ reference: columns(a.reference), current: columns(a.current), roles: a.roles as Record<string, ColumnRole> });
      expect(r.columns.map((c) => c.column)).toEqual(a.expected.columns.map((c: { column: string }) => c.column));
      for (const e of a.expected.columns) {
        const got = r.columns.find((c) => c.column === e.column)!;
        expect(got.kind, e.column).toBe(e.kind);
        expect(got.role, e.column).toBe(e.role ?? null);
        expect(got.missing_reference, e.column).toBe(e.missing_reference);
        expect(got.missing_current, e.column).toBe(e.missing_current);
        expect(got.n_reference, e.column).toBe(e.n_reference);
        expect(got.drifted, e.column).toBe(e.drifted);
        if (e.error) {
          expect(got.error, e.column).not.toBeNull();
          continue;
        }
        expect(got.test, e.column).toBe(e.test);
        expect(got.threshold, e.column).toBe(e.threshold);
        expectClose(got.statistic!, e.statistic, `${e.column} statistic`);
        if (e.p_value === null) expect(got.p_value).toBeNull();
        else expectClose(got.p_value!, e.p_value, `${e.column} p`);
      }
      expectClose(r.share_drifted, a.expected.share_drifted, 'share');
      expect(r.dataset_drift).toBe(a.expected.dataset_drift);
    });
  }
});

describe('drift over time vs the Python reference', () => {
  const ot = REFERENCE.over_time;
  const input = { reference: [num('x', ot.reference)], current: [num('x', ot.current)] };

  it('fixed threshold: each chunk is ks_2samp(chunk, reference)', () => {
    const r = analyzeDrift(input, { overTime: { chunk: { by: 'count', size: ot.size } } });
    const s = r.over_time!.series[0];
    expect(s.test).toBe('ks');
    expect(s.points.length).toBe(ot.points.length);
    s.points.forEach((p, k) => {
      const e = ot.points[k];
      expect([p.start, p.end]).toEqual([e.start, e.end]);
      expectClose(p.statistic!, e.statistic, `chunk ${k} D`);
      expectClose(p.p_value!, e.p_value, `chunk ${k} p`);
      expect(p.drifted).toBe(e.drifted_fixed);
    });
  });

  it('reference-chunk band: mean ± 3σ of the reference chunks’ statistics', () => {
    const r = analyzeDrift(input, { overTime: { chunk: { by: 'count', size: ot.size }, thresholds: 'reference_chunks' } });
    const s = r.over_time!.series[0];
    expect(s.band!.reference_chunks).toBe(ot.reference_statistics.length);
    expectClose(s.band!.mean, ot.band.mean, 'mean');
    expectClose(s.band!.std, ot.band.std, 'std');
    expectClose(s.band!.lower, ot.band.lower, 'lower');
    expectClose(s.band!.upper, ot.band.upper, 'upper');
    s.points.forEach((p, k) => expect(p.drifted, `chunk ${k}`).toBe(ot.points[k].drifted_band));
  });
});
