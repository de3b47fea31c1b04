import { memo } from 'react';
import type { OverTimeSeries } from '../../../core/analyses/drift/types';
import { seriesView } from './driftFormat';
import { sparkline } from './sparklinePath';

const W = 84;
const H = 26;

/** Drift over time in one table cell: inline SVG (a plotly chart per row would be far too heavy). */
export const Sparkline = memo(function Sparkline({ series }: { series: OverTimeSeries | undefined }) {
  if (!series || series.points.length === 0) return <span className="muted">—</span>;
  const view = seriesView(series);
  const g = sparkline({ values: view.values, drifted: series.points.map((p) => p.drifted), threshold: view.threshold, band: view.band, width: W, height: H, pad: 3 });
  const nDrifted = series.points.filter((p) => p.drifted).length;
  const label = `${nDrifted} of ${series.points.length} chunks drifted`;
  return (
    <svg className="spark" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <title>{label}</title>
      {g.band && <rect className="spark__band" x={0} y={g.band.y} width={W} height={g.band.height} />}
      {g.thresholdY !== null && <line className="spark__threshold" x1={0} x2={W} y1={g.thresholdY} y2={g.thresholdY} />}
      {g.path && <path className="spark__line" d={g.path} />}
      {g.dots.map((d, i) => (
        <circle key={i} className={d.drifted ? 'spark__dot spark__dot--drift' : 'spark__dot'} cx={d.x} cy={d.y} r={d.drifted ? 2.4 : 1.6} />
      ))}
    </svg>
  );
});
