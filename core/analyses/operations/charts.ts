/**
 * Operations charts, described once as Plotly figures (the screen and the report draw these):
 * latency percentiles, throughput, error rate and predicted-positive rate per chunk; latency per
 * model version; the score histogram overall and per chunk (a heatmap of shares); the
 * prediction distribution; volume by hour of day and day of week. Column names and values are data:
 * written through `chartText`, so Plotly shows their markup characters instead of reading them.
 */
import { PALETTE } from '../../format/palette';

import { chartText as t, type ChartSpec } from '../chart';
import type { OperationsResult } from './types';

const FONT = { family: 'Inter, system-ui, sans-serif', size: 11 };
const BASE = { font: FONT, margin: { l: 56, r: 12, t: 36, b: 48 }, paper_bgcolor: '#ffffff', plot_bgcolor: '#ffffff', showlegend: true, legend: { orientation: 'h', x: 0, y: 1.14 } };
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function layout(title: string, extra: Record<string, unknown>, height = 260): Record<string, unknown> {
  return { ...BASE, width: 640, height, title: { text: title, font: FONT }, ...extra };
}

/** A dashed horizontal line across the categories: the reference's value. */
function baselineTrace(labels: string[], value: number | null | undefined, name: string): Record<string, unknown>[] {
  return value === null || value === undefined ? [] : [{ type: 'scatter', mode: 'lines', name, x: labels, y: labels.map(() => value), line: { color: PALETTE.threshold, dash: 'dash', width: 1 } }];
}

export function operationsCharts(r: OperationsResult): ChartSpec[] {
  const out: ChartSpec[] = [];
  const o = r.over_time;
  const labels = o?.chunks.map((c) => c.label) ?? [];
  const xCat = { type: 'category', automargin: true };
  if (o && r.latency) {
    const line = (name: string, k: 'p50' | 'p95' | 'p99', color: string) => ({ type: 'scatter', mode: 'lines+markers', name, x: labels, y: o.chunks.map((c) => c.latency?.[k] ?? null), line: { color }, marker: { size: 5 } });
    out.push({
      id: 'latency-over-time',
      title: 'Latency per chunk',
      data: [line('P50', 'p50', PALETTE.series[0]), line('P95', 'p95', PALETTE.series[1]), line('P99', 'p99', PALETTE.series[3]), ...baselineTrace(labels, r.reference?.latency?.p99, 'reference P99')],
      layout: layout(`Latency per chunk (${t(r.columns.latency ?? '')}, ms)`, { xaxis: xCat, yaxis: { title: { text: 'milliseconds' }, rangemode: 'tozero' } }),
    });
  }
  if (o) {
    const perHour = o.chunks.some((c) => c.rows_per_hour !== null);
    out.push({
      id: 'throughput-over-time',
      title: perHour ? 'Throughput per chunk' : 'Rows per chunk',
      data: [{ type: 'bar', name: perHour ? 'rows per hour' : 'rows', x: labels, y: o.chunks.map((c) => (perHour ? c.rows_per_hour : c.rows)), marker: { color: PALETTE.reference } }, ...(perHour ? baselineTrace(labels, r.reference?.rows_per_hour, 'reference') : [])],
      layout: layout(perHour ? 'Throughput per chunk (rows per hour)' : 'Rows per chunk', { xaxis: xCat, yaxis: { title: { text: perHour ? 'rows per hour' : 'rows' }, rangemode: 'tozero' } }),
    });
  }
  if (o && r.errors) {
    out.push({
      id: 'error-rate-over-time',
      title: 'Error rate per chunk',
      data: [{ type: 'scatter', mode: 'lines+markers', name: 'error rate', x: labels, y: o.chunks.map((c) => c.error_rate), line: { color: PALETTE.drift } }, ...baselineTrace(labels, r.reference?.error_rate, 'reference')],
      layout: layout(`Error rate per chunk (${t(r.errors.rule)})`, { xaxis: xCat, yaxis: { title: { text: 'share of rows' }, tickformat: '.1%', rangemode: 'tozero' } }),
    });
  }
  if (o && r.predictions.predicted_positive_rate !== null) {
    out.push({
      id: 'positive-rate-over-time',
      title: 'Predicted-positive rate per chunk',
      data: [{ type: 'scatter', mode: 'lines+markers', name: 'predicted positive', x: labels, y: o.chunks.map((c) => c.predicted_positive_rate), line: { color: PALETTE.current } }, ...baselineTrace(labels, r.reference?.predicted_positive_rate, 'reference')],
      layout: layout(`Predicted-positive rate per chunk (${t(r.predictions.positive_rule ?? '')})`, { xaxis: xCat, yaxis: { title: { text: 'share of rows' }, tickformat: '.0%', rangemode: 'tozero' } }),
    });
  }
  // Per model version over time: one colour per version; P50 dotted, P95 dashed, P99 solid.
  const series = o?.by_version;
  if (o && series && series.length > 1) {
    const colour = (i: number) => PALETTE.series[i % PALETTE.series.length];
    if (r.latency) {
      const dash = { p50: 'dot', p95: 'dash', p99: 'solid' } as const;
      out.push({
        id: 'latency-by-version-over-time',
        title: 'Latency per chunk by model version',
        data: series.flatMap((v, i) =>
          (['p50', 'p95', 'p99'] as const).map((k) => ({
            type: 'scatter',
            mode: 'lines+markers',
            name: `${t(v.version)} ${k.toUpperCase()}`,
            legendgroup: t(v.version),
            x: labels,
            y: v.chunks.map((c) => c.latency?.[k] ?? null),
            line: { color: colour(i), dash: dash[k], width: k === 'p99' ? 2 : 1 },
            marker: { size: 4 },
          })),
        ),
        layout: layout(`Latency per chunk by ${t(r.columns.version ?? '')} (ms; P50 dotted, P95 dashed, P99 solid)`, { xaxis: xCat, yaxis: { title: { text: 'milliseconds' }, rangemode: 'tozero' }, legend: { orientation: 'h', x: 0, y: -0.25 }, margin: { ...BASE.margin, b: 96 } }, 320),
      });
    }
    const perHour = o.chunks.some((c) => c.rows_per_hour !== null);
    out.push({
      id: 'throughput-by-version-over-time',
      title: perHour ? 'Throughput per chunk by model version' : 'Rows per chunk by model version',
      data: series.map((v, i) => ({ type: 'scatter', mode: 'lines+markers', name: t(v.version), x: labels, y: v.chunks.map((c) => (perHour ? c.rows_per_hour : c.rows)), line: { color: colour(i) }, marker: { size: 5 } })),
      layout: layout(`${perHour ? 'Throughput (rows per hour)' : 'Rows'} per chunk by ${t(r.columns.version ?? '')}`, { xaxis: xCat, yaxis: { title: { text: perHour ? 'rows per hour' : 'rows' }, rangemode: 'tozero' } }),
    });
    if (r.errors) {
      out.push({
        id: 'error-rate-by-version-over-time',
        title: 'Error rate per chunk by model version',
        data: series.map((v, i) => ({ type: 'scatter', mode: 'lines+markers', name: t(v.version), x: labels, y: v.chunks.map((c) => c.error_rate), line: { color: colour(i) }, marker: { size: 5 } })),
        layout: layout(`Error rate per chunk by ${t(r.columns.version ?? '')} (${t(r.errors.rule)})`, { xaxis: xCat, yaxis: { title: { text: 'share of rows' }, tickformat: '.1%', rangemode: 'tozero' } }),
      });
    }
  }
  if (r.by_version && r.by_version.length && r.latency) {
    const versions = r.by_version.map((v) => t(v.version));
    const bar = (name: string, k: 'p50' | 'p95' | 'p99', color: string) => ({ type: 'bar', name, x: versions, y: r.by_version!.map((v) => v.latency?.[k] ?? null), marker: { color } });
    out.push({
      id: 'latency-by-version',
      title: 'Latency by model version',
      data: [bar('P50', 'p50', PALETTE.series[0]), bar('P95', 'p95', PALETTE.series[1]), bar('P99', 'p99', PALETTE.series[3])],
      layout: layout(`Latency by ${t(r.columns.version ?? '')} (ms)`, { barmode: 'group', xaxis: xCat, yaxis: { title: { text: 'milliseconds' } } }),
    });
  }
  const s = r.predictions.score;
  if (s) {
    const e = s.histogram.edges;
    const centres = s.histogram.counts.map((_, k) => (e[k] + e[k + 1]) / 2);
    out.push({
      id: 'score-histogram',
      title: 'Score histogram',
      data: [{ type: 'bar', name: 'rows', x: centres, y: s.histogram.counts, width: e[1] - e[0], marker: { color: PALETTE.reference } }],
      layout: layout(`Histogram of ${t(r.columns.score ?? '')}`, { bargap: 0.02, xaxis: { title: { text: t(r.columns.score ?? '') } }, yaxis: { title: { text: 'rows' } }, showlegend: false }),
    });
    if (o && o.chunks.some((c) => c.score_counts)) {
      const z = e.slice(0, -1).map((_, k) => o.chunks.map((c) => (c.score_counts && c.rows ? c.score_counts[k] / c.score_counts.reduce((a, b) => a + b, 0) || 0 : null)));
      out.push({
        id: 'score-over-time',
        title: 'Score distribution per chunk',
        data: [{ type: 'heatmap', name: 'share', x: labels, y: centres, z, colorscale: 'Blues', colorbar: { title: { text: 'share' }, tickformat: '.0%' } }],
        layout: layout(`Distribution of ${t(r.columns.score ?? '')} per chunk (share of the chunk's scores per bin)`, { xaxis: xCat, yaxis: { title: { text: t(r.columns.score ?? '') } }, showlegend: false }, 280),
      });
    }
  }
  const pd = r.predictions.prediction_distribution;
  if (pd && pd.length) {
    out.push({
      id: 'prediction-distribution',
      title: 'Prediction distribution',
      data: [{ type: 'bar', name: 'rows', x: pd.map((v) => t(v.value)), y: pd.map((v) => v.count), marker: { color: PALETTE.current } }],
      layout: layout(`Distribution of ${t(r.columns.prediction ?? '')}`, { xaxis: xCat, yaxis: { title: { text: 'rows' } }, showlegend: false }, 220),
    });
  }
  if (r.volume_by_hour) {
    out.push({
      id: 'volume-by-hour',
      title: 'Volume by hour of day',
      data: [{ type: 'bar', name: 'rows', x: r.volume_by_hour.map((_, h) => String(h).padStart(2, '0')), y: r.volume_by_hour, marker: { color: PALETTE.reference } }],
      layout: layout('Rows by hour of day (UTC)', { xaxis: xCat, yaxis: { title: { text: 'rows' } }, showlegend: false }, 220),
    });
  }
  if (r.volume_by_weekday) {
    out.push({
      id: 'volume-by-weekday',
      title: 'Volume by day of week',
      data: [{ type: 'bar', name: 'rows', x: WEEKDAYS, y: r.volume_by_weekday, marker: { color: PALETTE.reference } }],
      layout: layout('Rows by day of week (UTC)', { xaxis: xCat, yaxis: { title: { text: 'rows' } }, showlegend: false }, 220),
    });
  }
  return out;
}
