/**
 * A binary run from the workspace's chunks (core/engine/chunk-stream.ts). The exact ROC needs
 * every labelled score's class and value, but not as rows: when scores repeat (probabilities
 * printed with a few decimals) each chunk is counted into a table of distinct scores per class
 * (score-tally.ts ChunkTally) and no row is kept — memory flat with rows. Continuous scores pass
 * the table's cap (65,536 distinct); then a second pass keeps one byte of label and one double of
 * score per row, for the sort — still not the label's 8-byte doubles, which the whole-column path
 * held beside the bytes made from them. Every exact path builds the same curve (tally.test.ts).
 *
 * Only for runs whose answer needs nothing else per row: a score column, no prediction column
 * (its classes would join the label's), no reference, segments, chunks or class scores (`streams`).
 * The label's classes are found during the pass (at most two, else it stops: a multiclass run), the
 * task and the positive class are then decided by the whole-column code on a stand-in column of
 * those values — the same bytes, counts and errors as `prepare`.
 */
import type { ColumnInfo } from '../../api/types';
import { isNumericType, type ColumnRole, type TypedColumn } from '../../data/column';
import type { RowChunks } from '../../data/row-chunks';
import { detectTask, prepare, resolveRoles, type BinaryPrepared } from './detect';
import { ChunkTally } from './score-tally';
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

/** The label's first two distinct values as classes 0 and 1 (numbers by ===, so −0 joins 0; categories by code). */
class FirstTwo {
  readonly seen: number[] = [];

  /** Each row's class into `out` (255: no label); false at a third value. */
  code(label: TypedColumn, out: Uint8Array): boolean {
    const seen = this.seen;
    const values = label.kind === 'numeric' ? label.values : label.codes;
    const numeric = label.kind === 'numeric';
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      let d: number;
      if (numeric ? v !== v : v < 0) d = 255;
      else if (seen.length > 0 && seen[0] === v) d = 0;
      else if (seen.length > 1 && seen[1] === v) d = 1;
      else if (seen.length < 2) d = seen.push(v) - 1;
      else return false; // a third class: multiclass, or an error the whole-column path words
      out[i] = d;
    }
    return true;
  }
}

type Pass<T> = Generator<void, T | 'not binary' | 'too many scores'>;

/** Repeating scores: the curve tallied per class as chunks come, keeping no row (score-tally.ts ChunkTally). */
function* tallyPass(data: RowChunks, label: string, score: string, classes: FirstTwo): Pass<ChunkTally> {
  const tally = new ChunkTally();
  let cls = new Uint8Array(0);
  for (const chunk of data.pass([label, score])) {
    if (cls.length < chunk.rows) cls = new Uint8Array(chunk.rows);
    const [l, s] = chunk.columns;
    if (!classes.code(l, cls)) return 'not binary';
    if (!tally.add(cls, (s as Extract<TypedColumn, { kind: 'numeric' }>).values)) return 'too many scores';
    yield;
  }
  return tally;
}

/** Continuous scores: each row's class byte and score kept, for the sort. */
function* gatherPass(data: RowChunks, label: string, score: string, classes: FirstTwo): Pass<{ y: Uint8Array; score: Float64Array }> {
  let y = new Uint8Array(data.maxRows ?? 0);
  let scores = new Float64Array(data.maxRows ?? 0);
  let rows = 0;
  for (const chunk of data.pass([label, score])) {
    if (rows + chunk.rows > y.length) {
      // No bound known (in-memory callers): grow.
      const size = Math.max(2 * y.length, rows + chunk.rows);
      y = grow(y, size);
      scores = grow(scores, size);
    }
    const [l, s] = chunk.columns;
    if (!classes.code(l, y.subarray(rows, rows + chunk.rows))) return 'not binary';
    scores.set((s as Extract<TypedColumn, { kind: 'numeric' }>).values, rows);
    rows += chunk.rows;
    yield;
  }
  return { y: y.subarray(0, rows), score: scores.subarray(0, rows) };
}

/**
 * The current dataset's rows prepared as `prepare` would — its curve tallied when scores repeat,
 * else its label bytes and scores — or null when the label turns out not to be a binary target (a
 * third value, or values that make the run a regression): then the caller reads whole columns.
 */
export function* streamBinary(data: RowChunks, info: readonly ColumnInfo[], options: PerformanceOptions): Generator<void, StreamedBinary | null> {
  const m = modelColumns(options, info, 'current');
  const labelInfo = data.describe(m.label)!;
  const scoreName = m.score!;
  let classes = new FirstTwo();
  let got: ChunkTally | { y: Uint8Array; score: Float64Array } | 'not binary' | 'too many scores' = yield* tallyPass(data, m.label, scoreName, classes);
  if (got === 'too many scores') got = yield* gatherPass(data, m.label, scoreName, (classes = new FirstTwo()));
  if (got === 'not binary' || got === 'too many scores') return null;
  // The label as a column of its distinct values: task, classes and positive class depend on no more.
  const seen = classes.seen;
  const standIn: TypedColumn = labelInfo.kind === 'numeric' ? { ...labelInfo, values: Float64Array.from(seen) } : { ...labelInfo, codes: Int32Array.from(seen) };
  const scoreStandIn: TypedColumn = { ...data.describe(scoreName)!, values: new Float64Array(0) } as TypedColumn;
  const roleOf: Record<string, ColumnRole> = {};
  for (const c of info) roleOf[c.name] = c.role;
  const roles = resolveRoles([standIn, scoreStandIn], roleOf, options);
  const task = detectTask(roles, options);
  if (task !== 'binary') return null;
  const named = prepare([standIn, scoreStandIn], roles, task, options) as BinaryPrepared;
  // named.y: each class's byte (1 positive, 0 negative), in `seen` order.
  const byteOf = Uint8Array.of(named.y[0] ?? 255, named.y[1] ?? 255);
  const streamedRoles = { ...roles, label: labelInfo, score: scoreStandIn };
  if (got instanceof ChunkTally) {
    const tallied = got.tallied(byteOf[0] === 1 ? 0 : 1);
    return { prep: { ...named, y: new Uint8Array(0), score: new Float64Array(0), tallied }, roles: streamedRoles };
  }
  const ys = got.y;
  for (let i = 0; i < ys.length; i++) {
    const d = ys[i];
    if (d !== 255) ys[i] = byteOf[d];
  }
  return { prep: { ...named, y: ys, score: got.score }, roles: streamedRoles };
}

function grow<T extends Uint8Array | Float64Array>(a: T, size: number): T {
  const out = new (a.constructor as new (n: number) => T)(size);
  out.set(a);
  return out;
}
