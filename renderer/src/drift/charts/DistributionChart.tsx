import { useMemo } from 'react';
import type { DriftColumnResult } from '../../../../core/analyses/drift/types';
import { binLabels, formatShare, plotlyText, tickLabels } from '../driftFormat';
import { ChartLegend } from './ChartLegend';
import { baseLayout, CUR_COLOR, REF_COLOR, usePlot } from '../../shared/plotly';

/** Bars beyond this many categories are summed into one "other" bar. */
export const MAX_BARS = 30;

export interface Bars {
  readonly labels: string[];
  readonly refShares: number[];
  readonly curShares: number[];
  readonly folded: number;
}

/** Reference vs current shares per bin (numerical: decile bins) or per category. */
export function distributionBars(c: DriftColumnResult): Bars | null {
  const d = c.distribution;
  if (!d || d.labels.length === 0) return null;
  const labels = c.kind === 'numerical' && d.edges ? binLabels(d.edges, d.labels.length) : d.labels.map((l) => l);
  if (labels.length <= MAX_BARS) return { labels, refShares: [...d.reference_shares], curShares: [...d.current_shares], folded: 0 };
  // Keep the categories with the largest share on either side; sum the rest.
  const order = labels.map((_, i) => i).sort((a, b) => Math.max(d.reference_shares[b], d.current_shares[b]) - Math.max(d.reference_shares[a], d.current_shares[a]));
  const keep = order.slice(0, MAX_BARS - 1);
  const rest = order.slice(MAX_BARS - 1);
  const sum = (xs: readonly number[]) => rest.reduce((s, i) => s + (xs[i] ?? 0), 0);
  return {
    labels: [...keep.map((i) => labels[i]), `other (${rest.length})`],
    refShares: [...keep.map((i) => d.reference_shares[i]), sum(d.reference_shares)],
    curShares: [...keep.map((i) => d.current_shares[i]), sum(d.current_shares)],
    folded: rest.length,
  };
}

export function DistributionChart({ column }: { column: DriftColumnResult }) {
  const bars = useMemo(() => distributionBars(column), [column]);
  const data = useMemo(() => {
    if (!bars) return null;
    // Plotly reads its own HTML subset in labels: escape, shorten, keep distinct.
    const x = tickLabels(bars.labels, 18);
    const full = bars.labels.map(plotlyText);
    const trace = (name: string, y: number[], color: string) => ({
      type: 'bar',
      name,
      x,
      y,
      customdata: full,
      marker: { color },
      hovertemplate: `%{customdata}<br>${name}: %{y:.1%}<extra></extra>`,
    });
    return [trace('reference', bars.refShares, REF_COLOR), trace('current', bars.curShares, CUR_COLOR)];
  }, [bars]);
  // Fixed margins and angles (no automargin), and a layout that only changes with the column's
  // kind: Plotly.react then has little to lay out again when the selection moves.
  const rotate = bars !== null && (bars.labels.length > 6 || bars.labels.some((l) => l.length > 9));
  const { kind } = column;
  const layout = useMemo(
    () => ({
      ...baseLayout(rotate ? 290 : 250),
      barmode: 'group',
      bargap: 0.18,
      bargroupgap: 0.04,
      margin: { l: 60, r: 12, t: 8, b: rotate ? 96 : 48 },
      xaxis: {
        title: { text: kind === 'numerical' ? 'bin (reference deciles)' : 'category', standoff: 6 },
        type: 'category',
        fixedrange: true,
        tickangle: rotate ? -30 : 0,
      },
      yaxis: { title: { text: 'share of rows' }, tickformat: '.0%', rangemode: 'tozero', gridcolor: '#eef1f4', fixedrange: true },
    }),
    [kind, rotate],
  );
  const ref = usePlot(data, layout, column.column);
  // The plot div stays mounted whatever the column, so Plotly.react updates it in place.
  const plotDiv = (
    <div
      ref={ref}
      className="drift-chart__plot"
      hidden={!bars}
      data-plot={bars ? 'distribution' : undefined}
      role="img"
      aria-label={`Reference and current shares of ${column.column} by ${column.kind === 'numerical' ? 'bin' : 'category'}`}
    />
  );
  if (!bars) {
    return (
      <>
        {plotDiv}
        <p className="drift-chart__empty muted">No distribution to show for this column{column.error ? ' (it could not be tested)' : ''}.</p>
      </>
    );
  }
  return (
    <>
      <ChartLegend items={[{ label: 'reference', color: REF_COLOR, mark: 'bar' }, { label: 'current', color: CUR_COLOR, mark: 'bar' }]} />
      {plotDiv}
      {bars.folded > 0 && <p className="drift-chart__note muted">{bars.folded} less frequent categories are summed into “other”.</p>}
      <table className="visually-hidden">
        <caption>Shares by {column.kind === 'numerical' ? 'bin' : 'category'}</caption>
        <thead>
          <tr>
            <th scope="col">{column.kind === 'numerical' ? 'Bin' : 'Category'}</th>
            <th scope="col">Reference</th>
            <th scope="col">Current</th>
          </tr>
        </thead>
        <tbody>
          {bars.labels.map((l, i) => (
            <tr key={i}>
              <th scope="row">{l}</th>
              <td>{formatShare(bars.refShares[i])}</td>
              <td>{formatShare(bars.curShares[i])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
