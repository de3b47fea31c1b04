/**
 * The joint counts (joint-counts.ts) from rows chunk by chunk (core/data/row-chunks.ts), so a run
 * reads each stored chunk into a few reused buffers instead of loading its five columns whole:
 * fairness is sums over rows — every table, the missing-label and missing-decision counts and the
 * bootstrap (drawn through the counts) come from the joint tally — so its memory does not grow
 * with rows, and fewer fresh pages are touched (~11 µs per 4 KB page on our VMs).
 *
 * The tally equals the whole-column one: a categorical attribute's codes are its stored codes into
 * the dataset's dictionary, a numeric one's are its values in order of first appearance, kept
 * across chunks (codeColumn's order over the whole column). A numeric attribute's value count is
 * only known at the end, so the tally is kept at room for more values per part (its capacity) and
 * re-keyed when a chunk brings more; at the end it is re-keyed to the exact radices. When the
 * exact key space passes JOINT_KEYS (many attribute values), the stream gives up (null) and the
 * caller counts on whole columns, as the whole-column path then counts each table apart.
 */
import type { TypedColumn } from '../../data/column';
import type { RowChunks } from '../../data/row-chunks';
import { CELLS, numberCoder, outcomeCells, type Coded } from './groups';
import { JOINT_KEYS, strides, tallyKeys, type JointCounts } from './joint-counts';
import type { DecisionSpec } from './types';

export interface TallyRequest {
  readonly label: string;
  readonly positiveLabel: number | string;
  readonly decision: DecisionSpec;
  /** The attribute columns of every table, once each, in the joint key's order (group-tables.ts `names`). */
  readonly attributes: readonly string[];
}

export interface StreamTally {
  readonly joint: JointCounts;
  /** Rows the pass yielded (after the segment filter). */
  readonly rows: number;
}

/** An attribute's codes chunk by chunk, and the values they stand for (growing for a numeric one). */
interface PartCoder {
  readonly values: string[][];
  /** Room is fixed: a categorical column's codes index its whole dictionary from the start. */
  readonly fixed: boolean;
  codes(column: TypedColumn): Int32Array;
}

function coderOf(described: TypedColumn): PartCoder {
  if (described.kind === 'categorical') return { values: described.dictionary.map((d) => [d]), fixed: true, codes: (c) => (c as Extract<TypedColumn, { kind: 'categorical' }>).codes };
  const coder = numberCoder();
  let out = new Int32Array(0);
  return {
    values: coder.values,
    fixed: false,
    codes(column) {
      const v = (column as Extract<TypedColumn, { kind: 'numeric' }>).values;
      if (out.length < v.length) out = new Int32Array(v.length);
      const codes = out.subarray(0, v.length);
      coder.code(v, codes);
      return codes;
    },
  };
}

const product = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);

/** `tally` keyed by radices `from` as keyed by `to` (each `to` radix at least its `from` one). */
function rekey(tally: Uint32Array, from: readonly number[], to: readonly number[]): Uint32Array {
  const out = new Uint32Array(product(to) * CELLS);
  const stride = strides(to);
  for (let k = 0; k < tally.length; k++) {
    if (tally[k] === 0) continue;
    let rest = Math.floor(k / CELLS);
    let key = k % CELLS;
    for (let j = 0; j < from.length; j++) {
      key += (rest % from[j]) * stride[j];
      rest = Math.floor(rest / from[j]);
    }
    out[key] = tally[k];
  }
  return out;
}

/** Room for a numeric part's values: twice what is seen, unless that makes the tally too large. */
function capacities(exact: readonly number[], coders: readonly PartCoder[]): number[] {
  const room = exact.map((r, j) => (coders[j].fixed ? r : Math.max(8, 2 * r)));
  return product(room) <= 4 * JOINT_KEYS ? room : [...exact];
}

/**
 * The joint counts over `req.attributes` from one pass over the rows, or null when their key space
 * is too large to count jointly (then count on whole columns). Yields after each chunk, so the
 * engine can report progress and take a Cancel.
 */
export function* tallyChunks(data: RowChunks, req: TallyRequest): Generator<void, StreamTally | null> {
  const asked = [...new Set([req.label, req.decision.column, ...req.attributes])];
  const coders = req.attributes.map((n) => {
    const c = data.describe(n);
    if (!c) throw new Error(`attribute column "${n}" is not among the columns`);
    return coderOf(c);
  });
  const exact = () => coders.map((c) => c.values.length + 1);
  if (product(exact()) > JOINT_KEYS) return null;
  let room = capacities(exact(), coders);
  let tally: Uint32Array = new Uint32Array(product(room) * CELLS);
  let cell = new Uint8Array(0);
  let scratch = new Int32Array(0);
  const labelAt = asked.indexOf(req.label);
  const decisionAt = asked.indexOf(req.decision.column);
  const partAt = req.attributes.map((n) => asked.indexOf(n));
  let rows = 0;
  for (const chunk of data.pass(asked)) {
    if (cell.length < chunk.rows) {
      cell = new Uint8Array(chunk.rows);
      if (req.attributes.length > 3) scratch = new Int32Array(chunk.rows);
    }
    const cells = outcomeCells(chunk.columns[labelAt], req.positiveLabel, chunk.columns[decisionAt], req.decision, cell);
    const codes = coders.map((c, j) => c.codes(chunk.columns[partAt[j]]));
    const now = exact();
    if (now.some((r, j) => r > room[j])) {
      if (product(now) > JOINT_KEYS) return null;
      const wider = capacities(now, coders);
      tally = rekey(tally, room, wider);
      room = wider;
    }
    tallyKeys(tally, cells, codes, strides(room), scratch);
    rows += chunk.rows;
    yield;
  }
  const radix = exact();
  const counts = Float64Array.from(radix.every((r, j) => r === room[j]) ? tally : rekey(tally, room, radix));
  const parts: Coded[] = coders.map((c) => ({ codes: new Int32Array(0), values: c.values }));
  return { joint: { parts, radix, counts }, rows };
}
