/**
 * A dataset's latest chunk: the rows of its last day, week or month by its timestamp column, or
 * its last N rows. Monitors read it in place of the whole dataset (`--latest week`), and the
 * Overview counts the rows of the latest period the same way, so "latest" means one thing.
 *
 * A period is rolling and ends at the newest timestamp: the last week is (newest − 7 days, newest].
 * Calendar weeks would make Monday's check read one day of data.
 */

export type WindowPeriod = 'day' | 'week' | 'month';
export const WINDOW_PERIODS: readonly WindowPeriod[] = ['day', 'week', 'month'];

/** `{ last: 'week' }` reads the timestamp-role column; `{ rows: 1000 }` the last 1000 rows in file order. */
export type RowWindow = { readonly last: WindowPeriod } | { readonly rows: number };

const DAY_MS = 86_400_000;

/** The exclusive lower bound of the period ending at `newestMs`: rows with a timestamp above it are in. */
export function periodStart(newestMs: number, period: WindowPeriod): number {
  if (period === 'day') return newestMs - DAY_MS;
  if (period === 'week') return newestMs - 7 * DAY_MS;
  // A calendar month back (UTC): 31 March → 28/29 February, as people count "the last month".
  const d = new Date(newestMs);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.getTime();
}

/** The newest finite timestamp, or null when there is none. */
export function newestTimestamp(timestamps: Float64Array): number | null {
  let max = -Infinity;
  for (let i = 0; i < timestamps.length; i++) if (timestamps[i] > max) max = timestamps[i];
  return max === -Infinity ? null : max;
}

/**
 * The mask of the window's rows. `timestamps` is required for a period (rows without a timestamp
 * are never in a period: when they happened is unknown); a dataset with no timestamp at all gives
 * an empty window, which the analysis then reports as no data.
 */
export function windowMask(window: RowWindow, nRows: number, timestamps?: Float64Array): Uint8Array {
  const mask = new Uint8Array(nRows);
  if ('rows' in window) {
    mask.fill(1, Math.max(0, nRows - window.rows));
    return mask;
  }
  if (!timestamps) throw new Error('a period window needs the timestamp column');
  const newest = newestTimestamp(timestamps);
  if (newest === null) return mask;
  const start = periodStart(newest, window.last);
  for (let i = 0; i < nRows; i++) if (timestamps[i] > start) mask[i] = 1;
  return mask;
}

/** Values in (lo, hi] of an ascending array: two binary searches. */
export function countInRange(sorted: Float64Array, lo: number, hi: number): number {
  return upperBound(sorted, hi) - upperBound(sorted, lo);
}

/** The index of the first value above x in an ascending array. */
function upperBound(sorted: Float64Array, x: number): number {
  let a = 0;
  let b = sorted.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (sorted[m] <= x) a = m + 1;
    else b = m;
  }
  return a;
}

/** "last week", "last 1,000 rows": for messages and the Monitors screen. */
export function describeWindow(window: RowWindow): string {
  return 'rows' in window ? `last ${window.rows.toLocaleString('en-US')} rows` : `last ${window.last}`;
}

/** `day`, `week`, `month` or a whole number of rows (`10000`, `10_000`); null when it is neither. */
export function parseWindow(text: string): RowWindow | null {
  const t = text.trim().toLowerCase();
  if ((WINDOW_PERIODS as readonly string[]).includes(t)) return { last: t as WindowPeriod };
  if (/^[1-9][0-9_]*$/.test(t)) {
    const rows = Number(t.replace(/_/g, ''));
    if (Number.isSafeInteger(rows)) return { rows };
  }
  return null;
}
