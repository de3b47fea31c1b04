// Fairness's monitor figures (metrics.ts): the names, and values taken from a result whose counts
// are set by hand — a failing group, a too-small group with a disparity of 0, hostile names.
import { describe, expect, it } from 'vitest';
import { analyzeFairness } from '../../../core/analyses/fairness/fairness';
import { fairnessMetrics } from '../../../core/analyses/fairness/metrics';
import type { FairnessOptions } from '../../../core/analyses/fairness/types';
import { cat, num } from './helpers';

/** Rows of one group with these confusion counts (score 1/0 at threshold 0.5). */
function rows(group: string, c: { tp: number; fn: number; fp: number; tn: number }): [number, number, string][] {
  const out: [number, number, string][] = [];
  const add = (n: number, y: number, s: number) => {
    for (let i = 0; i < n; i++) out.push([y, s, group]);
  };
  add(c.tp, 1, 1);
  add(c.fn, 1, 0);
  add(c.fp, 0, 1);
  add(c.tn, 0, 0);
  return out;
}

// fpr: x 0.2 (reference, largest), "y=1:z" 0.4 (disparity 2, fails), t 0 (10 rows: too small).
const HOSTILE_ATTR = 'a:b';
const HOSTILE_GROUP = 'y=1:z';
const data = [...rows('x', { tp: 40, fn: 10, fp: 10, tn: 40 }), ...rows(HOSTILE_GROUP, { tp: 20, fn: 5, fp: 10, tn: 15 }), ...rows('t', { tp: 1, fn: 4, fp: 0, tn: 5 })];
const options: FairnessOptions = { label: 'y', decision: { kind: 'score', column: 's', threshold: 0.5 }, attributes: [HOSTILE_ATTR, 'one'], bootstrap: { resamples: 0 } };
const result = analyzeFairness(
  { columns: [num('y', data.map((r) => r[0])), num('s', data.map((r) => r[1])), cat(HOSTILE_ATTR, data.map((r) => r[2])), cat('one', data.map(() => 'all'))] },
  options,
);
const m = fairnessMetrics(result);

describe('fairness metrics for monitors', () => {
  it('per group: rates, disparities and sizes under <figure>:<attribute>=<group>, names verbatim', () => {
    expect(m[`fpr:${HOSTILE_ATTR}=x`]).toBeCloseTo(0.2, 15);
    expect(m[`fpr:${HOSTILE_ATTR}=${HOSTILE_GROUP}`]).toBeCloseTo(0.4, 15);
    expect(m[`fpr_disparity:${HOSTILE_ATTR}=${HOSTILE_GROUP}`]).toBeCloseTo(2, 12);
    expect(m[`fpr_disparity:${HOSTILE_ATTR}=x`]).toBe(1);
    expect(m[`fpr_disparity:${HOSTILE_ATTR}=t`]).toBe(0);
    expect(m[`tpr:${HOSTILE_ATTR}=t`]).toBeCloseTo(0.2, 15);
    expect(m[`size:${HOSTILE_ATTR}=t`]).toBe(10);
    expect(m['pprev:one=all']).toBeCloseTo(81 / 160, 15);
    // Everything a group row has, and nothing undefined turned into a number.
    for (const g of result.groups) expect(m[`precision_disparity:${g.attribute}=${g.group}`]).toBe(g.precision_disparity);
  });

  it('groups_failing counts judged failures only; groups_too_small the groups under the minimum size', () => {
    expect(m.groups_failing).toBe(1);
    expect(m[`groups_failing:${HOSTILE_ATTR}`]).toBe(1);
    expect(m['groups_failing:one']).toBe(0);
    expect(m.groups_too_small).toBe(1);
    expect(m[`groups_too_small:${HOSTILE_ATTR}`]).toBe(1);
  });

  it('<rate>_disparity is the judged disparity farthest from 1 (the too-small group\'s 0 does not count)', () => {
    expect(m.fpr_disparity).toBeCloseTo(2, 12);
    // tpr: x 0.8, y 0.8 → 1 (t's 0.2 is too small to judge).
    expect(m.tpr_disparity).toBeCloseTo(1, 12);
    // pprev: x 0.5, y 0.6 → 1.2.
    expect(m.pprev_disparity).toBeCloseTo(1.2, 12);
  });

  it('Fairlearn summaries: the worst over attributes by name, each attribute after a colon', () => {
    // Selection rates 0.5, 0.6, 0.1 on a:b (Fairlearn keeps every group); one group on "one".
    expect(m[`demographic_parity_difference:${HOSTILE_ATTR}`]).toBeCloseTo(0.5, 12);
    expect(m['demographic_parity_difference:one']).toBe(0);
    expect(m.demographic_parity_difference).toBeCloseTo(0.5, 12);
    expect(m.demographic_parity_ratio).toBeCloseTo(0.1 / 0.6, 12);
    expect(m['demographic_parity_ratio:one']).toBe(1);
    // Equal opportunity: tpr 0.8, 0.8, 0.2; equalized odds: the worse of that and fpr 0.2, 0.4, 0.
    expect(m.equal_opportunity_difference).toBeCloseTo(0.6, 12);
    expect(m.equalized_odds_difference).toBeCloseTo(0.6, 12);
    expect(m.equalized_odds_ratio).toBe(0);
  });

  it('only finite numbers or null', () => {
    for (const [k, v] of Object.entries(m)) expect(v === null || Number.isFinite(v), k).toBe(true);
  });

  it('no judged group: the worst disparity is null, not a pass', () => {
    const tiny = analyzeFairness({ columns: [num('y', [1, 0, 1, 0]), num('s', [1, 0, 0, 1]), cat('g', ['p', 'p', 'q', 'q'])] }, { ...options, attributes: ['g'] });
    const t = fairnessMetrics(tiny);
    expect(t.fpr_disparity).toBeNull();
    expect(t.groups_failing).toBe(0);
    expect(t.groups_too_small).toBe(2);
  });
});
