/**
 * Fairness charts as Plotly figures, after Aequitas's disparity plot: per metric, each group's
 * disparity (log scale, so 0.8 and 1.25 sit equally far from 1) as a point with its bootstrap
 * interval, over the parity band [τ, 1/τ]; too-small groups grey. Over time: a metric's
 * disparity per chunk, one line per group.
 */
import { PALETTE } from '../../format/palette';
import { chartText, type ChartSpec } from '../chart';

export { chartText } from '../chart';
import { judgeGroup } from './judgement';
import { DISPARITY_RATES, type DisparityRate, type FairnessResult, type GroupResult } from './types';

const FONT = { family: 'Inter, system-ui, sans-serif', size: 11 };
const GREY = '#9a9a9a';

/** Plain names of the metrics, for titles and the report. */
export const METRIC_NAMES: Record<DisparityRate, string> = {
  tpr: 'true positive rate',
  tnr: 'true negative rate',
  fpr: 'false positive rate',
  fnr: 'false negative rate',
  fdr: 'false discovery rate',
  for: 'false omission rate',
  npv: 'negative predictive value',
  precision: 'precision',
  ppr: 'predicted positive rate (share of all positives)',
  pprev: 'selection rate (predicted prevalence)',
};

/** The metrics the report and the screen show first: the ones the 80% rule and ProPublica used. */
export const KEY_METRICS: readonly DisparityRate[] = ['pprev', 'fpr', 'fnr', 'precision'];

/** "race: Caucasian" — the y-axis label of a group (its attribute and value), escaped for Plotly. */
export function groupLabel(g: GroupResult): string {
  return chartText(`${g.attribute}: ${g.group}`);
}

/** Longest y-axis label before its middle is elided; the hover keeps the whole name. */
const MAX_ROW_LABEL = 44;

function shorten(s: string): string {
  if (s.length <= MAX_ROW_LABEL) return s;
  const head = Math.ceil((MAX_ROW_LABEL - 1) / 2);
  return `${s.slice(0, head)}…${s.slice(s.length - (MAX_ROW_LABEL - 1 - head))}`;
}

/**
 * A group's row on the y axis (screen and report), short enough to leave the plot its width on a narrow screen:
 * "race: Caucasian"; an intersection's rows only their values ("African-American × Male") when it
 * is the result's one intersection (the " × " says what they are); long names elided in the middle.
 */
export function rowText(result: FairnessResult, g: GroupResult): string {
  const intersections = result.attributes.filter((a) => a.columns.length > 1).length;
  return shorten(g.values.length > 1 && intersections === 1 ? g.group : `${g.attribute}: ${g.group}`);
}

/** `rowText` escaped for Plotly. */
export function rowLabel(result: FairnessResult, g: GroupResult): string {
  return chartText(rowText(result, g));
}

/**
 * A log axis for disparities: the range of the positive values with τ and 1/τ, and ticks at round
 * values and τ, 1/τ — Plotly's own log ticks label minor ticks with bare digits ("2 3 … 9 1 2"),
 * which read as disparities of 2…9. A disparity of 0 has no place on it (callers leave it out).
 */
export function logDisparityAxis(values: readonly (number | null)[], tau: number): { type: 'log'; range: [number, number]; tickmode: 'array'; tickvals: number[]; ticktext: string[] } {
  const bounds = [...values.filter((v): v is number => v !== null && v > 0 && Number.isFinite(v)), tau, 1 / tau];
  const lo = Math.log10(Math.min(...bounds)) - 0.08;
  const hi = Math.log10(Math.max(...bounds)) + 0.08;
  // 1.5: disparities just past 1/τ (COMPAS's 1.6) otherwise had no labelled value beyond 1.25.
  const round = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 1.5, 2, 3, 5, 10, 20, 50, 100];
  // Round values only where data is (not in the axis' padding, where a label would sit on the edge).
  const inData = (t: number) => Math.log10(t) >= lo + 0.04 && Math.log10(t) <= hi - 0.04;
  const ticks = [...round.filter(inData), tau, 1 / tau].filter((t, i, all) => all.indexOf(t) === i && Math.log10(t) >= lo && Math.log10(t) <= hi).sort((a, b) => a - b);
  // Round values crowding τ or 1/τ (closer than a twentieth of the range, e.g. 0.8 beside 1) give way to them.
  const gap = (hi - lo) / 20;
  const kept = ticks.filter((t) => t === tau || t === 1 / tau || t === 1 || ![tau, 1 / tau, 1].some((b) => b !== t && Math.abs(Math.log10(t) - Math.log10(b)) < gap));
  return { type: 'log', range: [lo, hi], tickmode: 'array', tickvals: kept, ticktext: kept.map((t) => String(Number(t.toPrecision(3)))) };
}

export function disparityChart(result: FairnessResult, rate: DisparityRate): ChartSpec {
  const field = `${rate}_disparity` as const;
  const groups = result.groups;
  const tau = result.tau;
  const labels = groups.map((g) => rowLabel(result, g));
  const values = groups.map((g) => g[field]);
  const intervals = groups.map((g) => g.disparity_intervals[rate] ?? null);
  const colors = groups.map((g) => {
    const j = judgeGroup(result, g);
    if (g.flags.is_reference) return PALETTE.reference;
    if (j.status === 'too_small' || g.flags.small_denominator.includes(rate)) return GREY;
    const v = g[field];
    if (v === null) return GREY;
    return v >= tau && v <= 1 / tau ? PALETTE.pass : PALETTE.drift;
  });
  const axis = logDisparityAxis([...values, ...intervals.flatMap((iv) => (iv ? [iv.low, iv.high] : []))], tau);
  const height = Math.max(224, 114 + 22 * groups.length);
  // A disparity of 0 or an undefined one has no place on a log axis: its row says so.
  const rowLabels = groups.map((g, i) => (values[i] === null ? `${labels[i]} (undefined)` : values[i] === 0 ? `${labels[i]} (0)` : labels[i]));
  const hover = groups.map((g) => {
    const j = judgeGroup(result, g);
    const iv = g.disparity_intervals[rate];
    const note = g.flags.is_reference ? 'reference group' : j.why ? `not judged: ${chartText(j.why)}` : '';
    return `${groupLabel(g)}<br>size ${g.size}<br>${rate} ${g[rate] ?? '–'}<br>disparity ${g[field] ?? 'undefined'}${iv ? ` [${iv.low.toPrecision(3)}, ${iv.high.toPrecision(3)}]` : ''}${note ? `<br>${note}` : ''}`;
  });
  const data: Record<string, unknown>[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name: `parity band [${tau}, ${Number((1 / tau).toPrecision(4))}]`,
      // Groups sit at y = 0, 1, …; the band covers every row from -0.5 to n - 0.5.
      x: [tau, 1 / tau, 1 / tau, tau, tau],
      y: [-0.5, -0.5, groups.length - 0.5, groups.length - 0.5, -0.5],
      fill: 'toself',
      fillcolor: 'rgba(86,180,233,0.18)',
      line: { color: PALETTE.band, width: 1 },
      hoverinfo: 'skip',
    },
    {
      type: 'scatter',
      mode: 'markers',
      name: `${rate} disparity`,
      x: values,
      y: groups.map((_, i) => i),
      marker: { color: colors, size: 9, line: { color: '#333333', width: 0.5 } },
      error_x: {
        type: 'data',
        symmetric: false,
        array: values.map((v, i) => (v !== null && intervals[i] ? Math.max(0, intervals[i]!.high - v) : 0)),
        arrayminus: values.map((v, i) => (v !== null && intervals[i] ? Math.max(0, v - intervals[i]!.low) : 0)),
        color: '#555555',
        thickness: 1.2,
        width: 3,
      },
      text: hover,
      hoverinfo: 'text',
      showlegend: false,
    },
  ];
  return {
    id: `disparity:${rate}`,
    title: `${rate} disparity (${METRIC_NAMES[rate]})`,
    data,
    layout: {
      font: FONT,
      width: 640,
      height,
      // The band's legend entry on a line of its own under the axis title: beside it, a narrow
      // plot (the screen at 1920 px puts the plot beside the table) drew one over the other.
      margin: { l: 12, r: 16, t: 40, b: 68 },
      paper_bgcolor: '#ffffff',
      plot_bgcolor: '#ffffff',
      showlegend: true,
      legend: { orientation: 'h', x: 0, y: 0, yref: 'container', yanchor: 'bottom' },
      title: { text: `${rate} disparity against the reference group`, font: FONT },
      xaxis: { ...axis, title: { text: `${rate} ÷ reference ${rate} (log scale)` }, zeroline: false, gridcolor: '#eeeeee' },
      yaxis: { type: 'linear', automargin: true, range: [groups.length - 0.5, -0.5], tickmode: 'array', tickvals: groups.map((_, i) => i), ticktext: rowLabels, zeroline: false, showgrid: false },
      shapes: [{ type: 'line', x0: 1, x1: 1, yref: 'paper', y0: 0, y1: 1, line: { color: PALETTE.threshold, width: 1, dash: 'dot' } }],
    },
  };
}

/** Most lines an over-time chart draws: past a handful, 36 lines of an intersection are a tangle nobody can follow. */
export const OVER_TIME_LINES = 8;

/**
 * The groups an over-time chart draws: all of them up to `limit`, else the `limit` furthest from
 * parity — by the largest |log disparity| over the chunks where the group was judged (too-small
 * chunks and undefined values do not count), ties by name. The rest are in the group table.
 */
export function overTimeGroups(result: FairnessResult, rate: DisparityRate, attribute: string, limit = OVER_TIME_LINES): { shown: string[]; total: number } {
  const points = result.over_time?.points ?? [];
  const names = [...new Set(points.flatMap((p) => p.groups.filter((g) => g.attribute === attribute).map((g) => g.group)))];
  if (names.length <= limit) return { shown: names, total: names.length };
  const worst = new Map<string, number>(names.map((n) => [n, -1]));
  for (const p of points) {
    for (const g of p.groups) {
      const d = g.disparities[rate];
      if (g.attribute !== attribute || g.too_small || d === null || d === undefined || !(d > 0) || !Number.isFinite(d)) continue;
      worst.set(g.group, Math.max(worst.get(g.group)!, Math.abs(Math.log(d))));
    }
  }
  const ranked = [...names].sort((a, b) => worst.get(b)! - worst.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  // Drawn in the order of the data (legend colours stay stable when the ranking shifts).
  const keep = new Set(ranked.slice(0, limit));
  return { shown: names.filter((n) => keep.has(n)), total: names.length };
}

export function overTimeChart(result: FairnessResult, rate: DisparityRate, attribute: string): ChartSpec | null {
  const ot = result.over_time;
  if (!ot || ot.points.length === 0) return null;
  // Row chunks are named "rows 1–1000": the axis title says "rows", the ticks keep the numbers.
  const byRows = ot.unit === 'row';
  const labels = ot.points.map((p) => (byRows ? p.label.replace(/^rows /, '') : p.label));
  const xs = labels.map(chartText);
  const { shown: groupNames, total } = overTimeGroups(result, rate, attribute);
  if (groupNames.length === 0) return null;
  const subset = groupNames.length < total ? ` — the ${groupNames.length} of ${total} groups furthest from parity (all in the group table)` : '';
  const data: Record<string, unknown>[] = groupNames.map((name, i) => ({
    type: 'scatter',
    mode: 'lines+markers',
    name: chartText(name),
    x: xs,
    // 0 (no events in the group this chunk) cannot sit on a log axis: a gap, said in the title.
    y: ot.points.map((p) => {
      const v = p.groups.find((g) => g.attribute === attribute && g.group === name)?.disparities[rate] ?? null;
      return v === null || v <= 0 ? null : v;
    }),
    line: { color: PALETTE.series[i % PALETTE.series.length], width: 1.5 },
    // Chunks where the group was too small to judge are hollow markers.
    marker: { size: 6, symbol: ot.points.map((p) => (p.groups.find((g) => g.attribute === attribute && g.group === name)?.too_small ? 'circle-open' : 'circle')) },
    connectgaps: false,
  }));
  const axis = logDisparityAxis(data.flatMap((d) => d.y as (number | null)[]), result.tau);
  data.push({ type: 'scatter', mode: 'lines', name: `τ = ${result.tau}`, x: xs, y: xs.map(() => result.tau), line: { color: PALETTE.threshold, dash: 'dash', width: 1 }, hoverinfo: 'skip' });
  data.push({ type: 'scatter', mode: 'lines', name: `1/τ`, x: xs, y: xs.map(() => 1 / result.tau), line: { color: PALETTE.threshold, dash: 'dash', width: 1 }, hoverinfo: 'skip', showlegend: false });
  // The legend grows with the groups (an intersection has dozens): rows of entries as wide as the
  // longest name, below the plot; the figure grows by them instead of the plot shrinking under them.
  const longest = Math.max(...groupNames.map((n) => n.length), 8);
  // Plotly wraps a horizontal legend at the plot's width (640 less the margins): an entry is its
  // 40-px symbol and ~5.6 px a character at 11 px (rounded up: too few rows would cover the chunk labels).
  const perRow = Math.max(1, Math.floor(572 / (40 + 5.6 * longest)));
  const legendRows = Math.ceil((groupNames.length + 1) / perRow);
  const bottom = 84 + 19 * legendRows;
  return {
    id: `over-time:${rate}:${attribute}`,
    title: `${rate} disparity of ${attribute} per chunk${subset}`,  // plain text (the report escapes it)
    data,
    layout: {
      font: FONT,
      width: 640,
      height: 222 + bottom,
      // The legend sits at the bottom of the figure, below the (possibly slanted) chunk labels.
      margin: { l: 56, r: 12, t: 52, b: bottom },
      paper_bgcolor: '#ffffff',
      plot_bgcolor: '#ffffff',
      showlegend: true,
      legend: { orientation: 'h', x: 0, y: 0, yref: 'container', yanchor: 'bottom' },
      title: { text: `${rate} disparity of ${chartText(attribute)} per chunk${subset}<br>(hollow: too small to judge; gap: undefined or 0)`, font: FONT },
      xaxis: { type: 'category', tickangle: labels.length > 6 ? -30 : 0, title: { text: byRows ? 'rows' : 'chunk', standoff: 4 } },
      yaxis: { ...axis, title: { text: `${rate} disparity (log)` }, gridcolor: '#eeeeee' },
    },
  };
}

/** Every chart: a disparity plot per metric, then each attribute's over-time view of each key metric. */
export function fairnessCharts(result: FairnessResult): ChartSpec[] {
  const out: ChartSpec[] = [];
  if (result.groups.length === 0) return out;
  for (const r of DISPARITY_RATES) out.push(disparityChart(result, r));
  for (const a of result.attributes) {
    for (const r of KEY_METRICS) {
      const c = overTimeChart(result, r, a.attribute);
      if (c) out.push(c);
    }
  }
  return out;
}
