/**
 * A/B charts, described once as Plotly figures: the relative lift of every metric × treatment with
 * its interval (a forest plot, coloured by verdict), the cumulative lift per day with its interval
 * narrowing, and the lift per segment. Lifts are relative (%), or absolute when control's mean is 0.
 * Print-ready: each has a fixed width and height, a title and both axis titles, so the report can
 * draw it as it is (on screen, SpecChart fits it to its container).
 */
import { PALETTE } from '../../format/palette';
import { chartText, type ChartSpec } from '../chart';
import type { AbResult, MetricResult, OverTimeSeries } from './types';

const FONT = { family: 'Inter, system-ui, sans-serif', size: 11 };
/**
 * The legend is the spec's to place, not the host's: the screen shows legends (SpecChart), and with
 * none placed here Plotly put it at the right of the plot, taking a fifth of a 1024-px screen's
 * chart. It sits on the plot's top edge growing upward, the title at the top of the figure, both
 * pushing the top margin (as the drift charts), so a wrapped legend covers neither.
 */
const LEGEND = { orientation: 'h', x: 0, xanchor: 'left', y: 1, yanchor: 'bottom', traceorder: 'normal' };
const BASE_LAYOUT = { font: FONT, margin: { l: 56, r: 16, t: 40, b: 48 }, paper_bgcolor: '#ffffff', plot_bgcolor: '#ffffff', showlegend: true, legend: LEGEND };

/** A chart title at the top of the figure (the legend below it pushes the plot down, not over it). */
function title(text: string) {
  return { text: chartText(text), font: FONT, yref: 'container', y: 1, yanchor: 'top', pad: { t: 8 }, automargin: true };
}
const GREY = '#6b7280';

export function verdictColour(v: MetricResult['verdict']): string {
  return v === 'better' ? PALETTE.pass : v === 'worse' ? PALETTE.drift : GREY;
}

/** Lift and interval in display units: % when relative lift exists, else the absolute difference. */
function liftOf(r: MetricResult): { x: number; low: number; high: number; relative: boolean } | null {
  if (r.relative_lift !== null && r.ci_low !== null && r.ci_high !== null) return { x: 100 * r.relative_lift, low: 100 * r.ci_low, high: 100 * r.ci_high, relative: true };
  if (r.absolute_lift !== null && r.absolute_ci_low !== null && r.absolute_ci_high !== null) return { x: r.absolute_lift, low: r.absolute_ci_low, high: r.absolute_ci_high, relative: false };
  return null;
}

const MAX_LABEL = 48;

/** At most n characters, an ellipsis marking the cut. */
function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** "metric · treatment" with each part shortened, so the treatment stays readable after a long name. */
function rowLabel(name: string, variant: string | null): string {
  return variant === null ? clip(name, MAX_LABEL) : `${clip(name, 32)} · ${clip(variant, 14)}`;
}

/**
 * Axis labels no longer than MAX_LABEL (a segment value is data and may be a paragraph: the
 * automatic margin would then eat the plot on a fixed-width page), still distinct, since a
 * category axis merges equal labels into one row.
 */
export function axisLabels(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  return labels.map((l) => {
    const base = l.length > MAX_LABEL ? `${l.slice(0, MAX_LABEL - 1)}…` : l;
    let out = base;
    for (let k = 2; seen.has(out); k++) out = `${base} (${k})`;
    seen.add(out);
    return out;
  });
}

/** A forest plot: one row per result (label), the lift as a point with its interval as error bars. */
function forest(id: string, heading: string, yTitle: string, rows: readonly { label: string; r: MetricResult }[]): ChartSpec | null {
  const shown = rows.map((x) => ({ ...x, l: liftOf(x.r) })).filter((x) => x.l !== null) as { label: string; r: MetricResult; l: NonNullable<ReturnType<typeof liftOf>> }[];
  if (shown.length === 0) return null;
  const allRelative = shown.every((s) => s.l.relative);
  const plain = axisLabels(shown.map((s) => (s.l.relative || !allRelative ? s.label : `${s.label} (absolute)`)));
  const labels = plain.map(chartText);
  const height = Math.max(160, 70 + 34 * shown.length);
  const longest = Math.max(...plain.map((l) => l.length));
  return {
    id,
    title: heading,
    data: [
      {
        type: 'scatter',
        mode: 'markers',
        name: 'lift',
        // One trace, coloured by verdict: a legend entry "lift" would explain nothing.
        showlegend: false,
        x: shown.map((s) => s.l.x),
        y: labels,
        error_x: { type: 'data', symmetric: false, array: shown.map((s) => s.l.high - s.l.x), arrayminus: shown.map((s) => s.l.x - s.l.low), color: GREY, thickness: 2, width: 6 },
        marker: { size: 10, color: shown.map((s) => verdictColour(s.r.verdict)) },
        hovertemplate: allRelative ? '%{y}: %{x:.2f}%<extra></extra>' : '%{y}: %{x:.4g}<extra></extra>',
      },
    ],
    layout: {
      ...BASE_LAYOUT,
      width: 640,
      height,
      margin: { ...BASE_LAYOUT.margin, l: Math.min(290, 36 + 6.5 * longest) },
      title: title(heading),
      xaxis: { title: { text: allRelative ? 'relative lift vs control (%)' : 'lift vs control' }, zeroline: true, zerolinecolor: PALETTE.threshold, zerolinewidth: 1, ticksuffix: allRelative ? '%' : '' },
      yaxis: { type: 'category', autorange: 'reversed', automargin: true, title: { text: yTitle, standoff: 8 } },
    },
  };
}

export function liftChart(result: AbResult): ChartSpec | null {
  const multi = result.treatments.length > 1;
  return forest('lift', 'Lift by metric', multi ? 'metric · treatment' : 'metric', result.results.map((r) => ({ label: rowLabel(r.metric, multi ? r.variant : null), r })));
}

export function segmentChart(result: AbResult, metric: string): ChartSpec | null {
  const s = result.segments;
  if (!s) return null;
  const multi = result.treatments.length > 1;
  const rows = s.results.filter((r) => r.metric === metric).map((r) => ({ label: rowLabel(r.segment ?? '', multi ? r.variant : null), r }));
  return forest(`segments:${metric}`, `Lift of ${metric} by ${s.column}`, multi ? `${s.column} · treatment` : s.column, rows);
}

export function overTimeChart(s: OverTimeSeries): ChartSpec | null {
  const pts = s.points.filter((p) => p.relative_lift !== null);
  if (pts.length === 0) return null;
  const days = pts.map((p) => p.day);
  const pct = (v: number | null) => (v === null ? null : 100 * v);
  const withBand = pts.filter((p) => p.ci_low !== null && p.ci_high !== null);
  const heading = `Cumulative lift of ${s.metric} (${s.variant})`;
  return {
    id: `over-time:${s.metric}:${s.variant}`,
    title: heading,
    data: [
      {
        type: 'scatter',
        mode: 'lines',
        name: 'interval',
        x: [...withBand.map((p) => p.day), ...withBand.map((p) => p.day).reverse()],
        y: [...withBand.map((p) => pct(p.ci_high)), ...withBand.map((p) => pct(p.ci_low)).reverse()],
        fill: 'toself',
        fillcolor: 'rgba(86,180,233,0.25)',
        line: { color: PALETTE.band, width: 0 },
        hoverinfo: 'skip',
      },
      { type: 'scatter', mode: 'lines+markers', name: 'cumulative lift', x: days, y: pts.map((p) => pct(p.relative_lift)), line: { color: PALETTE.reference, width: 2 }, marker: { size: 4 } },
      { type: 'scatter', mode: 'lines', name: 'no effect', x: [days[0], days[days.length - 1]], y: [0, 0], line: { color: PALETTE.threshold, width: 1, dash: 'dash' }, hoverinfo: 'skip' },
    ],
    layout: { ...BASE_LAYOUT, width: 640, height: 280, title: title(heading), xaxis: { type: 'date', automargin: true, title: { text: 'day (UTC, cumulative)' } }, yaxis: { title: { text: 'relative lift (%)' }, ticksuffix: '%', automargin: true } },
  };
}

/** Every chart of a result: lifts, then cumulative lift over time, then segments. */
export function abCharts(result: AbResult): ChartSpec[] {
  const out: (ChartSpec | null)[] = [liftChart(result)];
  for (const s of result.over_time ?? []) out.push(overTimeChart(s));
  if (result.segments) for (const m of new Set(result.segments.results.map((r) => r.metric))) out.push(segmentChart(result, m));
  return out.filter((c): c is ChartSpec => c !== null);
}
