import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type FormEvent } from 'react';
import type { ColumnInfo, ColumnType } from '../../../core/api/types';
import { useApp } from '../app/context';
import { formatCell, formatCount } from '../format';
import { usePagedRows } from './usePagedRows';

export const ROW_HEIGHT = 26;
/**
 * How many rows the scroll box holds at once. Browsers paint far offsets in float32, so beyond
 * ~8 million px (exact integers at 2x device pixels) rows visibly jitter. Larger datasets scroll
 * through a window that slides on as the user nears either end of it.
 */
export const MAX_SCROLL_ROWS = Math.floor(7_800_000 / ROW_HEIGHT);
/** Slide the window when the visible rows come this close to its edge. */
const SLIDE_MARGIN = 400;

const WIDTH: Record<ColumnType, number> = { integer: 104, real: 116, boolean: 84, timestamp: 196, categorical: 140, text: 200 };

export function columnWidth(c: Pick<ColumnInfo, 'name' | 'type'>): number {
  const forName = Math.ceil([...c.name].length * 8) + 30;
  return Math.min(320, Math.max(WIDTH[c.type] ?? 140, forName));
}

/** Wide enough for the largest row number, with its thousands separators. */
export function rowNumberWidth(total: number): number {
  return Math.max(56, formatCount(total).length * 8 + 24);
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

  // TanStack's virtualizer returns fresh functions each render by design; this component is not memoised.
  // eslint-disable-next-line react-hooks/incompatible-library
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

  // Slide the window on when the user scrolls near its end, and back near its start; the scroll
  // position moves by the same number of rows, so what is on screen does not change.
  const slideBy = useRef(0);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || items.length === 0 || pendingScroll.current !== null) return;
    // Read the scroll box itself: `first`/`last` may predate the last slide's scroll adjustment.
    const top = Math.floor(el.scrollTop / ROW_HEIGHT);
    const bottom = Math.ceil((el.scrollTop + el.clientHeight) / ROW_HEIGHT);
    let delta = 0;
    if (bottom > count - SLIDE_MARGIN && base + count < total) delta = Math.min(Math.floor(MAX_SCROLL_ROWS / 2), total - (base + count));
    else if (top < SLIDE_MARGIN && base > 0) delta = -Math.min(Math.floor(MAX_SCROLL_ROWS / 2), base);
    if (delta !== 0) {
      slideBy.current = delta;
      setBase(base + delta);
    }
  }, [first, last, count, base, total, items.length]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (pendingScroll.current !== null) {
      virtualizer.scrollToIndex(pendingScroll.current, { align: 'start' });
      pendingScroll.current = null;
    } else if (slideBy.current !== 0 && el) {
      el.scrollTop -= slideBy.current * ROW_HEIGHT;
    }
    slideBy.current = 0;
  }, [base, virtualizer]);

  const gridStyle = useMemo(
    () =>
      ({
        '--preview-columns': [`${rowNumberWidth(total)}px`, ...columns.map((c) => `${columnWidth(c)}px`)].join(' '),
      }) as CSSProperties,
    [columns, total],
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
            ? `${formatCount(total)} rows · the scroll bar spans rows ${formatCount(base + 1)}–${formatCount(base + count)}`
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
                className={`preview__row${index % 2 === 1 ? ' preview__row--alt' : ''}${row ? '' : ' preview__row--loading'}`}
                role="row"
                aria-rowindex={index + 2}
                // `top`, not a transform: layout positions are exact at 26 million px, float32 transforms are not.
                style={{ top: item.start + ROW_HEIGHT }}
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
