// The over-time chart of an intersection (36 groups on COMPAS race × sex × age_cat) was a tangle
// of 36 lines with a legend longer than the plot: it draws the groups furthest from parity only,
// and says so. The report draws the disparity plot at the page's text width.
import { describe, expect, it } from 'vitest';
import { OVER_TIME_LINES, overTimeChart, overTimeGroups } from '../../../core/analyses/fairness/charts';
import { analyzeFairness } from '../../../core/analyses/fairness/fairness';
import type { FairnessResult, OverTimeGroupPoint } from '../../../core/analyses/fairness/types';
import { pageDisparityChart, verdictSentence } from '../../../core/report/sections/fairness';
import { cat, num } from './helpers';

/** `groups` groups of 60 rows in each of 4 chunks of rows; group k's selection rate grows with k. */
function audit(groups: number): FairnessResult {
  const n = groups * 240;
  const g = Array.from({ length: n }, (_, i) => `g${String(i % groups).padStart(2, '0')}`);
  const y = Array.from({ length: n }, (_, i) => (Math.floor(i / groups) % 2));
  const s = Array.from({ length: n }, (_, i) => (Math.floor(i / groups) % 60 < 6 + (i % groups) * 3 ? 1 : 0));
  return analyzeFairness(
    { columns: [num('y', y), num('s', s), cat('g', g)] },
    { label: 'y', decision: { kind: 'prediction', column: 's' }, attributes: ['g'], overTime: { chunk: { by: 'count', size: n / 4 } }, bootstrap: { resamples: 0 } },
  );
}

/** The same result with its over-time points replaced by chosen pprev disparities per group and chunk. */
function withDisparities(r: FairnessResult, table: Record<string, { d: (number | null)[]; small?: boolean[] }>): FairnessResult {
  const chunks = Object.values(table)[0].d.length;
  const base = r.over_time!.points[0];
  const points = Array.from({ length: chunks }, (_, c) => ({
    ...base,
    key: `c${c}`,
    label: `rows ${c}`,
    groups: Object.entries(table).map(([group, v]): OverTimeGroupPoint => ({
      attribute: 'g',
      group,
      size: 100,
      too_small: v.small?.[c] ?? false,
      disparities: { ...base.groups[0].disparities, pprev: v.d[c] },
    })),
  }));
  return { ...r, over_time: { ...r.over_time!, points } };
}

describe('fairness over time with many groups', () => {
  it('draws every group when they are few', () => {
    const r = audit(5);
    expect(overTimeGroups(r, 'pprev', 'g')).toEqual({ shown: ['g00', 'g01', 'g02', 'g03', 'g04'], total: 5 });
    const chart = overTimeChart(r, 'pprev', 'g')!;
    expect(chart.title).toBe('pprev disparity of g per chunk');
  });

  it(`draws the ${OVER_TIME_LINES} groups furthest from parity of 36, and its title says so`, () => {
    const r = audit(36);
    const { shown, total } = overTimeGroups(r, 'pprev', 'g');
    expect(total).toBe(36);
    expect(shown).toHaveLength(OVER_TIME_LINES);
    const chart = overTimeChart(r, 'pprev', 'g')!;
    // Group traces plus the two τ lines.
    expect(chart.data).toHaveLength(OVER_TIME_LINES + 2);
    expect(chart.data.slice(0, OVER_TIME_LINES).map((t) => t.name)).toEqual(shown);
    expect(chart.title).toContain(`the ${OVER_TIME_LINES} of 36 groups furthest from parity`);
    // The reference (the largest group's disparity is 1 everywhere) is never among the furthest.
    const reference = r.attributes[0].reference_group!;
    expect(shown).not.toContain(reference);
  });

  it('ranks by the largest |log disparity| in a judged chunk: below and above parity alike, too-small chunks and undefined values not counted', () => {
    const table: Record<string, { d: (number | null)[]; small?: boolean[] }> = {};
    for (let k = 0; k < 12; k++) table[`n${k}`] = { d: [1, 1 + k / 100, 1] }; // near parity
    table.low = { d: [1, 0.3, 0.9] }; // |log 0.3| = 1.20
    table.high = { d: [2.5, 1, null] }; // |log 2.5| = 0.92
    table.tiny = { d: [40, 1, 1], small: [true, false, false] }; // its 40 is in a too-small chunk
    table.none = { d: [null, 0, null] }; // nothing on a log axis
    const r = withDisparities(audit(3), table);
    const { shown, total } = overTimeGroups(r, 'pprev', 'g', 4);
    expect(total).toBe(16);
    expect(new Set(shown)).toEqual(new Set(['low', 'high', 'n11', 'n10']));
    // Drawn in the data's order, not the ranking's.
    expect(shown).toEqual(['n10', 'n11', 'low', 'high']);
  });
});

describe('disparity plot in the report', () => {
  it('is drawn at the page text width; a tall one is capped to a page, a short one keeps its height', () => {
    const many = pageDisparityChart(audit(40), 'fpr');
    expect(many.size.width).toBe(672);
    expect(Number(many.spec.layout.height)).toBeGreaterThan(900);
    expect(many.size.height).toBe(790);
    const few = pageDisparityChart(audit(4), 'fpr');
    expect(few.size).toEqual({ width: 672, height: few.spec.layout.height });
  });
});

describe('verdict sentence in the report', () => {
  it('names the first six failing groups and counts the rest; a short list is named whole', () => {
    const many = audit(36);
    const text = verdictSentence(many, many.attributes[0]).value.replace(/<[^>]+>/g, '');
    const m = /^(\d+) of (\d+) judged groups fail parity: (.*)$/s.exec(text);
    expect(m, text).not.toBeNull();
    const failed = Number(m![1]);
    expect(failed).toBeGreaterThan(6);
    expect((m![3].match(/“g\d\d” on/g) ?? []).length).toBe(6);
    expect(m![3]).toContain(`and ${failed - 6} more (their verdicts are in the table below)`);
    const few = audit(4);
    const short = verdictSentence(few, few.attributes[0]).value.replace(/<[^>]+>/g, '');
    expect(short).not.toContain('more (their verdicts');
  });
});
