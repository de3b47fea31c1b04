/**
 * Cutting rows into chunks, shared by every analysis that reports over time: UTC calendar periods
 * of a timestamp column (day, ISO week, month) or consecutive runs of N rows. A chunk holds the row
 * indices it covers, so an analysis evaluates any column on the same cut.
 */
export type ChunkPeriod = 'day' | 'week' | 'month';

export type ChunkSpec =
  /** Calendar periods in UTC; weeks are ISO weeks starting Monday. */
  | { readonly by: 'period'; readonly timestamp: string; readonly period: ChunkPeriod }
  /** Consecutive rows, `size` per chunk (the last chunk may be shorter). */
  | { readonly by: 'count'; readonly size: number };

export interface Chunk {
  readonly key: string;
  readonly label: string;
  readonly start: number;
  readonly end: number;
  readonly rows: Uint32Array;
}

const DAY_MS = 86_400_000;

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function dayLabel(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** ISO 8601 week label ("2026-W48") of the week starting (Monday, UTC) at `mondayMs`. */
function isoWeekLabel(mondayMs: number): string {
  const thursday = new Date(mondayMs + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS);
  return `${year}-W${pad(Math.floor(dayOfYear / 7) + 1)}`;
}

/** [start, end) in epoch ms of the UTC period containing the day with index `day`. */
export function periodOf(day: number, period: ChunkPeriod): { start: number; end: number; label: string } {
  if (period === 'day') {
    const start = day * DAY_MS;
    return { start, end: start + DAY_MS, label: dayLabel(start) };
  }
  if (period === 'week') {
    // 1970-01-01 was a Thursday: (day + 3) mod 7 is the number of days since Monday.
    const monday = day - (((day + 3) % 7) + 7) % 7;
    const start = monday * DAY_MS;
    return { start, end: start + 7 * DAY_MS, label: isoWeekLabel(start) };
  }
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return { start: Date.UTC(y, m, 1), end: Date.UTC(y, m + 1, 1), label: `${y}-${pad(m + 1)}` };
}

/** Chunks of a timestamp column by UTC period, in time order; rows without a timestamp are left out. */
export function chunkByPeriod(timestamps: Float64Array, period: ChunkPeriod): { chunks: Chunk[]; withoutTimestamp: number } {
  const chunkOfDay = new Map<number, number>();
  const meta: { start: number; end: number; label: string }[] = [];
  const byStart = new Map<number, number>();
  const rowChunk = new Int32Array(timestamps.length);
  const sizes: number[] = [];
  let without = 0;
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i];
    if (!Number.isFinite(t)) {
      rowChunk[i] = -1;
      without++;
      continue;
    }
    const day = Math.floor(t / DAY_MS);
    let c = chunkOfDay.get(day);
    if (c === undefined) {
      const p = periodOf(day, period);
      c = byStart.get(p.start);
      if (c === undefined) {
        c = meta.length;
        byStart.set(p.start, c);
        meta.push(p);
        sizes.push(0);
      }
      chunkOfDay.set(day, c);
    }
    rowChunk[i] = c;
    sizes[c]++;
  }
  const rows = sizes.map((n) => new Uint32Array(n));
  const fill = new Array<number>(sizes.length).fill(0);
  for (let i = 0; i < rowChunk.length; i++) {
    const c = rowChunk[i];
    if (c >= 0) rows[c][fill[c]++] = i;
  }
  const chunks = meta.map((m, c) => ({ key: m.label, label: m.label, start: m.start, end: m.end, rows: rows[c] }));
  chunks.sort((a, b) => a.start - b.start);
  return { chunks, withoutTimestamp: without };
}

/** Consecutive chunks of `size` rows (the last may be shorter); start/end are row indices. */
export function chunkByCount(nRows: number, size: number): Chunk[] {
  if (!(size >= 1) || !Number.isInteger(size)) throw new Error(`chunk size must be a positive integer, got ${size}`);
  const chunks: Chunk[] = [];
  for (let start = 0; start < nRows; start += size) {
    const end = Math.min(start + size, nRows);
    const rows = new Uint32Array(end - start);
    for (let i = 0; i < rows.length; i++) rows[i] = start + i;
    chunks.push({ key: `${start}-${end}`, label: `rows ${start + 1}–${end}`, start, end, rows });
  }
  return chunks;
}

/**
 * The chunks a spec asks for: by period of `timestamps` (rows without one are counted apart), or
 * every `spec.size` rows of `nRows`.
 */
export function chunkBySpec(spec: ChunkSpec, nRows: number, timestamps?: Float64Array): { chunks: Chunk[]; withoutTimestamp: number } {
  if (spec.by === 'count') return { chunks: chunkByCount(nRows, spec.size), withoutTimestamp: 0 };
  if (!timestamps) throw new Error(`chunking by ${spec.period} needs the timestamp column "${spec.timestamp}"`);
  return chunkByPeriod(timestamps, spec.period);
}
