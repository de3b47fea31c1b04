import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDrift } from '../../../core/analyses/drift/drift';
import { seasonalSentence } from '../../../core/analyses/drift/checks';
import { driftAnalysis } from '../../../core/analyses/drift';
import { isSeasonal, seasonKey } from '../../../core/analyses/drift/seasons';
import type { DriftOptions, DriftResult, OverTimeBand } from '../../../core/analyses/drift/types';
import { expectClose } from '../stats/reference';
import { cat, normals, num } from './helpers';

/** scipy's numbers for a per-season reference (tests/reference/seasonal_reference.py). */
interface Point {
  start: number;
  periods: number[];
  reference_rows: number;
  statistic: number;
  p_value: number | null;
  drifted: boolean;
  band?: OverTimeBand | null;
}
interface Case {
  period: 'week' | 'day';
  by: 'month' | 'weekday';
  thresholds: 'fixed' | 'reference_chunks';
  series: Record<string, { points: Point[]; seasonality: { reference_chunks: number; drifted: number } }>;
}
interface Data {
  t: number[];
  x: (number | null)[];
  y: number[];
  c: string[];
}
const REF = JSON.parse(readFileSync(join(__dirname, '..', '..', 'reference', 'seasonal_reference.json'), 'utf8')) as { reference: Data; current: Data; cases: Case[] };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const columns = (d: Data) => [num('t', d.t, 'timestamp'), num('x', d.x), num('y', d.y), cat('c', d.c)];
const perColumn: DriftOptions['perColumn'] = { x: { test: 'ks' }, y: { test: 'psi' }, c: { test: 'chisquare' } };

describe('per-season reference vs scipy', () => {
  for (const k of REF.cases) {
    it(`${k.period} chunks, same ${k.by}, ${k.thresholds} thresholds`, () => {
      const r = analyzeDrift(
        { reference: columns(REF.reference), current: columns(REF.current), roles: { t: 'timestamp' } },
        { perColumn, overTime: { chunk: { by: 'period', timestamp: 't', period: k.period }, thresholds: k.thresholds, seasonalReference: k.by } },
      );
      const o = r.over_time!;
      expect(o.seasonal_reference).toBe(k.by);
      const names = k.by === 'month' ? MONTHS : WEEKDAYS;
      for (const [column, want] of Object.entries(k.series)) {
        const s = o.series.find((x) => x.column === column)!;
        expect(s.seasonality, column).toEqual(want.seasonality);
        expect(s.points.map((p) => p.start), column).toEqual(want.points.map((p) => p.start));
        want.points.forEach((w, i) => {
          const p = s.points[i];
          const label = `${column} ${p.label}`;
          expect(p.reference_period, label).toBe(w.periods.map((m) => names[m]).join(', '));
          expect(p.reference_rows, label).toBe(w.reference_rows);
          expectClose(p.statistic!, w.statistic, `${label} statistic`);
          if (w.p_value === null) expect(p.p_value, label).toBeNull();
          else expectClose(p.p_value!, w.p_value, `${label} p`, 1e-8, 1e-12);
          expect(p.drifted, label).toBe(w.drifted);
          if (k.thresholds === 'reference_chunks') {
            if (w.band === null) expect(p.band, label).toBeNull();
            else {
              expect(p.band!.reference_chunks, label).toBe(w.band!.reference_chunks);
              expectClose(p.band!.lower, w.band!.lower, `${label} lower`, 1e-9, 1e-12);
              expectClose(p.band!.upper, w.band!.upper, `${label} upper`, 1e-9, 1e-12);
            }
          } else expect(p.band, label).toBeUndefined();
        });
      }
    });
  }

  it('the whole-year reference flags seasonal y in every week; the per-month one only the real change of x in April', () => {
    const base = { reference: columns(REF.reference), current: columns(REF.current), roles: { t: 'timestamp' as const } };
    const options = (seasonalReference: 'off' | 'month'): DriftOptions => ({
      perColumn: { ...perColumn, y: { test: 'ks' } },
      overTime: { chunk: { by: 'period', timestamp: 't', period: 'week' }, seasonalReference },
    });
    const whole = analyzeDrift(base, options('off')).over_time!;
    const month = analyzeDrift(base, options('month')).over_time!;
    const series = (o: typeof whole, c: string) => o.series.find((s) => s.column === c)!;
    expect(series(whole, 'y').points.every((p) => p.drifted)).toBe(true);
    expect(series(month, 'y').points.some((p) => p.drifted)).toBe(false);
    const april = Date.UTC(2024, 3, 1);
    expect(series(month, 'x').points.filter((p) => p.drifted).map((p) => p.label)).toEqual(series(month, 'x').points.filter((p) => p.start >= april).map((p) => p.label));
    expect(series(whole, 'x').points.filter((p) => p.drifted && p.start < april).length).toBeGreaterThan(5);
    expect(series(whole, 'y').seasonal && series(whole, 'x').seasonal).toBe(true);
    expect(series(whole, 'c').seasonal).toBe(false);
    expect(seasonalSentence(whole)).toMatch(/^x and y vary with the season in the reference itself .*compare like with like/);
    expect(seasonalSentence(month)).toMatch(/compared with the reference rows of the same months of the year/);
  });
});

describe('seasonality detection', () => {
  const DAY = 86_400_000;
  const start = Date.UTC(2023, 0, 2);
  const n = 364 * 2;
  const t = Float64Array.from({ length: n }, (_, i) => start + Math.floor(i / 2) * DAY);
  const noise = normals(n, 3);
  const month = (i: number) => new Date(t[i]).getUTCMonth();
  const ref = [num('t', t, 'timestamp'), num('flat', noise), num('wave', Float64Array.from(noise, (v, i) => v * 0.2 + month(i))), cat('const', Array.from({ length: n }, () => 'k'))];

  it('a column that follows the month is seasonal; noise and a constant are not', () => {
    const r = analyzeDrift({ reference: ref, current: ref, roles: { t: 'timestamp' } }, { overTime: { chunk: { by: 'period', timestamp: 't', period: 'week' } } }).over_time!;
    const by = (c: string) => r.series.find((s) => s.column === c)!;
    expect(by('wave').seasonal).toBe(true);
    expect(by('wave').seasonality!.reference_chunks).toBe(52);
    expect(by('flat').seasonal).toBe(false);
    expect(by('flat').seasonality!.drifted).toBeLessThan(10);
    expect(by('const').seasonal).toBe(false);
    expect(r.seasonal_reference).toBeUndefined();
  });

  it('needs at least four reference chunks, most of them drifted', () => {
    expect(isSeasonal(null)).toBe(false);
    expect(isSeasonal({ reference_chunks: 3, drifted: 3 })).toBe(false);
    expect(isSeasonal({ reference_chunks: 4, drifted: 2 })).toBe(true);
    expect(isSeasonal({ reference_chunks: 5, drifted: 2 })).toBe(false);
  });

  it('UTC months and ISO weekdays', () => {
    expect(seasonKey(Date.UTC(2024, 1, 29, 23, 59), 'month')).toBe(1);
    expect(seasonKey(Date.UTC(2026, 11, 7), 'weekday')).toBe(0); // a Monday
    expect(seasonKey(Date.UTC(1969, 11, 28), 'weekday')).toBe(6); // a Sunday, before the epoch
    expect(seasonKey(NaN, 'month')).toBe(-1);
  });

  it('a per-season reference without period chunks, or per weekday with weekly chunks, says what it did', () => {
    const byCount = analyzeDrift({ reference: ref, current: ref }, { columns: ['wave'], overTime: { chunk: { by: 'count', size: 100 }, seasonalReference: 'month' } }).over_time!;
    expect(byCount.seasonal_reference).toBeUndefined();
    expect(byCount.series[0].note).toMatch(/needs chunks by day, week or month/);
    const weekly = analyzeDrift({ reference: ref, current: ref, roles: { t: 'timestamp' } }, { columns: ['wave'], overTime: { chunk: { by: 'period', timestamp: 't', period: 'week' }, seasonalReference: 'weekday' } }).over_time!;
    expect(weekly.series[0].note).toMatch(/every day of the week/);
    expect(weekly.series[0].points.every((p) => p.reference_period === WEEKDAYS.join(', '))).toBe(true);
  });

  it('verify: a result from before seasonality detection still matches; a changed flag does not', () => {
    const r = analyzeDrift({ reference: ref, current: ref, roles: { t: 'timestamp' } }, { columns: ['wave', 't'], overTime: { chunk: { by: 'period', timestamp: 't', period: 'month' } } });
    const old = { ...r, over_time: { ...r.over_time!, series: r.over_time!.series.map(({ seasonal: _a, seasonality: _b, ...rest }) => rest) } };
    // As embedded by a report made before the fields existed.
    expect(driftAnalysis.verify(old as unknown as DriftResult, r)).toEqual([]);
    const flipped = { ...r, over_time: { ...r.over_time!, series: r.over_time!.series.map((s) => ({ ...s, seasonal: !s.seasonal })) } };
    expect(driftAnalysis.verify(flipped, r).join('\n')).toMatch(/seasonal/);
  });
});
