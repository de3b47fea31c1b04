/**
 * Performance charts as Plotly figures, described once for the screen and the report: the
 * confusion-matrix heatmap, ROC and PR curves with the chosen and optimal thresholds marked,
 * calibration, score distributions by true class, metrics over time with label coverage and the
 * reference band, and for regression the residuals and their distribution.
 */
import { PALETTE } from '../../format/palette';
import { chartText, type ChartSpec } from '../chart';
import { HEADLINE_METRICS } from './evaluate';
import type { PerformanceRunResult } from './run';
import { RUN_THRESHOLD_META } from './at-threshold';
import { metricsAtThreshold } from './thresholds';
import type { ConfusionResult, OverTime } from './types';

const FONT = { family: 'Inter, system-ui, sans-serif', size: 11 };
// The legend sits under the x-axis title (anchored by its top, in the bottom margin), never on it.
const BASE = { font: FONT, margin: { l: 60, r: 16, t: 40, b: 110 }, paper_bgcolor: '#ffffff', plot_bgcolor: '#ffffff', showlegend: true, legend: { orientation: 'h', x: 0, y: -0.28, yanchor: 'top' } };
const title = (text: string) => ({ text, font: FONT });

/** 1234567 → "1,234,567" without Intl (whose first use costs a command tens of milliseconds). */
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Rows = actual, columns = predicted, as sklearn; each cell shows its count and its share of the actual class. */
export function confusionChart(c: ConfusionResult, id = 'confusion'): ChartSpec {
  const byTrue = c.normalized.true;
  const text = c.matrix.map((row, i) => row.map((v, j) => `${grouped(v)}<br>${(100 * (byTrue[i]?.[j] ?? 0)).toFixed(1)}%`));
  const size = Math.min(520, 200 + 48 * c.labels.length);
  return {
    id,
    title: 'Confusion matrix',
    data: [{
      type: 'heatmap', x: c.labels.map(chartText), y: c.labels.map(chartText), z: byTrue, text, texttemplate: '%{text}', hovertemplate: 'actual %{y}<br>predicted %{x}<br>%{text}<extra></extra>',
      colorscale: [[0, '#f7fbff'], [1, PALETTE.reference]], zmin: 0, zmax: 1, showscale: false,
    }],
    layout: {
      ...BASE, showlegend: false, width: size + 80, height: size, title: title('Confusion matrix (share of actual class)'),
      xaxis: { title: { text: 'predicted' }, type: 'category', side: 'bottom', automargin: true },
      yaxis: { title: { text: 'actual' }, type: 'category', autorange: 'reversed', automargin: true },
    },
  };
}

function marker(name: string, x: number, y: number, color: string, symbol: string, meta?: string): Record<string, unknown> {
  return { type: 'scatter', mode: 'markers', name, x: [x], y: [y], marker: { color, size: 10, symbol, line: { color: '#000', width: 1 } }, ...(meta ? { meta } : {}) };
}

/** The chosen and optimal thresholds as points on ROC (x = FPR, y = TPR) or PR (x = recall, y = precision). */
function thresholdMarks(r: PerformanceRunResult, curve: 'roc' | 'pr'): Record<string, unknown>[] {
  const table = r.binary?.table;
  if (!table) return [];
  const marks: [string, number | null | undefined, string, string, string?][] = [
    [`threshold ${r.threshold}`, r.threshold, PALETTE.threshold, 'circle', RUN_THRESHOLD_META],
    ['best F1', r.binary?.optimal?.f1?.threshold, PALETTE.series[2], 'diamond'],
    ['best Youden J', r.binary?.optimal?.youden?.threshold, PALETTE.series[3], 'square'],
    ['least cost', r.binary?.optimal?.cost?.threshold, PALETTE.series[4], 'triangle-up'],
  ];
  return marks.flatMap(([name, t, color, symbol, meta]) => {
    if (t === null || t === undefined) return [];
    const at = metricsAtThreshold(table, t).rates;
    return [curve === 'roc' ? marker(name, at.false_positive_rate, at.recall, color, symbol, meta) : marker(name, at.recall, at.precision, color, symbol, meta)];
  });
}

export function rocChart(r: PerformanceRunResult): ChartSpec | null {
  const roc = r.binary?.roc;
  if (!roc) return null;
  return {
    id: 'roc',
    title: 'ROC curve',
    data: [
      { type: 'scatter', mode: 'lines', name: `ROC (AUC ${r.metrics.roc_auc?.toFixed(3) ?? '—'})`, x: roc.x, y: roc.y, customdata: roc.thresholds, hovertemplate: 'FPR %{x:.3f}<br>TPR %{y:.3f}<br>threshold %{customdata:.4g}<extra></extra>', line: { color: PALETTE.current, width: 2 } },
      { type: 'scatter', mode: 'lines', name: 'chance', x: [0, 1], y: [0, 1], line: { color: '#999', dash: 'dot', width: 1 }, hoverinfo: 'skip' },
      ...thresholdMarks(r, 'roc'),
    ],
    layout: { ...BASE, width: 420, height: 400, title: title('ROC curve'), xaxis: { title: { text: 'false positive rate' }, range: [0, 1] }, yaxis: { title: { text: 'true positive rate (recall)' }, range: [0, 1.02] } },
  };
}

export function prChart(r: PerformanceRunResult): ChartSpec | null {
  const pr = r.binary?.pr;
  if (!pr) return null;
  const prevalence = r.metrics.prevalence ?? null;
  return {
    id: 'pr',
    title: 'Precision–recall curve',
    data: [
      { type: 'scatter', mode: 'lines', name: `PR (AP ${r.metrics.average_precision?.toFixed(3) ?? '—'})`, x: pr.x, y: pr.y, customdata: pr.thresholds, hovertemplate: 'recall %{x:.3f}<br>precision %{y:.3f}<br>threshold %{customdata:.4g}<extra></extra>', line: { color: PALETTE.current, width: 2, shape: 'vh' } },
      ...(prevalence !== null ? [{ type: 'scatter', mode: 'lines', name: 'chance (prevalence)', x: [0, 1], y: [prevalence, prevalence], line: { color: '#999', dash: 'dot', width: 1 }, hoverinfo: 'skip' }] : []),
      ...thresholdMarks(r, 'pr'),
    ],
    layout: { ...BASE, width: 420, height: 400, title: title('Precision–recall curve'), xaxis: { title: { text: 'recall' }, range: [0, 1] }, yaxis: { title: { text: 'precision' }, range: [0, 1.02] } },
  };
}

export function calibrationChart(r: PerformanceRunResult): ChartSpec | null {
  const c = r.binary?.calibration;
  if (!c || c.prob_true.length === 0) return null;
  return {
    id: 'calibration',
    title: 'Calibration',
    data: [
      { type: 'scatter', mode: 'lines+markers', name: `observed (ECE ${c.ece.toFixed(3)})`, x: c.prob_pred, y: c.prob_true, customdata: c.counts, hovertemplate: 'mean score %{x:.3f}<br>share positive %{y:.3f}<br>%{customdata} rows<extra></extra>', line: { color: PALETTE.current }, marker: { size: 7 } },
      { type: 'scatter', mode: 'lines', name: 'perfectly calibrated', x: [0, 1], y: [0, 1], line: { color: '#999', dash: 'dot', width: 1 }, hoverinfo: 'skip' },
    ],
    layout: { ...BASE, width: 420, height: 400, title: title(`Calibration (${c.strategy} bins)`), xaxis: { title: { text: 'mean score in bin' }, range: [0, 1] }, yaxis: { title: { text: 'share of positives' }, range: [0, 1.02] } },
  };
}

export function scoreDistributionChart(r: PerformanceRunResult): ChartSpec | null {
  const h = r.binary?.score_histograms;
  if (!h) return null;
  const mids = h.positive.edges.slice(0, -1).map((e, i) => (e + h.positive.edges[i + 1]) / 2);
  const bar = (name: string, counts: number[], color: string) => ({ type: 'bar', name, x: mids, y: counts, marker: { color }, opacity: 0.7 });
  const shapes = r.threshold !== null ? [{ type: 'line', x0: r.threshold, x1: r.threshold, yref: 'paper', y0: 0, y1: 1, line: { color: PALETTE.threshold, dash: 'dash', width: 1 } }] : [];
  return {
    id: 'score-by-class',
    title: 'Scores by true class',
    data: [bar(`actual ${chartText(String(r.binary!.negative_label))}`, h.negative.counts, PALETTE.reference), bar(`actual ${chartText(String(r.binary!.positive_label))}`, h.positive.counts, PALETTE.current)],
    layout: { ...BASE, barmode: 'overlay', bargap: 0.02, width: 640, height: 300, title: title('Scores by true class'), xaxis: { title: { text: `score (${chartText(r.columns.score ?? '')})` } }, yaxis: { title: { text: 'rows' } }, shapes },
  };
}

/** Each watched metric per chunk with the reference band, and label coverage per chunk on a second axis. */
export function overTimeChart(o: OverTime, metric: string): ChartSpec {
  const labels = o.chunks.map((c) => chartText(c.label));
  const band = o.band[metric] ?? null;
  const data: Record<string, unknown>[] = [];
  if (band) {
    data.push({ type: 'scatter', mode: 'lines', name: 'reference band (mean ± 3σ)', x: [...labels, ...[...labels].reverse()], y: [...labels.map(() => band.upper), ...labels.map(() => band.lower)], fill: 'toself', fillcolor: 'rgba(86,180,233,0.2)', line: { color: PALETTE.band, width: 0 }, hoverinfo: 'skip' });
  }
  data.push({ type: 'scatter', mode: 'lines+markers', name: metric, x: labels, y: o.chunks.map((c) => c.metrics[metric] ?? null), line: { color: PALETTE.current }, marker: { size: 6 } });
  data.push({ type: 'bar', name: 'label coverage', x: labels, y: o.chunks.map((c) => (c.rows ? c.labelled / c.rows : 0)), yaxis: 'y2', marker: { color: 'rgba(0,0,0,0.12)' }, hovertemplate: '%{y:.1%} labelled<extra></extra>' });
  return {
    id: `over-time:${metric}`,
    title: `${metric} over time`,
    data,
    layout: {
      ...BASE, width: 640, height: 320, title: title(`${metric} per chunk`),
      xaxis: { type: 'category', automargin: true }, yaxis: { title: { text: metric } },
      yaxis2: { title: { text: 'labelled' }, overlaying: 'y', side: 'right', range: [0, 1], tickformat: '.0%', showgrid: false },
      margin: { ...BASE.margin, r: 56 },
    },
  };
}

export function residualCharts(r: PerformanceRunResult): ChartSpec[] {
  const g = r.regression;
  if (!g) return [];
  const mids = g.error_histogram.edges.slice(0, -1).map((e, i) => (e + g.error_histogram.edges[i + 1]) / 2);
  return [
    {
      id: 'residuals',
      title: 'Residuals against prediction',
      // SVG, not WebGL: at most 2,000 points, and a machine or printing Chromium without a GPU draws no WebGL.
      data: [{ type: 'scatter', mode: 'markers', name: g.residuals.sampled ? 'error (sample of rows)' : 'error', x: g.residuals.prediction, y: g.residuals.error, marker: { color: PALETTE.current, size: 4, opacity: 0.5 } }],
      layout: { ...BASE, showlegend: false, width: 520, height: 340, title: title('Error (prediction − label) against prediction'), xaxis: { title: { text: `prediction (${chartText(r.columns.prediction ?? '')})` } }, yaxis: { title: { text: 'error' }, zeroline: true } },
    },
    {
      id: 'error-distribution',
      title: 'Error distribution',
      data: [{ type: 'bar', name: 'rows', x: mids, y: g.error_histogram.counts, marker: { color: PALETTE.reference } }],
      layout: { ...BASE, showlegend: false, width: 520, height: 300, title: title('Distribution of the error'), xaxis: { title: { text: 'prediction − label' } }, yaxis: { title: { text: 'rows' } } },
    },
  ];
}

/** Every chart of a run, in the order the screen and report show them. */
export function performanceCharts(r: PerformanceRunResult): ChartSpec[] {
  const out: (ChartSpec | null)[] = [r.confusion ? confusionChart(r.confusion) : null, rocChart(r), prChart(r), calibrationChart(r), scoreDistributionChart(r), ...residualCharts(r)];
  if (r.over_time && r.over_time.chunks.length) {
    for (const m of Object.keys(r.over_time.chunks[0].metrics)) if (HEADLINE_METRICS[r.task].includes(m)) out.push(overTimeChart(r.over_time, m));
  }
  return out.filter((c): c is ChartSpec => c !== null);
}
