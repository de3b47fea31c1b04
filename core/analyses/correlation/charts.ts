/**
 * Correlation heatmaps as Plotly figures: reference, current and the change (current −
 * reference), on a diverging scale fixed at [−1, 1] (change: [−2, 2]) so colours mean the same in
 * every report. An undefined cell is a gap with "undefined" in its text, never a 0. Column names
 * go through `chartText`, so Plotly shows their markup characters instead of reading them.
 */
import type { ChartSpec } from '../chart';
import { chartText } from '../chart';
import type { CorrelationResult, Matrix } from './types';

const FONT = { family: 'Inter, system-ui, sans-serif', size: 11 };
const METHOD = { pearson: 'Pearson', spearman: 'Spearman' } as const;

function heatmap(id: string, title: string, names: string[], m: Matrix, range: number): ChartSpec {
  const size = Math.min(640, 160 + 28 * names.length);
  return {
    id,
    title,
    data: [{
      type: 'heatmap', x: names, y: names, z: m, zmin: -range, zmax: range, colorscale: 'RdBu', reversescale: true,
      text: m.map((row) => row.map((v) => (v === null ? 'undefined' : v.toFixed(2)))), texttemplate: names.length <= 12 ? '%{text}' : '', hovertemplate: '%{y} × %{x}: %{text}<extra></extra>',
      colorbar: { thickness: 12 }, hoverongaps: true,
    }],
    layout: { font: FONT, title: { text: title, font: FONT }, width: size + 80, height: size, margin: { l: 120, r: 16, t: 40, b: 120 }, xaxis: { type: 'category', automargin: true, tickangle: -45 }, yaxis: { type: 'category', automargin: true, autorange: 'reversed' }, paper_bgcolor: '#ffffff', plot_bgcolor: '#f3f4f6' },
  };
}

export function correlationCharts(r: CorrelationResult): ChartSpec[] {
  if (r.columns.length < 2) return [];
  const names = r.columns.map(chartText);
  const m = METHOD[r.method];
  return [
    heatmap('correlation:current', `${m} correlation, current`, names, r.current, 1),
    heatmap('correlation:reference', `${m} correlation, reference`, names, r.reference, 1),
    heatmap('correlation:change', `Change in ${m} correlation (current − reference)`, names, r.change, 2),
  ];
}
