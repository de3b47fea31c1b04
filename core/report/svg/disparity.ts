/**
 * The Aequitas disparity plot as a static SVG for the report: one row per group, its disparity on
 * a log axis (so τ and 1/τ sit equally far from 1) with its interval, over the shaded parity band.
 * Drawn from the same numbers as the screen's Plotly chart (core/analyses/fairness/charts.ts).
 */
import { h, type SafeHtml } from '../escape';
import { COLORS, c, clipLabel, legend, linearScale } from './scale';

export interface DisparityRow {
  readonly label: string;
  readonly value: number | null;
  readonly interval: { readonly low: number; readonly high: number } | null;
  /** reference: blue; pass/fail: green/red; unjudged: grey (too small, or undefined). */
  readonly kind: 'reference' | 'pass' | 'fail' | 'unjudged';
}

const FILL = { reference: COLORS.reference, pass: COLORS.ok, fail: COLORS.drift, unjudged: '#9a9a9a' } as const;

export function disparityChart(input: { readonly rows: readonly DisparityRow[]; readonly tau: number; readonly title: string; readonly xLabel: string; readonly width?: number }): SafeHtml {
  const W = input.width ?? 680;
  const rowH = 18;
  // Fairness shortens its row labels to 44 characters (rowText), eliding the middle.
  const labelMax = 44;
  const m = { top: 30, right: 20, bottom: 34, left: 12 + Math.min(labelMax, Math.max(6, ...input.rows.map((r) => Array.from(r.label).length))) * 5.8 };
  const H = m.top + m.bottom + rowH * Math.max(1, input.rows.length);
  const positive = input.rows.flatMap((r) => [r.value, r.interval?.low ?? null, r.interval?.high ?? null]).filter((v): v is number => v !== null && v > 0 && Number.isFinite(v));
  const lo = Math.floor(Math.log10(Math.min(input.tau, ...positive)) * 10) / 10 - 0.05;
  const hi = Math.ceil(Math.log10(Math.max(1 / input.tau, ...positive)) * 10) / 10 + 0.05;
  const x = linearScale([lo, hi], [m.left, W - m.right]);
  const lx = (v: number) => x(Math.log10(v));
  const ticks = [0.1, 0.2, 0.5, input.tau, 1, 1 / input.tau, 2, 5, 10, 20].filter((t) => Math.log10(t) >= lo && Math.log10(t) <= hi);
  const y = (i: number) => m.top + rowH * (i + 0.5);
  const rows = input.rows.map((r, i) => {
    const iv = r.interval && r.interval.low > 0 ? h`<line x1="${c(lx(r.interval.low))}" x2="${c(lx(r.interval.high))}" y1="${c(y(i))}" y2="${c(y(i))}" stroke="#555555" stroke-width="1.2"/>` : '';
    const dot =
      r.value !== null && r.value > 0
        ? h`<circle cx="${c(lx(r.value))}" cy="${c(y(i))}" r="4" fill="${FILL[r.kind]}" stroke="#333333" stroke-width="0.5"><title>${r.label}: ${Number(r.value.toPrecision(4))}</title></circle>`
        : h`<text x="${c(m.left + 4)}" y="${c(y(i) + 3.5)}" class="tk">${r.value === null ? 'undefined' : '0'}</text>`;
    return h`<text x="${c(m.left - 6)}" y="${c(y(i) + 3.5)}" class="tk" text-anchor="end"${r.kind === 'unjudged' ? h` fill="#8a8a8a"` : ''}>${clipLabel(r.label, labelMax)}<title>${r.label}</title></text>${iv}${dot}`;
  });
  // The report's charts stop at 120 mm high; a plot of many groups would shrink its text to a few
  // points, so past 24 rows it may take up to a page instead.
  const tall = input.rows.length > 24 ? h` style="max-height:225mm"` : '';
  return h`<svg viewBox="0 0 ${W} ${c(H)}" width="100%" role="img" class="chart" preserveAspectRatio="xMidYMid meet"${tall}><title>${input.title}</title>
<rect x="${c(lx(input.tau))}" width="${c(lx(1 / input.tau) - lx(input.tau))}" y="${c(m.top)}" height="${c(H - m.top - m.bottom)}" fill="${COLORS.reference}" fill-opacity="0.14"/>
${ticks.map((t) => h`<line x1="${c(lx(t))}" x2="${c(lx(t))}" y1="${c(m.top)}" y2="${c(H - m.bottom)}" class="grid"/><text x="${c(lx(t))}" y="${c(H - m.bottom + 13)}" class="tk" text-anchor="middle">${String(Number(t.toPrecision(3)))}</text>`)}
<line x1="${c(lx(1))}" x2="${c(lx(1))}" y1="${c(m.top)}" y2="${c(H - m.bottom)}" stroke="${COLORS.axis}" stroke-dasharray="2 2"/>
${rows}
<text x="${c((m.left + W - m.right) / 2)}" y="${c(H - 6)}" class="al" text-anchor="middle">${input.xLabel}</text>
${legend(
  [
    { label: `parity band [${input.tau}, ${Number((1 / input.tau).toPrecision(4))}]`, color: COLORS.reference, kind: 'band' },
    { label: 'within', color: COLORS.ok, kind: 'box' },
    { label: 'outside', color: COLORS.drift, kind: 'box' },
    { label: 'not judged (too small)', color: '#9a9a9a', kind: 'box' },
    { label: 'reference', color: COLORS.reference, kind: 'box' },
  ],
  // From the left edge: after a wide label margin the last item ran off the chart.
  12,
  16,
)}
</svg>`;
}
