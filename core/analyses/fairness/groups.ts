/**
 * The one pass over rows: each row's outcome (tp/fp/tn/fn, or why it is left out) and each row's
 * group per attribute or intersection, then counts per group. Everything later (rates,
 * disparities, bootstrap, chunks over time) works on these counts, never on rows again.
 */
import { columnLength, type TypedColumn } from '../../data/column';
import type { ConfusionCounts } from './rates';
import type { DecisionSpec } from './types';

/** Per-row outcome codes; the counts array of a group is indexed by these. */
export const TP = 0;
export const FP = 1;
export const TN = 2;
export const FN = 3;
export const MISSING_LABEL = 4;
export const MISSING_DECISION = 5;
export const CELLS = 6;

export const POOLED_GROUP = '(other)';
export const INTERSECTION_SEPARATOR = ' × ';

export interface Outcomes {
  /** One of TP…MISSING_DECISION per row. */
  readonly cell: Uint8Array;
  readonly missingLabel: number;
  readonly missingDecision: number;
}

/** A column's values as "is it the positive value?": 1, 0, or -1 for missing. */
function positiveOf(column: TypedColumn, positive: number | string): Int8Array {
  const out = new Int8Array(column.kind === 'numeric' ? column.values.length : column.codes.length);
  if (column.kind === 'numeric') {
    const v = column.values;
    const target = typeof positive === 'number' ? positive : Number(positive);
    for (let i = 0; i < v.length; i++) out[i] = Number.isNaN(v[i]) ? -1 : v[i] === target ? 1 : 0;
  } else {
    const isPositive = column.dictionary.map((d) => d === String(positive));
    const c = column.codes;
    for (let i = 0; i < c.length; i++) out[i] = c[i] < 0 ? -1 : isPositive[c[i]] ? 1 : 0;
  }
  return out;
}

export function defaultPositive(column: TypedColumn): number | string {
  return column.kind === 'numeric' ? 1 : '1';
}

/**
 * Cell of a row from its label and decision codes (0 = missing, 1 = negative, 2 = positive),
 * indexed [label · 3 + decision]: a missing label wins over a missing decision.
 */
const CELL_OF_CODES = Uint8Array.of(
  MISSING_LABEL, MISSING_LABEL, MISSING_LABEL,
  MISSING_DECISION, TN, FP,
  MISSING_DECISION, FN, TP,
);

/**
 * Each row's cell (TP…MISSING_DECISION), into `into` when given (at least as long as the rows).
 * Branch-free: the label and decision are turned into codes by comparisons and the cell looked up —
 * a random mix of positives and negatives would make a branch per row mispredict about half the
 * time, which costs more than the rest of the loop.
 */
export function outcomeCells(label: TypedColumn, positiveLabel: number | string, decisionColumn: TypedColumn, decision: DecisionSpec, into?: Uint8Array): Uint8Array {
  const n = columnLength(label);
  if (columnLength(decisionColumn) !== n) throw new Error('the label and decision columns have different lengths');
  // A chunk's cells go into the pass's reused buffer (stream-tally.ts), whole columns' into their own.
  const cell = into ? into.subarray(0, n) : new Uint8Array(n);
  if (decision.kind === 'score' && decisionColumn.kind !== 'numeric') throw new Error(`score column "${decisionColumn.name}" is not numeric`);
  if (decision.kind === 'score' && label.kind === 'numeric' && decisionColumn.kind === 'numeric') {
    // The common case in one loop: numeric 0/1 label, score ≥ threshold. NaN fails every comparison.
    const y = label.values;
    const s = decisionColumn.values;
    const target = typeof positiveLabel === 'number' ? positiveLabel : Number(positiveLabel);
    const t = decision.threshold;
    for (let i = 0; i < n; i++) {
      const a = y[i];
      const v = s[i];
      const yc = +(a === a) + +(a === target);
      const dc = +(v >= t) + +(v === v);
      cell[i] = CELL_OF_CODES[yc * 3 + dc];
    }
    return cell;
  }
  const y = positiveOf(label, positiveLabel);
  if (decision.kind === 'score') {
    const s = (decisionColumn as Extract<TypedColumn, { kind: 'numeric' }>).values;
    const t = decision.threshold;
    for (let i = 0; i < n; i++) {
      const v = s[i];
      cell[i] = CELL_OF_CODES[(y[i] + 1) * 3 + +(v >= t) + +(v === v)];
    }
    return cell;
  }
  const yhat = positiveOf(decisionColumn, decision.positive ?? defaultPositive(decisionColumn));
  for (let i = 0; i < n; i++) cell[i] = CELL_OF_CODES[(y[i] + 1) * 3 + yhat[i] + 1];
  return cell;
}

/** Outcome of every row: label missing first, then decision missing, else the confusion cell. */
export function outcomes(label: TypedColumn, positiveLabel: number | string, decisionColumn: TypedColumn, decision: DecisionSpec): Outcomes {
  const cell = outcomeCells(label, positiveLabel, decisionColumn, decision);
  return { cell, ...missingIn(cell) };
}

/** Rows whose outcome cell says the label, or the decision, is missing. */
export function missingIn(cell: Uint8Array): { missingLabel: number; missingDecision: number } {
  let missingLabel = 0;
  let missingDecision = 0;
  for (let i = 0; i < cell.length; i++) {
    missingLabel += +(cell[i] === MISSING_LABEL);
    missingDecision += +(cell[i] === MISSING_DECISION);
  }
  return { missingLabel, missingDecision };
}

/** A column's values as codes into `values` (strings), -1 = missing. */
export interface Coded {
  readonly codes: Int32Array;
  /** The parts of each code's value, one string per attribute column. */
  readonly values: readonly (readonly string[])[];
}

export function codeColumn(column: TypedColumn): Coded {
  if (column.kind === 'categorical') return { codes: column.codes, values: column.dictionary.map((d) => [d]) };
  const coder = numberCoder();
  const codes = new Int32Array(column.values.length);
  coder.code(column.values, codes);
  return { codes, values: coder.values };
}

/**
 * Codes numbers in order of first appearance (NaN is -1), keeping its codes across calls, so a
 * column coded chunk by chunk (stream-tally.ts) gets the codes codeColumn gives it whole.
 */
export function numberCoder(): { readonly values: string[][]; code(v: Float64Array, out: Int32Array): void } {
  const codeOf = new Map<number, number>();
  const values: string[][] = [];
  return {
    values,
    code(v, out) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i]!;
        if (Number.isNaN(x)) {
          out[i] = -1;
          continue;
        }
        let c = codeOf.get(x);
        if (c === undefined) {
          c = values.length;
          codeOf.set(x, c);
          values.push([String(x)]);
        }
        out[i] = c;
      }
    },
  };
}

/** Above this many value pairs the intersection looks pairs up in a Map instead of a dense table. */
const DENSE_PAIRS = 1 << 22;

/** The intersection of two coded columns: a row is missing when either part is. */
export function intersect(a: Coded, b: Coded): Coded {
  const nb = b.values.length;
  const pairs = a.values.length * nb;
  const n = a.codes.length;
  const codes = new Int32Array(n);
  const values: string[][] = [];
  const add = (x: number, y: number): number => {
    values.push([...a.values[x], ...b.values[y]]);
    return values.length - 1;
  };
  if (pairs <= DENSE_PAIRS) {
    // A dense pair → code table: a Map lookup per row costs several times more.
    const table = new Int32Array(pairs).fill(-1);
    for (let i = 0; i < n; i++) {
      const x = a.codes[i];
      const y = b.codes[i];
      if (x < 0 || y < 0) {
        codes[i] = -1;
        continue;
      }
      const key = x * nb + y;
      let c = table[key];
      if (c < 0) c = table[key] = add(x, y);
      codes[i] = c;
    }
    return { codes, values };
  }
  const map = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const x = a.codes[i];
    const y = b.codes[i];
    if (x < 0 || y < 0) {
      codes[i] = -1;
      continue;
    }
    const key = x * nb + y;
    let c = map.get(key);
    if (c === undefined) {
      c = add(x, y);
      map.set(key, c);
    }
    codes[i] = c;
  }
  return { codes, values };
}

/**
 * Up to this many value combinations, an intersection's code is the mixed-radix key itself (every
 * combination has a code, most may have no rows — the group table drops those): no lookup per row.
 */
const DIRECT_KEYS = 1 << 14;

/** The parts' values of a mixed-radix key (the first part most significant). */
function keyValues(parts: readonly Coded[], k: number): string[] {
  const out: string[][] = [];
  for (let j = parts.length - 1; j >= 0; j--) {
    const radix = parts[j].values.length;
    out.unshift([...parts[j].values[k % radix]]);
    k = Math.floor(k / radix);
  }
  return out.flat();
}

/** The values of every mixed-radix key of the parts: the `values` of a directly keyed intersection. */
export function directValues(parts: readonly Coded[]): string[][] {
  let keys = 1;
  for (const p of parts) keys *= p.values.length;
  return Array.from({ length: keys }, (_, k) => keyValues(parts, k));
}

/**
 * The intersection of several coded columns. When the product of their value counts is small, the
 * mixed-radix key built one column at a time (a tight loop per column, no per-row branching over
 * the parts), used as the code directly or looked up in a dense table; otherwise pairwise through
 * `intersect`.
 */
export function intersectAll(parts: readonly Coded[]): Coded {
  if (parts.length === 1) return parts[0];
  let pairs = 1;
  for (const p of parts) pairs *= p.values.length;
  if (pairs > DENSE_PAIRS) return parts.slice(1).reduce((acc, p) => intersect(acc, p), parts[0]);
  const key = parts[0].codes.slice(); // a copy (Int32Array.from would walk an iterator)
  const n = key.length;
  for (let j = 1; j < parts.length; j++) {
    const c = parts[j].codes;
    const radix = parts[j].values.length;
    for (let i = 0; i < n; i++) {
      const x = key[i];
      const y = c[i];
      key[i] = x < 0 || y < 0 ? -1 : x * radix + y;
    }
  }
  const valuesOf = (k: number) => keyValues(parts, k);
  if (pairs <= DIRECT_KEYS) return { codes: key, values: directValues(parts) };
  // Many combinations, few seen: codes in order of first appearance through a dense key → code table.
  const table = new Int32Array(pairs).fill(-1);
  const values: string[][] = [];
  for (let i = 0; i < n; i++) {
    const k = key[i];
    if (k < 0) continue;
    let c = table[k];
    if (c < 0) {
      c = table[k] = values.length;
      values.push(valuesOf(k));
    }
    key[i] = c;
  }
  return { codes: key, values };
}

/** Counts per code: CELLS numbers per code (tp, fp, tn, fn, missing label, missing decision). */
export function countCells(codes: Int32Array, nCodes: number, cell: Uint8Array, rows?: Uint32Array): { counts: Float64Array; missing: number } {
  const counts = new Float64Array(nCodes * CELLS);
  let missing = 0;
  if (rows) {
    for (let j = 0; j < rows.length; j++) {
      const i = rows[j];
      const c = codes[i];
      if (c < 0) missing++;
      else counts[c * CELLS + cell[i]]++;
    }
  } else {
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c < 0) missing++;
      else counts[c * CELLS + cell[i]]++;
    }
  }
  return { counts, missing };
}

export function confusionAt(counts: Float64Array, g: number): ConfusionCounts {
  const o = g * CELLS;
  return { tp: counts[o + TP], fp: counts[o + FP], tn: counts[o + TN], fn: counts[o + FN] };
}

/** The groups of one attribute (or intersection) after dropping empty codes and pooling the tail. */
export interface GroupTable {
  readonly attribute: string;
  readonly columns: readonly string[];
  /** Display value of each group ("A × B" for intersections). */
  readonly labels: readonly string[];
  readonly values: readonly (readonly string[])[];
  readonly pooled: readonly boolean[];
  /** Final group of each code (-1 for codes without rows). */
  readonly groupOfCode: Int32Array;
  /** CELLS counts per final group. */
  readonly counts: Float64Array;
  readonly missingAttribute: number;
  readonly pooledInfo: { readonly groups: number; readonly rows: number } | null;
}

function rowsOf(counts: Float64Array, g: number): number {
  let s = 0;
  for (let k = 0; k < CELLS; k++) s += counts[g * CELLS + k];
  return s;
}

function judgedRows(counts: Float64Array, g: number): number {
  const o = g * CELLS;
  return counts[o + TP] + counts[o + FP] + counts[o + TN] + counts[o + FN];
}

/**
 * Group table of an attribute (or intersection) from its counts per code (CELLS per code of
 * `codeValues`) and the rows missing it: groups with rows, largest first (by rows with label and
 * decision; ties by value, so a tie for the majority is broken the same way every time), the
 * smallest pooled as "(other)" beyond `maxGroups`.
 */
export function groupTableOf(attribute: string, columns: readonly string[], codeValues: readonly (readonly string[])[], byCode: Float64Array, missing: number, maxGroups: number): GroupTable {
  const nCodes = codeValues.length;
  const present: { code: number; rows: number; judged: number; label: string }[] = [];
  for (let c = 0; c < nCodes; c++) {
    const rows = rowsOf(byCode, c);
    if (rows > 0) present.push({ code: c, rows, judged: judgedRows(byCode, c), label: codeValues[c].join(INTERSECTION_SEPARATOR) });
  }
  present.sort((a, b) => b.judged - a.judged || b.rows - a.rows || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const keep = present.length > maxGroups ? Math.max(1, maxGroups - 1) : present.length;
  const nGroups = keep + (present.length > keep ? 1 : 0);
  const groupOfCode = new Int32Array(nCodes).fill(-1);
  const counts = new Float64Array(nGroups * CELLS);
  let pooledRows = 0;
  present.forEach((p, rank) => {
    const g = Math.min(rank, keep);
    groupOfCode[p.code] = g;
    for (let k = 0; k < CELLS; k++) counts[g * CELLS + k] += byCode[p.code * CELLS + k];
    if (rank >= keep) pooledRows += p.rows;
  });
  const labels = present.slice(0, keep).map((p) => p.label);
  const values = present.slice(0, keep).map((p) => codeValues[p.code]);
  const pooled = labels.map(() => false);
  if (nGroups > keep) {
    // A real value may already be "(other)": the pool must not share its name.
    let pooledLabel = POOLED_GROUP;
    for (let k = 2; labels.includes(pooledLabel); k++) pooledLabel = `${POOLED_GROUP} ${k}`;
    labels.push(pooledLabel);
    values.push(columns.map(() => POOLED_GROUP));
    pooled.push(true);
  }
  return {
    attribute,
    columns,
    labels,
    values,
    pooled,
    groupOfCode,
    counts,
    missingAttribute: missing,
    pooledInfo: nGroups > keep ? { groups: present.length - keep, rows: pooledRows } : null,
  };
}

/** Counts per final group over a subset of rows (a chunk over time); `codes` are the table's codes per row. */
export function countGroupsAt(table: GroupTable, codes: Int32Array, cell: Uint8Array, rows: Uint32Array): Float64Array {
  const nGroups = table.labels.length;
  const counts = new Float64Array(nGroups * CELLS);
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j];
    const c = codes[i];
    if (c < 0) continue;
    const g = table.groupOfCode[c];
    counts[g * CELLS + cell[i]]++;
  }
  return counts;
}
