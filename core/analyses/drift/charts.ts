/**
 * Drift's charts, described once as Plotly figures: per column, the reference and current
 * distributions (shares per bin or category) and, for numerical columns, their ECDFs with the KS
 * gap marked; with chunking, the statistic per chunk against its threshold or alert band.
 */
import { PALETTE } from '../../format/palette';
import type { ChartSpec } from '../chart';
import { P_VALUE_TESTS, type DriftColumnResult, type DriftResult, type OverTimeSeries } from './types';

const FONT = { family: 'Inter, system-ui, sans-serif', size: 11 };
const BASE_LAYOUT = { font: FONT, margin: { l: 56, r: 12, t: 36, b: 48 }, paper_bgcolor: '#ffffff', plot_bgcolor: '#ffffff', showlegend: true, legend: { orientation: 'h', x: 0, y: 1.12 } };

export function distributionChart(c: DriftColumnResult): ChartSpec | null {
  const d = c.distribution;
  if (!d) return null;
  const bar = (name: string, shares: number[], color: string) => ({ type: 'bar', name, x: d.labels, y: shares, marker: { color } });
  return {
    id: `distribution:${c.column}`,
    title: `Distribution of ${c.column}`,
    data: [bar('reference', d.reference_shares, PALETTE.reference), bar('current', d.current_shares, PALETTE.current)],
    layout: { ...BASE_LAYOUT, barmode: 'group', width: 640, height: 260, title: { text: `Distribution of ${c.column}`, font: FONT }, yaxis: { title: { text: 'share of rows' }, tickformat: '.0%' }, xaxis: { type: 'category', automargin: true } },
  };
}

export function ecdfChart(c: DriftColumnResult): ChartSpec | null {
  const d = c.distribution;
  if (!d?.reference_ecdf || !d.current_ecdf) return null;
  const line = (name: string, e: { p: number[]; values: number[] }, color: string) => ({ type: 'scatter', mode: 'lines', line: { shape: 'hv', color, width: 2 }, name, x: e.values, y: e.p });
  const data: Record<string, unknown>[] = [line('reference', d.reference_ecdf, PALETTE.reference), line('current', d.current_ecdf, PALETTE.current)];
  const gap = d.ks_gap;
  if (gap) data.push({ type: 'scatter', mode: 'lines', name: `largest gap ${gap.distance.toPrecision(3)}`, x: [gap.x, gap.x], y: [gap.reference, gap.current], line: { color: PALETTE.threshold, width: 2, dash: 'dot' } });
  return {
    id: `ecdf:${c.column}`,
    title: `ECDF of ${c.column}`,
    data,
    layout: { ...BASE_LAYOUT, width: 640, height: 260, title: { text: `Cumulative distribution of ${c.column}`, font: FONT }, yaxis: { title: { text: 'share of rows ≤ x' }, range: [0, 1] }, xaxis: { automargin: true } },
  };
}

export function overTimeChart(s: OverTimeSeries): ChartSpec {
  const usesP = s.band === null && s.test !== null && P_VALUE_TESTS.has(s.test);
  const labels = s.points.map((p) => p.label);
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
    layout: { ...BASE_LAYOUT, width: 640, height: 240, title: { text: `Drift of ${s.column} per chunk`, font: FONT }, xaxis: { type: 'category', automargin: true }, yaxis: { title: { text: usesP ? `p-value (${s.test}, log scale)` : `${s.test ?? 'statistic'}` }, type: usesP ? 'log' : 'linear' } },
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
