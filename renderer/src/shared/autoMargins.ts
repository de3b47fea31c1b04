/**
 * The margins Plotly's automargin gives a chart, computed from the pushes its last draw recorded.
 *
 * Why: Plotly.react starts every draw from the layout's own margins; when the legend, the title or
 * the tick labels push them wider (every drift chart: the spec's t = 36 becomes 41–79), Plotly
 * draws the whole figure a second time. Drawn from the margins the previous column ended with,
 * the next column usually needs no second draw. To keep the chart exactly what automargin makes
 * of the spec's margins (as the report prints it), the draw's own pushes are checked afterwards:
 * a guess that was too wide is corrected by one relayout to the exact margins (a guess too narrow,
 * Plotly widens itself).
 *
 * `autoMargins` is Plotly's `plots.doAutoMargin` (3.x) restated without the redraw: every pair of
 * pushes (a pusher's left edge with another's right, bottom with top) and the base margins.
 */

export interface Margins {
  readonly l: number;
  readonly r: number;
  readonly t: number;
  readonly b: number;
}

type Side = keyof Margins;
interface Push {
  readonly val: number;
  readonly size: number;
}
type Pushes = Record<string, Partial<Record<Side, Push>>>;

/** The part of Plotly's private `_fullLayout` that automargin reads. */
export interface AutoMarginState {
  readonly width: number;
  readonly height: number;
  readonly margin: { readonly autoexpand?: boolean };
  readonly minreducedwidth?: number;
  readonly minreducedheight?: number;
  readonly _pushmargin?: Pushes;
  readonly _pushmarginIds?: Record<string, unknown>;
  readonly _reservedMargin?: Record<string, Partial<Record<Side, number>>>;
  readonly _size?: Margins;
}

const SIDES: readonly Side[] = ['l', 'r', 't', 'b'];
/** Plotly's floor for the plot area's width and height (plots.js). */
const MIN_REDUCED = 2;
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const constrain = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/**
 * The margins automargin makes of `base` (the spec's margins) with the pushes of the last draw;
 * null when the draw recorded no pushes (automargin off, or nothing drawn yet).
 */
export function autoMargins(full: AutoMarginState, base: Margins): Margins | null {
  const recorded = full._pushmargin;
  if (!recorded || full.margin.autoexpand === false) return null;
  const ids = full._pushmarginIds ?? {};
  const pushes: Pushes = {};
  for (const k of Object.keys(recorded)) if (k !== 'base' && ids[k]) pushes[k] = recorded[k];
  if (Object.keys(pushes).length === 0) return null;

  const reserved: Record<Side, number> = { l: 0, r: 0, t: 0, b: 0 };
  for (const key of Object.keys(full._reservedMargin ?? {})) {
    const m = full._reservedMargin![key];
    for (const s of SIDES) if (num(m[s])) reserved[s] = Math.max(reserved[s], m[s]);
  }
  for (const s of SIDES) {
    let push = 0;
    for (const k of Object.keys(pushes)) {
      const size = pushes[k][s]?.size;
      if (num(size) && size > push) push = size;
    }
    reserved[s] = Math.max(0, reserved[s] - Math.max(0, base[s] - push));
  }

  const all: Pushes = { ...pushes, base: { l: { val: 0, size: base.l }, r: { val: 1, size: base.r }, t: { val: 1, size: base.t }, b: { val: 0, size: base.b } } };
  let { l, r, t, b } = base;
  const width = full.width - reserved.r - reserved.l;
  const height = full.height - reserved.t - reserved.b;
  for (const k1 of Object.keys(all)) {
    const fl = all[k1].l?.val;
    const pl = all[k1].l?.size;
    const fb = all[k1].b?.val;
    const pb = all[k1].b?.size;
    for (const k2 of Object.keys(all)) {
      const right = all[k2].r;
      if (num(pl) && num(fl) && right && right.val > fl) {
        const newL = (pl * right.val + (right.size - width) * fl) / (right.val - fl);
        const newR = (right.size * (1 - fl) + (pl - width) * (1 - right.val)) / (right.val - fl);
        if (newL + newR > l + r) {
          l = newL;
          r = newR;
        }
      }
      const top = all[k2].t;
      if (num(pb) && num(fb) && top && top.val > fb) {
        const newB = (pb * top.val + (top.size - height) * fb) / (top.val - fb);
        const newT = (top.size * (1 - fb) + (pb - height) * (1 - top.val)) / (top.val - fb);
        if (newB + newT > b + t) {
          b = newB;
          t = newT;
        }
      }
    }
  }
  // Margins never leave less than the minimum plot area (minreducedwidth/height).
  const maxW = Math.max(0, full.width - constrain(full.width - base.l - base.r, MIN_REDUCED, full.minreducedwidth ?? 64));
  const maxH = Math.max(0, full.height - constrain(full.height - base.t - base.b, MIN_REDUCED, full.minreducedheight ?? 64));
  if (maxW && (l + r) / maxW > 1) {
    const g = (l + r) / maxW;
    l /= g;
    r /= g;
  }
  if (maxH && (b + t) / maxH > 1) {
    const g = (b + t) / maxH;
    b /= g;
    t /= g;
  }
  return { l: Math.round(l) + reserved.l, r: Math.round(r) + reserved.r, t: Math.round(t) + reserved.t, b: Math.round(b) + reserved.b };
}

/**
 * Whether a draw that started from the margins `guess` is drawn with the margins `exact`: it was
 * (all sides equal), or Plotly drew it again from margins it widened on every side that needed it
 * (it redraws when a side moved more than 1 px, from max(guess, need) — exact only if no side of
 * the guess was wider). `size` is the margins Plotly ended with (`_fullLayout._size`).
 */
export function drawnWith(exact: Margins, guess: Margins, size: Margins): boolean {
  if (SIDES.every((s) => exact[s] === guess[s])) return true;
  return SIDES.every((s) => size[s] === exact[s] && guess[s] <= exact[s]) && SIDES.some((s) => exact[s] - guess[s] > 1);
}

/** The layout's margins, filled in with Plotly's defaults (80/80/100/80) where a side is missing. */
export function layoutMargins(layout: Record<string, unknown>): Margins {
  const m = (layout.margin ?? {}) as Partial<Record<Side, unknown>>;
  const side = (s: Side, d: number) => (num(m[s]) ? m[s] : d);
  return { l: side('l', 80), r: side('r', 80), t: side('t', 100), b: side('b', 80) };
}

/**
 * Which earlier draw's margins the next draw should start from: figures alike in what pushes the
 * margins (traces and so legend entries, tick angle, number and longest of the x labels) usually
 * end with the same ones. A wrong guess costs what every draw cost before (one more pass), never
 * a different chart.
 */
export function marginKey(data: readonly Record<string, unknown>[], layout: Record<string, unknown>): string {
  const xaxis = (layout.xaxis ?? {}) as Record<string, unknown>;
  const x = data[0]?.x;
  const labels = Array.isArray(x) ? x : [];
  let longest = 0;
  for (const v of labels) if (typeof v === 'string' && v.length > longest) longest = v.length;
  return `${data.length}|${String(xaxis.tickangle)}|${labels.length}|${longest}`;
}
