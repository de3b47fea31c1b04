/**
 * The experiment's arms: which variant is control, which are treatments, and which rows count —
 * one row per unit (its first exposure, by row order or by timestamp) when a unit column is given.
 * A row's arm (index into [control, ...treatments], −1 = not analysed) is `armOfCode` of its
 * variant code; only unit dedupe, which drops rows, needs a per-row array (`dedupedArm`) and so
 * whole columns. Without it the experiment is a tally of rows per variant code, summed chunk by
 * chunk (`tallyRows`), and the grid (grid.ts) reads each chunk's variant codes through the table.
 */
import { PlumblineError } from '../../api/errors';
import type { CategoricalColumn, TypedColumn } from '../../data/column';
import { columnLength } from '../../data/column';
import type { RowCounts } from './types';

export interface Experiment {
  readonly control: string;
  readonly treatments: readonly string[];
  /** [control, ...treatments]. */
  readonly names: readonly string[];
  /** Variant code + 1 → arm index or −1 (entry 0: a missing variant), so a row's arm is one lookup. */
  readonly armOfCode1: Int32Array;
  /** Per row: arm index or −1 after unit dedupe; null without a unit column (every row with an arm counts). */
  readonly dedupedArm: Int32Array | null;
  /** Smallest and largest timestamp of the analysed rows (null without a timestamp or when none has one). */
  readonly timeRange: { readonly min: number; readonly max: number } | null;
  readonly counts: readonly RowCounts[];
  readonly rowsWithoutVariant: number;
  readonly rowsWithoutUnit: number;
  readonly notes: readonly string[];
}

export interface ExperimentSpec {
  readonly variant: TypedColumn;
  readonly control?: string;
  readonly treatments?: readonly string[];
  readonly unit?: TypedColumn;
  readonly timestamp?: TypedColumn;
}

function bad(message: string): PlumblineError {
  return new PlumblineError('BAD_REQUEST', message);
}

/** Throws unless the variant column is categorical (checked before any pass reads its codes). */
export function checkVariant(v: TypedColumn): asserts v is CategoricalColumn {
  if (v.kind !== 'categorical') throw bad(`Variant column ${JSON.stringify(v.name)} must be categorical (text), not ${v.type}.`);
}

/**
 * Rows per variant code and, per code, the earliest and latest timestamp, summed chunk by chunk:
 * the day range of the analysed variants then needs no pass of its own (NaN compares false: skipped).
 */
export interface VariantTally {
  readonly rowsPerCode: Float64Array;
  readonly minTs: Float64Array;
  readonly maxTs: Float64Array;
  rowsWithoutVariant: number;
  rows: number;
}

export function newTally(codes: number): VariantTally {
  return { rowsPerCode: new Float64Array(codes), minTs: new Float64Array(codes).fill(Infinity), maxTs: new Float64Array(codes).fill(-Infinity), rowsWithoutVariant: 0, rows: 0 };
}

/** Adds rows 0 … n − 1 of a chunk (`ts` undefined: no timestamp column). */
export function tallyRows(t: VariantTally, codesIn: Int32Array, ts: Float64Array | undefined, n: number): void {
  const { rowsPerCode, minTs, maxTs } = t;
  let without = 0;
  if (ts) {
    for (let i = 0; i < n; i++) {
      const c = codesIn[i];
      if (c < 0) {
        without++;
        continue;
      }
      rowsPerCode[c]++;
      const x = ts[i];
      if (x < minTs[c]) minTs[c] = x;
      if (x > maxTs[c]) maxTs[c] = x;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const c = codesIn[i];
      if (c < 0) without++;
      else rowsPerCode[c]++;
    }
  }
  t.rowsWithoutVariant += without;
  t.rows += n;
}

/**
 * The experiment from whole columns (`spec`), or — without a unit column — from a tally the caller
 * summed over the rows chunk by chunk (then `spec.variant` need only describe the column).
 */
export function defineExperiment(spec: ExperimentSpec, tallied?: VariantTally): Experiment {
  const v = spec.variant;
  checkVariant(v);
  const dict = v.dictionary;
  const ts = spec.timestamp?.kind === 'numeric' ? spec.timestamp.values : undefined;
  let tally = tallied;
  if (!tally) {
    if (ts && ts.length !== v.codes.length) throw bad('The timestamp column has a different length from the variant column.');
    tally = newTally(dict.length);
    tallyRows(tally, v.codes, ts, v.codes.length);
  } else if (spec.unit) throw new Error('unit dedupe needs whole columns, not a tally');
  const n = tally.rows;
  const { rowsPerCode, minTs, maxTs, rowsWithoutVariant } = tally;
  const codesIn = v.codes;
  const codeOf = (name: string): number => {
    const c = dict.indexOf(name);
    if (c < 0) throw bad(`Variant ${JSON.stringify(name)} does not occur in column ${JSON.stringify(v.name)}.`);
    return c;
  };
  const notes: string[] = [];
  let controlCode: number;
  if (spec.control !== undefined) controlCode = codeOf(spec.control);
  else {
    controlCode = -1;
    for (let c = 0; c < dict.length; c++) if (rowsPerCode[c] > 0 && (controlCode < 0 || rowsPerCode[c] > rowsPerCode[controlCode])) controlCode = c;
    if (controlCode < 0) throw new PlumblineError('BAD_INPUT', `Column ${JSON.stringify(v.name)} has no variant values: nothing to compare.`);
    notes.push(`Control not chosen: ${JSON.stringify(dict[controlCode])}, the most frequent variant, is used.`);
  }
  let treatmentCodes: number[];
  if (spec.treatments) {
    treatmentCodes = spec.treatments.map(codeOf);
    if (treatmentCodes.includes(controlCode)) throw bad('A treatment cannot also be the control.');
    if (new Set(treatmentCodes).size !== treatmentCodes.length) throw bad('A treatment is listed twice.');
  } else {
    treatmentCodes = [];
    for (let c = 0; c < dict.length; c++) if (c !== controlCode && rowsPerCode[c] > 0) treatmentCodes.push(c);
  }
  if (treatmentCodes.length === 0) {
    throw new PlumblineError('BAD_INPUT', `Only one variant (${JSON.stringify(dict[controlCode])}) has rows in ${JSON.stringify(v.name)}: an A/B comparison needs a control and at least one treatment.`);
  }
  const codes = [controlCode, ...treatmentCodes];
  const armOfCode1 = new Int32Array(dict.length + 1).fill(-1);
  codes.forEach((c, i) => (armOfCode1[c + 1] = i));
  const k = codes.length;
  const rows = codes.map((c) => rowsPerCode[c]);
  const dropped = new Float64Array(k);
  let rowsWithoutUnit = 0;
  let dedupedArm: Int32Array | null = null;
  let timeRange: Experiment['timeRange'] = null;
  if (spec.unit) {
    if (columnLength(spec.unit) !== n) throw bad('The unit column has a different length from the variant column.');
    dedupedArm = armsOf(codesIn, armOfCode1);
    rowsWithoutUnit = dedupeUnits(dedupedArm, spec.unit, spec.timestamp, dropped);
    if (rowsWithoutUnit > 0) notes.push(`${rowsWithoutUnit} row(s) without a unit id were left out.`);
    if (ts) timeRange = rangeOfRows(dedupedArm, ts);
  } else if (ts) {
    let min = Infinity;
    let max = -Infinity;
    for (const c of codes) {
      min = Math.min(min, minTs[c]);
      max = Math.max(max, maxTs[c]);
    }
    timeRange = max >= min ? { min, max } : null;
  }
  const counts: RowCounts[] = codes.map((_, i) => ({ rows: rows[i], units: 0, duplicates_dropped: dropped[i] }));
  // Without a unit column every analysed row is a unit: no second count needed.
  const units = Float64Array.from(rows, (r, i) => r - dropped[i]);
  if (dedupedArm && rowsWithoutUnit > 0) {
    units.fill(0);
    for (let i = 0; i < n; i++) if (dedupedArm[i] >= 0) units[dedupedArm[i]]++;
  }
  return {
    control: dict[controlCode],
    treatments: treatmentCodes.map((c) => dict[c]),
    names: codes.map((c) => dict[c]),
    armOfCode1,
    dedupedArm,
    timeRange,
    counts: counts.map((c, i) => ({ ...c, units: units[i] })),
    rowsWithoutVariant,
    rowsWithoutUnit,
    notes,
  };
}

function armsOf(codes: Int32Array, armOfCode1: Int32Array): Int32Array {
  const arm = new Int32Array(codes.length);
  for (let i = 0; i < arm.length; i++) arm[i] = armOfCode1[codes[i] + 1];
  return arm;
}

/** Smallest and largest timestamp of the rows with an arm, or null when none has a timestamp. */
function rangeOfRows(arm: Int32Array, ts: Float64Array): Experiment['timeRange'] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < ts.length; i++) {
    if (arm[i] < 0) continue;
    const t = ts[i];
    if (t < min) min = t;
    if (t > max) max = t;
  }
  return max >= min ? { min, max } : null;
}

/**
 * Keeps each unit's first exposure (smallest timestamp, ties and missing timestamps by row order;
 * row order alone without a timestamp), setting arm = −1 on the others; counts the dropped rows per
 * arm into `dropped` and returns how many analysed rows had no unit id.
 */
function dedupeUnits(arm: Int32Array, unit: TypedColumn, timestamp: TypedColumn | undefined, dropped: Float64Array): number {
  const n = arm.length;
  const ts = timestamp && timestamp.kind === 'numeric' ? timestamp.values : undefined;
  if (timestamp && !ts) throw bad(`Timestamp column ${JSON.stringify(timestamp.name)} must be numeric (a timestamp).`);
  // Unit key → dense id: categorical codes directly, numeric values through one Map.
  const ids = new Int32Array(n);
  let nIds: number;
  if (unit.kind === 'categorical') {
    ids.set(unit.codes);
    nIds = unit.dictionary.length;
  } else {
    const map = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const x = unit.values[i];
      if (Number.isNaN(x)) ids[i] = -1;
      else {
        let id = map.get(x);
        if (id === undefined) map.set(x, (id = map.size));
        ids[i] = id;
      }
    }
    nIds = map.size;
  }
  const first = new Int32Array(nIds).fill(-1);
  let withoutUnit = 0;
  for (let i = 0; i < n; i++) {
    if (arm[i] < 0) continue;
    const id = ids[i];
    if (id < 0) {
      withoutUnit++;
      arm[i] = -1;
      continue;
    }
    const f = first[id];
    if (f < 0) first[id] = i;
    else if (ts) {
      const a = ts[i];
      const b = ts[f];
      if (a < b || (Number.isNaN(b) && !Number.isNaN(a))) first[id] = i;
    }
  }
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (arm[i] >= 0 && first[id] !== i) {
      dropped[arm[i]]++;
      arm[i] = -1;
    }
  }
  return withoutUnit;
}
