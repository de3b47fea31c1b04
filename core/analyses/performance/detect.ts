/**
 * Task detection and input preparation: which columns are label / score / prediction, which task
 * they describe, and the rows that can be evaluated — as flat typed arrays every metric family
 * reads. Options override every guess; a column that cannot serve its role is a PlumblineError
 * naming it.
 */
import { PlumblineError } from '../../api/errors';
import { columnLength, type ColumnRole, type TypedColumn } from '../../data/column';
import type { Tallied } from './score-tally';
import type { PerformanceOptions, PerformanceTask } from './types';

/** More distinct integer labels than this make a numeric label a regression target. */
const MAX_CLASSES_FROM_NUMBERS = 20;

export interface Roles {
  readonly label: TypedColumn;
  readonly score: TypedColumn | null;
  readonly prediction: TypedColumn | null;
  readonly classScores: Readonly<Record<string, string>> | null;
}

function find(columns: readonly TypedColumn[], name: string, what: string): TypedColumn {
  const c = columns.find((x) => x.name === name);
  if (!c) throw new PlumblineError('BAD_REQUEST', `The ${what} column "${name}" is not in the dataset.`);
  return c;
}

function byRole(columns: readonly TypedColumn[], roles: Readonly<Record<string, ColumnRole>> | undefined, role: ColumnRole): TypedColumn[] {
  if (!roles) return [];
  return columns.filter((c) => roles[c.name] === role);
}

export function resolveRoles(columns: readonly TypedColumn[], roles: Readonly<Record<string, ColumnRole>> | undefined, o: PerformanceOptions): Roles {
  let label: TypedColumn;
  if (o.label !== undefined) label = find(columns, o.label, 'label');
  else {
    const ls = byRole(columns, roles, 'label');
    if (ls.length === 0) throw new PlumblineError('BAD_REQUEST', 'No label column: give a column the role "label" or choose one.');
    label = ls[0];
  }
  let score: TypedColumn | null = null;
  if (o.score !== undefined) score = find(columns, o.score, 'score');
  else if (!o.classScores) {
    const ss = byRole(columns, roles, 'score');
    if (ss.length === 1) score = ss[0];
  }
  if (score && score.kind !== 'numeric') throw new PlumblineError('BAD_REQUEST', `The score column "${score.name}" is not numeric.`);
  let prediction: TypedColumn | null = null;
  if (o.prediction !== undefined) prediction = find(columns, o.prediction, 'prediction');
  else {
    const ps = byRole(columns, roles, 'prediction');
    if (ps.length > 0) prediction = ps[0];
  }
  if (o.classScores) for (const name of Object.values(o.classScores)) {
    const c = find(columns, name, 'class score');
    if (c.kind !== 'numeric') throw new PlumblineError('BAD_REQUEST', `The class score column "${name}" is not numeric.`);
  }
  if (!score && !prediction) {
    throw new PlumblineError('BAD_REQUEST', `Label "${label.name}" has nothing to compare with: choose a score or a prediction column.`);
  }
  return { label, score, prediction, classScores: o.classScores ?? null };
}

function allIntegers(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v && !Number.isInteger(v)) return false;
  }
  return true;
}

const SMALL_CODES = 1024;

/**
 * Complete distinct-value lists already found, per column array: task detection, the class list
 * and the binary preparation each ask for a label's classes, and one scan of a million rows
 * serves them all. Columns are never written after loading, so an array's answer stays true.
 */
const distinctCache = new WeakMap<Float64Array, number[]>();

/**
 * Distinct non-NaN values, up to `limit` + 1 of them (then it stops). Labels repeat a few values
 * millions of times, so a linear scan of a tiny array beats a Set's hashing per row.
 */
function distinctFinite(values: Float64Array, limit: number): number[] {
  const known = distinctCache.get(values);
  if (known) return known.length > limit + 1 ? known.slice(0, limit + 1) : known;
  const seen: number[] = [];
  // Class codes are mostly small non-negative integers: a flag per value, no scan of `seen`.
  const small = new Uint8Array(SMALL_CODES);
  let complete = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    if (v >= 0 && v < SMALL_CODES && (v | 0) === v) {
      if (small[v] === 0) {
        small[v] = 1;
        seen.push(v);
        if (seen.length > limit) {
          complete = false;
          break;
        }
      }
      continue;
    }
    let found = false;
    for (let k = 0; k < seen.length; k++) {
      if (seen[k] === v) {
        found = true;
        break;
      }
    }
    if (!found) {
      seen.push(v);
      if (seen.length > limit) {
        complete = false;
        break;
      }
    }
  }
  if (complete) distinctCache.set(values, seen);
  return seen;
}

/** Classification vs regression from the label (and prediction) types; options.task wins. */
export function detectTask(r: Roles, o: PerformanceOptions): PerformanceTask {
  if (o.task) return o.task;
  const { label, prediction } = r;
  let classes: number;
  if (label.kind === 'numeric') {
    const continuousPrediction = !r.score && prediction?.kind === 'numeric' && !allIntegers(prediction.values);
    // ≤ 20 distinct values are all of them, so "every label is an integer" is read from those.
    const d = distinctFinite(label.values, MAX_CLASSES_FROM_NUMBERS);
    if (continuousPrediction || d.length > MAX_CLASSES_FROM_NUMBERS || !d.every(Number.isInteger)) return 'regression';
    classes = classValues(label, prediction).length;
  } else classes = classValues(label, prediction).length;
  if (r.classScores) return 'multiclass';
  return classes <= 2 ? 'binary' : 'multiclass';
}

function numberText(v: number): string {
  return String(v);
}

/** Distinct class names of the label and (if categorical-compatible) the prediction, sorted as unique_labels. */
export function classValues(label: TypedColumn, prediction: TypedColumn | null): string[] {
  const numeric = label.kind === 'numeric' && (!prediction || prediction.kind === 'numeric');
  if (numeric) {
    const set = new Set<number>();
    for (const c of [label, prediction]) {
      if (!c || c.kind !== 'numeric') continue;
      for (const v of distinctFinite(c.values, Infinity)) set.add(v);
    }
    return [...set].sort((a, b) => a - b).map(numberText);
  }
  const set = new Set<string>();
  for (const c of [label, prediction]) if (c) for (const s of presentValues(c)) set.add(s);
  return [...set].sort(compareCodePoints);
}

/** numpy sorts unicode by code point; JS's default compares UTF-16 units (differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function presentValues(c: TypedColumn): Set<string> {
  const out = new Set<string>();
  if (c.kind === 'numeric') {
    for (const v of distinctFinite(c.values, Infinity)) out.add(numberText(v));
  } else {
    const used = new Uint8Array(c.dictionary.length);
    for (let i = 0; i < c.codes.length; i++) if (c.codes[i] >= 0) used[c.codes[i]] = 1;
    c.dictionary.forEach((s, k) => used[k] && out.add(s));
  }
  return out;
}

/** Row → class index in `classes` (−1 = missing or unknown). */
export function classIndex(c: TypedColumn, classes: readonly string[]): Int32Array {
  return indexInto(c, classes, new Int32Array(columnLength(c)), -1);
}

/**
 * Row → class index written into `out`, `missing` for a missing or unknown class: the binary
 * preparation writes its Uint8Array directly, with no Int32Array of every row in between.
 */
function indexInto<T extends Int32Array | Uint8Array>(c: TypedColumn, classes: readonly string[], out: T, missing: number): T {
  const index = new Map(classes.map((s, k) => [s, k]));
  const lookup = (s: string): number => index.get(s) ?? missing;
  if (c.kind === 'numeric' && classes.length === 2 && classes.every((s) => numberText(Number(s)) === s)) {
    // Two numeric classes (the binary label): each row's class from two comparisons and a
    // 3-entry table, no branch per row — a random mix of classes makes branches mispredict.
    // (−0 === 0, and −0's text is "0": the same class as the general path gives it.)
    const [a, b] = classes.map(Number);
    const code = [missing, 1, 0];
    const values = c.values;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      out[i] = code[+(v === b) + 2 * +(v === a)];
    }
    return out;
  }
  if (c.kind === 'numeric') {
    // Small non-negative integers (the usual class codes) index a table; others go through a Map.
    const SMALL = 1024;
    const table = new Int32Array(SMALL).fill(-2);
    const cache = new Map<number, number>();
    const values = c.values;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v) {
        out[i] = missing;
      } else if (v >= 0 && v < SMALL && (v | 0) === v && !Object.is(v, -0)) {
        let k = table[v];
        if (k === -2) k = table[v] = lookup(numberText(v));
        out[i] = k;
      } else {
        let k = cache.get(v);
        if (k === undefined) {
          k = lookup(numberText(v));
          cache.set(v, k);
        }
        out[i] = k;
      }
    }
    return out;
  }
  const map = Int32Array.from(c.dictionary, lookup);
  const codes = c.codes;
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? missing : map[codes[i]];
  return out;
}

export interface BinaryPrepared {
  readonly task: 'binary';
  readonly positiveLabel: string;
  readonly negativeLabel: string;
  /** 1 = positive, 0 = negative, 255 = no label. */
  readonly y: Uint8Array;
  /** Score (NaN = missing); null when the prediction column decides. */
  readonly score: Float64Array | null;
  /** 1 / 0 / 255 = missing; null when a score decides. */
  readonly predicted: Uint8Array | null;
  /**
   * A streamed run's curve, tallied chunk by chunk (stream.ts): then `y` and `score` are empty —
   * nothing else of such a run reads rows (no chunks, segments or reference).
   */
  readonly tallied?: Tallied & { readonly rows: number };
}

export interface MulticlassPrepared {
  readonly task: 'multiclass';
  readonly classes: string[];
  /** Class index, −1 = no label. */
  readonly y: Int32Array;
  /** Class index, −1 = missing prediction. */
  readonly predicted: Int32Array;
  /** Per class, its score column (or null). */
  readonly classScores: (Float64Array | null)[] | null;
}

export interface RegressionPrepared {
  readonly task: 'regression';
  readonly y: Float64Array;
  readonly predicted: Float64Array;
}

export type Prepared = BinaryPrepared | MulticlassPrepared | RegressionPrepared;

function positiveOf(classes: string[], label: TypedColumn, o: PerformanceOptions): { positive: string; negative: string } {
  if (o.positiveLabel !== undefined) {
    const other = classes.filter((c) => c !== o.positiveLabel);
    if (other.length > 1) throw new PlumblineError('BAD_REQUEST', `Label "${label.name}" has more than two classes; it is not a binary target.`);
    return { positive: o.positiveLabel, negative: other[0] ?? (o.positiveLabel === '1' ? '0' : `not ${o.positiveLabel}`) };
  }
  if (label.kind === 'numeric' && classes.every((c) => c === '0' || c === '1')) return { positive: '1', negative: '0' };
  if (classes.length > 2) throw new PlumblineError('BAD_REQUEST', `Label "${label.name}" has ${classes.length} classes; it is not a binary target.`);
  if (classes.length === 2) return { positive: classes[1], negative: classes[0] };
  return { positive: classes[0] ?? '1', negative: `not ${classes[0] ?? '1'}` };
}

export function prepare(columns: readonly TypedColumn[], r: Roles, task: PerformanceTask, o: PerformanceOptions): Prepared {
  const { label, score, prediction } = r;
  if (task === 'regression') {
    if (label.kind !== 'numeric') throw new PlumblineError('BAD_REQUEST', `The label "${label.name}" is not numeric: it cannot be a regression target.`);
    const p = prediction ?? score;
    if (!p || p.kind !== 'numeric') throw new PlumblineError('BAD_REQUEST', `Regression needs a numeric prediction column${p ? `; "${p.name}" is not numeric` : ''}.`);
    return { task, y: label.values, predicted: p.values };
  }
  if (task === 'binary') {
    const predForClasses = score ? null : prediction;
    const classes = classValues(label, predForClasses);
    const { positive, negative } = positiveOf(classes, label, o);
    const toBinary = (c: TypedColumn): Uint8Array => {
      const out = indexInto(c, [negative, positive], new Uint8Array(columnLength(c)), 255);
      if (c === label) {
        // A label value that is neither class: not binary.
        const present = classValues(c, null);
        const stray = present.find((v) => v !== positive && v !== negative);
        if (stray !== undefined) throw new PlumblineError('BAD_REQUEST', `Label "${c.name}" has a third class "${stray}": choose the multiclass task or a positive class.`);
      }
      return out;
    };
    const y = toBinary(label);
    if (score && score.kind === 'numeric') return { task, positiveLabel: positive, negativeLabel: negative, y, score: score.values, predicted: null };
    return { task, positiveLabel: positive, negativeLabel: negative, y, score: null, predicted: toBinary(prediction!) };
  }
  if (!prediction) throw new PlumblineError('BAD_REQUEST', `Multiclass needs a prediction column for label "${label.name}".`);
  const classes = classValues(label, prediction);
  let classScores: (Float64Array | null)[] | null = null;
  if (r.classScores) {
    classScores = classes.map((c) => {
      const name = r.classScores![c];
      const col = name === undefined ? undefined : columns.find((x) => x.name === name);
      return col && col.kind === 'numeric' ? col.values : null;
    });
  }
  return { task: 'multiclass', classes, y: classIndex(label, classes), predicted: classIndex(prediction, classes), classScores };
}
