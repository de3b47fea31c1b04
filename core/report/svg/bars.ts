/** Grouped bar chart of bin shares: reference vs current, one group per bin or category. */
import { h, type SafeHtml } from '../escape';
import { COLORS, c, clipLabel, legend, linearScale, niceTicks, tickLabel } from './scale';

export interface GroupedBarsInput {
  /** One label per group (bin or category). */
  readonly labels: readonly string[];
  readonly series: readonly { readonly name: string; readonly values: readonly number[]; readonly color?: string }[];
  readonly xLabel: string;
  readonly yLabel: string;
  /** Accessible title; also the SVG's <title>. */
  readonly title: string;
  /** Values are shares (0–1) shown as percentages. */
  readonly percent?: boolean;
  readonly width?: number;
  readonly height?: number;
}

/** At most this many groups are drawn; the rest are summed into one "other" group. */
export const MAX_GROUPS = 24;

/** Keeps the largest groups (by the larger of the series) and sums the rest into one. */
export function limitGroups(input: Pick<GroupedBarsInput, 'labels' | 'series'>, max = MAX_GROUPS): Pick<GroupedBarsInput, 'labels' | 'series'> {
  if (input.labels.length <= max) return input;
  const weight = input.labels.map((_, i) => Math.max(...input.series.map((s) => s.values[i] ?? 0)));
  const order = weight.map((w, i) => [w, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const keep = new Set(order.slice(0, max - 1).map(([, i]) => i));
  const kept = input.labels.map((_, i) => i).filter((i) => keep.has(i));
  const rest = input.labels.length - kept.length;
  return {
    labels: [...kept.map((i) => input.labels[i]), `(${rest} others)`],
    series: input.series.map((s) => ({
      ...s,
      values: [...kept.map((i) => s.values[i] ?? 0), s.values.reduce((acc, v, i) => (keep.has(i) ? acc : acc + (v ?? 0)), 0)],
    })),
  };
}

export function groupedBarChart(input: GroupedBarsInput): SafeHtml {
  const { labels, series } = limitGroups(input);
  const W = input.width ?? 680;
  const n = labels.length;
  const longest = Math.max(0, ...labels.map((l) => Array.from(l).length));
  const rotate = n * Math.min(longest, 22) * 6.2 > W - 80;
  const labelMax = rotate ? 22 : 28;
  const bottom = rotate ? 30 + Math.min(longest, labelMax) * 4.6 : 46;
  const H = input.height ?? 250 + (rotate ? bottom - 46 : 0);
  const m = { top: 30, right: 14, bottom, left: 56 };
  const all = series.flatMap((s) => s.values).filter(Number.isFinite);
  const maxV = Math.max(0, ...all);
  const ticks = niceTicks(0, maxV > 0 ? maxV : 1, 5);
  const y = linearScale([0, ticks[ticks.length - 1]], [H - m.bottom, m.top]);
  const plotW = W - m.left - m.right;
  const groupW = plotW / Math.max(1, n);
  // Few groups would make slabs: bars are at most 46 units wide, centred in their group.
  const barW = Math.max(1, Math.min(46, (groupW * 0.78) / Math.max(1, series.length)));
  const fmt = (v: number) => (input.percent ? `${tickLabel(Number((v * 100).toPrecision(6)))}%` : tickLabel(v));

  const grid = ticks.map(
    (t) => h`<line x1="${c(m.left)}" x2="${c(W - m.right)}" y1="${c(y(t))}" y2="${c(y(t))}" class="grid"/><text x="${c(m.left - 6)}" y="${c(y(t) + 3.5)}" class="tk" text-anchor="end">${fmt(t)}</text>`,
  );
  const bars = labels.map((label, i) => {
    const gx = m.left + i * groupW + (groupW - barW * series.length) / 2;
    const rects = series.map((s, j) => {
      const v = Number.isFinite(s.values[i]) ? s.values[i] : 0;
      const top = y(v);
      return h`<rect x="${c(gx + j * barW)}" y="${c(top)}" width="${c(Math.max(0.5, barW - 1))}" height="${c(Math.max(0, H - m.bottom - top))}" fill="${s.color ?? (j === 0 ? COLORS.reference : COLORS.current)}"><title>${s.name} · ${label}: ${fmt(v)}</title></rect>`;
    });
    const lx = m.left + (i + 0.5) * groupW;
    const text = clipLabel(label, labelMax);
    const tick = rotate
      ? h`<text transform="translate(${c(lx + 3)},${c(H - m.bottom + 12)}) rotate(-40)" class="tk" text-anchor="end">${text}<title>${label}</title></text>`
      : h`<text x="${c(lx)}" y="${c(H - m.bottom + 14)}" class="tk" text-anchor="middle">${clipLabel(label, Math.max(4, Math.floor(groupW / 6)))}<title>${label}</title></text>`;
    return h`${rects}${tick}`;
  });
  const items = series.map((s, j) => ({ label: s.name, color: s.color ?? (j === 0 ? COLORS.reference : COLORS.current), kind: 'box' as const }));
  return h`<svg viewBox="0 0 ${W} ${c(H)}" width="100%" role="img" class="chart" preserveAspectRatio="xMidYMid meet"><title>${input.title}</title>
${grid}
<line x1="${c(m.left)}" x2="${c(W - m.right)}" y1="${c(H - m.bottom)}" y2="${c(H - m.bottom)}" class="axis"/>
${bars}
<text transform="translate(14,${c((m.top + H - m.bottom) / 2)}) rotate(-90)" class="al" text-anchor="middle">${input.yLabel}</text>
<text x="${c(m.left + plotW / 2)}" y="${c(H - 6)}" class="al" text-anchor="middle">${input.xLabel}</text>
${legend(items, m.left, 16)}
</svg>`;
}
