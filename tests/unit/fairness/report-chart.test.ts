// The report's disparity plot (core/report/svg/disparity.ts via the Fairness section's rows): rows
// read like the screen's (an intersection's values, long names elided in the middle), a plot of
// many groups may grow to a page instead of shrinking its text, the legend starts at the left edge.
import { describe, expect, it } from 'vitest';
import { analyzeFairness } from '../../../core/analyses/fairness/fairness';
import { disparityRows } from '../../../core/report/sections/fairness';
import { disparityChart } from '../../../core/report/svg/disparity';
import { cat, num } from './helpers';

function result(groups: number) {
  const n = groups * 40;
  const race = Array.from({ length: n }, (_, i) => `race-${i % groups}`);
  const sex = Array.from({ length: n }, (_, i) => (Math.floor(i / groups) % 2 ? 'Female' : 'Male'));
  const y = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const s = Array.from({ length: n }, (_, i) => (i % 5 < 2 ? 1 : 0));
  return analyzeFairness(
    { columns: [num('y', y), num('s', s), cat('race', race), cat('sex', sex)] },
    { label: 'y', decision: { kind: 'prediction', column: 's' }, attributes: ['race', 'sex'], intersections: [['race', 'sex']], bootstrap: { resamples: 0 } },
  );
}

describe('fairness report disparity plot', () => {
  it('labels as on screen: attribute: group, and only the values for the intersection', () => {
    const rows = disparityRows(result(3), 'fpr');
    expect(rows.map((r) => r.label)).toContain('race: race-0');
    expect(rows.map((r) => r.label)).toContain('race-0 × Male');
    expect(rows.some((r) => r.label.startsWith('race × sex'))).toBe(false);
  });

  it('a few rows keep the 120 mm cap; many rows may take a page; the legend starts at x = 12', () => {
    const few = disparityChart({ rows: disparityRows(result(3), 'fpr'), tau: 0.8, title: 't', xLabel: 'x' }).toString();
    expect(few).not.toContain('max-height');
    const many = disparityChart({ rows: disparityRows(result(12), 'fpr'), tau: 0.8, title: 't', xLabel: 'x' }).toString();
    expect(many).toContain('style="max-height:225mm"');
    expect(many).toMatch(/<g class="legend"><rect x="12"/);
  });
});
