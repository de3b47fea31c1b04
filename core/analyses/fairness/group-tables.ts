/**
 * Every group table of a run — each attribute alone and each intersection — and the rows missing
 * the label or the decision. When the attribute columns' joint key space is small (the usual case:
 * a few attributes of a few values each), one count over the rows serves every table
 * (joint-counts.ts); otherwise each table is counted from its own codes.
 */
import { CELLS, countCells, directValues, groupTableOf, intersectAll, INTERSECTION_SEPARATOR, MISSING_DECISION, MISSING_LABEL, missingIn, type Coded, type GroupTable } from './groups';
import { jointCounts, jointKeys, JOINT_KEYS, marginalCounts } from './joint-counts';

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
  if (jointKeys(parts) <= JOINT_KEYS) {
    const joint = jointCounts(cell, parts);
    const tables = sets.map((cols) => {
      const { counts, missing } = marginalCounts(joint, cols.map((c) => names.indexOf(c)));
      return groupTableOf(nameOf(cols), cols, directValues(cols.map(coded)), counts, missing, maxGroups);
    });
    let missingLabel = 0;
    let missingDecision = 0;
    for (let o = 0; o < joint.counts.length; o += CELLS) {
      missingLabel += joint.counts[o + MISSING_LABEL];
      missingDecision += joint.counts[o + MISSING_DECISION];
    }
    return { tables, missingLabel, missingDecision };
  }
  const tables = sets.map((cols) => {
    const c = intersectAll(cols.map(coded));
    const { counts, missing } = countCells(c.codes, c.values.length, cell);
    return groupTableOf(nameOf(cols), cols, c.values, counts, missing, maxGroups);
  });
  return { tables, ...missingIn(cell) };
}
