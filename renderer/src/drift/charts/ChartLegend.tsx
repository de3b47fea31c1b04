/**
 * Chart legends in HTML rather than Plotly's: Plotly measures and lays out its legend on every
 * redraw, a noticeable share of a column change; this one is static text.
 */
export interface LegendItem {
  readonly label: string;
  readonly color: string;
  readonly mark: 'bar' | 'line' | 'dash' | 'dot' | 'band';
}

export function ChartLegend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {items.map((i) => (
        <li key={i.label} className="chart-legend__item">
          <svg width="18" height="10" className="chart-legend__mark">
            {i.mark === 'bar' && <rect x="4" y="0" width="10" height="10" fill={i.color} />}
            {i.mark === 'line' && <line x1="0" x2="18" y1="5" y2="5" stroke={i.color} strokeWidth="2" />}
            {i.mark === 'dash' && <line x1="0" x2="18" y1="5" y2="5" stroke={i.color} strokeWidth="1.5" strokeDasharray="4 2" />}
            {i.mark === 'dot' && <circle cx="9" cy="5" r="4" fill={i.color} />}
            {i.mark === 'band' && <rect x="0" y="1" width="18" height="8" fill={i.color} opacity="0.18" />}
          </svg>
          {i.label}
        </li>
      ))}
    </ul>
  );
}
