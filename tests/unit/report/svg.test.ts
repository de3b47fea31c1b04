import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { groupedBarChart, limitGroups } from '../../../core/report/svg/bars';
import { cdfAt, ecdfChart, largestGap } from '../../../core/report/svg/ecdf';
import { overTimeChart } from '../../../core/report/svg/over-time';
import { niceTicks } from '../../../core/report/svg/scale';
import { XSS } from './fixture';

/** Parses as XML (throws on malformed markup) and returns the document. */
function parse(svg: string): Document {
  const doc = new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;
  expect(doc.getElementsByTagName('parsererror').length).toBe(0);
  expect(doc.documentElement.tagName).toBe('svg');
  return doc;
}

/** Every numeric attribute and path coordinate is finite and inside the viewBox (with a small allowance for strokes). */
function expectFiniteInside(doc: Document): void {
  const [, , w, hgt] = doc.documentElement.getAttribute('viewBox')!.split(' ').map(Number);
  expect(Number.isFinite(w) && Number.isFinite(hgt)).toBe(true);
  const all = Array.from(doc.getElementsByTagName('*'));
  for (const el of all) {
    if (el === doc.documentElement) continue; // width="100%" scales the chart to the text column
    for (const a of ['x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'width', 'height', 'r']) {
      const v = el.getAttribute(a);
      if (v === null) continue;
      const n = Number(v);
      expect(Number.isFinite(n), `${el.tagName}@${a}=${v}`).toBe(true);
      const limit = a.startsWith('x') || a === 'cx' ? w : a.startsWith('y') || a === 'cy' ? hgt : null;
      if (limit !== null) {
        expect(n).toBeGreaterThanOrEqual(-1);
        expect(n).toBeLessThanOrEqual(limit + 1);
      }
    }
    const d = el.getAttribute('d');
    if (d) for (const m of d.match(/-?[\d.]+(e-?\d+)?|NaN|Infinity/g) ?? []) expect(Number.isFinite(Number(m)), `path ${m}`).toBe(true);
    expect(el.getAttribute('transform') ?? '').not.toMatch(/NaN|Infinity/);
  }
}

function texts(doc: Document): string[] {
  return Array.from(doc.getElementsByTagName('text')).map((t) => t.textContent ?? '');
}

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
    expect(doc.getElementsByTagName('rect').length).toBeGreaterThanOrEqual(6 + 2);
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
    const gap = largestGap(reference, current);
    expect(gap.gap).toBeCloseTo(0.2, 1);
    const doc = parse(ecdfChart({ reference, current, xLabel: 'age', title: 'ecdf', ksStatistic: 0.2 }).value);
    expectFiniteInside(doc);
    const t = texts(doc);
    expect(t).toContain('KS D = 0.2');
    expect(t).toContain('cumulative share');
    expect(t).toContain('age');
    expect(doc.getElementsByTagName('path').length).toBe(2);
  });

  it('ECDF: constant and single-point samples do not produce NaN', () => {
    const one = { p: [0.5], values: [3] };
    expectFiniteInside(parse(ecdfChart({ reference: one, current: one, xLabel: 'x', title: 't' }).value));
  });

  it('drift over time: threshold line, band, log-scale p-values, missing points, many chunks', () => {
    const points = Array.from({ length: 40 }, (_, i) => ({ label: `2026-W${i + 1}`, value: i === 5 ? null : i % 7 === 0 ? 1e-30 : 0.3, drifted: i % 7 === 0 }));
    const doc = parse(overTimeChart({ points, title: 'p', yLabel: 'p-value (ks, log scale)', logScale: true, threshold: 0.05 }).value);
    expectFiniteInside(doc);
    expect(texts(doc)).toContain('threshold 0.05');
    expect(doc.querySelectorAll('circle').length).toBe(39);
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
