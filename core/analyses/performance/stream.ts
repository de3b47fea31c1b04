/**
 * A binary run from the workspace's chunks (core/engine/chunk-stream.ts): the label is kept as one
 * byte per row and the score as one double per row, filled chunk by chunk — the exact ROC needs
 * every score (sorted, or tallied when they repeat), but not the label's 8-byte doubles, which the
 * whole-column path held beside the bytes made from them. At 10M rows that is 90 MB instead of
 * 170 MB of columns (and fewer fresh pages: ~11 µs per 4 KB page on our VMs).
 *
 * Only for runs whose answer needs nothing else per row: a score column, no prediction column
 * (its classes would join the label's), no reference, segments, chunks or class scores (`streams`).
 * The label's classes are found during the pass (at most two, else it stops: a multiclass run), the
 * task and the positive class are then decided by the whole-column code on a stand-in column of
 * those values, and the rows' bytes mapped to 1 / 0 / 255 — the same bytes `prepare` makes.
 */
import type { ColumnInfo } from '../../api/types';
import { isNumericType, type ColumnRole, type TypedColumn } from '../../data/column';
import type { RowChunks } from '../../data/row-chunks';
import { detectTask, prepare, resolveRoles, type BinaryPrepared } from './detect';
import { modelColumns } from './plan';
import type { PerformanceOptions } from './types';

/** Whether a run can stream: a numeric score decides, nothing else is read per row. */
export function streamsBinary(options: PerformanceOptions, info: Readonly<Record<string, readonly ColumnInfo[]>>, names: Readonly<Record<string, string>>): boolean {
  if (names.reference !== undefined || options.segmentBy?.length || options.chunk || options.classScores) return false;
  if (options.task !== undefined && options.task !== 'binary') return false;
  const m = modelColumns(options, info.current, names.current);
  const type = (n: string) => info.current.find((c) => c.name === n)?.type;
  const label = type(m.label);
  const score = m.score === null ? undefined : type(m.score);
  return m.prediction === null && score !== undefined && isNumericType(score) && label !== undefined && label !== 'text';
}

export interface StreamedBinary {
  readonly prep: BinaryPrepared;
  readonly roles: ReturnType<typeof resolveRoles>;
}

/**
 * The label bytes and scores of the current dataset, prepared as `prepare` would, or null when the
 * label turns out not to be a binary target (a third value, or values that make the run a
 * regression): then the caller reads whole columns.
 */
export function* streamBinary(data: RowChunks, info: readonly ColumnInfo[], options: PerformanceOptions): Generator<void, StreamedBinary | null> {
  const m = modelColumns(options, info, 'current');
  const labelInfo = data.describe(m.label)!;
  const scoreName = m.score!;
  const bound = data.maxRows;
  let y = new Uint8Array(bound ?? 0);
  let score = new Float64Array(bound ?? 0);
  // The label's first two distinct values (numbers by ===, so −0 joins 0; categories by code).
  const seen: number[] = [];
  let rows = 0;
  for (const chunk of data.pass([m.label, scoreName])) {
    const [label, s] = chunk.columns;
    if (rows + chunk.rows > y.length) {
      // No bound known (in-memory callers): grow.
      const size = Math.max(2 * y.length, rows + chunk.rows);
      y = grow(y, size);
      score = grow(score, size);
    }
    const values = label.kind === 'numeric' ? label.values : label.codes;
    const missing = label.kind === 'numeric' ? (v: number) => v !== v : (v: number) => v < 0;
    for (let i = 0; i < chunk.rows; i++) {
      const v = values[i];
      let d: number;
      if (missing(v)) d = 255;
      else if (seen.length > 0 && seen[0] === v) d = 0;
      else if (seen.length > 1 && seen[1] === v) d = 1;
      else if (seen.length < 2) d = seen.push(v) - 1;
      else return null; // a third class: multiclass, or an error the whole-column path words
      y[rows + i] = d;
    }
    score.set((s as Extract<TypedColumn, { kind: 'numeric' }>).values, rows);
    rows += chunk.rows;
    yield;
  }
  // The label as a column of its distinct values: task, classes and positive class depend on no more.
  const standIn: TypedColumn =
    labelInfo.kind === 'numeric' ? { ...labelInfo, values: Float64Array.from(seen) } : { ...labelInfo, codes: Int32Array.from(seen) };
  const scoreStandIn: TypedColumn = { ...data.describe(scoreName)!, values: new Float64Array(0) } as TypedColumn;
  const roleOf: Record<string, ColumnRole> = {};
  for (const c of info) roleOf[c.name] = c.role;
  const roles = resolveRoles([standIn, scoreStandIn], roleOf, options);
  const task = detectTask(roles, options);
  if (task !== 'binary') return null;
  const classes = prepare([standIn, scoreStandIn], roles, task, options) as BinaryPrepared;
  // classes.y: each distinct value's byte, in `seen` order; the rows' indices become those bytes.
  const byteOf = Uint8Array.of(classes.y[0] ?? 255, classes.y[1] ?? 255);
  const ys = y.subarray(0, rows);
  for (let i = 0; i < rows; i++) {
    const d = ys[i];
    if (d !== 255) ys[i] = byteOf[d];
  }
  return { prep: { ...classes, y: ys, score: score.subarray(0, rows) }, roles: { ...roles, label: labelInfo, score: scoreStandIn } };
}

function grow<T extends Uint8Array | Float64Array>(a: T, size: number): T {
  const out = new (a.constructor as new (n: number) => T)(size);
  out.set(a);
  return out;
}
