/**
 * Seasons in drift over time. A whole-year reference makes every weekly chunk of a column that
 * varies with the season look drifted ("mnth: 54 of 54 chunks drifted"), although nothing changed:
 * July is simply not the year. Two tools for that, both pure:
 * - detection: the reference, chunked the same way, drifts against itself — most of its chunks
 *   fail the column's own rule against the whole reference;
 * - a per-season reference: a current chunk is compared with the reference rows of the same
 *   calendar periods (the months of the year, or the days of the week, its rows fall in).
 */
import type { Chunk } from '../shared/chunks';
import { countCodesAt, prepareNumeric, sortedFiniteAt, type Prepared } from './prepare';
import type { SeasonalReference, Seasonality } from './types';

/** Seasonal when at least this share of the tested reference chunks drift against the whole reference… */
export const SEASONAL_SHARE = 0.5;
/** …and at least this many reference chunks were tested (two or three chunks say little). */
export const SEASONAL_MIN_CHUNKS = 4;

export function isSeasonal(s: Seasonality | null): boolean {
  return s !== null && s.reference_chunks >= SEASONAL_MIN_CHUNKS && s.drifted >= SEASONAL_SHARE * s.reference_chunks;
}

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Calendar period of a timestamp (UTC, like the chunks): month 0–11, or weekday 0 = Monday … 6; −1 when missing. */
export function seasonKey(t: number, by: 'month' | 'weekday'): number {
  if (!Number.isFinite(t)) return -1;
  if (by === 'month') return new Date(t).getUTCMonth();
  // 1970-01-01 was a Thursday (3 days after a Monday).
  const day = Math.floor(t / DAY_MS);
  return (((day + 3) % 7) + 7) % 7;
}

export function seasonKeys(timestamps: Float64Array, by: 'month' | 'weekday'): Int8Array {
  const out = new Int8Array(timestamps.length);
  for (let i = 0; i < timestamps.length; i++) out[i] = seasonKey(timestamps[i], by);
  return out;
}

/** The periods `rows` fall in, as a sorted list of keys (empty when none has a timestamp). */
export function periodsOf(keys: Int8Array, rows: Uint32Array): number[] {
  const seen = new Set<number>();
  for (let i = 0; i < rows.length; i++) {
    const k = keys[rows[i]];
    if (k >= 0) seen.add(k);
  }
  return [...seen].sort((a, b) => a - b);
}

export function periodLabel(periods: readonly number[], by: 'month' | 'weekday'): string {
  const names = by === 'month' ? MONTHS : WEEKDAYS;
  return periods.map((k) => names[k]).join(', ');
}

/** Rows (in order) whose period is one of `periods`. */
export function rowsIn(keys: Int8Array, periods: readonly number[]): Uint32Array {
  const want = new Set(periods);
  let n = 0;
  for (let i = 0; i < keys.length; i++) if (want.has(keys[i])) n++;
  const out = new Uint32Array(n);
  n = 0;
  for (let i = 0; i < keys.length; i++) if (want.has(keys[i])) out[n++] = i;
  return out;
}

/** Reference chunks all of whose timestamped rows lie in `periods` (and that have at least one). */
export function chunksWithin(chunks: readonly Chunk[], keys: Int8Array, periods: readonly number[]): Chunk[] {
  const want = new Set(periods);
  return chunks.filter((c) => {
    let any = false;
    for (let i = 0; i < c.rows.length; i++) {
      const k = keys[c.rows[i]];
      if (k < 0) continue;
      if (!want.has(k)) return false;
      any = true;
    }
    return any;
  });
}

/**
 * The column prepared against only the reference rows `rows`: the sorted sample, decile edges,
 * bin counts and scale (numerical) or category counts (categorical) come from those rows. Row
 * indices keep pointing into the full reference, so reference chunks are evaluated unchanged.
 */
export function restrictReference(p: Prepared, rows: Uint32Array): Prepared {
  if (p.kind === 'numerical') {
    const sorted = sortedFiniteAt(p.refValues, rows);
    // Edges, bin counts and the Wasserstein scale all come from `sorted`, the restricted sample.
    return prepareNumeric(p.refValues, p.curValues, { sorted, missing: rows.length - sorted.length }, { sorted: p.curSorted, missing: p.missingCur });
  }
  const counts = countCodesAt(p.refCodes(), p.labels.length, rows);
  let n = 0;
  for (const c of counts) n += c;
  return { ...p, refCounts: counts, missingRef: rows.length - n };
}

/** Which periods a per-season reference matches on, or why it cannot be used (then the whole reference serves). */
export function seasonalPlan(
  want: SeasonalReference | undefined,
  chunkBy: 'period' | 'count',
  period: string | null,
): { by: 'month' | 'weekday' | null; note: string | null } {
  if (!want || want === 'off') return { by: null, note: null };
  if (chunkBy !== 'period') return { by: null, note: `a per-${want} reference needs chunks by day, week or month of a timestamp column; chunks by row count were compared with the whole reference` };
  if (want === 'weekday' && period !== 'day') return { by: 'weekday', note: `each ${period} holds every day of the week, so a per-weekday reference is the whole reference; chunk by day to compare like weekdays` };
  return { by: want, note: null };
}
