/**
 * Draws one of the analysis's chart specs (core/analyses/ab/charts.ts, via the engine's
 * analysisCharts) with Plotly at the container's width — the figure the report draws, not a copy.
 * data-plotted is set to the chart id when drawn (tests wait on it).
 */
import { useLayoutEffect, useRef } from 'react';
import type { ChartSpec } from '../../../core/api/types';
import { loadPlotly, PLOT_CONFIG } from '../drift/charts/plotly';

export function SpecChart({ spec }: { spec: ChartSpec }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    let live = true;
    el.dataset.plotted = '';
    void loadPlotly().then(async (P) => {
      if (!live) return;
      const width = el.clientWidth || 640;
      const layout = { ...spec.layout, width, autosize: false, paper_bgcolor: 'rgba(0,0,0,0)', dragmode: false };
      await P.react(el, spec.data as never, layout as never, PLOT_CONFIG);
      if (live) el.dataset.plotted = spec.id;
    });
    return () => {
      live = false;
    };
  }, [spec]);
  return <div ref={ref} className="ab-chart" data-chart={spec.id} role="img" aria-label={spec.title} />;
}
