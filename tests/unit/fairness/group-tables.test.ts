// The table pass (group-tables.ts, joint-counts.ts, outcomeCells in groups.ts) against a plain
// row-by-row count with string keys, written here the slow obvious way: every row's cell from
// if/else on the label and decision, every table's groups keyed by their values joined. Seeded
// random columns with missing labels, scores, predictions and attribute values; both the joint
// count (few attribute values) and the per-table count (a joint key space too large to count at
// once) must give the same groups, counts and missing rows.
import { describe, expect, it } from 'vitest';
import { groupTables } from '../../../core/analyses/fairness/group-tables';
import { CELLS, codeColumn, FN, FP, MISSING_DECISION, MISSING_LABEL, outcomeCells, TN, TP, type Coded } from '../../../core/analyses/fairness/groups';
import { JOINT_KEYS, jointKeys } from '../../../core/analyses/fairness/joint-counts';
import type { DecisionSpec } from '../../../core/analyses/fairness/types';
import type { TypedColumn } from '../../../core/data/column';
import { mulberry32 } from '../../../core/stats/random';
import { cat, num } from './helpers';

type Row = { y: number | string | null; d: number | string | null };

/** The cell of one row, the obvious way. */
function naiveCell(r: Row, positive: number | string, decision: DecisionSpec): number {
  if (r.y === null) return MISSING_LABEL;
  const y = r.y === positive;
  let yhat: boolean;
  if (r.d === null) return MISSING_DECISION;
  if (decision.kind === 'score') yhat = (r.d as number) >= decision.threshold;
  else yhat = r.d === (decision.positive ?? 1);
  return y ? (yhat ? TP : FN) : yhat ? FP : TN;
}

function randomRows(n: number, seed: number, labels: readonly (number | string)[], decisions: () => number | string): Row[] {
  const u = mulberry32(seed);
  return Array.from({ length: n }, () => ({
    y: u() < 0.1 ? null : labels[Math.floor(u() * labels.length)],
    d: u() < 0.07 ? null : decisions(),
  }));
}

describe('outcomeCells', () => {
  const u = mulberry32(3);
  const cases: { name: string; labels: (number | string)[]; positive: number | string; decision: DecisionSpec; d: () => number | string; text: boolean; textDecision: boolean }[] = [
    { name: 'numeric label, score', labels: [0, 1], positive: 1, decision: { kind: 'score', column: 'd', threshold: 0.5 }, d: () => u(), text: false, textDecision: false },
    { name: 'numeric label with other values, score at the threshold', labels: [0, 1, 2], positive: 2, decision: { kind: 'score', column: 'd', threshold: 0.25 }, d: () => [0, 0.25, 0.5, 1][Math.floor(u() * 4)], text: false, textDecision: false },
    { name: 'text label, score', labels: ['no', 'yes', 'maybe'], positive: 'yes', decision: { kind: 'score', column: 'd', threshold: 0.3 }, d: () => u(), text: true, textDecision: false },
    { name: 'numeric label, 0/1 prediction', labels: [0, 1], positive: 1, decision: { kind: 'prediction', column: 'd' }, d: () => (u() < 0.4 ? 1 : 0), text: false, textDecision: false },
    { name: 'text label, text prediction', labels: ['n', 'y'], positive: 'y', decision: { kind: 'prediction', column: 'd', positive: 'y' }, d: () => (u() < 0.4 ? 'y' : 'n'), text: true, textDecision: true },
  ];
  for (const c of cases) {
    it(`${c.name}: the cell of every row`, () => {
      const rows = randomRows(5000, 11, c.labels, c.d);
      const label: TypedColumn = c.text ? cat('y', rows.map((r) => (r.y === null ? null : String(r.y)))) : num('y', rows.map((r) => r.y as number | null));
      const decision: TypedColumn = c.textDecision ? cat('d', rows.map((r) => (r.d === null ? null : String(r.d)))) : num('d', rows.map((r) => r.d as number | null));
      const cell = outcomeCells(label, c.positive, decision, c.decision);
      const want = rows.map((r) => naiveCell(r, c.positive, c.decision));
      expect(Array.from(cell)).toEqual(want);
      // Every kind of cell occurs, so the comparison is not vacuous.
      for (const k of [TP, FP, TN, FN, MISSING_LABEL, MISSING_DECISION]) expect(want).toContain(k);
    });
  }
});

/** Each table's groups as value → CELLS counts, and its rows missing any of its columns. */
function naiveTables(sets: string[][], attrs: Record<string, (string | null)[]>, cell: Uint8Array): { groups: Map<string, number[]>; missing: number }[] {
  return sets.map((cols) => {
    const groups = new Map<string, number[]>();
    let missing = 0;
    for (let i = 0; i < cell.length; i++) {
      const parts = cols.map((c) => attrs[c][i]);
      if (parts.some((p) => p === null)) {
        missing++;
        continue;
      }
      const key = parts.join(' × ');
      const counts = groups.get(key) ?? new Array<number>(CELLS).fill(0);
      counts[cell[i]]++;
      groups.set(key, counts);
    }
    return { groups, missing };
  });
}

function check(attrs: Record<string, (string | null)[]>, sets: string[][], seed: number, joint: boolean): void {
  const n = Object.values(attrs)[0].length;
  const u = mulberry32(seed);
  const rows = randomRows(n, seed, [0, 1], () => u());
  const cell = outcomeCells(num('y', rows.map((r) => r.y as number | null)), 1, num('d', rows.map((r) => r.d as number | null)), { kind: 'score', column: 'd', threshold: 0.5 });
  const coded = new Map<string, Coded>(Object.entries(attrs).map(([name, v]) => [name, codeColumn(cat(name, v))]));
  const names = [...new Set(sets.flat())];
  expect(jointKeys(names.map((c) => coded.get(c)!)) <= JOINT_KEYS).toBe(joint);
  const got = groupTables(sets, (c) => coded.get(c)!, cell, 100_000);
  const want = naiveTables(sets, attrs, cell);
  expect(got.missingLabel).toBe(Array.from(cell).filter((c) => c === MISSING_LABEL).length);
  expect(got.missingDecision).toBe(Array.from(cell).filter((c) => c === MISSING_DECISION).length);
  got.tables.forEach((t, s) => {
    expect(t.attribute).toBe(sets[s].join(' × '));
    expect(t.missingAttribute).toBe(want[s].missing);
    const groups = new Map(t.labels.map((l, g) => [l, Array.from(t.counts.subarray(g * CELLS, (g + 1) * CELLS))]));
    expect(groups).toEqual(want[s].groups);
    expect(t.labels.length).toBeGreaterThan(1);
  });
}

function attribute(n: number, values: number, seed: number, missing = 0.05): (string | null)[] {
  const u = mulberry32(seed);
  return Array.from({ length: n }, () => (u() < missing ? null : `v${Math.floor(u() * values)}`));
}

describe('groupTables', () => {
  it('counted jointly (few values): every attribute, a pair and the triple intersection match a row-by-row count', () => {
    const n = 20_000;
    const attrs = { race: attribute(n, 6, 1), sex: attribute(n, 2, 2), age: attribute(n, 3, 3, 0) };
    check(attrs, [['race'], ['sex'], ['age'], ['sex', 'race'], ['race', 'sex', 'age']], 7, true);
  });
  it('counted jointly with four attribute columns (one key pass before the counting loop)', () => {
    const n = 20_000;
    const attrs = { a: attribute(n, 3, 4), b: attribute(n, 4, 5), c: attribute(n, 2, 6), d: attribute(n, 5, 7) };
    check(attrs, [['a'], ['b'], ['c'], ['d'], ['a', 'b', 'c', 'd'], ['d', 'a']], 8, true);
  });
  it('counted per table (too many joint keys): the same groups and counts', () => {
    const n = 30_000;
    const attrs = { zip: attribute(n, 300, 9), store: attribute(n, 200, 10) };
    check(attrs, [['zip'], ['store'], ['zip', 'store']], 11, false);
  });
});
