/** Empirical CDFs of reference and current, with the largest vertical gap (the KS distance) marked. */
import type { KsGapPoint } from '../../analyses/drift/types';
import { h, type SafeHtml } from '../escape';
import { COLORS, c, legend, linearScale, niceTicks, tickLabel } from './scale';

export interface QuantileCurve {
  /** Probabilities 0…1, increasing. */
  readonly p: readonly number[];
  /** values[i] is the p[i] quantile, non-decreasing. */
  readonly values: readonly number[];
}

export interface EcdfInput {
  readonly reference: QuantileCurve;
  readonly current: QuantileCurve;
  readonly title: string;
  readonly xLabel: string;
  /** Where the ECDFs are furthest apart, from the drift result (exact, not read off the curves). */
  readonly gap: KsGapPoint;
  /** The KS statistic from the result when KS was the test; otherwise the gap's distance is shown. */
  readonly ksStatistic?: number | null;
  readonly width?: number;
  readonly height?: number;
}

/** F(x) read off a quantile curve: the largest p whose quantile is ≤ x (0 below the minimum). */
export function cdfAt(curve: QuantileCurve, x: number): number {
  const { p, values } = curve;
  if (values.length === 0 || x < values[0]) return 0;
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (values[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return p[lo];
}

function stepPath(curve: QuantileCurve, x: (v: number) => number, y: (v: number) => number, x0: number, x1: number): string {
  const pts: string[] = [`M${c(x(x0))},${c(y(0))}`];
  for (let i = 0; i < curve.values.length; i++) {
    const v = curve.values[i];
    if (!Number.isFinite(v)) continue;
    pts.push(`L${c(x(v))},${c(y(i === 0 ? 0 : curve.p[i - 1]))}`, `L${c(x(v))},${c(y(curve.p[i]))}`);
  }
  pts.push(`L${c(x(x1))},${c(y(1))}`);
  return pts.join('');
}

export function ecdfChart(input: EcdfInput): SafeHtml {
  const W = input.width ?? 680;
  const H = input.height ?? 250;
  const m = { top: 30, right: 30, bottom: 46, left: 56 };
  const all = [...input.reference.values, ...input.current.values].filter(Number.isFinite);
  const fullLo = all.length ? Math.min(...all) : 0;
  const fullHi = all.length ? Math.max(...all) : 1;
  // A long tail would squeeze both curves into a corner: show the 1st–99th percentiles then, and say so.
  const q = (curve: QuantileCurve, p: number) => curve.values[Math.min(curve.values.length - 1, Math.max(0, Math.round(p * (curve.values.length - 1))))];
  const innerLo = Math.min(q(input.reference, 0.01), q(input.current, 0.01));
  const innerHi = Math.max(q(input.reference, 0.99), q(input.current, 0.99));
  const clipped = Number.isFinite(innerLo) && Number.isFinite(innerHi) && innerHi > innerLo && fullHi - fullLo > 3 * (innerHi - innerLo);
  const lo = clipped ? innerLo : fullLo;
  const hi = clipped ? innerHi : fullHi;
  const xt = niceTicks(lo, hi, 6);
  const x = linearScale([Math.min(lo, xt[0]), Math.max(hi, xt[xt.length - 1])], [m.left, W - m.right]);
  const y = linearScale([0, 1], [H - m.bottom, m.top]);
  const [d0, d1] = x.domain;
  const { gap } = input;
  const gx = x(Math.min(d1, Math.max(d0, gap.x)));
  const label = input.ksStatistic !== undefined && input.ksStatistic !== null ? `KS D = ${tickLabel(Number(input.ksStatistic.toPrecision(4)))}` : `largest gap = ${tickLabel(Number(gap.distance.toPrecision(3)))}`;
  const labelRight = gx < W - 150;
  // A white backing keeps the label readable over the curves (a text halo would print as Type 3 glyphs).
  const labelWidth = Array.from(label).length * 6.4;
  return h`<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" class="chart" preserveAspectRatio="xMidYMid meet"><title>${input.title}</title>
${[0, 0.25, 0.5, 0.75, 1].map((t) => h`<line x1="${c(m.left)}" x2="${c(W - m.right)}" y1="${c(y(t))}" y2="${c(y(t))}" class="grid"/><text x="${c(m.left - 6)}" y="${c(y(t) + 3.5)}" class="tk" text-anchor="end">${tickLabel(t)}</text>`)}
${xt.filter((t) => t >= d0 && t <= d1).map((t) => h`<line x1="${c(x(t))}" x2="${c(x(t))}" y1="${c(H - m.bottom)}" y2="${c(H - m.bottom + 4)}" class="axis"/><text x="${c(x(t))}" y="${c(H - m.bottom + 15)}" class="tk" text-anchor="middle">${tickLabel(t)}</text>`)}
<line x1="${c(m.left)}" x2="${c(W - m.right)}" y1="${c(H - m.bottom)}" y2="${c(H - m.bottom)}" class="axis"/>
<path d="${stepPath(input.reference, x, y, d0, d1)}" fill="none" stroke="${COLORS.reference}" stroke-width="1.8"/>
<path d="${stepPath(input.current, x, y, d0, d1)}" fill="none" stroke="${COLORS.current}" stroke-width="1.8"/>
<line x1="${c(gx)}" x2="${c(gx)}" y1="${c(y(gap.reference))}" y2="${c(y(gap.current))}" stroke="${COLORS.drift}" stroke-width="2.2"/>
<circle cx="${c(gx)}" cy="${c(y(gap.reference))}" r="2.6" fill="${COLORS.drift}"/><circle cx="${c(gx)}" cy="${c(y(gap.current))}" r="2.6" fill="${COLORS.drift}"/>
<rect x="${c(labelRight ? gx + 3 : gx - 9 - labelWidth)}" y="${c((y(gap.reference) + y(gap.current)) / 2 - 8)}" width="${c(labelWidth + 6)}" height="15" fill="#fff" fill-opacity="0.85"/>
<text x="${c(labelRight ? gx + 6 : gx - 6)}" y="${c((y(gap.reference) + y(gap.current)) / 2 + 4)}" class="mk" text-anchor="${labelRight ? 'start' : 'end'}">${label}</text>
<text transform="translate(14,${c((m.top + H - m.bottom) / 2)}) rotate(-90)" class="al" text-anchor="middle">cumulative share</text>
<text x="${c(m.left + (W - m.left - m.right) / 2)}" y="${c(H - 6)}" class="al" text-anchor="middle">${input.xLabel}${clipped ? ' (1st–99th percentile shown)' : ''}</text>
${legend(
  [
    { label: 'reference', color: COLORS.reference, kind: 'line' },
    { label: 'current', color: COLORS.current, kind: 'line' },
    { label: 'largest gap', color: COLORS.drift, kind: 'line' },
  ],
  m.left,
  16,
)}
</svg>`;
}
