/**
 * Draws one of an analysis's chart specs (its module's `charts(result)`, a Plotly figure — the
 * figure the report draws, not a copy) with Plotly at the container's width. The div's
 * data-plotted attribute is set to the chart id once drawn (tests wait on it).
 */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { ChartSpec } from '../../../core/api/types';
import { baseLayout, usePlot } from './plotly';

export function SpecChart({ spec, label, className }: { spec: ChartSpec; label?: string; className?: string }) {
  const height = typeof spec.layout.height === 'number' ? spec.layout.height : 300;
  const layout = useMemo(() => {
    // The spec's own width is for the report; on screen the chart follows its container.
    const { width: _w, ...rest } = spec.layout as Record<string, unknown>;
    return { ...baseLayout(height), ...rest, showlegend: true, dragmode: false } as unknown as Layout;
  }, [spec, height]);
  const data = useMemo(() => spec.data as unknown as Data[], [spec]);
  const ref = usePlot(data, layout, spec.id);
  return <div ref={ref} className={`spec-chart ${className ?? ''}`} role="img" aria-label={label ?? spec.title} style={{ minHeight: height }} data-chart={spec.id} />;
}
