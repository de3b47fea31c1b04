/**
 * The table pass: every group table of a run (each attribute alone and every intersection) from one
 * count over the rows. Each row gets one integer, its joint key — every attribute's code (shifted
 * by one, so 0 = missing) in mixed radix, times CELLS, plus the row's confusion cell — built and
 * counted in one branch-free loop over the typed arrays (no per-row objects or strings). A table is then
 * a sum over the joint keys (a few hundred, not a million rows): an attribute's table adds up the
 * keys that share its code, an intersection's the keys that share all its codes, and the rows
 * missing any of its columns are its missing count. Used when the joint key space is small; past
 * that, each table is counted from its own codes (groups.ts).
 */
import { CELLS, type Coded } from './groups';

/** At most this many joint keys (product of value counts + 1 over the attribute columns). */
export const JOINT_KEYS = 1 << 14;

export interface JointCounts {
  /** The attribute columns, in the key's order (the first varies fastest). */
  readonly parts: readonly Coded[];
  /** Per part: the value count + 1 (0 = missing). */
  readonly radix: readonly number[];
  /** CELLS counts per joint key. */
  readonly counts: Float64Array;
}

/** Number of joint keys of these parts (may exceed JOINT_KEYS: then do not count jointly). */
export function jointKeys(parts: readonly Coded[]): number {
  let k = 1;
  for (const p of parts) k *= p.values.length + 1;
  return k;
}

/** Each part's place value in the joint key for these radices (the first part varies fastest, after the cell). */
export function strides(radix: readonly number[]): number[] {
  const stride: number[] = [];
  let s = CELLS;
  for (const r of radix) {
    stride.push(s);
    s *= r;
  }
  return stride;
}

/**
 * Counts per (joint key, cell). The last three attribute columns are added in the counting loop
 * itself; only columns beyond three get a write pass into a key array first.
 */
export function jointCounts(cell: Uint8Array, parts: readonly Coded[]): JointCounts {
  const n = cell.length;
  const radix = parts.map((p) => p.values.length + 1);
  const keys = jointKeys(parts);
  if (keys > JOINT_KEYS) throw new Error(`${keys} joint keys: too many to count jointly`);
  for (const p of parts) if (p.codes.length !== n) throw new Error('an attribute column and the label have different lengths');
  // Small integer counts: Uint32 increments, then one widening copy.
  const tally = new Uint32Array(keys * CELLS);
  tallyKeys(tally, cell, parts.map((p) => p.codes), strides(radix));
  return { parts, radix, counts: Float64Array.from(tally) };
}

/**
 * Adds one to `tally` at each row's joint key, cell + Σ (code + 1)·stride over the parts (codes
 * shifted by one, so a missing -1 lands on digit 0). `scratch`, when given, holds the keys of the
 * parts beyond the last three (a chunk's reused buffer); else they get their own array.
 */
export function tallyKeys(tally: Uint32Array, cell: Uint8Array, codes: readonly Int32Array[], stride: readonly number[], scratch?: Int32Array): void {
  const n = cell.length;
  const k = codes.length;
  const head = Math.max(0, k - 3);
  let base: Uint8Array | Int32Array = cell;
  if (head > 0) {
    const key = scratch ? scratch.subarray(0, n) : new Int32Array(n);
    key.set(cell);
    for (let j = 0; j < head; j++) {
      const c = codes[j];
      const sj = stride[j];
      for (let i = 0; i < n; i++) key[i] += (c[i] + 1) * sj;
    }
    base = key;
  }
  const offset = stride.slice(head).reduce((a, b) => a + b, 0);
  if (k - head === 1) {
    const a = codes[head];
    const sa = stride[head];
    for (let i = 0; i < n; i++) tally[base[i] + a[i] * sa + offset]++;
  } else if (k - head === 2) {
    const [a, b] = [codes[head], codes[head + 1]];
    const [sa, sb] = [stride[head], stride[head + 1]];
    for (let i = 0; i < n; i++) tally[base[i] + a[i] * sa + b[i] * sb + offset]++;
  } else if (k - head === 3) {
    const [a, b, c] = [codes[head], codes[head + 1], codes[head + 2]];
    const [sa, sb, sc] = [stride[head], stride[head + 1], stride[head + 2]];
    for (let i = 0; i < n; i++) tally[base[i] + a[i] * sa + b[i] * sb + c[i] * sc + offset]++;
  } else {
    for (let i = 0; i < n; i++) tally[base[i]]++;
  }
}

/**
 * The counts of the table over the parts `which` (indices into `joint.parts`, in the table's column
 * order): CELLS counts per code, the code being intersectAll's mixed-radix key of those parts
 * (`values` order), and the rows missing any of them.
 */
export function marginalCounts(joint: JointCounts, which: readonly number[]): { counts: Float64Array; missing: number } {
  const sizes = which.map((j) => joint.radix[j] - 1);
  let nCodes = 1;
  for (const s of sizes) nCodes *= s;
  const counts = new Float64Array(nCodes * CELLS);
  let missing = 0;
  const keys = joint.counts.length / CELLS;
  const digit = new Int32Array(joint.parts.length);
  for (let k = 0; k < keys; k++) {
    let rest = k;
    for (let j = 0; j < digit.length; j++) {
      digit[j] = rest % joint.radix[j];
      rest = Math.floor(rest / joint.radix[j]);
    }
    const o = k * CELLS;
    let code = 0;
    let present = true;
    for (let w = 0; w < which.length; w++) {
      const d = digit[which[w]];
      if (d === 0) present = false;
      code = code * sizes[w] + d - 1;
    }
    if (!present) {
      for (let c = 0; c < CELLS; c++) missing += joint.counts[o + c];
      continue;
    }
    for (let c = 0; c < CELLS; c++) counts[code * CELLS + c] += joint.counts[o + c];
  }
  return { counts, missing };
}
