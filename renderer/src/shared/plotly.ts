/**
 * Plotly, loaded on first use (it is large, and only the drift charts need it), and a hook that
 * draws into one persistent div with Plotly.react — so a new selection updates the chart in place
 * instead of rebuilding it. When a draw has finished, the div's data-plotted attribute is set to
 * the draw's tag (the column name): tests and the redraw benchmark wait on it.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Config, Data, Layout } from 'plotly.js-dist-min';
import { PALETTE } from '../../../core/format/palette';
import { autoMargins, drawnWith, layoutMargins, marginKey, type AutoMarginState, type Margins } from './autoMargins';

type PlotlyModule = typeof import('plotly.js-dist-min').default;

let loading: Promise<PlotlyModule> | null = null;
export function loadPlotly(): Promise<PlotlyModule> {
  loading ??= import('plotly.js-dist-min').then((m) => ((m as { default?: PlotlyModule }).default ?? (m as unknown as PlotlyModule)));
  return loading;
}

export const PLOT_CONFIG: Config = { displayModeBar: false, staticPlot: false, responsive: false, displaylogo: false, scrollZoom: false };

export const FONT = { family: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif', size: 12, color: '#1c2330' };
// One colour-blind-safe palette (Okabe–Ito) for screen and report.
export const REF_COLOR = PALETTE.reference;
export const CUR_COLOR = PALETTE.current;
export const DRIFT_COLOR = PALETTE.drift;

export function baseLayout(height: number): Layout {
  return {
    height,
    autosize: true,
    font: FONT,
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: '#ffffff',
    margin: { l: 60, r: 12, t: 8, b: 48 },
    // Legends are HTML (ChartLegend); no zoom or pan, so Plotly sets up no drag layers.
    showlegend: false,
    dragmode: false,
    hoverlabel: { font: { family: FONT.family, size: 12 } },
  };
}

/**
 * Plotly hides a tick label that sticks out of the div (ticklabeloverflow 'hide past div', its
 * default), measuring every label of every axis after each draw to find out: 12% of the drift
 * explorer's redraw. The labels of an x axis with automargin never stick out (automargin pushes
 * the margins until they fit), so for those axes the check is skipped ('allow'): nothing it could
 * hide is drawn differently.
 */
function keptLabels(layout: Layout): Layout {
  const out: Layout = {};
  for (const [key, axis] of Object.entries(layout)) {
    if (!/^xaxis\d*$/.test(key) || typeof axis !== 'object' || axis === null) continue;
    const a = axis as Record<string, unknown>;
    if (a.automargin === true && a.ticklabeloverflow === undefined) out[key] = { ...a, ticklabeloverflow: 'allow' };
  }
  return out;
}

/**
 * Draws `data` into the returned div with Plotly.react. A chart scrolled out of view is not
 * redrawn on every selection: it is marked pending (data-plot-pending = tag) and drawn when it
 * comes back into view — the arrow keys then cost only what is on screen.
 */
/** Charts this close to the viewport are drawn as if on screen. */
const MARGIN = 120;

export function usePlot(data: readonly Data[] | null, layout: Layout, tag: string, onDrawn?: (el: HTMLDivElement) => void) {
  const ref = useRef<HTMLDivElement>(null);
  /** Told after every draw and resize, e.g. to place an overlay by the new axes. */
  const drawn = useRef(onDrawn);
  useLayoutEffect(() => {
    drawn.current = onDrawn;
  }, [onDrawn]);
  const pending = useRef<(() => void) | null>(null);
  /** The container's width, kept by a ResizeObserver: Plotly is given it rather than measuring it (autosize) on every draw. */
  const width = useRef(0);
  /** The margins automargin gave earlier draws, by figure shape: a draw starts from its shape's (see autoMargins.ts). */
  const guesses = useRef(new Map<string, Margins>());
  /** The layout's own margins, which a resize goes back to. */
  const baseMargin = useRef<Layout['margin']>(undefined);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || data === null) return;
    let live = true;
    const draw = () => {
      delete el.dataset.plotPending;
      el.dataset.plotted = '';
      let t0 = 0;
      loadPlotly()
        .then((P) => {
          if (!live) return null;
          t0 = performance.now();
          if (!width.current) width.current = el.clientWidth;
          const sized = { ...(width.current > 0 ? { ...layout, width: width.current, autosize: false } : layout), ...keptLabels(layout) };
          baseMargin.current = layout.margin;
          const base = layoutMargins(layout);
          const key = marginKey(data, layout);
          const guess = guesses.current.get(key);
          const first = guess ? { ...sized, margin: { ...(layout.margin as object), ...guess } } : sized;
          return P.react(el, data, first, PLOT_CONFIG).then(() => {
            if (!live) return;
            // What automargin makes of the layout's own margins with this draw's legend, title and
            // labels; a draw from a guess that did not end drawn with those is drawn again with them.
            const full = (el as unknown as { _fullLayout?: AutoMarginState })._fullLayout;
            const exact = full ? autoMargins(full, base) : null;
            if (!exact || !full?._size) return;
            guesses.current.set(key, exact);
            if (guess && !drawnWith(exact, guess, full._size)) return P.relayout(el, { margin: { ...(layout.margin as object), ...exact } });
          });
        })
        .then(
          () => {
            if (!live) return;
            el.dataset.plotted = tag;
            el.dataset.plotMs = (performance.now() - t0).toFixed(1);
            drawn.current?.(el);
          },
          (e: unknown) => {
            if (live) el.dataset.plotError = e instanceof Error ? e.message : String(e);
          },
        );
    };
    // Measured now, after this commit's layout: a selection can move a chart into view (the ECDF
    // hides for a categorical column) before the IntersectionObserver says so.
    const onScreen = () => {
      const r = el.getBoundingClientRect();
      return r.bottom > -MARGIN && r.top < window.innerHeight + MARGIN;
    };
    if (el.querySelector('.main-svg') && !onScreen()) {
      el.dataset.plotPending = tag;
      pending.current = draw;
    } else {
      pending.current = null;
      draw();
    }
    return () => {
      live = false;
    };
  }, [data, layout, tag]);

  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries[entries.length - 1].isIntersecting && pending.current) {
          const draw = pending.current;
          pending.current = null;
          draw();
        }
      },
      { rootMargin: `${MARGIN}px 0px` },
    );
    io.observe(el);
    return () => io.disconnect();
  }, []);

  // Follow the container's width; purge on unmount.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let frame = 0;
    const ro =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) => {
            const w = Math.round(entries[entries.length - 1].contentRect.width);
            if (w === 0 || w === width.current) return;
            width.current = w;
            cancelAnimationFrame(frame);
            frame = requestAnimationFrame(() => {
              // From the layout's own margins: automargin finds this width's (a wrapped legend, other ticks).
              if (el.dataset.plotted) void loadPlotly().then((P) => P.relayout(el, { width: w, ...(baseMargin.current ? { margin: baseMargin.current } : {}) })).then(() => drawn.current?.(el));
            });
          });
    ro?.observe(el);
    return () => {
      ro?.disconnect();
      cancelAnimationFrame(frame);
      if (loading) void loading.then((P) => P.purge(el));
    };
  }, []);

  return ref;
}
