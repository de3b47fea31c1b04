/**
 * Drift's chart specs, the one description the Drift screen (SpecChart) and the report (Plotly in
 * Chromium) both draw: what each chart holds, that hostile text stays text, and that the over-time
 * chart plots "up = more drift" against the band, the band per chunk or the threshold.
 */
import { describe, expect, it } from 'vitest';
import { distributionChart, driftCharts, ecdfChart, ecdfRange, numericBinLabels, overTimeChart, tickTexts } from '../../../../core/analyses/drift/charts';
import { analyzeDrift } from '../../../../core/analyses/drift/drift';
import type { OverTimeSeries } from '../../../../core/analyses/drift/types';
import { cat, normals, num } from '../../drift/helpers';

const HOSTILE = '<img src=x onerror=alert(1)>';
type Trace = Record<string, unknown> & { name?: string; x?: unknown[]; y?: unknown[] };
const traces = (spec: { data: readonly Record<string, unknown>[] }) => spec.data as Trace[];

describe('drift chart specs', () => {
  const n = 400;
  const r = analyzeDrift(
    {
      reference: [num('x', normals(n, 1)), cat(HOSTILE, Array.from({ length: n }, (_, i) => (i % 3 ? 'a' : HOSTILE)))],
      current: [num('x', normals(n, 2, 0.8)), cat(HOSTILE, Array.from({ length: n }, (_, i) => (i % 2 ? 'a' : HOSTILE)))],
    },
    { test: 'ks', perColumn: { [HOSTILE]: { test: 'jensenshannon' } } },
  );
  const x = r.columns.find((c) => c.column === 'x')!;
  const h = r.columns.find((c) => c.column === HOSTILE)!;

  it('draws the shares of each bin as bars, with the whole label in the hover', () => {
    const spec = distributionChart(x)!;
    const [ref, cur] = traces(spec);
    expect(spec.id).toBe('distribution:x');
    expect(ref.y).toEqual(x.distribution!.reference_shares);
    expect(cur.y).toEqual(x.distribution!.current_shares);
    // The report's number format, written as text: the open bins' "<" as an entity.
    expect(ref.x).toEqual(numericBinLabels(x.distribution!.edges!)!.map((l) => l.replace('<', '&lt;')));
    expect(ref.x![0]).toMatch(/^&lt; -?\d/);
    expect(ref.customdata).toEqual(ref.x);
    expect(String(ref.hovertemplate)).toContain('%{customdata}');
    // Ten decile bins: the ticks lean so that they do not overlap.
    expect((spec.layout.xaxis as { tickangle: number }).tickangle).toBe(-30);
  });

  it('writes a hostile category and column name as text, in ticks, hover and title', () => {
    const spec = distributionChart(h)!;
    const json = JSON.stringify(spec.data) + JSON.stringify(spec.layout);
    expect(json).not.toContain('<img');
    expect(traces(spec)[0].x).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(JSON.stringify(spec.layout)).toContain('Distribution of &lt;img src=x onerror=alert(1)&gt;');
  });

  it('shortens long ticks and keeps them distinct', () => {
    const long = 'a'.repeat(40);
    const ticks = tickTexts([`${long}1`, `${long}2`, '<b>'], 10);
    expect(ticks[0]).toBe('aaaaaaaaa…');
    expect(ticks[1]).not.toBe(ticks[0]);
    expect(ticks[1].startsWith('aaaaaaaaa…')).toBe(true);
    expect(ticks[2]).toBe('&lt;b&gt;');
  });

  it('marks the largest ECDF gap with its D, drawn over the 0.5–99.5% range that holds it', () => {
    const spec = ecdfChart(x)!;
    const gap = x.distribution!.ks_gap!;
    const t = traces(spec);
    const segment = t.find((s) => s.name === 'largest gap (KS distance)')!;
    expect(segment.x).toEqual([gap.x, gap.x]);
    expect(segment.y).toEqual([gap.reference, gap.current]);
    const label = t.find((s) => s.mode === 'text')!;
    expect(String((label.text as string[])[0]).trim()).toBe(`D = ${Number(gap.distance.toPrecision(3))}`);
    // D is the KS statistic itself.
    expect(gap.distance).toBeCloseTo(x.statistic!, 12);
    const range = (spec.layout.xaxis as { range: [number, number] }).range;
    expect(range[0]).toBeLessThanOrEqual(gap.x);
    expect(range[1]).toBeGreaterThanOrEqual(gap.x);
    expect(ecdfChart(h)).toBeNull();
  });

  it('widens the ECDF range to take in the gap; too few points draw the whole range', () => {
    expect(ecdfRange([0, 1, 2, 3, 100], [0, 1, 2, 3, 4], null)).toEqual([1 - 0.04, 3 + 0.04]);
    const [lo, hi] = ecdfRange([0, 1, 2, 3, 100], [0, 1, 2, 3, 4], 50)!;
    expect(lo).toBeLessThan(1);
    expect(hi).toBeGreaterThan(50);
    expect(ecdfRange([0, 1], [0, 1, 2], null)).toBeNull();
    expect(ecdfRange([5, 5, 5], [5, 5, 5], null)).toBeNull();
  });

  it('lists distributions of drifted columns or of all, then one over-time chart per column', () => {
    const chunked = analyzeDrift({ reference: [num('x', normals(n, 1))], current: [num('x', normals(n, 2, 0.8))] }, { overTime: { chunk: { by: 'count', size: 100 } } });
    expect(driftCharts(chunked, 'all').map((c) => c.id)).toEqual(['distribution:x', 'ecdf:x', 'over-time:x']);
    expect(driftCharts({ ...r, columns: r.columns.map((c) => ({ ...c, drifted: false })) }, 'drifted')).toEqual([]);
  });
});

describe('drift over time', () => {
  const point = (i: number, over: Partial<OverTimeSeries['points'][number]> = {}) => ({ key: `k${i}`, label: `2026-W0${i}`, start: i, end: i + 1, rows: 100 * i, statistic: 0.1 * i, p_value: 10 ** -i, drifted: i >= 3, ...over });
  const base: OverTimeSeries = { column: 'x', role: 'feature', kind: 'numerical', test: 'ks', threshold: 0.01, band: null, note: null, seasonal: false, seasonality: null, points: [1, 2, 3].map((i) => point(i)) };

  it('plots a p-value test as −log10 p against −log10 of the threshold, drifted chunks marked', () => {
    const spec = overTimeChart(base, { by: 'period', period: 'week', timestamp: 'ts' });
    const t = traces(spec);
    const line = t.find((s) => s.name === '−log10 p per chunk')!;
    expect((line.y as number[]).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([1, 2, 3]);
    expect(line.x).toEqual(['2026-W01', '2026-W02', '2026-W03']);
    expect(t.find((s) => s.name === 'drifted chunk')!.y).toEqual([null, null, line.y![2]]);
    const threshold = t.find((s) => String(s.name).startsWith('threshold'))!;
    expect((threshold.y as number[])[0]).toBeCloseTo(2, 12);
    expect((spec.layout.yaxis as { title: { text: string } }).title.text).toBe('−log10 p (KS)');
    expect((spec.layout.xaxis as { title: { text: string } }).title.text).toBe('week (current data)');
  });

  it('draws the reference band under a distance statistic; numbers chunks of a row count', () => {
    const spec = overTimeChart({ ...base, test: 'psi', band: { mean: 0.1, std: 0.02, lower: 0.04, upper: 0.16, reference_chunks: 8 } }, { by: 'count', size: 500 });
    const t = traces(spec);
    const band = t.find((s) => s.name === 'reference band (mean ± 3σ)')!;
    expect(band.fill).toBe('tonexty');
    expect(band.y).toEqual([0.04, 0.04, 0.04]);
    expect(t[0].y).toEqual([0.16, 0.16, 0.16]);
    expect(t.find((s) => s.name === 'statistic per chunk')!.x).toEqual(['1', '2', '3']);
    expect(t.some((s) => String(s.name).startsWith('threshold'))).toBe(false);
    expect((spec.layout.xaxis as { title: { text: string } }).title.text).toBe('chunk of 500 rows, in order');
  });

  it('draws each chunk its own band with a per-season reference, a gap where it had none', () => {
    const bands = [{ mean: 0.1, std: 0.01, lower: 0.07, upper: 0.13, reference_chunks: 4 }, null, { mean: 0.2, std: 0.01, lower: 0.17, upper: 0.23, reference_chunks: 4 }];
    const spec = overTimeChart({ ...base, test: 'wasserstein', threshold: 0.1, points: base.points.map((p, i) => ({ ...p, band: bands[i], reference_period: 'Jan' })) });
    const t = traces(spec);
    expect(t.find((s) => s.name === 'reference band of the same season')!.y).toEqual([0.07, null, 0.17]);
    expect(t[0].y).toEqual([0.13, null, 0.23]);
    expect(t.find((s) => s.name === 'statistic per chunk')!.customdata).toEqual([
      ['2026-W01', 100, '<br>reference: Jan'],
      ['2026-W02', 200, '<br>reference: Jan'],
      ['2026-W03', 300, '<br>reference: Jan'],
    ]);
  });

  it('escapes hostile chunk labels and column names', () => {
    const spec = overTimeChart({ ...base, column: HOSTILE, points: [point(1, { label: HOSTILE })] });
    expect(JSON.stringify(spec.data) + JSON.stringify(spec.layout)).not.toContain('<img');
  });
});
