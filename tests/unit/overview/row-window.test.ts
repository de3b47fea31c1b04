import { describe, expect, it } from 'vitest';
import { countInRange, describeWindow, newestTimestamp, periodStart, windowMask } from '../../../core/data/row-window';

const DAY = 86_400_000;
const utc = (s: string) => Date.parse(s);

describe('row windows: the latest chunk of a dataset', () => {
  it('a period ends at the newest timestamp and reaches back a day, 7 days or a calendar month', () => {
    const t = utc('2026-03-31T12:00:00Z');
    expect(periodStart(t, 'day')).toBe(t - DAY);
    expect(periodStart(t, 'week')).toBe(t - 7 * DAY);
    // 31 March back a month is the last day of February (28 in 2026), not 3 March.
    expect(new Date(periodStart(t, 'month')).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(new Date(periodStart(utc('2028-03-31T00:00:00Z'), 'month')).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(new Date(periodStart(utc('2026-01-15T00:00:00Z'), 'month')).toISOString()).toBe('2025-12-15T00:00:00.000Z');
  });

  it('the last week is (newest − 7 days, newest]: the row exactly 7 days older is out, missing timestamps are out', () => {
    const newest = utc('2026-06-10T00:00:00Z');
    const ts = Float64Array.from([newest - 7 * DAY, newest - 7 * DAY + 1, NaN, newest, newest - 10 * DAY, newest - DAY]);
    expect(Array.from(windowMask({ last: 'week' }, ts.length, ts))).toEqual([0, 1, 0, 1, 0, 1]);
    expect(Array.from(windowMask({ last: 'day' }, ts.length, ts))).toEqual([0, 0, 0, 1, 0, 0]);
    expect(newestTimestamp(ts)).toBe(newest);
  });

  it('the last N rows in file order; more than there are is all of them; no timestamps at all is an empty window', () => {
    expect(Array.from(windowMask({ rows: 2 }, 5))).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(windowMask({ rows: 9 }, 3))).toEqual([1, 1, 1]);
    expect(Array.from(windowMask({ last: 'month' }, 2, Float64Array.from([NaN, NaN])))).toEqual([0, 0]);
    expect(() => windowMask({ last: 'day' }, 2)).toThrow(/timestamp/);
  });

  it('counts values in (lo, hi] of a sorted array, ties at the bounds included above and excluded below', () => {
    const s = Float64Array.from([1, 2, 2, 3, 5, 5, 8]);
    expect(countInRange(s, 2, 5)).toBe(3);
    expect(countInRange(s, 0, 8)).toBe(7);
    expect(countInRange(s, 8, 100)).toBe(0);
    expect(countInRange(new Float64Array(0), 0, 1)).toBe(0);
  });

  it('describes itself for messages', () => {
    expect(describeWindow({ last: 'week' })).toBe('last week');
    expect(describeWindow({ rows: 10000 })).toBe('last 10,000 rows');
  });
});
