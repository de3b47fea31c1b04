import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type CSSProperties, type FormEvent } from 'react';
import type { ColumnInfo, ColumnType } from '../../../core/api/types';
import { useApp } from '../app/context';
import { formatCell, formatCount } from '../format';
import { usePagedRows } from './usePagedRows';

export const ROW_HEIGHT = 26;
/** Browsers cap an element's height near 33.5 million px; beyond this many rows the preview shows a window. */
export const MAX_SCROLL_ROWS = Math.floor(30_000_000 / ROW_HEIGHT);

const WIDTH: Record<ColumnType, number> = { integer: 104, real: 116, boolean: 84, timestamp: 196, categorical: 140, text: 200 };

export function columnWidth(c: Pick<ColumnInfo, 'name' | 'type'>): number {
  const forName = Math.ceil([...c.name].length * 8) + 30;
  return Math.min(320, Math.max(WIDTH[c.type] ?? 140, forName));
}

const isNumeric = (t: ColumnType) => t === 'integer' || t === 'real';

export function RowPreview({ dataset, columns, total }: { dataset: string; columns: readonly ColumnInfo[]; total: number }) {
  const { platform } = useApp();
  const [base, setBase] = useState(0);
  const count = Math.max(0, Math.min(total - base, MAX_SCROLL_ROWS));
  const paged = usePagedRows(platform.client, dataset, total);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [goto, setGoto] = useState('');
  const pendingScroll = useRef<number | null>(null);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 960, height: 480 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items.length ? items[0].index : 0;
  const last = items.length ? items[items.length - 1].index : -1;
  const { ensure } = paged;
  useEffect(() => {
    if (last >= first) ensure(base + first, base + last);
  }, [ensure, base, first, last]);

  useEffect(() => {
    if (pendingScroll.current !== null) {
      virtualizer.scrollToIndex(pendingScroll.current, { align: 'start' });
      pendingScroll.current = null;
    }
  }, [base, virtualizer]);

  const gridStyle = useMemo(
    () => ({ '--preview-columns': ['var(--rownum-width)', ...columns.map((c) => `${columnWidth(c)}px`)].join(' ') }) as CSSProperties,
    [columns],
  );

  const onGoto = (e: FormEvent) => {
    e.preventDefault();
    const n = Number.parseInt(goto.replace(/[\s,]/g, ''), 10);
    if (!Number.isFinite(n) || total === 0) return;
    const target = Math.min(Math.max(n, 1), total) - 1;
    if (target >= base && target < base + count) {
      virtualizer.scrollToIndex(target - base, { align: 'start' });
    } else {
      const nextBase = Math.max(0, Math.min(target - Math.floor(MAX_SCROLL_ROWS / 2), total - MAX_SCROLL_ROWS));
      pendingScroll.current = target - nextBase;
      setBase(nextBase);
    }
  };

  if (total === 0) return <p className="muted">This dataset has no rows.</p>;

  return (
    <div className="preview-block">
      <div className="preview-toolbar">
        <span className="muted num">
          {count < total
            ? `Scrolling rows ${formatCount(base + 1)}–${formatCount(base + count)} of ${formatCount(total)}`
            : `${formatCount(total)} rows`}
        </span>
        <form className="goto" onSubmit={onGoto}>
          <label htmlFor="goto-row">Go to row</label>
          <input
            id="goto-row"
            className="input input--small num"
            inputMode="numeric"
            value={goto}
            onChange={(e) => setGoto(e.target.value)}
            placeholder={`1–${formatCount(total)}`}
          />
          <button type="submit" className="button button--small">
            Go
          </button>
        </form>
      </div>
      {paged.error && (
        <div className="notice notice--error" role="alert">
          <div className="notice__body">Rows could not be loaded: {paged.error}</div>
        </div>
      )}
      <div
        ref={scrollRef}
        className="preview"
        style={gridStyle}
        role="table"
        aria-label={`Rows of ${dataset}`}
        aria-rowcount={total + 1}
        aria-colcount={columns.length + 1}
        tabIndex={0}
      >
        <div className="preview__inner" style={{ height: virtualizer.getTotalSize() + ROW_HEIGHT }}>
          <div className="preview__row preview__row--head" role="row" aria-rowindex={1}>
            <div className="preview__cell preview__rownum" role="columnheader">
              #
            </div>
            {columns.map((c) => (
              <div key={c.index} className={`preview__cell${isNumeric(c.type) ? ' num' : ''}`} role="columnheader" title={`${c.name} (${c.type})`}>
                {c.name}
              </div>
            ))}
          </div>
          {items.map((item) => {
            const index = base + item.index;
            const row = paged.row(index);
            return (
              <div
                key={item.key}
                className={`preview__row${row ? '' : ' preview__row--loading'}`}
                role="row"
                aria-rowindex={index + 2}
                style={{ transform: `translateY(${item.start + ROW_HEIGHT}px)` }}
              >
                <div className="preview__cell preview__rownum num" role="rowheader">
                  {formatCount(index + 1)}
                </div>
                {columns.map((c, ci) => {
                  if (!row) return <div key={c.index} className="preview__cell" role="cell" />;
                  const v = row[ci] ?? null;
                  const text = formatCell(v);
                  return (
                    <div
                      key={c.index}
                      className={`preview__cell${isNumeric(c.type) ? ' num' : ''}${v === null ? ' preview__cell--null' : ''}`}
                      role="cell"
                      title={text.length > 24 ? text : undefined}
                    >
                      {v === null ? 'null' : text}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
