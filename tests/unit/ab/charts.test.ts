/**
 * A/B chart specs are print-ready (the report draws them as they are): a fixed width and height,
 * a title, both axis titles; one forest row per result with its interval; hostile, long segment
 * values shortened on the axis yet kept distinct.
 */
import { describe, expect, it } from 'vitest';
import { analyzeAb } from '../../../core/analyses/ab/ab';
import { abCharts, axisLabels } from '../../../core/analyses/ab/charts';
import type { TypedColumn } from '../../../core/data/column';
import { rng } from '../../helpers/rng';
import { categorical, numeric } from './helpers';

const LONG = `<script>alert(1)</script> a segment value that goes on ${'and on '.repeat(20)}`;

function columns(): Record<string, TypedColumn> {
  const r = rng(11);
  const n = 3000;
  const variant: string[] = [];
  const segment: string[] = [];
  const y: number[] = [];
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    variant.push(['control', 'B', 'C'][i % 3]);
    segment.push([LONG, `${LONG}x`, 'short'][Math.floor(r() * 3)]);
    y.push(r() < (i % 3 === 1 ? 0.2 : 0.15) ? 1 : 0);
    ts.push(Date.UTC(2026, 0, 1) + Math.floor((i / n) * 6) * 86_400_000);
  }
  return { variant: categorical('variant', variant), segment: categorical('segment', segment), y: numeric('y', y, 'boolean'), ts: numeric('ts', ts, 'timestamp') };
}

describe('A/B chart specs', () => {
  const result = analyzeAb({ columns: columns() }, { variant: 'variant', control: 'control', metrics: ['y'], segment: 'segment', timestamp: 'ts' });
  const charts = abCharts(result);

  it('lift, cumulative lift per treatment and segments, each print-ready', () => {
    expect(charts.map((c) => c.id)).toEqual(['lift', 'over-time:y:B', 'over-time:y:C', 'segments:y']);
    for (const c of charts) {
      const l = c.layout as { width: unknown; height: unknown; title: { text: string }; xaxis: { title: { text: string } }; yaxis: { title: { text: string } } };
      expect(typeof l.width, c.id).toBe('number');
      expect(typeof l.height, c.id).toBe('number');
      expect(l.title.text, c.id).toBe(c.title);
      expect(l.xaxis.title.text.length, c.id).toBeGreaterThan(0);
      expect(l.yaxis.title.text.length, c.id).toBeGreaterThan(0);
    }
  });

  it('place their own legends outside the plot (on its top edge, growing upward): a screen that shows legends never gets Plotly’s default one at the right, eating a narrow plot', () => {
    for (const c of charts) {
      const l = c.layout as { legend?: { orientation: string; y: number; yanchor: string }; title: { yref?: string } };
      expect(l.legend, c.id).toMatchObject({ orientation: 'h', y: 1, yanchor: 'bottom' });
      expect(l.title.yref, c.id).toBe('container');
      // Traces with a legend entry: the over-time band, line and zero; the forest's one trace has none.
      const entries = c.data.filter((t) => t.showlegend !== false).map((t) => t.name);
      expect(entries, c.id).toEqual(c.id.startsWith('over-time') ? ['interval', 'cumulative lift', 'no effect'] : []);
    }
  });

  it('a forest row per result, its error bars reaching the interval', () => {
    const lift = charts[0].data[0] as { x: number[]; y: string[]; error_x: { array: number[]; arrayminus: number[] } };
    expect(lift.y).toEqual(['y · B', 'y · C']);
    result.results.forEach((r, i) => {
      expect(lift.x[i]).toBeCloseTo(100 * (r.relative_lift as number), 10);
      expect(lift.x[i] + lift.error_x.array[i]).toBeCloseTo(100 * (r.ci_high as number), 10);
      expect(lift.x[i] - lift.error_x.arrayminus[i]).toBeCloseTo(100 * (r.ci_low as number), 10);
    });
  });

  it('segment labels: short, the treatment kept, distinct, so no two segments merge into one row', () => {
    const seg = charts[3].data[0] as { y: string[] };
    expect(seg.y).toHaveLength(6);
    expect(new Set(seg.y).size).toBe(6);
    for (const l of seg.y) {
      expect(l.length).toBeLessThanOrEqual(52);
      expect(l).toMatch(/ · [BC]( \(\d\))?$/);
    }
    expect(axisLabels(['a'.repeat(50), `${'a'.repeat(50)}b`, 'c'])).toEqual([`${'a'.repeat(47)}…`, `${'a'.repeat(47)}… (2)`, 'c']);
    const width = (charts[3].layout as { margin: { l: number } }).margin.l;
    expect(width).toBeLessThan(0.5 * (charts[3].layout as { width: number }).width);
  });
});
