/** A curve in the unit square (ROC, precision–recall, calibration) with a diagonal or level for chance and marked points. */
import { h, type SafeHtml } from '../escape';
import { COLORS, c, legend, linearScale, niceTicks, tickLabel } from './scale';

export interface UnitCurveInput {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly name: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** 'step' draws a right-continuous step (PR); 'line' joins the points. */
  readonly shape: 'line' | 'step';
  /** Chance: the diagonal, or a level line at y. */
  readonly chance: 'diagonal' | number | null;
  readonly marks?: readonly { readonly label: string; readonly x: number; readonly y: number; readonly color: string }[];
  readonly width?: number;
  readonly height?: number;
}

export function unitCurveChart(input: UnitCurveInput): SafeHtml {
  const W = input.width ?? 330;
  const H = input.height ?? 300;
  const m = { top: 30, right: 14, bottom: 44, left: 50 };
  const x = linearScale([0, 1], [m.left, W - m.right]);
  const y = linearScale([0, 1], [H - m.bottom, m.top]);
  const ticks = niceTicks(0, 1, 5);
  const pts: string[] = [];
  for (let i = 0; i < input.x.length; i++) {
    const px = c(x(input.x[i]));
    const py = c(y(input.y[i]));
    if (i === 0) pts.push(`M${px},${py}`);
    else if (input.shape === 'step') pts.push(`L${px},${c(y(input.y[i - 1]))}`, `L${px},${py}`);
    else pts.push(`L${px},${py}`);
  }
  const chance = input.chance === 'diagonal'
    ? h`<line x1="${c(x(0))}" y1="${c(y(0))}" x2="${c(x(1))}" y2="${c(y(1))}" stroke="${COLORS.threshold}" stroke-dasharray="3 3"/>`
    : typeof input.chance === 'number'
      ? h`<line x1="${c(x(0))}" y1="${c(y(input.chance))}" x2="${c(x(1))}" y2="${c(y(input.chance))}" stroke="${COLORS.threshold}" stroke-dasharray="3 3"/>`
      : '';
  const marks = input.marks ?? [];
  return h`<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" class="chart" preserveAspectRatio="xMidYMid meet"><title>${input.title}</title>
${ticks.map((t) => h`<line x1="${c(m.left)}" x2="${c(W - m.right)}" y1="${c(y(t))}" y2="${c(y(t))}" class="grid"/><text x="${c(m.left - 6)}" y="${c(y(t) + 3.5)}" class="tk" text-anchor="end">${tickLabel(t)}</text>
<text x="${c(x(t))}" y="${c(H - m.bottom + 14)}" class="tk" text-anchor="middle">${tickLabel(t)}</text>`)}
<line x1="${c(m.left)}" x2="${c(W - m.right)}" y1="${c(H - m.bottom)}" y2="${c(H - m.bottom)}" class="axis"/>
${chance}
<path d="${pts.join('')}" fill="none" stroke="${COLORS.current}" stroke-width="1.8"/>
${marks.map((k) => h`<circle cx="${c(x(k.x))}" cy="${c(y(k.y))}" r="4" fill="${k.color}" stroke="#000" stroke-width="0.6"><title>${k.label}</title></circle>`)}
<text x="${c((m.left + W - m.right) / 2)}" y="${c(H - 8)}" class="al" text-anchor="middle">${input.xLabel}</text>
<text transform="translate(12,${c((m.top + H - m.bottom) / 2)}) rotate(-90)" class="al" text-anchor="middle">${input.yLabel}</text>
${legend([{ label: input.name, color: COLORS.current, kind: 'line' }], m.left, 16)}
</svg>`;
}
