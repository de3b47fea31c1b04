import { useMemo } from 'react';
import type { DriftColumnResult } from '../../../../core/analyses/drift/types';
import { ksGap } from '../ecdf';
import { formatStat } from '../driftFormat';
import { baseLayout, CUR_COLOR, DRIFT_COLOR, REF_COLOR, usePlot } from './plotly';

/** The two ECDFs as step lines, with the KS distance drawn as a vertical segment at the largest gap. */
export function EcdfChart({ column }: { column: DriftColumnResult }) {
  const d = column.distribution;
  const ref = d?.reference_ecdf ?? null;
  const cur = d?.current_ecdf ?? null;
  const gap = useMemo(() => (ref && cur ? ksGap(ref, cur) : null), [ref, cur]);
  // The exact KS statistic when KS was the test; otherwise the gap read off the plotted ECDFs.
  const label = gap ? (column.test === 'ks' && column.statistic !== null ? `D = ${formatStat(column.statistic)}` : `D ≈ ${formatStat(gap.d)}`) : '';

  const data = useMemo(() => {
    if (!ref || !cur) return null;
    const step = (name: string, q: { p: number[]; values: number[] }, color: string) => ({
      type: 'scatter',
      mode: 'lines',
      name,
      x: q.values,
      y: q.p,
      line: { shape: 'hv', color, width: 2 },
      hovertemplate: `${name}: %{y:.1%} ≤ %{x:.4g}<extra></extra>`,
    });
    const traces: Record<string, unknown>[] = [step('reference', ref, REF_COLOR), step('current', cur, CUR_COLOR)];
    if (gap) {
      traces.push({
        type: 'scatter',
        mode: 'lines+markers',
        name: 'KS distance',
        x: [gap.x, gap.x],
        y: [gap.fRef, gap.fCur],
        line: { color: DRIFT_COLOR, width: 2.5 },
        marker: { color: DRIFT_COLOR, size: 6, symbol: 'line-ew-open' },
        hovertemplate: `${label} at %{x:.4g}<extra></extra>`,
      });
    }
    return traces;
  }, [ref, cur, gap, label]);

  const layout = useMemo(() => {
    const l: Record<string, unknown> = {
      ...baseLayout(230),
      xaxis: { title: { text: 'value', standoff: 6 }, zeroline: false, gridcolor: '#eef1f4' },
      yaxis: { title: { text: 'cumulative share' }, range: [0, 1.04], tickformat: '.0%', gridcolor: '#eef1f4' },
    };
    if (gap) {
      const right = gap.x > ((ref?.values[0] ?? 0) + (ref?.values[ref.values.length - 1] ?? 0)) / 2;
      l.annotations = [
        {
          x: gap.x,
          y: (gap.fRef + gap.fCur) / 2,
          text: label,
          showarrow: false,
          xanchor: right ? 'right' : 'left',
          xshift: right ? -8 : 8,
          font: { color: DRIFT_COLOR, size: 12 },
          bgcolor: 'rgba(255,255,255,0.85)',
        },
      ];
    }
    return l;
  }, [gap, label, ref]);

  const plot = usePlot(data, layout, column.column);
  const shown = ref !== null && cur !== null;
  // Mounted even when there is nothing to draw (a categorical column), so that the next numerical
  // column is a Plotly.react update rather than a new plot.
  return (
    <>
      <div
        ref={plot}
        className="drift-chart__plot"
        hidden={!shown}
        data-plot={shown ? 'ecdf' : undefined}
        role="img"
        aria-label={`Cumulative distributions of ${column.column}, reference and current${label ? `; largest gap ${label}` : ''}`}
      />
      {!shown && column.kind === 'numerical' && <p className="drift-chart__empty muted">No values to draw.</p>}
    </>
  );
}
