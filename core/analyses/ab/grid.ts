/**
 * The cells every metric is summed into, all metrics in one pass over the rows: segment block ×
 * day slot × arm. Arms, segments and days are then unions of cells (moments.ts `collapse`), so a breakdown
 * and the over-time view cost no extra pass over the rows per metric.
 *   segment blocks: the segment's dictionary codes, then one block for rows without a value
 *                   (1 block without a segment column);
 *   day slots: UTC days from the first to the last analysed timestamp, then one slot for rows
 *              without a timestamp (1 slot without a timestamp column).
 */
import { PlumblineError } from '../../api/errors';
import type { Experiment, VariantTally } from './experiment';
import { accumulateBlock, emptyMoments, type MissingY, type Moments } from './moments';

export const DAY_MS = 86_400_000;
const MAX_DAYS = 10_000;

export interface Grid {
  readonly cells: number;
  /** Arms per cell block (k). */
  readonly arms: number;
  /** Segment blocks (dictionary + missing), or 1. */
  readonly segments: number;
  /** Day slots (days + no-timestamp), or 1. */
  readonly slots: number;
  /** First UTC day number and the number of days, or null when there is no day axis. */
  readonly days: { readonly first: number; readonly count: number } | null;
  /** Analysed rows per cell. */
  readonly rows: Float64Array;
}

/** The per-row inputs of a row's cell, over one chunk of rows (index 0 = the chunk's first row). */
export interface CellSource {
  readonly variantCodes: Int32Array;
  readonly armOfCode1: Int32Array;
  /** Unit dedupe's arms over the same rows, or null. */
  readonly dedupedArm: Int32Array | null;
  readonly segmentCodes: Int32Array | undefined;
  readonly ts: Float64Array | undefined;
}

/** One metric's values over a chunk's rows: x, and y (ratio denominator or CUPED covariate). */
export interface CellSumInput {
  readonly x: Float64Array;
  readonly y?: Float64Array;
  readonly missingY: MissingY;
}

export const cellOf = (g: Grid, segment: number, slot: number, arm: number): number => (segment * g.slots + slot) * g.arms + arm;

/** First analysed UTC day and the number of days, or null when no analysed row has a timestamp. */
function dayRange(range: Experiment['timeRange']): { first: number; count: number } | null {
  if (!range) return null;
  const first = Math.floor(range.min / DAY_MS);
  const count = Math.floor(range.max / DAY_MS) - first + 1;
  if (count > MAX_DAYS) throw new PlumblineError('BAD_REQUEST', 'The timestamp spans more than 10,000 days: too many points for a daily over-time view.');
  return { first, count };
}

/**
 * Cell of a chunk's rows [from, to) written to out[0 … to − from) (−1: row not analysed), each
 * analysed row counted in `g.rows`. The common case (no unit dedupe) has its own loop: one table
 * lookup per row, no per-row test of which inputs exist.
 *
 * Returns the first row whose timestamp's day is outside the grid's day axis (rows before it are
 * done, it and the rest are not), or `to`: the one pass's code cells widen their axis there
 * (addCodeChunk) instead of scanning every chunk's timestamps for their range beforehand. An
 * experiment's grid spans its analysed rows' days, so its rows always fit.
 */
export function cellsOf(g: Grid, src: CellSource, from: number, to: number, out: Int32Array): number {
  const { variantCodes: codesV, armOfCode1: table, dedupedArm: deduped, segmentCodes: codes, ts } = src;
  const k = g.arms;
  const slots = g.slots;
  const missingSegment = g.segments - 1;
  const noDay = slots - 1;
  const days = g.days;
  const first = days ? days.first : 0;
  const rows = g.rows;
  if (!deduped && codes && days && ts) {
    for (let i = from; i < to; i++) {
      const a = table[codesV[i] + 1];
      if (a < 0) {
        out[i - from] = -1;
        continue;
      }
      const c = codes[i];
      const t = ts[i];
      // Day number in int32 arithmetic: truncation is the floor for 0 ≤ t (below 2³¹ days); else Math.floor.
      const d = t >= 0 && t < 1e17 ? ((t / DAY_MS) | 0) - first : t === t ? Math.floor(t / DAY_MS) - first : noDay;
      // A day off the axis (noDay is the slot of rows without a timestamp, t NaN).
      if ((d < 0 || d >= noDay) && t === t) return i;
      const cell = ((c < 0 ? missingSegment : c) * slots + d) * k + a;
      out[i - from] = cell;
      rows[cell]++;
    }
    return to;
  }
  for (let i = from; i < to; i++) {
    const a = deduped ? deduped[i] : table[codesV[i] + 1];
    if (a < 0) {
      out[i - from] = -1;
      continue;
    }
    let s = 0;
    if (codes) {
      const c = codes[i];
      s = c < 0 ? missingSegment : c;
    }
    let d = 0;
    if (days) {
      const t = (ts as Float64Array)[i];
      d = t === t ? Math.floor(t / DAY_MS) - first : noDay;
      if ((d < 0 || d >= noDay) && t === t) return i;
    }
    const cell = (s * slots + d) * k + a;
    out[i - from] = cell;
    rows[cell]++;
  }
  return to;
}

/**
 * Rows per block of the pass: a block's cells live in a small reused array (in cache), so the
 * pass writes no per-row array — 8 bytes a row of fresh memory cost more in page faults than the
 * whole computation of the cells.
 */
const BLOCK = 4096;

/** The grid's cells: segment blocks (`segmentValues` dictionary entries + missing) × day slots × arms. */
export function newGrid(exp: Experiment, segmentValues: number | undefined, timestamped: boolean): Grid {
  const k = exp.names.length;
  const segments = segmentValues !== undefined ? segmentValues + 1 : 1;
  const days = timestamped ? dayRange(exp.timeRange) : null;
  const slots = days ? days.count + 1 : 1;
  const cells = segments * slots * k;
  return { cells, arms: k, segments, slots, days, rows: new Float64Array(cells) };
}

/**
 * Adds a chunk of `count` rows to the grid's row counts and each metric's sums: the cells of a
 * block of rows are computed once, then every metric accumulates that block. `cellsOut`, when
 * given, receives every row's cell (−1: not analysed) — quantile metrics need each group's values.
 */
export function addChunk(grid: Grid, src: CellSource, count: number, sums: readonly CellSumInput[], moments: readonly Moments[], block: Int32Array, cellsOut?: Int32Array): void {
  for (let from = 0; from < count; from += BLOCK) {
    const to = Math.min(count, from + BLOCK);
    if (cellsOf(grid, src, from, to, block) !== to) throw new Error('a row\'s day is outside the experiment\'s days');
    const n = to - from;
    for (let m = 0; m < sums.length; m++) accumulateBlock(moments[m], block, n, from, sums[m].x, sums[m].y, sums[m].missingY);
    if (cellsOut) cellsOut.set(block.subarray(0, n), from);
  }
}

/** A block buffer for addChunk. */
export function cellBlock(): Int32Array {
  return new Int32Array(BLOCK);
}

/** Zero sums over the grid's cells, one per metric summed. */
export function gridMoments(grid: Grid, metrics: number): Moments[] {
  return Array.from({ length: metrics }, () => emptyMoments(grid.cells));
}

/** Cell → arm (every row of the arm). */
export function toArm(g: Grid): (cell: number) => number {
  return (cell) => cell % g.arms;
}

/** Cell → segment block × arm. */
export function toSegmentArm(g: Grid): (cell: number) => number {
  const perSegment = g.slots * g.arms;
  return (cell) => Math.floor(cell / perSegment) * g.arms + (cell % g.arms);
}

/** Cell → day × arm; rows without a timestamp are dropped (−1). */
export function toDayArm(g: Grid): (cell: number) => number {
  return (cell) => {
    const d = Math.floor(cell / g.arms) % g.slots;
    return d === g.slots - 1 ? -1 : d * g.arms + (cell % g.arms);
  };
}

/**
 * One pass instead of two: before the arms are known (control may be the most frequent variant)
 * and the day axis is settled (it spans the analysed arms' rows), rows are summed into cells per
 * variant *code* — segment × day × code — over a day range widened as chunks bring earlier or
 * later days. Afterwards each code's cells move to its arm's (`settleCells`): one code is one arm,
 * so a cell's sums are moved, never merged, and equal those of a pass into the arms' grid.
 */
export interface CodeCells {
  grid: Grid;
  moments: Moments[];
}

/** Above this many code cells (many variants × segments × days) the two passes are cheaper. */
const MAX_CODE_CELLS = 200_000;

/** Code cells with no day yet (every row without a timestamp goes to the no-day slot). */
export function newCodeCells(codes: number, segmentValues: number | undefined, timestamped: boolean, metrics: number): CodeCells {
  const segments = segmentValues !== undefined ? segmentValues + 1 : 1;
  const days = timestamped ? { first: 0, count: 0 } : null;
  const cells = segments * codes;
  const grid: Grid = { cells, arms: codes, segments, slots: 1, days, rows: new Float64Array(cells) };
  return { grid, moments: gridMoments(grid, metrics) };
}

/**
 * Widens the day axis to cover UTC days `lo` … `hi` (moving every cell to its new index); false
 * when the axis would pass MAX_DAYS or the cells MAX_CODE_CELLS (then the caller makes two passes).
 */
export function coverDays(cc: CodeCells, lo: number, hi: number): boolean {
  const old = cc.grid;
  const days = old.days as { first: number; count: number };
  const first = days.count === 0 ? lo : Math.min(days.first, lo);
  const last = days.count === 0 ? hi : Math.max(days.first + days.count - 1, hi);
  if (days.count > 0 && first >= days.first && last <= days.first + days.count - 1) return true;
  // A log in time order brings a day or two per chunk: widen by a month at a time, not a day (the
  // axis may be wider than the rows — the arms' day range is taken from the rows, in codeTally).
  const needed = last - first + 1;
  if (needed > MAX_DAYS) return false;
  const count = Math.min(MAX_DAYS, Math.max(needed, days.count + 31));
  const from = days.count > 0 && first < days.first ? last - count + 1 : first;
  return widenDays(cc, from, count) || (count > needed && widenDays(cc, first, needed));
}

function widenDays(cc: CodeCells, first: number, count: number): boolean {
  const old = cc.grid;
  const days = old.days as { first: number; count: number };
  const slots = count + 1;
  const cells = old.segments * slots * old.arms;
  if (count > MAX_DAYS || cells > MAX_CODE_CELLS) return false;
  const grid: Grid = { cells, arms: old.arms, segments: old.segments, slots, days: { first, count }, rows: new Float64Array(cells) };
  const to = (cell: number): number => {
    const a = cell % old.arms;
    const d = Math.floor(cell / old.arms) % old.slots;
    const s = Math.floor(cell / (old.arms * old.slots));
    const slot = d === old.slots - 1 ? slots - 1 : d + days.first - first;
    return (s * slots + slot) * old.arms + a;
  };
  cc.moments = cc.moments.map((m) => moveCells(m, cells, to));
  for (let c = 0; c < old.cells; c++) grid.rows[to(c)] = old.rows[c];
  cc.grid = grid;
  return true;
}

/** The sums of `m` at new cell indexes (`to(cell)`, −1: dropped); no two cells meet. */
function moveCells(m: Moments, cells: number, to: (cell: number) => number): Moments {
  const out = emptyMoments(cells);
  for (let c = 0; c < m.groups; c++) {
    const t = to(c);
    if (t < 0 || m.n[c] === 0) continue;
    out.n[t] = m.n[c];
    out.kx[t] = m.kx[c];
    out.sx[t] = m.sx[c];
    out.sxx[t] = m.sxx[c];
    out.ky[t] = m.ky[c];
    out.sy[t] = m.sy[c];
    out.syy[t] = m.syy[c];
    out.sxy[t] = m.sxy[c];
  }
  return out;
}

/** Per variant code: rows, and the first and last UTC day with a timestamp (NaN: none), from the code cells. */
export function codeTally(cc: CodeCells): { rowsPerCode: Float64Array; firstDay: Float64Array; lastDay: Float64Array } {
  const { grid } = cc;
  const rowsPerCode = new Float64Array(grid.arms);
  const firstDay = new Float64Array(grid.arms).fill(NaN);
  const lastDay = new Float64Array(grid.arms).fill(NaN);
  for (let cell = 0; cell < grid.cells; cell++) {
    const r = grid.rows[cell];
    if (r === 0) continue;
    const code = cell % grid.arms;
    rowsPerCode[code] += r;
    const d = Math.floor(cell / grid.arms) % grid.slots;
    if (!grid.days || d === grid.slots - 1) continue;
    const day = grid.days.first + d;
    if (!(day >= firstDay[code])) firstDay[code] = day;
    if (!(day <= lastDay[code])) lastDay[code] = day;
  }
  return { rowsPerCode, firstDay, lastDay };
}

/** The code cells moved into the experiment's grid (segment × day × arm); codes without an arm are dropped. */
export function settleCells(cc: CodeCells, exp: Experiment, timestamped: boolean): { grid: Grid; moments: Moments[] } {
  const from = cc.grid;
  const grid = newGrid(exp, from.segments - 1, timestamped); // the same segment blocks
  const fromFirst = from.days ? from.days.first : 0;
  const to = (cell: number): number => {
    const a = exp.armOfCode1[(cell % from.arms) + 1];
    if (a < 0) return -1;
    const d = Math.floor(cell / from.arms) % from.slots;
    const s = Math.floor(cell / (from.arms * from.slots));
    let slot: number;
    if (!grid.days || d === from.slots - 1) slot = grid.slots - 1; // no day axis, or a row without a day
    else {
      slot = d + fromFirst - grid.days.first;
      // The code cells' axis may be wider than the arms' days: its other days hold no row of an arm.
      if (slot < 0 || slot >= grid.days.count) return -1;
    }
    return (s * grid.slots + slot) * grid.arms + a;
  };
  // Only cells holding rows move (empty ones may share a target: a day axis without analysed days).
  for (let c = 0; c < from.cells; c++) {
    const t = from.rows[c] > 0 ? to(c) : -1;
    if (t >= 0) grid.rows[t] = from.rows[c];
  }
  return { grid, moments: cc.moments.map((m) => moveCells(m, grid.cells, to)) };
}

/**
 * Adds a chunk of `count` rows to the code cells, as addChunk does to a grid, widening the day axis
 * where a row's day is off it: to the range of the timestamps from that row to the chunk's end, so
 * a log in time order widens about once a month of rows, and only the first chunk and those rows
 * are scanned for their range (a scan of every chunk's timestamps before its cells cost ~10 % of
 * the pass). False when one pass cannot hold the days (then the caller makes two passes).
 */
export function addCodeChunk(cc: CodeCells, src: CellSource, count: number, sums: readonly CellSumInput[], block: Int32Array): boolean {
  for (let from = 0; from < count; ) {
    const to = Math.min(count, from + BLOCK);
    const stop = cellsOf(cc.grid, src, from, to, block);
    const n = stop - from;
    for (let m = 0; m < sums.length; m++) accumulateBlock(cc.moments[m], block, n, from, sums[m].x, sums[m].y, sums[m].missingY);
    if (stop < to && !coverChunkDays(cc, (src.ts as Float64Array).subarray(stop, count), count - stop)) return false;
    from = stop;
  }
  return true;
}

/** Widens the code cells' day axis to a chunk's timestamps; false when one pass cannot hold them. */
export function coverChunkDays(cc: CodeCells, ts: Float64Array, n: number): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = ts[i];
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (max < min) return true; // no timestamp in this chunk
  return coverDays(cc, Math.floor(min / DAY_MS), Math.floor(max / DAY_MS));
}

/**
 * The experiment's tally from the code cells of one pass over `rows` rows: each code's time range
 * as the start of its first and last day, which is all the day axis reads of it (dayRange).
 */
export function tallyFromCodeCells(cc: CodeCells, rows: number): VariantTally {
  const { rowsPerCode, firstDay, lastDay } = codeTally(cc);
  let counted = 0;
  for (let c = 0; c < rowsPerCode.length; c++) counted += rowsPerCode[c];
  return {
    rowsPerCode,
    minTs: firstDay.map((d) => (d === d ? d * DAY_MS : Infinity)),
    maxTs: lastDay.map((d) => (d === d ? d * DAY_MS : -Infinity)),
    rowsWithoutVariant: rows - counted,
    rows,
  };
}
