import { describe, expect, it } from 'vitest';
import { groupedBarChart, limitGroups } from '../../../core/report/svg/bars';
import { cdfAt, ecdfChart } from '../../../core/report/svg/ecdf';
import { overTimeChart } from '../../../core/report/svg/over-time';
import { niceTicks } from '../../../core/report/svg/scale';
import { XSS } from './fixture';

interface El {
  readonly tag: string;
  readonly attrs: Map<string, string>;
  text: string;
}

/**
 * A strict little XML reader for the charts: every tag closed in order, every attribute quoted,
 * no stray '<' or '&' in text. Throws on malformed markup; returns the elements in document order.
 */
function parse(svg: string): El[] {
  const els: El[] = [];
  const stack: El[] = [];
  const re = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(svg)) !== null) {
    pos = re.lastIndex;
    if (m[5] !== undefined) {
      expect(/&(?!(amp|lt|gt|quot|#39|#96);)/.test(m[5]), `bare & in ${m[5]}`).toBe(false);
      for (const open of stack) open.text += m[5].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
      continue;
    }
    if (m[1]) {
      const top = stack.pop();
      expect(top?.tag, `closing </${m[2]}>`).toBe(m[2]);
      continue;
    }
    const attrs = new Map(Array.from(m[3].matchAll(/([\w:-]+)="([^"]*)"/g), (a) => [a[1], a[2]] as [string, string]));
    const el: El = { tag: m[2], attrs, text: '' };
    els.push(el);
    if (!m[4]) stack.push(el);
  }
  expect(pos, `unparsed markup at ${pos}: ${svg.slice(pos, pos + 40)}`).toBe(svg.length);
  expect(stack.map((e) => e.tag)).toEqual([]);
  expect(els[0].tag).toBe('svg');
  return els;
}

/** Every numeric attribute and path coordinate is finite and inside the viewBox (with a small allowance for strokes). */
function expectFiniteInside(els: El[]): void {
  const [, , w, hgt] = els[0].attrs.get('viewBox')!.split(' ').map(Number);
  expect(Number.isFinite(w) && Number.isFinite(hgt)).toBe(true);
  for (const el of els.slice(1)) {
    for (const a of ['x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'width', 'height', 'r']) {
      const v = el.attrs.get(a);
      if (v === undefined) continue;
      const n = Number(v);
      expect(Number.isFinite(n), `${el.tag}@${a}=${v}`).toBe(true);
      const limit = a.startsWith('x') || a === 'cx' ? w : a.startsWith('y') || a === 'cy' ? hgt : null;
      if (limit !== null) {
        expect(n).toBeGreaterThanOrEqual(-1);
        expect(n).toBeLessThanOrEqual(limit + 1);
      }
    }
    const d = el.attrs.get('d');
    if (d) for (const m of d.match(/-?[\d.]+(e-?\d+)?|NaN|Infinity/g) ?? []) expect(Number.isFinite(Number(m)), `path ${m}`).toBe(true);
    expect(el.attrs.get('transform') ?? '').not.toMatch(/NaN|Infinity/);
  }
}

/** Text of <text> elements, without their <title> tooltips. */
function texts(els: El[]): string[] {
  const out: string[] = [];
  els.forEach((e, i) => {
    if (e.tag !== 'text') return;
    const title = els[i + 1]?.tag === 'title' ? els[i + 1].text : '';
    out.push(title && e.text.endsWith(title) ? e.text.slice(0, e.text.length - title.length) : e.text);
  });
  return out;
}

const count = (els: El[], tag: string) => els.filter((e) => e.tag === tag).length;

describe('SVG charts', () => {
  it('grouped bars: well-formed, finite, axis labels and legend present, data labels escaped', () => {
    const svg = groupedBarChart({
      labels: ['a', XSS, 'c'],
      series: [
        { name: 'reference', values: [0.2, 0.5, 0.3] },
        { name: 'current', values: [0.1, 0.1, 0.8] },
      ],
      xLabel: 'device (category)',
      yLabel: 'share of values',
      title: 'shares',
      percent: true,
    }).value;
    expect(svg.includes('<img')).toBe(false);
    const doc = parse(svg);
    expectFiniteInside(doc);
    const t = texts(doc);
    expect(t).toContain('device (category)');
    expect(t).toContain('share of values');
    expect(t).toContain('reference');
    expect(t).toContain('current');
    expect(t.some((s) => s.startsWith('<img src=x'))).toBe(true); // the category as text
    expect(t).toContain('80%');
    expect(count(doc, 'rect')).toBeGreaterThanOrEqual(6 + 2);
  });

  it('grouped bars: all-zero, NaN and many categories still draw finitely; extras are summed into one group', () => {
    const labels = Array.from({ length: 60 }, (_, i) => `category number ${i} with a long name`);
    const values = labels.map((_, i) => (i === 3 ? NaN : 1 / 60));
    const doc = parse(groupedBarChart({ labels, series: [{ name: 'r', values }, { name: 'c', values: labels.map(() => 0) }], xLabel: 'x', yLabel: 'y', title: 't' }).value);
    expectFiniteInside(doc);
    expect(texts(doc).some((s) => s.includes('others'))).toBe(true);
    const limited = limitGroups({ labels, series: [{ name: 'r', values: labels.map(() => 1) }] }, 10);
    expect(limited.labels).toHaveLength(10);
    expect(limited.series[0].values.reduce((a, b) => a + b, 0)).toBe(60);
  });

  it('ECDF: marks the largest gap and prints the KS statistic', () => {
    const p = Array.from({ length: 101 }, (_, i) => i / 100);
    const reference = { p, values: p.map((q) => q * 10) };
    const current = { p, values: p.map((q) => q * 10 + 2) };
    expect(cdfAt(reference, 5)).toBeCloseTo(0.5);
    const gap = { x: 3.5, reference: 0.35, current: 0.15, distance: 0.2 };
    const doc = parse(ecdfChart({ reference, current, gap, xLabel: 'age', title: 'ecdf', ksStatistic: 0.2 }).value);
    expectFiniteInside(doc);
    const t = texts(doc);
    expect(t).toContain('KS D = 0.2');
    expect(t).toContain('cumulative share');
    expect(t).toContain('age');
    expect(count(doc, 'path')).toBe(2);
  });

  it('ECDF: constant and single-point samples do not produce NaN', () => {
    const one = { p: [0.5], values: [3] };
    const doc = parse(ecdfChart({ reference: one, current: one, gap: { x: 3, reference: 1, current: 1, distance: 0 }, xLabel: 'x', title: 't' }).value);
    expectFiniteInside(doc);
    expect(texts(doc)).toContain('largest gap = 0');
  });

  it('drift over time: threshold line, band, log-scale p-values, missing points, many chunks', () => {
    const points = Array.from({ length: 40 }, (_, i) => ({ label: `2026-W${i + 1}`, value: i === 5 ? null : i % 7 === 0 ? 1e-30 : 0.3, drifted: i % 7 === 0 }));
    const doc = parse(overTimeChart({ points, title: 'p', yLabel: 'p-value (ks, log scale)', logScale: true, threshold: 0.05 }).value);
    expectFiniteInside(doc);
    expect(texts(doc)).toContain('threshold 0.05');
    expect(count(doc, 'circle')).toBe(39);
    const band = parse(overTimeChart({ points: points.map((p) => ({ ...p, value: 0.1 })), title: 'b', yLabel: 'psi', band: { lower: 0.05, upper: 0.2 } }).value);
    expectFiniteInside(band);
    expect(texts(band)).toContain('reference band (mean ± 3σ)');
    expectFiniteInside(parse(overTimeChart({ points: [], title: 'empty', yLabel: 'x', threshold: 0.1 }).value));
  });

  it('nice ticks cover the range with round steps', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 0.37, 5)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceTicks(5, 5).length).toBeGreaterThan(1);
  });
});
