/** One Plotly chart (hover, zoom) from traces and a layout; `tag` marks the draw for tests. */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js-dist-min';
import { baseLayout, usePlot } from '../shared/plotly';

export function Plot({ data, layout, height, tag, label }: { data: readonly Record<string, unknown>[]; layout: Partial<Layout>; height: number; tag: string; label: string }) {
  const full = useMemo(() => ({ ...baseLayout(height), showlegend: true, legend: { orientation: 'h', x: 0, y: -0.25 }, dragmode: 'zoom', margin: { l: 60, r: 16, t: 8, b: 70 }, ...layout }) as Layout, [layout, height]);
  const ref = usePlot(data as Data[], full, tag);
  return <div ref={ref} className="perf-plot" role="img" aria-label={label} style={{ height }} />;
}
