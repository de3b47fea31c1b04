import { PALETTE } from '../../format/palette';
/** Scales, ticks and small SVG helpers shared by the report's charts. Pure functions. */
import { h, type SafeHtml } from '../escape';

export interface LinearScale {
  (x: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  let [d0, d1] = domain;
  if (!Number.isFinite(d0) || !Number.isFinite(d1)) [d0, d1] = [0, 1];
  if (d0 === d1) [d0, d1] = [d0 - 0.5, d1 + 0.5];
  const [r0, r1] = range;
  const k = (r1 - r0) / (d1 - d0);
  const f = ((x: number) => r0 + (Math.min(Math.max(x, Math.min(d0, d1)), Math.max(d0, d1)) - d0) * k) as LinearScale;
  Object.assign(f, { domain: [d0, d1] as const, range: [r0, r1] as const });
  return f;
}

/** About `count` round tick values covering [min, max] (1, 2, 5 × 10^k steps). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) {
    const d = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    min -= d;
    max += d;
  }
  const raw = (max - min) / Math.max(1, count);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const start = Math.floor(min / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let v = start; v <= max + step * 1e-9 + step && ticks.length < 50; v += step) {
    ticks.push(Number(v.toPrecision(12)));
    if (v >= max - step * 1e-9) break;
  }
  return ticks;
}

/** Tick label: short, no float noise. */
export function tickLabel(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e9 || a < 1e-3) return v.toExponential(1).replace('.0e', 'e');
  return Number(v.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 6, useGrouping: a >= 1e4 });
}

/** Coordinates printed with at most two decimals (and never NaN: callers clamp first). */
export function c(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`chart coordinate is not finite: ${x}`);
  return String(Math.round(x * 100) / 100);
}

/** Shortens a label for an axis; the full text stays in a <title> for viewers that show it. */
export function clipLabel(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

export interface LegendItem {
  readonly label: string;
  readonly color: string;
  readonly kind: 'box' | 'line' | 'dash' | 'band';
}

/** A one-row legend starting at (x, y). */
export function legend(items: readonly LegendItem[], x: number, y: number): SafeHtml {
  let cx = x;
  const parts: SafeHtml[] = [];
  for (const it of items) {
    const mark =
      it.kind === 'box'
        ? h`<rect x="${c(cx)}" y="${c(y - 9)}" width="12" height="10" fill="${it.color}"/>`
        : it.kind === 'band'
          ? h`<rect x="${c(cx)}" y="${c(y - 9)}" width="14" height="10" fill="${it.color}" fill-opacity="0.25" stroke="${it.color}" stroke-width="0.8"/>`
          : h`<line x1="${c(cx)}" y1="${c(y - 4)}" x2="${c(cx + 16)}" y2="${c(y - 4)}" stroke="${it.color}" stroke-width="2"${it.kind === 'dash' ? h` stroke-dasharray="5 3"` : ''}/>`;
    parts.push(h`${mark}<text x="${c(cx + 20)}" y="${c(y)}" class="lg">${it.label}</text>`);
    cx += 20 + Math.min(40, Array.from(it.label).length) * 6.4 + 18;
  }
  return h`<g class="legend">${parts}</g>`;
}

/** Chart colours: the one Okabe–Ito palette the screen uses too (core/format/palette.ts). */
export const COLORS = {
  reference: PALETTE.reference,
  current: PALETTE.current,
  drift: PALETTE.drift,
  ok: PALETTE.pass,
  threshold: PALETTE.threshold,
  grid: '#e3e3e3',
  axis: '#555555',
} as const;
