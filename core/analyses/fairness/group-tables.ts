/**
 * Every group table of a run — each attribute alone and each intersection — and the rows missing
 * the label or the decision. When the attribute columns' joint key space is small (the usual case:
 * a few attributes of a few values each), one count over the rows serves every table
 * (joint-counts.ts); otherwise each table is counted from its own codes.
 */
import { CELLS, countCells, directValues, groupTableOf, intersectAll, INTERSECTION_SEPARATOR, MISSING_DECISION, MISSING_LABEL, missingIn, type Coded, type GroupTable } from './groups';
import { jointCounts, jointKeys, JOINT_KEYS, marginalCounts, type JointCounts } from './joint-counts';

export interface GroupTables {
  readonly tables: GroupTable[];
  readonly missingLabel: number;
  readonly missingDecision: number;
}

/** `sets`: each table's attribute columns; `coded(name)` a column's codes (the same object for the same name). */
export function groupTables(sets: readonly (readonly string[])[], coded: (name: string) => Coded, cell: Uint8Array, maxGroups: number): GroupTables {
  const names = [...new Set(sets.flat())];
  const parts = names.map(coded);
  const nameOf = (cols: readonly string[]) => cols.join(INTERSECTION_SEPARATOR);
  if (jointKeys(parts) <= JOINT_KEYS) return tablesFromJoint(sets, names, jointCounts(cell, parts), maxGroups);
  const tables = sets.map((cols) => {
    const c = intersectAll(cols.map(coded));
    const { counts, missing } = countCells(c.codes, c.values.length, cell);
    return groupTableOf(nameOf(cols), cols, c.values, counts, missing, maxGroups);
  });
  return { tables, ...missingIn(cell) };
}

/**
 * Every table from the joint counts over the attribute columns `names` (in `joint`'s part order),
 * and the rows missing the label or the decision: the whole-column count and the chunk-by-chunk
 * one (stream-tally.ts) end here, so their tables are the same sums.
 */
export function tablesFromJoint(sets: readonly (readonly string[])[], names: readonly string[], joint: JointCounts, maxGroups: number): GroupTables {
  const nameOf = (cols: readonly string[]) => cols.join(INTERSECTION_SEPARATOR);
  const tables = sets.map((cols) => {
    const which = cols.map((c) => names.indexOf(c));
    const { counts, missing } = marginalCounts(joint, which);
    return groupTableOf(nameOf(cols), cols, directValues(which.map((j) => joint.parts[j])), counts, missing, maxGroups);
  });
  let missingLabel = 0;
  let missingDecision = 0;
  for (let o = 0; o < joint.counts.length; o += CELLS) {
    missingLabel += joint.counts[o + MISSING_LABEL];
    missingDecision += joint.counts[o + MISSING_DECISION];
  }
  return { tables, missingLabel, missingDecision };
}
