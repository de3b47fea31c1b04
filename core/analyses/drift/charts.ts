/**
 * Drift's charts, described once as Plotly figures: per column, the reference and current
 * distributions (shares per bin or category) and, for numerical columns, their ECDFs with the KS
 * gap marked; with chunking, the statistic per chunk against its threshold or alert band.
 * The screen draws these very specs (SpecChart), the report prints them: hover text, ranges and
 * labels belong here, so both show the same chart.
 */
import { num } from '../../format/numbers';
import { PALETTE } from '../../format/palette';
import { chartText, type ChartSpec } from '../chart';
import { seriesView } from '../../format/drift-series';
import type { ChunkSpec, DriftColumnResult, DriftResult, OverTimeSeries } from './types';

const FONT = { family: 'Inter, system-ui, sans-serif', size: 11 };
const GRID = '#eef1f4';
/** The alert band: the band colour, light, so the line and its markers read over it. */
const BAND_FILL = 'rgba(86,180,233,0.22)';
/**
 * The legend sits on the plot's top edge and grows upward, the title at the top of the figure:
 * both push the top margin, so a legend that wraps (a narrow screen) never covers the plot or the title.
 */
/** The figures' own margins; automargin widens them for the legend, the title and the labels. */
export const CHART_MARGIN = { l: 56, r: 12, t: 36, b: 48 };
const BASE_LAYOUT = {
  font: FONT,
  margin: CHART_MARGIN,
  paper_bgcolor: '#ffffff',
  plot_bgcolor: '#ffffff',
  showlegend: true,
  legend: { orientation: 'h', x: 0, xanchor: 'left', y: 1, yanchor: 'bottom', traceorder: 'normal' },
};

/** A chart title (already written as text) at the top of the figure. */
function title(text: string) {
  return { text, font: FONT, yref: 'container', y: 1, yanchor: 'top', pad: { t: 8 }, automargin: true };
}

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

/** Tick labels longer than this are shortened (the hover keeps the whole label). */
export const TICK_CHARS = 30;

/**
 * Category-axis ticks: shortened, written as text (`chartText`), and kept distinct — two long
 * categories that shorten alike would otherwise share one bar slot — with invisible suffixes.
 */
export function tickTexts(labels: readonly string[], max = TICK_CHARS): string[] {
  const seen = new Set<string>();
  return labels.map((l) => {
    let t = chartText(l.length > max ? `${l.slice(0, max - 1)}…` : l);
    while (seen.has(t)) t += '\u200b';
    seen.add(t);
    return t;
  });
}

export function distributionChart(c: DriftColumnResult): ChartSpec | null {
  const b = distributionBars(c);
  if (!b) return null;
  const name = chartText(c.column);
  const x = tickTexts(b.labels);
  const full = b.labels.map(chartText);
  const bar = (series: string, shares: number[], color: string) => ({
    type: 'bar',
    name: series,
    x,
    y: shares,
    customdata: full,
    marker: { color },
    hovertemplate: `%{customdata}<br>${series}: %{y:.1%}<extra></extra>`,
  });
  const rotate = b.labels.length > 6 || b.labels.some((l) => l.length > 9);
  return {
    id: `distribution:${c.column}`,
    title: `Distribution of ${c.column}`,
    data: [bar('reference', b.reference, PALETTE.reference), bar('current', b.current, PALETTE.current)],
    layout: {
      ...BASE_LAYOUT, barmode: 'group', bargap: 0.18, bargroupgap: 0.04, width: 640, height: 280, title: title(`Distribution of ${name}`),
      yaxis: { title: { text: 'share of values' }, tickformat: '.0%', rangemode: 'tozero', gridcolor: GRID },
      xaxis: { type: 'category', automargin: true, tickangle: rotate ? -30 : 0, title: { text: c.kind === 'numerical' ? `${name} (reference decile bins)` : `${name} (category)` } },
    },
  };
}

/**
 * The x range an ECDF is drawn over: the 0.5–99.5% quantiles of both samples (the second and the
 * second-to-last of the 200 quantile points), widened to take in the largest gap. A long tail
 * would otherwise squeeze the part where the curves differ into a few pixels. Null: the whole range.
 */
export function ecdfRange(ref: readonly number[], cur: readonly number[], gapX: number | null): [number, number] | null {
  if (ref.length < 3 || cur.length < 3) return null;
  let lo = Math.min(ref[1], cur[1]);
  let hi = Math.max(ref[ref.length - 2], cur[cur.length - 2]);
  if (gapX !== null && Number.isFinite(gapX)) {
    lo = Math.min(lo, gapX);
    hi = Math.max(hi, gapX);
  }
  if (!(hi > lo)) return null;
  const pad = (hi - lo) * 0.02;
  return [lo - pad, hi + pad];
}

export function ecdfChart(c: DriftColumnResult): ChartSpec | null {
  const d = c.distribution;
  if (!d?.reference_ecdf || !d.current_ecdf) return null;
  const line = (name: string, e: { p: number[]; values: number[] }, color: string) => ({
    type: 'scatter',
    mode: 'lines',
    line: { shape: 'hv', color, width: 2 },
    name,
    x: e.values,
    y: e.p,
    hovertemplate: `${name}: %{y:.1%} ≤ %{x:.4g}<extra></extra>`,
  });
  const data: Record<string, unknown>[] = [line('reference', d.reference_ecdf, PALETTE.reference), line('current', d.current_ecdf, PALETTE.current)];
  const gap = d.ks_gap;
  const range = ecdfRange(d.reference_ecdf.values, d.current_ecdf.values, gap?.x ?? null);
  if (gap) {
    // The largest vertical gap is the KS statistic D itself (computed from the full samples).
    const label = `D = ${num(gap.distance, 3)}`;
    const [lo, hi] = range ?? [d.reference_ecdf.values[0], d.reference_ecdf.values[d.reference_ecdf.values.length - 1]];
    const right = gap.x > (lo + hi) / 2;
    data.push(
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: 'largest gap (KS distance)',
        x: [gap.x, gap.x],
        y: [gap.reference, gap.current],
        line: { color: PALETTE.drift, width: 2.5 },
        marker: { color: PALETTE.drift, size: 6, symbol: 'line-ew-open' },
        hovertemplate: `${label} at %{x:.4g}<extra></extra>`,
      },
      // The label as a text trace beside the segment, on the side with room.
      {
        type: 'scatter',
        mode: 'text',
        x: [gap.x],
        y: [(gap.reference + gap.current) / 2],
        text: [`  ${label}  `],
        textposition: right ? 'middle left' : 'middle right',
        textfont: { color: PALETTE.drift, size: 12 },
        hoverinfo: 'skip',
        showlegend: false,
        cliponaxis: false,
      },
    );
  }
  const name = chartText(c.column);
  return {
    id: `ecdf:${c.column}`,
    title: `ECDF of ${c.column}`,
    data,
    layout: {
      ...BASE_LAYOUT, width: 640, height: 260, title: title(`Cumulative distribution of ${name}`),
      yaxis: { title: { text: 'share of rows ≤ x' }, range: [0, 1.04], tickformat: '.0%', gridcolor: GRID },
      xaxis: { automargin: true, zeroline: false, gridcolor: GRID, title: { text: range ? `${name} (0.5–99.5% quantiles)` : name }, ...(range ? { range, autorange: false } : { autorange: true }) },
    },
  };
}

/** The x-axis title of an over-time chart: what one chunk is. */
function chunkTitle(chunk: ChunkSpec | undefined): string {
  if (!chunk) return 'chunk';
  return chunk.by === 'period' ? `${chunk.period} (current data)` : `chunk of ${num(chunk.size)} rows, in order`;
}

/**
 * The column's drift per chunk, drawn so that up always means more drift (`seriesView`): the
 * statistic against its alert band (one for the column, or one per chunk with a per-season
 * reference) or threshold, or −log10 p against −log10 of the threshold; drifted chunks in red.
 * Chunks of a row count are numbered (their labels are in the hover); calendar chunks keep theirs.
 */
export function overTimeChart(s: OverTimeSeries, chunk?: ChunkSpec): ChartSpec {
  const view = seriesView(s);
  const byCount = chunk?.by === 'count';
  const x = byCount ? s.points.map((_, i) => String(i + 1)) : tickTexts(s.points.map((p) => p.label));
  const hover = s.points.map((p) => [chartText(p.label), p.rows, p.reference_period === undefined ? '' : `<br>reference: ${chartText(p.reference_period)}`]);
  const measure = view.measure === 'neglog10p' ? '−log10 p' : 'statistic';
  const data: Record<string, unknown>[] = [];
  const bandTrace = (upper: (number | null)[], lower: (number | null)[], name: string) => [
    { type: 'scatter', mode: 'lines', x, y: upper, line: { width: 0, shape: 'hvh' }, hoverinfo: 'skip', showlegend: false, connectgaps: false },
    { type: 'scatter', mode: 'lines', name, x, y: lower, fill: 'tonexty', fillcolor: BAND_FILL, line: { width: 0, shape: 'hvh' }, hoverinfo: 'skip', connectgaps: false },
  ];
  if (view.band) data.push(...bandTrace(x.map(() => view.band!.upper), x.map(() => view.band!.lower), 'reference band (mean ± 3σ)'));
  else if (view.bands) data.push(...bandTrace(view.bands.map((b) => b?.upper ?? null), view.bands.map((b) => b?.lower ?? null), 'reference band of the same season'));
  data.push({
    type: 'scatter',
    mode: 'lines+markers',
    name: `${measure} per chunk`,
    x,
    y: view.values,
    customdata: hover,
    connectgaps: false,
    line: { color: PALETTE.current, width: 2 },
    marker: { color: PALETTE.current, size: 5 },
    hovertemplate: `%{customdata[0]}: ${measure} %{y:.4g} (%{customdata[1]:,} rows)%{customdata[2]}<extra></extra>`,
  });
  if (s.points.some((p) => p.drifted)) {
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: 'drifted chunk',
      x,
      y: s.points.map((p, i) => (p.drifted ? view.values[i] : null)),
      marker: { color: PALETTE.drift, size: 9, line: { color: '#ffffff', width: 1 } },
      hoverinfo: 'skip',
    });
  }
  if (view.threshold !== null) {
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: view.measure === 'neglog10p' ? `threshold (p = ${num(s.threshold)})` : 'threshold',
      x,
      y: x.map(() => view.threshold),
      line: { color: PALETTE.drift, width: 1.5, dash: 'dash' },
      hoverinfo: 'skip',
    });
  }
  const rotate = !byCount && (s.points.length > 6 || s.points.some((p) => p.label.length > 10));
  return {
    id: `over-time:${s.column}`,
    title: `Drift of ${s.column} per chunk`,
    data,
    layout: {
      ...BASE_LAYOUT, width: 640, height: 260, title: title(`Drift of ${chartText(s.column)} per chunk`),
      xaxis: { type: 'category', automargin: true, tickangle: rotate ? -30 : 0, nticks: 14, title: { text: chunkTitle(chunk) } },
      yaxis: { title: { text: view.yTitle }, rangemode: 'tozero', gridcolor: GRID },
    },
  };
}

/** Every chart of a result: distributions (of drifted columns, or of all), then over time. */
export function driftCharts(result: DriftResult, which: 'drifted' | 'all'): ChartSpec[] {
  const out: ChartSpec[] = [];
  for (const c of result.columns) {
    if (which === 'drifted' && !c.drifted) continue;
    for (const chart of [distributionChart(c), ecdfChart(c)]) if (chart) out.push(chart);
  }
  for (const s of result.over_time?.series ?? []) out.push(overTimeChart(s, result.over_time!.chunk));
  return out;
}
