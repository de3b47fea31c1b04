import { useMemo } from 'react';
import type { DriftColumnResult } from '../../../../core/analyses/drift/types';
import { formatStat } from '../driftFormat';
import { ChartLegend } from './ChartLegend';
import { baseLayout, CUR_COLOR, DRIFT_COLOR, REF_COLOR, usePlot } from '../../shared/plotly';

/** The two ECDFs as step lines, with the KS distance drawn as a vertical segment at the largest gap. */
export function EcdfChart({ column }: { column: DriftColumnResult }) {
  const d = column.distribution;
  const ref = d?.reference_ecdf ?? null;
  const cur = d?.current_ecdf ?? null;
  // Computed exactly by the engine from the full samples, so it is the KS statistic itself.
  const gap = d?.ks_gap ?? null;
  const label = gap ? `D = ${formatStat(gap.distance)}` : '';

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
      // Named apart from `.current`, which the React compiler takes for a ref access.
      const { x: gx, reference: fRef, current: fCur } = gap;
      const mid = (fRef + fCur) / 2;
      const right = gx > (ref.values[0] + ref.values[ref.values.length - 1]) / 2;
      traces.push(
        {
          type: 'scatter',
          mode: 'lines+markers',
          name: 'KS distance',
          x: [gx, gx],
          y: [fRef, fCur],
          line: { color: DRIFT_COLOR, width: 2.5 },
          marker: { color: DRIFT_COLOR, size: 6, symbol: 'line-ew-open' },
          hovertemplate: `${label} at %{x:.4g}<extra></extra>`,
        },
        // The label as a text trace, not an annotation: the layout then never changes.
        {
          type: 'scatter',
          mode: 'text',
          x: [gx],
          y: [mid],
          text: [`  ${label}  `],
          textposition: right ? 'middle left' : 'middle right',
          textfont: { color: DRIFT_COLOR, size: 12 },
          hoverinfo: 'skip',
          cliponaxis: false,
        },
      );
    }
    return traces;
  }, [ref, cur, gap, label]);

  // The x range covers the 0.5–99.5% quantiles of both samples: a long tail would otherwise
  // squeeze the part where the two curves differ into a few pixels.
  const range = useMemo(() => {
    if (!ref || !cur || ref.values.length < 3 || cur.values.length < 3) return null;
    const lo = Math.min(ref.values[1], cur.values[1]);
    const hi = Math.max(ref.values[ref.values.length - 2], cur.values[cur.values.length - 2]);
    if (!(hi > lo)) return null;
    const pad = (hi - lo) * 0.02;
    return [lo - pad, hi + pad];
  }, [ref, cur]);
  const layout = useMemo(
    () => ({
      ...baseLayout(230),
      xaxis: { title: { text: 'value (0.5–99.5% quantiles)', standoff: 6 }, zeroline: false, gridcolor: '#eef1f4', fixedrange: true, ...(range ? { range, autorange: false } : { autorange: true }) },
      yaxis: { title: { text: 'cumulative share' }, range: [0, 1.04], tickformat: '.0%', gridcolor: '#eef1f4', fixedrange: true },
    }),
    [range],
  );
  const plot = usePlot(data, layout, column.column);
  const shown = ref !== null && cur !== null;
  // Mounted even when there is nothing to draw (a categorical column), so that the next numerical
  // column is a Plotly.react update rather than a new plot.
  return (
    <>
      {shown && (
        <ChartLegend
          items={[
            { label: 'reference', color: REF_COLOR, mark: 'line' },
            { label: 'current', color: CUR_COLOR, mark: 'line' },
            { label: 'KS distance', color: DRIFT_COLOR, mark: 'line' },
          ]}
        />
      )}
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
