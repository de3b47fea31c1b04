import { useMemo } from 'react';
import type { OverTimeResult, OverTimeSeries } from '../../../../core/analyses/drift/types';
import { plotlyText, seriesView } from '../driftFormat';
import { ChartLegend } from './ChartLegend';
import { baseLayout, CUR_COLOR, DRIFT_COLOR, usePlot } from '../../shared/plotly';

/** The column's statistic per chunk, with its threshold line (or reference band), drifted chunks in red. */
export function OverTimeChart({ series, overTime }: { series: OverTimeSeries; overTime: OverTimeResult }) {
  const view = useMemo(() => seriesView(series), [series]);
  // Row-count chunks are numbered (their row ranges are in the hover and the axis title); calendar
  // chunks keep their labels (2026-W10, 2026-03…).
  const byCount = overTime.chunk.by === 'count';
  const ticks = useMemo(() => series.points.map((p, i) => (byCount ? String(i + 1) : plotlyText(p.label))), [series, byCount]);
  const data = useMemo(() => {
    const x = ticks;
    const hover = series.points.map((p) => [plotlyText(p.label), p.rows]);
    const drifted = series.points.map((p, i) => (p.drifted && view.values[i] !== null ? view.values[i] : null));
    const traces: Record<string, unknown>[] = [
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: view.measure === 'neglog10p' ? '−log10 p' : 'statistic',
        x,
        y: view.values,
        customdata: hover,
        connectgaps: false,
        line: { color: CUR_COLOR, width: 2 },
        marker: { color: CUR_COLOR, size: 5 },
        hovertemplate: '%{customdata[0]}: %{y:.4g} (%{customdata[1]:,} rows)<extra></extra>',
      },
      {
        type: 'scatter',
        mode: 'markers',
        name: 'drifted',
        x,
        y: drifted,
        marker: { color: DRIFT_COLOR, size: 9, symbol: 'circle', line: { color: '#fff', width: 1 } },
        hoverinfo: 'skip',
      },
    ];
    if (view.band) {
      traces.unshift(
        { type: 'scatter', mode: 'lines', x, y: x.map(() => view.band!.upper), line: { width: 0 }, hoverinfo: 'skip', showlegend: false },
        {
          type: 'scatter',
          mode: 'lines',
          name: 'reference band (mean ± 3σ)',
          x,
          y: x.map(() => view.band!.lower),
          fill: 'tonexty',
          fillcolor: 'rgba(31,95,153,0.12)',
          line: { width: 0 },
          hoverinfo: 'skip',
        },
      );
    } else if (view.threshold !== null) {
      traces.push({
        type: 'scatter',
        mode: 'lines',
        name: 'threshold',
        x,
        y: x.map(() => view.threshold),
        line: { color: DRIFT_COLOR, width: 1.5, dash: 'dash' },
        hoverinfo: 'skip',
      });
    }
    return traces;
  }, [series, view, ticks]);
  const rotate = !byCount && (series.points.length > 6 || series.points.some((p) => p.label.length > 10));
  const layout = useMemo(
    () => ({
      ...baseLayout(rotate ? 260 : 230),
      margin: { l: 60, r: 12, t: 8, b: rotate ? 84 : 48 },
      xaxis: {
        title: {
          text: overTime.chunk.by === 'period' ? `${overTime.chunk.period} (current data)` : `chunk of ${overTime.chunk.size.toLocaleString('en-US')} rows, in order`,
          standoff: 6,
        },
        type: 'category',
        fixedrange: true,
        tickangle: rotate ? -30 : 0,
        nticks: 14,
      },
      yaxis: { title: { text: view.yTitle }, rangemode: 'tozero', gridcolor: '#eef1f4', fixedrange: true },
    }),
    [overTime, view.yTitle, rotate],
  );
  const ref = usePlot(series.points.length > 0 ? data : null, layout, series.column);
  if (series.points.length === 0) return <p className="drift-chart__empty muted">No chunks: the current data has no rows to cut.</p>;
  const nDrifted = series.points.filter((p) => p.drifted).length;
  return (
    <>
      <ChartLegend
        items={[
          { label: view.measure === 'neglog10p' ? '−log10 p per chunk' : 'statistic per chunk', color: CUR_COLOR, mark: 'line' },
          { label: 'drifted chunk', color: DRIFT_COLOR, mark: 'dot' },
          view.band ? { label: 'reference band (mean ± 3σ)', color: CUR_COLOR, mark: 'band' } : { label: 'threshold', color: DRIFT_COLOR, mark: 'dash' },
        ]}
      />
      <div
        ref={ref}
      className="drift-chart__plot"
      data-plot="over-time"
      role="img"
        aria-label={`${series.column} over ${series.points.length} chunks: ${nDrifted} drifted`}
      />
    </>
  );
}
