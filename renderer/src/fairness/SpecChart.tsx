/** Draws one of the analysis's chart specs (a Plotly figure from the API's run) with Plotly. */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { ChartSpec } from '../../../core/api/types';
import { baseLayout, usePlot } from '../drift/charts/plotly';

export function SpecChart({ spec, label }: { spec: ChartSpec; label: string }) {
  const height = typeof spec.layout.height === 'number' ? spec.layout.height : 300;
  const layout = useMemo(() => {
    // The spec's own width is for the report; on screen the chart follows its container.
    const { width: _w, ...rest } = spec.layout as Record<string, unknown>;
    return { ...baseLayout(height), ...rest, showlegend: true, dragmode: false } as unknown as Layout;
  }, [spec, height]);
  const data = useMemo(() => spec.data as unknown as Data[], [spec]);
  const ref = usePlot(data, layout, spec.id);
  return <div ref={ref} className="fairness-chart" role="img" aria-label={label} style={{ minHeight: height }} data-chart={spec.id} />;
}
