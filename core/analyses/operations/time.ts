/**
 * What a timestamp column tells about load: throughput (rows per hour and day over the logged
 * span), volume by UTC hour of day and day of week (Monday first, as pandas' dayofweek), and the
 * over-time cut chosen when none is asked for.
 */
import type { ChunkSpec } from '../shared/chunks';
import type { Throughput } from './types';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const mod = (a: number, n: number) => ((a % n) + n) % n;

/** Smallest and largest finite timestamp and how many rows have one. */
export function timeSpan(ts: Float64Array, rows?: Uint32Array): { first: number; last: number; count: number } | null {
  let first = Infinity;
  let last = -Infinity;
  let count = 0;
  const n = rows ? rows.length : ts.length;
  for (let k = 0; k < n; k++) {
    const t = ts[rows ? rows[k] : k];
    if (!Number.isFinite(t)) continue;
    count++;
    if (t < first) first = t;
    if (t > last) last = t;
  }
  return count ? { first, last, count } : null;
}

/** Rows over the span's hours; null when there is no span (one instant, or no timestamp). */
export function rowsPerHour(ts: Float64Array, rows?: Uint32Array): number | null {
  const s = timeSpan(ts, rows);
  return s && s.last > s.first ? s.count / ((s.last - s.first) / HOUR_MS) : null;
}

export function throughput(ts: Float64Array): Throughput {
  const s = timeSpan(ts);
  if (!s) return { rows_per_hour: null, rows_per_day: null, first: null, last: null, span_hours: null };
  const hours = (s.last - s.first) / HOUR_MS;
  const perHour = hours > 0 ? s.count / hours : null;
  return { rows_per_hour: perHour, rows_per_day: perHour === null ? null : perHour * 24, first: new Date(s.first).toISOString(), last: new Date(s.last).toISOString(), span_hours: hours };
}

export function volumeByHour(ts: Float64Array): number[] {
  const out = new Array<number>(24).fill(0);
  for (const t of ts) if (Number.isFinite(t)) out[mod(Math.floor(t / HOUR_MS), 24)]++;
  return out;
}

export function volumeByWeekday(ts: Float64Array): number[] {
  const out = new Array<number>(7).fill(0);
  // 1970-01-01 was a Thursday (Monday-first index 3).
  for (const t of ts) if (Number.isFinite(t)) out[mod(Math.floor(t / DAY_MS) + 3, 7)]++;
  return out;
}

/** Days when the log spans up to 60 days, weeks up to two years, else months; 10 row chunks without a timestamp. */
export function automaticChunk(timestamp: string | null, ts: Float64Array | null, rows: number): ChunkSpec | null {
  if (timestamp && ts) {
    const s = timeSpan(ts);
    if (s) {
      const days = (s.last - s.first) / DAY_MS;
      return { by: 'period', timestamp, period: days <= 60 ? 'day' : days <= 730 ? 'week' : 'month' };
    }
  }
  return rows > 0 ? { by: 'count', size: Math.max(1, Math.ceil(rows / 10)) } : null;
}
