import { memo, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import type { ColumnQuality, OverTimeSeries } from '../../../core/analyses/drift/types';
import type { ScoredColumn } from './score';
import { formatP, formatShare, formatStat, seasonalTitle, shortTestName, testName } from './driftFormat';
import { Sparkline } from './Sparkline';

export interface DriftTableProps {
  readonly rows: readonly ScoredColumn[];
  readonly series: ReadonlyMap<string, OverTimeSeries>;
  readonly quality: ReadonlyMap<string, ColumnQuality>;
  readonly selected: string | null;
  readonly onSelect: (column: string) => void;
  /** Arrow keys, Home, End, PageUp, PageDown: the screen's selection reducer decides. */
  readonly onNavigate: (key: string) => void;
  readonly stale: boolean;
}

const NAV_KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp']);

export function roleBadge(role: string | null): string | null {
  if (role === 'prediction' || role === 'score') return 'prediction drift';
  if (role === 'label') return 'label drift';
  return null;
}

/**
 * Columns sorted by drift score. One row is selected (aria-selected) and is the only one in the tab
 * order (roving tabindex); the arrow keys move the selection and the focus together.
 */
export function DriftTable({ rows, series, quality, selected, onSelect, onNavigate, stale }: DriftTableProps) {
  const body = useRef<HTMLTableSectionElement>(null);
  const keyMoved = useRef(false);

  useLayoutEffect(() => {
    if (!keyMoved.current) return;
    keyMoved.current = false;
    const row = body.current?.querySelector<HTMLTableRowElement>('tr[aria-selected="true"]');
    if (row) {
      row.focus({ preventScroll: true });
      row.scrollIntoView?.({ block: 'nearest' });
    }
  }, [selected]);

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const row = (e.target as HTMLElement).closest<HTMLTableRowElement>('tr[data-column]');
    if (NAV_KEYS.has(e.key)) {
      e.preventDefault();
      keyMoved.current = true;
      onNavigate(e.key);
    } else if ((e.key === 'Enter' || e.key === ' ') && row) {
      e.preventDefault();
      onSelect(row.dataset.column!);
    }
  };

  const tabStop = selected !== null && rows.some((r) => r.column.column === selected) ? selected : (rows[0]?.column.column ?? null);

  return (
    <div className={stale ? 'table-wrap drift-table-wrap drift-table-wrap--stale' : 'table-wrap drift-table-wrap'}>
      <table className="table table--dense drift-table" role="grid" aria-label="Columns by drift score" aria-describedby="drift-table-order" aria-rowcount={rows.length + 1}>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Test</th>
            <th scope="col" className="num">
              Statistic
            </th>
            <th scope="col" className="num">
              p-value
            </th>
            <th scope="col" className="num">
              Threshold
            </th>
            <th scope="col">Drift</th>
            <th scope="col" className="num" title="Missing share in the current data">
              Missing
            </th>
            <th scope="col">Over time</th>
          </tr>
        </thead>
        <tbody ref={body} onKeyDown={onKeyDown}>
          {rows.map((r) => (
            <Row
              key={r.column.column}
              row={r}
              series={series.get(r.column.column)}
              quality={quality.get(r.column.column)}
              selected={r.column.column === selected}
              tabStop={r.column.column === tabStop}
              onSelect={onSelect}
            />
          ))}
        </tbody>
      </table>
      <p id="drift-table-order" className="drift-table__order">
        Order: drifted first, then drift score — statistic ÷ threshold (distances) or log p ÷ log threshold (p-values); 1 = at the threshold.
      </p>
    </div>
  );
}

const Row = memo(function Row({
  row,
  series,
  quality,
  selected,
  tabStop,
  onSelect,
}: {
  row: ScoredColumn;
  series: OverTimeSeries | undefined;
  quality: ColumnQuality | undefined;
  selected: boolean;
  tabStop: boolean;
  onSelect: (column: string) => void;
}) {
  const c = row.column;
  const badge = roleBadge(c.role);
  const missing = quality?.missing_share_current ?? (c.n_current + c.missing_current > 0 ? c.missing_current / (c.n_current + c.missing_current) : null);
  return (
    <tr
      data-column={c.column}
      aria-selected={selected}
      tabIndex={tabStop ? 0 : -1}
      className={selected ? 'drift-row drift-row--selected' : 'drift-row'}
      onClick={() => onSelect(c.column)}
    >
      <th scope="row" className="drift-row__name">
        <span className="drift-row__column" title={c.column}>
          {c.column}
        </span>
        {badge && <span className="drift-badge drift-badge--role">{badge}</span>}
      </th>
      <td className="drift-row__test" title={testName(c.test)}>
        {shortTestName(c.test)}
      </td>
      <td className="num">{formatStat(c.statistic)}</td>
      <td className="num">{formatP(c.p_value)}</td>
      <td className="num">{formatStat(c.threshold)}</td>
      <td>
        {c.error ? (
          <span className="drift-badge drift-badge--error" title={c.error}>
            error
          </span>
        ) : c.drifted ? (
          <span className="drift-badge drift-badge--drift">drift</span>
        ) : (
          <span className="drift-badge drift-badge--ok">ok</span>
        )}
      </td>
      <td className="num">{formatShare(missing)}</td>
      <td className="drift-row__spark">
        <Sparkline series={series} />
        {series?.seasonal && (
          <span className="drift-tag" title={seasonalTitle(series)}>
            seasonal
          </span>
        )}
      </td>
    </tr>
  );
});
