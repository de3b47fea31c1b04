/**
 * Draws one of an analysis's chart specs (its module's `charts(result)`, a Plotly figure — the
 * figure the report draws, not a copy) with Plotly at the container's width. The div's
 * data-plotted attribute is set to the chart id once drawn (tests wait on it). `zoom` lets the user
 * drag a box to zoom (double-click resets); `children` are laid over the plot (a screen's own marks,
 * placed by `onDrawn`, which is told after every draw, resize and zoom).
 */
import { useMemo, type ReactNode } from 'react';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { ChartSpec } from '../../../core/api/types';
import { baseLayout, usePlot } from './plotly';

export function SpecChart({
  spec,
  label,
  className,
  zoom = false,
  onDrawn,
  hidden = false,
  children,
}: {
  spec: ChartSpec;
  label?: string;
  className?: string;
  zoom?: boolean;
  onDrawn?: (el: HTMLDivElement) => void;
  /** Kept, out of sight, for a later spec to redraw in place: no chart id (nothing waits on it). */
  hidden?: boolean;
  children?: ReactNode;
}) {
  const height = typeof spec.layout.height === 'number' ? spec.layout.height : 300;
  const layout = useMemo(() => {
    // The spec's own width is for the report; on screen the chart follows its container.
    const { width: _w, ...rest } = spec.layout as Record<string, unknown>;
    return { ...baseLayout(height), ...rest, showlegend: true, dragmode: zoom ? 'zoom' : false } as unknown as Layout;
  }, [spec, height, zoom]);
  const data = useMemo(() => spec.data as unknown as Data[], [spec]);
  const ref = usePlot(data, layout, spec.id, onDrawn);
  const plot = <div ref={ref} className={`spec-chart ${className ?? ''}`} role="img" aria-label={label ?? spec.title} style={{ minHeight: height }} data-chart={hidden ? undefined : spec.id} />;
  if (children === undefined) return plot;
  return (
    <div className="spec-chart__frame">
      {plot}
      {children}
    </div>
  );
}
