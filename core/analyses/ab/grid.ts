/**
 * The cells every metric is summed into in its one pass over the rows: segment block × day slot ×
 * arm. Arms, segments and days are then unions of cells (moments.ts `collapse`), so a breakdown
 * and the over-time view cost no extra pass over the rows per metric.
 *   segment blocks: the segment's dictionary codes, then one block for rows without a value
 *                   (1 block without a segment column);
 *   day slots: UTC days from the first to the last analysed timestamp, then one slot for rows
 *              without a timestamp (1 slot without a timestamp column).
 */
import { PlumblineError } from '../../api/errors';
import type { CategoricalColumn } from '../../data/column';
import type { Experiment } from './experiment';

export const DAY_MS = 86_400_000;
const MAX_DAYS = 10_000;

export interface Grid {
  /** Per row: cell index, or −1 (row not analysed). */
  readonly group: Int32Array;
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

export const cellOf = (g: Grid, segment: number, slot: number, arm: number): number => (segment * g.slots + slot) * g.arms + arm;

/** First analysed UTC day and the number of days, or null when no analysed row has a timestamp. */
function dayRange(range: Experiment['timeRange']): { first: number; count: number } | null {
  if (!range) return null;
  const first = Math.floor(range.min / DAY_MS);
  const count = Math.floor(range.max / DAY_MS) - first + 1;
  if (count > MAX_DAYS) throw new PlumblineError('BAD_REQUEST', 'The timestamp spans more than 10,000 days: too many points for a daily over-time view.');
  return { first, count };
}

export function buildGrid(exp: Experiment, segment: CategoricalColumn | undefined, ts: Float64Array | undefined): Grid {
  const k = exp.names.length;
  const codesV = exp.variantCodes;
  const table = exp.armOfCode1;
  const deduped = exp.dedupedArm;
  const rowsN = codesV.length;
  const segments = segment ? segment.dictionary.length + 1 : 1;
  const days = ts ? dayRange(exp.timeRange) : null;
  const slots = days ? days.count + 1 : 1;
  const cells = segments * slots * k;
  const group = new Int32Array(rowsN);
  const rows = new Float64Array(cells);
  const codes = segment?.codes;
  const missingSegment = segments - 1;
  const noDay = slots - 1;
  const first = days ? days.first : 0;
  for (let i = 0; i < rowsN; i++) {
    const a = deduped ? deduped[i] : table[codesV[i] + 1];
    if (a < 0) {
      group[i] = -1;
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
    }
    const g = (s * slots + d) * k + a;
    group[i] = g;
    rows[g]++;
  }
  return { group, cells, arms: k, segments, slots, days, rows };
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
