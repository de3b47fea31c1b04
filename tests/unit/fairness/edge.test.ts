// Edge cases: missing values, empty and single groups, undefined rates, too many groups, numeric
// attributes, reference choices, and a JSON result without NaN in every case.
import { describe, expect, it } from 'vitest';
import { analyzeFairness } from '../../../core/analyses/fairness/fairness';
import type { FairnessOptions } from '../../../core/analyses/fairness/types';
import { mulberry32 } from '../../../core/stats/random';
import { cat, finiteEverywhere, num } from './helpers';

const base: FairnessOptions = {
  label: 'y',
  decision: { kind: 'score', column: 's', threshold: 0.5 },
  attributes: ['a'],
  bootstrap: { resamples: 0 },
};

describe('fairness edge cases', () => {
  it('leaves out rows missing the label, the decision or the attribute, and counts them per group', () => {
    const r = analyzeFairness(
      {
        columns: [
          num('y', [1, null, 0, 1, 0, 1]),
          num('s', [0.9, 0.9, null, 0.1, 0.7, 0.8]),
          cat('a', ['x', 'x', 'x', 'y', 'y', null]),
        ],
      },
      base,
    );
    expect(r.rows).toEqual({ total: 6, used_any: 4, missing_label: 1, missing_decision: 1 });
    const x = r.groups.find((g) => g.group === 'x')!;
    expect([x.size, x.tp, x.missing_label, x.missing_decision]).toEqual([1, 1, 1, 1]);
    expect(r.attributes[0].missing_attribute).toBe(1);
    expect(finiteEverywhere(r)).toBe(true);
  });

  it('a group without label positives: tpr/fnr undefined with a reason, disparity null, verdict null', () => {
    const r = analyzeFairness(
      { columns: [num('y', [1, 0, 1, 0, 0, 0]), num('s', [1, 0, 0, 1, 0, 1]), cat('a', ['p', 'p', 'p', 'q', 'q', 'q'])] },
      { ...base, referenceGroups: { a: 'p' } },
    );
    const q = r.groups.find((g) => g.group === 'q')!;
    expect(q.tpr).toBeNull();
    expect(q.undefined_rates.tpr).toBe('no label positives');
    expect(q.tpr_disparity).toBeNull();
    expect(q.undefined_disparities.tpr).toMatch(/group's rate is undefined/);
    expect(q.parity['TPR Parity']).toBeNull();
    expect(q.rate_intervals.tpr).toBeUndefined();
    // p's FPR is 0: q's FPR over it is undefined, not Infinity.
    expect(q.fpr_disparity).toBeNull();
    expect(q.undefined_disparities.fpr).toMatch(/reference group's rate is 0/);
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
    expect(finiteEverywhere(r)).toBe(true);
  });

  it('one group only: disparities 1, differences 0, ratios 1, and a note', () => {
    const r = analyzeFairness({ columns: [num('y', [1, 0, 1]), num('s', [1, 1, 0]), cat('a', ['only', 'only', 'only'])] }, base);
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0].fpr_disparity).toBe(1);
    expect(r.summary[0].demographic_parity_difference).toBe(0);
    expect(r.summary[0].demographic_parity_ratio).toBe(1);
    expect(r.attributes[0].notes.join(' ')).toMatch(/only one group/);
  });

  it('no rows at all: no groups, null summaries with reasons, no crash', () => {
    const r = analyzeFairness({ columns: [num('y', []), num('s', []), cat('a', [])] }, { ...base, bootstrap: { resamples: 20 } });
    expect(r.groups).toEqual([]);
    expect(r.summary[0].demographic_parity_difference).toBeNull();
    expect(r.summary[0].undefined.demographic_parity_difference).toMatch(/undefined in every group/);
    expect(r.attributes[0].reference_group).toBeNull();
    expect(finiteEverywhere(r)).toBe(true);
  });

  it('no predicted positives anywhere: ppr and selection ratios undefined (0/0), differences 0', () => {
    const r = analyzeFairness({ columns: [num('y', [1, 0, 1, 0]), num('s', [0, 0, 0, 0]), cat('a', ['p', 'p', 'q', 'q'])] }, base);
    expect(r.groups.every((g) => g.ppr === null && g.pprev === 0)).toBe(true);
    expect(r.summary[0].demographic_parity_difference).toBe(0);
    expect(r.summary[0].demographic_parity_ratio).toBeNull();
    expect(r.summary[0].undefined.demographic_parity_ratio).toMatch(/0 in every group/);
  });

  it('thousands of values: the largest kept, the rest pooled as "(other)" and said so', () => {
    const n = 5000;
    const a = Array.from({ length: n }, (_, i) => (i < 1000 ? 'big' : `v${i}`));
    const r = analyzeFairness(
      { columns: [num('y', Array.from({ length: n }, (_, i) => i % 2)), num('s', Array.from({ length: n }, (_, i) => (i % 3) / 2)), cat('a', a)] },
      { ...base, maxGroups: 10 },
    );
    expect(r.groups).toHaveLength(10);
    expect(r.groups[0].group).toBe('big');
    const other = r.groups.find((g) => g.pooled)!;
    expect(other.group).toBe('(other)');
    expect(r.attributes[0].pooled).toEqual({ groups: 4000 - 8, rows: 4000 - 8 });
    expect(other.size).toBe(4000 - 8);
    expect(r.attributes[0].notes.join(' ')).toMatch(/pooled as "\(other\)"/);
    expect(r.groups.reduce((s, g) => s + g.size, 0)).toBe(n);
  });

  it('the pool is renamed when a real group is already called "(other)"', () => {
    const a = ['(other)', '(other)', '(other)', 'x', 'x', 'y', 'z'];
    const r = analyzeFairness({ columns: [num('y', a.map((_, i) => i % 2)), num('s', a.map(() => 1)), cat('a', a)] }, { ...base, maxGroups: 3 });
    expect(r.groups.map((g) => [g.group, g.pooled, g.size])).toEqual([['(other)', false, 3], ['x', false, 2], ['(other) 2', true, 2]]);
  });

  it('numeric attribute values become groups; hostile names pass through untouched', () => {
    const evil = '<script>"x"</script> × ;DROP';
    const r = analyzeFairness(
      { columns: [num('y', [1, 0, 1, 0]), num('s', [1, 0, 0, 1]), num(evil, [18, 18, 65, null])] },
      { ...base, attributes: [evil] },
    );
    expect(r.groups.map((g) => g.group)).toEqual(['18', '65']);
    expect(r.groups[0].attribute).toBe(evil);
  });

  it('min_metric: each rate against the group with its smallest value, so disparities are ≥ 1', () => {
    const y = [1, 1, 0, 0, 1, 1, 0, 0, 1, 0];
    const s = [1, 0, 1, 0, 1, 1, 0, 0, 1, 1];
    const a = ['p', 'p', 'p', 'p', 'q', 'q', 'q', 'q', 'r', 'r'];
    const r = analyzeFairness({ columns: [num('y', y), num('s', s), cat('a', a)] }, { ...base, referenceMethod: 'min_metric' });
    expect(r.attributes[0].reference_method).toBe('min_metric');
    for (const g of r.groups) for (const k of ['tpr_disparity', 'fnr_disparity', 'pprev_disparity'] as const) if (g[k] !== null) expect(g[k]).toBeGreaterThanOrEqual(1);
    // tpr: p 1/2, q 2/2, r 1/1 → p is the reference; fpr: p 1/2, q 0/2, r 1/1 → q (rate 0).
    expect(r.groups[0].reference_groups.tpr).toBe('p');
    expect(r.groups[0].reference_groups.fpr).toBe('q');
  });

  it('a chosen reference group with no rows is a clear error naming the groups', () => {
    expect(() =>
      analyzeFairness({ columns: [num('y', [1, 0]), num('s', [1, 0]), cat('a', ['p', 'q'])] }, { ...base, referenceGroups: { a: 'Caucasin' } }),
    ).toThrow(/"Caucasin" of "a" has no rows; its groups are: p, q/);
  });

  it('a reference group for an attribute the analysis does not have is an error, not ignored', () => {
    expect(() =>
      analyzeFairness({ columns: [num('y', [1, 0]), num('s', [1, 0]), cat('a', ['p', 'q'])] }, { ...base, referenceGroups: { race: 'p' } }),
    ).toThrow(/"race", which is not an attribute/);
  });

  it('rejects bad options through the zod schema', () => {
    expect(() => analyzeFairness({ columns: [] }, { ...base, tau: 1.5 })).toThrow();
    expect(() => analyzeFairness({ columns: [] }, { ...base, attributes: [] })).toThrow();
  });

  it('a categorical prediction and label with chosen positive values', () => {
    const r = analyzeFairness(
      { columns: [cat('y', ['yes', 'no', 'yes', 'no']), cat('p', ['hi', 'hi', 'lo', 'lo']), cat('a', ['u', 'u', 'v', 'v'])] },
      { ...base, positiveLabel: 'yes', decision: { kind: 'prediction', column: 'p', positive: 'hi' } },
    );
    const u = r.groups.find((g) => g.group === 'u')!;
    expect([u.tp, u.fp, u.tn, u.fn]).toEqual([1, 1, 0, 0]);
  });

  it('a group under the minimum size keeps its verdicts but is counted apart, never as a silent failure', () => {
    const big = 100;
    const y: number[] = [];
    const s: number[] = [];
    const a: string[] = [];
    for (let i = 0; i < big; i++) { y.push(i % 2); s.push(i % 2); a.push('large'); }
    for (let i = 0; i < 12; i++) { y.push(i % 2); s.push(1); a.push('tiny'); }
    const r = analyzeFairness({ columns: [num('y', y), num('s', s), cat('a', a)] }, base);
    const tiny = r.groups.find((g) => g.group === 'tiny')!;
    expect(tiny.flags.too_small).toBe(true);
    expect(tiny.parity['Impact Parity']).toBe(false);
    const att = r.attributes[0];
    expect(att.verdicts['Impact Parity']).toEqual({ pass: 1, fail: 0, undefined: 0, too_small_fail: 1 });
    expect(att.parity['Impact Parity']).toBe(true);
    expect(att.too_small_groups).toEqual(['tiny']);
  });
});

describe('intersections', () => {
  it('of two high-cardinality columns (millions of value pairs: the Map path) count like a naive group-by', () => {
    const n = 2500;
    const u = Array.from({ length: n }, (_, i) => (i * 7919) % 2100);
    const v = Array.from({ length: n }, (_, i) => (i * 104729) % 2101);
    const y = Array.from({ length: n }, (_, i) => i % 2);
    const r = analyzeFairness(
      { columns: [num('y', y), num('s', y), num('u', u), num('v', v)] },
      { ...base, attributes: ['u', 'v'], intersections: [['u', 'v']], maxGroups: 10_000, decision: { kind: 'prediction', column: 's' } },
    );
    const naive = new Map<string, number>();
    for (let i = 0; i < n; i++) naive.set(`${u[i]} × ${v[i]}`, (naive.get(`${u[i]} × ${v[i]}`) ?? 0) + 1);
    const inter = r.groups.filter((g) => g.attribute === 'u × v');
    expect(inter).toHaveLength(naive.size);
    const sorted = (pairs: [string, number][]) => pairs.sort((x, y) => (x[0] < y[0] ? -1 : 1));
    expect(sorted(inter.map((g) => [g.group, g.size]))).toEqual(sorted([...naive]));
  });

  // Both one-pass paths: the key as the code (few combinations) and the dense key → code table.
  for (const [label, sizes] of [['direct keys', [4, 3, 2]], ['dense table', [150, 120]]] as const) {
    it(`of ${sizes.join(' × ')} values (${label}), with missing parts, count like a naive group-by`, () => {
      const n = 2000;
      const u = mulberry32(sizes[0]);
      const parts = sizes.map((k) => Array.from({ length: n }, () => (u() < 0.03 ? null : `v${Math.floor(u() * k)}`)));
      const y = Array.from({ length: n }, () => (u() < 0.4 ? 1 : 0));
      const s = Array.from({ length: n }, () => (u() < 0.5 ? 1 : 0));
      const names = sizes.map((_, j) => `p${j}`);
      const r = analyzeFairness(
        { columns: [num('y', y), num('s', s), ...parts.map((p, j) => cat(names[j], p))] },
        { ...base, attributes: [names[0]], intersections: [names], maxGroups: 10_000, decision: { kind: 'prediction', column: 's' } },
      );
      const naive = new Map<string, { size: number; tp: number; fp: number }>();
      let missing = 0;
      for (let i = 0; i < n; i++) {
        const vs = parts.map((p) => p[i]);
        if (vs.includes(null)) {
          missing++;
          continue;
        }
        const key = vs.join(' × ');
        const c = naive.get(key) ?? { size: 0, tp: 0, fp: 0 };
        c.size++;
        if (s[i] === 1 && y[i] === 1) c.tp++;
        if (s[i] === 1 && y[i] === 0) c.fp++;
        naive.set(key, c);
      }
      const attribute = names.join(' × ');
      const inter = r.groups.filter((g) => g.attribute === attribute);
      expect(r.attributes.find((a) => a.attribute === attribute)!.missing_attribute).toBe(missing);
      expect(inter).toHaveLength(naive.size);
      for (const g of inter) {
        expect({ size: g.size, tp: g.tp, fp: g.fp }, g.group).toEqual(naive.get(g.group));
        expect(g.values.join(' × ')).toBe(g.group);
      }
    });
  }

  it('a row missing either part is missing from the intersection; the reference is chosen by "A × B"', () => {
    const r = analyzeFairness(
      {
        columns: [
          num('y', [1, 0, 1, 0, 1, 0]),
          num('s', [1, 0, 0, 1, 1, 1]),
          cat('race', ['r1', 'r1', 'r2', 'r2', null, 'r1']),
          cat('sex', ['f', 'f', 'm', 'm', 'f', null]),
        ],
      },
      { ...base, attributes: ['race'], intersections: [['race', 'sex']], referenceGroups: { 'race × sex': 'r2 × m' } },
    );
    const att = r.attributes.find((a) => a.attribute === 'race × sex')!;
    expect(att.missing_attribute).toBe(2);
    expect(att.reference_group).toBe('r2 × m');
    expect(att.columns).toEqual(['race', 'sex']);
  });
});
