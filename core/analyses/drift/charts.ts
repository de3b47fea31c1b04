/**
 * Drift's charts, described once as Plotly figures: per column, the reference and current
 * distributions (shares per bin or category) and, for numerical columns, their ECDFs with the KS
 * gap marked; with chunking, the statistic per chunk against its threshold or alert band.
 */
import { num } from '../../format/numbers';
import { PALETTE } from '../../format/palette';
import { chartText, type ChartSpec } from '../chart';
import { P_VALUE_TESTS, type DriftColumnResult, type DriftResult, type OverTimeSeries } from './types';

const FONT = { family: 'Inter, system-ui, sans-serif', size: 11 };
const BASE_LAYOUT = { font: FONT, margin: { l: 56, r: 12, t: 36, b: 48 }, paper_bgcolor: '#ffffff', plot_bgcolor: '#ffffff', showlegend: true, legend: { orientation: 'h', x: 0, y: 1.12 } };

/** At most this many bars per side; beyond, the smallest categories are summed into one "other" bar. */
export const MAX_BARS = 24;

/** Bin labels from the result's edges, in the report's number format; null when they do not match the result's bins. */
export function numericBinLabels(edges: readonly number[]): string[] | null {
  const interior = edges.slice(1, -1);
  if (interior.length === 0) return null;
  const labels = [`< ${num(interior[0])}`];
  for (let i = 1; i < interior.length; i++) labels.push(`${num(interior[i - 1])} – ${num(interior[i])}`);
  labels.push(`≥ ${num(interior[interior.length - 1])}`);
  return labels;
}

/** The bars a distribution chart draws: nice numeric bin labels; the largest categories, the rest summed. */
export function distributionBars(c: DriftColumnResult, max = MAX_BARS): { labels: string[]; reference: number[]; current: number[]; folded: number } | null {
  const d = c.distribution;
  if (!d || d.labels.length === 0) return null;
  const nice = d.edges ? numericBinLabels(d.edges) : null;
  const labels = nice && nice.length === d.labels.length ? nice : [...d.labels];
  if (labels.length <= max) return { labels, reference: [...d.reference_shares], current: [...d.current_shares], folded: 0 };
  const weight = labels.map((_, i) => Math.max(d.reference_shares[i] ?? 0, d.current_shares[i] ?? 0));
  const order = weight.map((w, i) => [w, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const keep = new Set(order.slice(0, max - 1).map(([, i]) => i));
  const kept = labels.map((_, i) => i).filter((i) => keep.has(i));
  const rest = (xs: readonly number[]) => xs.reduce((acc, v, i) => (keep.has(i) ? acc : acc + (v ?? 0)), 0);
  const folded = labels.length - kept.length;
  return {
    labels: [...kept.map((i) => labels[i]), `(${folded} others)`],
    reference: [...kept.map((i) => d.reference_shares[i] ?? 0), rest(d.reference_shares)],
    current: [...kept.map((i) => d.current_shares[i] ?? 0), rest(d.current_shares)],
    folded,
  };
}

export function distributionChart(c: DriftColumnResult): ChartSpec | null {
  const b = distributionBars(c);
  if (!b) return null;
  const name = chartText(c.column);
  const bar = (series: string, shares: number[], color: string) => ({ type: 'bar', name: series, x: b.labels.map(chartText), y: shares, marker: { color } });
  return {
    id: `distribution:${c.column}`,
    title: `Distribution of ${c.column}`,
    data: [bar('reference', b.reference, PALETTE.reference), bar('current', b.current, PALETTE.current)],
    layout: {
      ...BASE_LAYOUT, barmode: 'group', width: 640, height: 280, title: { text: `Distribution of ${name}`, font: FONT },
      yaxis: { title: { text: 'share of values' }, tickformat: '.0%' },
      xaxis: { type: 'category', automargin: true, title: { text: c.kind === 'numerical' ? `${name} (reference decile bins)` : `${name} (category)` } },
    },
  };
}

export function ecdfChart(c: DriftColumnResult): ChartSpec | null {
  const d = c.distribution;
  if (!d?.reference_ecdf || !d.current_ecdf) return null;
  const line = (name: string, e: { p: number[]; values: number[] }, color: string) => ({ type: 'scatter', mode: 'lines', line: { shape: 'hv', color, width: 2 }, name, x: e.values, y: e.p });
  const data: Record<string, unknown>[] = [line('reference', d.reference_ecdf, PALETTE.reference), line('current', d.current_ecdf, PALETTE.current)];
  const gap = d.ks_gap;
  if (gap) data.push({ type: 'scatter', mode: 'lines', name: `largest gap ${gap.distance.toPrecision(3)}`, x: [gap.x, gap.x], y: [gap.reference, gap.current], line: { color: PALETTE.threshold, width: 2, dash: 'dot' } });
  const name = chartText(c.column);
  return {
    id: `ecdf:${c.column}`,
    title: `ECDF of ${c.column}`,
    data,
    layout: { ...BASE_LAYOUT, width: 640, height: 260, title: { text: `Cumulative distribution of ${name}`, font: FONT }, yaxis: { title: { text: 'share of rows ≤ x' }, range: [0, 1] }, xaxis: { automargin: true, title: { text: name } } },
  };
}

export function overTimeChart(s: OverTimeSeries): ChartSpec {
  const usesP = s.band === null && s.test !== null && P_VALUE_TESTS.has(s.test);
  const labels = s.points.map((p) => chartText(p.label));
  const values = s.points.map((p) => (usesP ? p.p_value : p.statistic));
  const data: Record<string, unknown>[] = [
    { type: 'scatter', mode: 'lines+markers', name: usesP ? 'p-value' : (s.test ?? 'statistic'), x: labels, y: values, line: { color: PALETTE.reference }, marker: { color: s.points.map((p) => (p.drifted ? PALETTE.drift : PALETTE.reference)), size: 7 } },
  ];
  if (s.band) {
    data.push({ type: 'scatter', mode: 'lines', name: 'alert band', x: [...labels, ...[...labels].reverse()], y: [...labels.map(() => s.band!.upper), ...labels.map(() => s.band!.lower)], fill: 'toself', fillcolor: 'rgba(86,180,233,0.2)', line: { color: PALETTE.band, width: 0 } });
  } else if (s.threshold !== null) {
    data.push({ type: 'scatter', mode: 'lines', name: 'threshold', x: labels, y: labels.map(() => s.threshold), line: { color: PALETTE.threshold, dash: 'dash', width: 1 } });
  }
  return {
    id: `over-time:${s.column}`,
    title: `Drift of ${s.column} per chunk`,
    data,
    layout: { ...BASE_LAYOUT, width: 640, height: 240, title: { text: `Drift of ${chartText(s.column)} per chunk`, font: FONT }, xaxis: { type: 'category', automargin: true, title: { text: 'chunk' } }, yaxis: { title: { text: usesP ? `p-value (${s.test}, log scale)` : `${s.test ?? 'statistic'}` }, type: usesP ? 'log' : 'linear' } },
  };
}

/** Every chart of a result: distributions (of drifted columns, or of all), then over time. */
export function driftCharts(result: DriftResult, which: 'drifted' | 'all'): ChartSpec[] {
  const out: ChartSpec[] = [];
  for (const c of result.columns) {
    if (which === 'drifted' && !c.drifted) continue;
    for (const chart of [distributionChart(c), ecdfChart(c)]) if (chart) out.push(chart);
  }
  for (const s of result.over_time?.series ?? []) out.push(overTimeChart(s));
  return out;
}
