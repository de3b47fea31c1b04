/** Drift over time: the statistic (or p-value, on a log axis) per chunk, with the threshold or band. */
import { h, type SafeHtml } from '../escape';
import { COLORS, c, clipLabel, legend, linearScale, niceTicks, tickLabel } from './scale';

export interface OverTimeChartInput {
  readonly points: readonly { readonly label: string; readonly value: number | null; readonly drifted: boolean }[];
  readonly title: string;
  readonly yLabel: string;
  /** p-values are drawn on a log10 axis (floor 1e-12); drift is below the threshold. */
  readonly logScale?: boolean;
  readonly threshold?: number | null;
  readonly band?: { readonly lower: number; readonly upper: number } | null;
  readonly width?: number;
  readonly height?: number;
  /** Legend names (drift's by default): the series and a flagged point. */
  readonly seriesLabel?: string;
  readonly flaggedLabel?: string;
  /** false: the axis spans the values (a metric near 0.7 is not squashed against 0). Default true. */
  readonly fromZero?: boolean;
}

const LOG_FLOOR = 1e-12;

export function overTimeChart(input: OverTimeChartInput): SafeHtml {
  const W = input.width ?? 680;
  const n = input.points.length;
  const longest = Math.max(0, ...input.points.map((p) => Array.from(p.label).length));
  const step = (W - 80) / Math.max(1, n);
  const rotate = longest * 6 > step;
  const labelMax = 16;
  const bottom = rotate ? 20 + Math.min(longest, labelMax) * 4.4 : 26;
  const H = (input.height ?? 200) + (rotate ? bottom - 26 : 0);
  const m = { top: 30, right: 16, bottom, left: 60 };
  const tr = (v: number) => (input.logScale ? Math.log10(Math.max(LOG_FLOOR, v)) : v);
  const vals = input.points.map((p) => (p.value === null || !Number.isFinite(p.value) ? null : tr(p.value)));
  const extra = [input.threshold, input.band?.lower, input.band?.upper].filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).map(tr);
  const finite = [...vals.filter((v): v is number => v !== null), ...extra];
  let lo = finite.length ? Math.min(...finite) : 0;
  let hi = finite.length ? Math.max(...finite) : 1;
  if (input.logScale) {
    lo = Math.floor(Math.min(lo, -2));
    hi = 0;
  } else if (input.fromZero !== false) {
    lo = Math.min(0, lo);
  } else if (hi - lo < 1e-9) {
    lo -= 0.05;
    hi += 0.05;
  }
  const ticks = input.logScale ? logTicks(lo, hi) : niceTicks(lo, hi, 5);
  const y = linearScale([Math.min(lo, ticks[0]), Math.max(hi, ticks[ticks.length - 1])], [H - m.bottom, m.top]);
  // Points sit in the middle of equal slots, so the first and last labels have room.
  const slot = (W - m.left - m.right) / Math.max(1, n);
  const x = (i: number) => m.left + slot * (i + 0.5);
  const tickText = (t: number) => (input.logScale ? (t === 0 ? '1' : `1e${t}`) : tickLabel(t));
  const segments: string[] = [];
  let open = false;
  vals.forEach((v, i) => {
    if (v === null) {
      open = false;
      return;
    }
    segments.push(`${open ? 'L' : 'M'}${c(x(i))},${c(y(v))}`);
    open = true;
  });
  const labelEvery = Math.max(1, Math.ceil((rotate ? 12 : Math.min(longest, labelMax) * 6.2 + 8) / slot));
  const items = [
    { label: input.seriesLabel ?? 'drift statistic' + (input.logScale ? ' (p-value)' : ''), color: COLORS.reference, kind: 'line' as const },
    ...(input.band ? [{ label: 'reference band (mean ± 3σ)', color: COLORS.threshold, kind: 'band' as const }] : []),
    ...(!input.band && input.threshold !== null && input.threshold !== undefined ? [{ label: `threshold ${tickLabel(input.threshold)}`, color: COLORS.threshold, kind: 'dash' as const }] : []),
    { label: input.flaggedLabel ?? 'drifted chunk', color: COLORS.drift, kind: 'box' as const },
  ];
  return h`<svg viewBox="0 0 ${W} ${c(H)}" width="100%" role="img" class="chart" preserveAspectRatio="xMidYMid meet"><title>${input.title}</title>
${ticks.map((t) => h`<line x1="${c(m.left)}" x2="${c(W - m.right)}" y1="${c(y(t))}" y2="${c(y(t))}" class="grid"/><text x="${c(m.left - 6)}" y="${c(y(t) + 3.5)}" class="tk" text-anchor="end">${tickText(t)}</text>`)}
${input.band ? h`<rect x="${c(m.left)}" width="${c(W - m.left - m.right)}" y="${c(y(tr(input.band.upper)))}" height="${c(Math.max(0.5, y(tr(input.band.lower)) - y(tr(input.band.upper))))}" fill="${COLORS.threshold}" fill-opacity="0.16"/>` : ''}
${!input.band && input.threshold !== null && input.threshold !== undefined ? h`<line x1="${c(m.left)}" x2="${c(W - m.right)}" y1="${c(y(tr(input.threshold)))}" y2="${c(y(tr(input.threshold)))}" stroke="${COLORS.threshold}" stroke-width="1.4" stroke-dasharray="5 3"/>` : ''}
<line x1="${c(m.left)}" x2="${c(W - m.right)}" y1="${c(H - m.bottom)}" y2="${c(H - m.bottom)}" class="axis"/>
<path d="${segments.join('')}" fill="none" stroke="${COLORS.reference}" stroke-width="1.8"/>
${input.points.map((p, i) => (vals[i] === null ? '' : h`<circle cx="${c(x(i))}" cy="${c(y(vals[i] as number))}" r="${p.drifted ? 3.6 : 2.6}" fill="${p.drifted ? COLORS.drift : COLORS.reference}"><title>${p.label}: ${p.value === null ? '—' : tickLabel(Number(p.value.toPrecision(4)))}${p.drifted ? ' (drifted)' : ''}</title></circle>`))}
${input.points.map((p, i) =>
  i % labelEvery !== 0
    ? ''
    : rotate
      ? h`<text transform="translate(${c(x(i) + 3)},${c(H - m.bottom + 12)}) rotate(-40)" class="tk" text-anchor="end">${clipLabel(p.label, labelMax)}</text>`
      : h`<text x="${c(x(i))}" y="${c(H - m.bottom + 14)}" class="tk" text-anchor="middle">${clipLabel(p.label, labelMax)}</text>`,
)}
<text transform="translate(14,${c((m.top + H - m.bottom) / 2)}) rotate(-90)" class="al" text-anchor="middle">${input.yLabel}</text>
${legend(items, m.left, 16)}
</svg>`;
}

function logTicks(lo: number, hi: number): number[] {
  const span = hi - lo;
  const stepE = Math.max(1, Math.ceil(span / 6));
  const out: number[] = [];
  for (let e = 0; e >= lo; e -= stepE) out.unshift(e);
  return out;
}
