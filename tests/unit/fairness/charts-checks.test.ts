// Fairness's chart specs and checks read the result: the parity band spans [τ, 1/τ] over every
// row, whiskers are the bootstrap intervals, too-small groups are grey and never counted as
// failing, undefined or zero disparities are named on their row, hostile values are escaped.
import { describe, expect, it } from 'vitest';
import { disparityChart, fairnessCharts, logDisparityAxis } from '../../../core/analyses/fairness/charts';
import { fairnessChecks } from '../../../core/analyses/fairness/checks';
import { analyzeFairness } from '../../../core/analyses/fairness/fairness';
import { anyJudgedFailure, judgeGroup } from '../../../core/analyses/fairness/judgement';
import { cat as categorical, num as numeric } from './helpers';

/** Group A (200 rows, fpr 0.1), B (200 rows, fpr 0.4), a hostile group of 10 rows (fpr 0.8). */
function data() {
  const label: number[] = [];
  const pred: number[] = [];
  const group: string[] = [];
  const add = (g: string, n: number, fpr: number) => {
    for (let i = 0; i < n; i++) {
      const neg = i % 2 === 0;
      label.push(neg ? 0 : 1);
      pred.push(neg ? (i / 2 < (n / 2) * fpr ? 1 : 0) : 1);
      group.push(g);
    }
  };
  add('A', 200, 0.1);
  add('B', 200, 0.4);
  add('<b>x</b>', 10, 0.8);
  return [numeric('y', label), numeric('p', pred), categorical('g', group)];
}

const result = analyzeFairness({ columns: data() }, { label: 'y', decision: { kind: 'prediction', column: 'p' }, attributes: ['g'], referenceGroups: { g: 'A' }, bootstrap: { resamples: 200, seed: 3 } });

describe('fairness charts and checks', () => {
  it('a disparity plot per metric: band over every row, bootstrap whiskers, colours by verdict, hostile labels escaped', () => {
    const c = disparityChart(result, 'fpr');
    const [band, points] = c.data as Record<string, unknown>[];
    expect(band.x).toEqual([0.8, 1.25, 1.25, 0.8, 0.8]);
    expect(band.y).toEqual([-0.5, -0.5, 2.5, 2.5, -0.5]);
    const b = result.groups.find((g) => g.group === 'B')!;
    expect(b.fpr_disparity).toBeCloseTo(4, 10);
    const err = points.error_x as { array: number[]; arrayminus: number[] };
    expect(err.array[1]).toBeCloseTo(b.disparity_intervals.fpr!.high - 4, 10);
    expect(err.arrayminus[1]).toBeCloseTo(4 - b.disparity_intervals.fpr!.low, 10);
    const colors = (points.marker as { color: string[] }).color;
    expect(colors[1]).not.toBe(colors[2]); // B fails (vermillion), the 10-row group is grey
    expect(colors[2]).toBe('#9a9a9a');
    const ticktext = ((c.layout.yaxis as { ticktext: string[] }).ticktext);
    expect(ticktext[2]).toBe('g: &lt;b&gt;x&lt;/b&gt;');
    expect(JSON.stringify(c)).not.toContain('<b>x');
    expect((c.layout.xaxis as { ticktext: string[] }).ticktext).toContain('1.25');
    expect(fairnessCharts(result).filter((x) => x.id.startsWith('disparity:'))).toHaveLength(10);
  });

  it('row labels stay short: one intersection shows its values only, long names are elided in the middle, then escaped', () => {
    const long = `<i>${'x'.repeat(60)}</i>`;
    const cols = [numeric('y', [1, 0, 1, 0]), numeric('p', [1, 1, 0, 0]), categorical('race', ['A', 'A', long, long]), categorical('sex', ['M', 'F', 'M', 'F'])];
    const r = analyzeFairness({ columns: cols }, { label: 'y', decision: { kind: 'prediction', column: 'p' }, attributes: ['race', 'sex'], intersections: [['race', 'sex']], bootstrap: { resamples: 0 } });
    const ticks = (disparityChart(r, 'pprev').layout.yaxis as { ticktext: string[] }).ticktext;
    // (A row whose disparity is undefined or 0 says so after its label.)
    const label = (attribute: string, group: string) => ticks[r.groups.findIndex((g) => g.attribute === attribute && g.group === group)].replace(/ \((undefined|0)\)$/, '');
    expect(label('sex', 'M')).toBe('sex: M');
    expect(label('race × sex', 'A × F')).toBe('A × F');
    const elided = label('race', long);
    expect(elided).toMatch(/^race: &lt;i&gt;x+…x+&lt;\/i&gt;$/);
    expect(elided.replace(/&lt;|&gt;/g, '<').length).toBe(44);
    // With two intersections a row names its attribute again.
    const two = analyzeFairness({ columns: cols }, { label: 'y', decision: { kind: 'prediction', column: 'p' }, attributes: ['race'], intersections: [['race', 'sex'], ['sex', 'race']], bootstrap: { resamples: 0 } });
    expect((disparityChart(two, 'pprev').layout.yaxis as { ticktext: string[] }).ticktext.map((t) => t.replace(/ \((undefined|0)\)$/, ''))).toContain('race × sex: A × F');
  });

  it('a zero disparity is named on its row (a log axis cannot show it)', () => {
    const r = analyzeFairness({ columns: data() }, { label: 'y', decision: { kind: 'prediction', column: 'p' }, attributes: ['g'], referenceGroups: { g: 'B' }, minGroupSize: 0, bootstrap: { resamples: 0 } });
    const tn = disparityChart(r, 'fnr');
    // No false negatives anywhere: every fnr is 0, so the reference's is 0 and every disparity undefined.
    expect((tn.layout.yaxis as { ticktext: string[] }).ticktext.every((t) => t.endsWith('(undefined)'))).toBe(true);
  });

  it('checks: the failing attribute names its metrics; too-small groups are listed, not failed', () => {
    const checks = fairnessChecks(result);
    expect(checks[0]).toMatchObject({ status: 'fail', check: 'parity of g' });
    expect(checks[0].value).toContain('fpr');
    expect(checks[1]).toMatchObject({ status: 'info' });
    expect(checks[1].plain).toContain('too small');
    const small = result.groups.find((g) => g.size === 10)!;
    expect(judgeGroup(result, small).status).toBe('too_small');
    expect(judgeGroup(result, small).unjudgedFailed).toContain('fpr');
    expect(anyJudgedFailure(result)).toBe(true);
    const wide = analyzeFairness({ columns: data() }, { label: 'y', decision: { kind: 'prediction', column: 'p' }, attributes: ['g'], referenceGroups: { g: 'A' }, tau: 0.1, bootstrap: { resamples: 0 } });
    expect(anyJudgedFailure(wide)).toBe(false);
    expect(fairnessChecks(wide)[0].status).toBe('pass');
  });
});

describe('fairness over-time chart', () => {
  // Chunks of 100 rows: group A's first chunk has no false positives (fpr 0, disparity 0 against B).
  const label: number[] = [];
  const pred: number[] = [];
  const group: string[] = [];
  for (let i = 0; i < 400; i++) {
    const g = i % 2 === 0 ? 'A' : 'B';
    label.push(i % 4 < 2 ? 0 : 1);
    pred.push(g === 'A' && i < 100 ? 0 : (i * 7) % 3 === 0 ? 1 : 0);
    group.push(g);
  }
  const r = analyzeFairness(
    { columns: [numeric('y', label), numeric('p', pred), categorical('g', group)] },
    { label: 'y', decision: { kind: 'prediction', column: 'p' }, attributes: ['g'], referenceGroups: { g: 'B' }, overTime: { chunk: { by: 'count', size: 100 } }, bootstrap: { resamples: 0 } },
  );
  const chart = fairnessCharts(r).find((c) => c.id === 'over-time:fpr:g')!;
  const series = chart.data as { name: string; x: string[]; y: (number | null)[] }[];

  it('a disparity of 0 is a gap on the log axis, not a line to the bottom edge', () => {
    const a = r.over_time!.points[0].groups.find((g) => g.group === 'A')!;
    expect(a.disparities.fpr).toBe(0);
    const line = series.find((s) => s.name === 'A')!;
    expect(line.y[0]).toBeNull();
    expect(line.y.slice(1).every((v) => v !== null && v > 0)).toBe(true);
  });

  it('labelled log ticks (round values and τ, 1/τ, never bare digits) and chunks named once on the axis', () => {
    const layout = chart.layout as { yaxis: { tickvals: number[]; ticktext: string[] }; xaxis: { title: { text: string } } };
    expect(layout.yaxis.tickvals).toContain(0.8);
    expect(layout.yaxis.tickvals).toContain(1.25);
    expect(layout.yaxis.ticktext).toEqual(layout.yaxis.tickvals.map((t) => String(Number(t.toPrecision(3)))));
    expect(layout.xaxis.title.text).toBe('rows');
    expect(series[0].x[0]).toBe('1–100');
    // The τ lines share the groups' categories.
    for (const s of series) expect(s.x).toEqual(series[0].x);
  });
});

describe('the disparity axis', () => {
  it('labels a round value beyond 1/τ when the largest disparity lies past it', () => {
    const axis = logDisparityAxis([0.087, 0.5, 1, 1.6], 0.8);
    expect(axis.tickvals).toContain(1.25);
    expect(axis.tickvals).toContain(1.5);
    expect(Math.max(...axis.tickvals)).toBeLessThanOrEqual(10 ** axis.range[1]);
    expect(axis.ticktext).toEqual(axis.tickvals.map((t) => String(Number(t.toPrecision(3)))));
  });

  it('keeps τ, 1 and 1/τ and labels no round value in the padding past the data', () => {
    const axis = logDisparityAxis([0.9, 1.1], 0.8);
    expect(axis.tickvals).toEqual([0.8, 1, 1.25]);
  });
});
