// The disparity plot (one spec for the screen and the report): rows read like the group table (an
// intersection's values only, long names elided), its height grows with the groups instead of
// shrinking the text, and the legend starts at the left edge.
import { describe, expect, it } from 'vitest';
import { disparityChart } from '../../../core/analyses/fairness/charts';
import { analyzeFairness } from '../../../core/analyses/fairness/fairness';
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

const rowLabels = (groups: number): string[] => (disparityChart(result(groups), 'fpr').layout as { yaxis: { ticktext: string[] } }).yaxis.ticktext;

describe('fairness disparity plot', () => {
  it('labels as on screen: attribute: group, and only the values for the intersection', () => {
    const labels = rowLabels(3);
    expect(labels.some((l) => l.startsWith('race: race-0'))).toBe(true);
    expect(labels.some((l) => l.startsWith('race-0 × Male'))).toBe(true);
    expect(labels.some((l) => l.startsWith('race × sex'))).toBe(false);
  });

  it('grows with the groups (22 px a row) and starts its legend at the left edge', () => {
    const few = disparityChart(result(3), 'fpr').layout as { height: number; legend: { x: number } };
    const many = disparityChart(result(12), 'fpr').layout as { height: number };
    expect(many.height - few.height).toBe(22 * (rowLabels(12).length - rowLabels(3).length));
    expect(few.legend.x).toBe(0);
  });
});
