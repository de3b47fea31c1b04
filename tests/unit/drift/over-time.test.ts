import { describe, expect, it } from 'vitest';
import { analyzeDrift } from '../../../core/analyses/drift/drift';
import { chunkByCount, chunkByPeriod, periodOf } from '../../../core/analyses/shared/chunks';
import { cat, normals, num } from './helpers';

const DAY = 86_400_000;
const utc = (s: string): number => Date.parse(s + 'T00:00:00Z');

describe('UTC periods', () => {
  it('ISO weeks start on Monday and carry the ISO year', () => {
    const sunday = periodOf(Math.floor(utc('2021-01-03') / DAY), 'week');
    expect(sunday.label).toBe('2020-W53');
    expect(new Date(sunday.start).toISOString()).toBe('2020-12-28T00:00:00.000Z');
    const monday = periodOf(Math.floor(utc('2021-01-04') / DAY), 'week');
    expect(monday.label).toBe('2021-W01');
    expect(monday.end - monday.start).toBe(7 * DAY);
    expect(periodOf(Math.floor(utc('2026-11-23') / DAY), 'week').label).toBe('2026-W48');
    // Before the epoch too.
    expect(periodOf(Math.floor(utc('1969-12-31') / DAY), 'week').label).toBe('1970-W01');
  });

  it('days and months', () => {
    const d = periodOf(Math.floor((utc('2024-02-29') + 23 * 3600e3) / DAY), 'day');
    expect(d.label).toBe('2024-02-29');
    const m = periodOf(Math.floor(utc('2024-02-29') / DAY), 'month');
    expect(m.label).toBe('2024-02');
    expect(m.start).toBe(utc('2024-02-01'));
    expect(m.end).toBe(utc('2024-03-01'));
  });

  it('chunks rows by period in time order, skipping missing timestamps', () => {
    const ts = Float64Array.from([utc('2024-03-02'), utc('2024-01-15'), NaN, utc('2024-03-31') + 5, utc('2024-01-01')]);
    const { chunks, withoutTimestamp } = chunkByPeriod(ts, 'month');
    expect(withoutTimestamp).toBe(1);
    expect(chunks.map((c) => c.key)).toEqual(['2024-01', '2024-03']);
    expect(Array.from(chunks[0].rows)).toEqual([1, 4]);
    expect(Array.from(chunks[1].rows)).toEqual([0, 3]);
  });

  it('count chunks: the last one may be shorter', () => {
    const chunks = chunkByCount(10, 4);
    expect(chunks.map((c) => [c.start, c.end, c.rows.length])).toEqual([[0, 4, 4], [4, 8, 4], [8, 10, 2]]);
    expect(() => chunkByCount(10, 0)).toThrow(/positive integer/);
  });
});

describe('drift over time', () => {
  const start = utc('2024-01-01');
  const n = 70;
  const ts = Float64Array.from({ length: n }, (_, i) => start + Math.floor(i / 10) * DAY + 3600e3);
  const shifted = normals(n, 5).map((v, i) => (i >= 50 ? v + 3 : v));
  const reference = [num('x', normals(300, 1)), cat('c', Array.from({ length: 300 }, (_, i) => (i % 3 ? 'a' : 'b')))];
  const current = [num('x', shifted), cat('c', Array.from({ length: n }, (_, i) => (i >= 50 ? 'b' : i % 3 ? 'a' : 'b'))), num('ts', ts, 'timestamp')];

  it('each chunk equals a whole-dataset test on that chunk', () => {
    const r = analyzeDrift({ reference, current, roles: { ts: 'timestamp' } }, { overTime: { chunk: { by: 'period', timestamp: 'ts', period: 'day' } } });
    const series = r.over_time!.series.find((s) => s.column === 'x')!;
    expect(series.points.map((p) => p.label)).toEqual(['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-06', '2024-01-07']);
    expect(series.points.every((p) => p.rows === 10)).toBe(true);
    for (let k = 0; k < 7; k++) {
      const sub = analyzeDrift({ reference: [reference[0]], current: [num('x', shifted.slice(k * 10, k * 10 + 10))] });
      expect(series.points[k].statistic).toBe(sub.columns[0].statistic);
      expect(series.points[k].p_value).toBe(sub.columns[0].p_value);
      expect(series.points[k].drifted).toBe(sub.columns[0].drifted);
    }
    expect(series.points.slice(5).every((p) => p.drifted)).toBe(true);
    expect(r.over_time!.unit).toBe('ms');
    expect(r.over_time!.series.map((s) => s.column)).toEqual(['x', 'c']);
  });

  it('reference-chunk bands (mean ± 3σ)', () => {
    const r = analyzeDrift({ reference, current }, { overTime: { chunk: { by: 'count', size: 10 }, thresholds: 'reference_chunks' } });
    const series = r.over_time!.series.find((s) => s.column === 'x')!;
    expect(series.band).not.toBeNull();
    expect(series.band!.reference_chunks).toBe(30);
    expect(series.band!.upper - series.band!.mean).toBeCloseTo(3 * series.band!.std, 12);
    expect(series.threshold).toBeNull();
    expect(series.points.length).toBe(7);
    expect(series.points[6].drifted).toBe(true);
    expect(r.over_time!.unit).toBe('row');
  });

  it('a reference without the timestamp column is chunked by count, with a note', () => {
    const r = analyzeDrift({ reference, current }, { columns: ['x'], overTime: { chunk: { by: 'period', timestamp: 'ts', period: 'day' }, thresholds: 'reference_chunks' } });
    const s = r.over_time!.series[0];
    expect(s.note).toMatch(/no timestamp column "ts"/);
    expect(s.band?.reference_chunks).toBe(30);
  });
});
