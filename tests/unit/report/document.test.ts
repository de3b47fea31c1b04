import { describe, expect, it } from 'vitest';
import { PlumblineError } from '../../../core/api/errors';
import { loadReportAssets } from '../../../core/report/assets';
import { chartSpecsIn } from '../../../core/report/charts';
import { renderReportHtml } from '../../../core/report/html';
import { REPORT_SECTIONS, defaultSections, resolveSections } from '../../../core/report/sections';
import { driftSection } from '../../../core/report/sections/drift';
import { reportInput } from './fixture';

const assets = loadReportAssets();

function chapterTitles(html: string): string[] {
  return Array.from(html.matchAll(/<section class="chapter" id="([^"]+)"><h2>([^<]+)<\/h2>/g), (m) => `${m[1]}|${m[2]}`);
}

describe('report assembly', () => {
  it('sections are looked up by id, in the order asked; unknown ids name the known ones', () => {
    expect(resolveSections(['quality', 'drift', 'quality']).map((s) => s.id)).toEqual(['quality', 'drift']);
    expect(() => resolveSections(['drift', 'nope'])).toThrow(PlumblineError);
    expect(() => resolveSections(['nope'])).toThrow(/drift, over-time, quality/);
    expect(defaultSections(false)).toEqual(['drift', 'quality']);
    expect(defaultSections(true)).toEqual(['drift', 'over-time', 'quality']);
    for (const s of REPORT_SECTIONS) expect(s.title.length).toBeGreaterThan(0);
  });

  it('the document has cover, contents, summary, provenance, methods, one chapter per section and the appendix, in order', () => {
    const { html } = renderReportHtml(reportInput(), assets);
    expect(chapterTitles(html)).toEqual([
      'contents|Contents',
      'summary|1. Executive summary',
      'provenance|2. Data provenance',
      'methods|3. Methods',
      'results-drift|4. Results: Data drift',
      'results-quality|5. Results: Data quality',
      'appendix|6. Appendix: settings and software',
    ]);
    expect(html.indexOf('class="cover"')).toBeLessThan(html.indexOf('id="contents"'));
    for (const id of ['summary', 'provenance', 'methods', 'results-drift', 'results-quality', 'appendix']) expect(html.includes(`href="#${id}"`)).toBe(true);
  });

  it('print rules: page breaks between chapters, repeated table headers, rows never cut, charts kept whole', () => {
    const { html } = renderReportHtml(reportInput(), assets);
    expect(html).toMatch(/section\.chapter \{ break-before: page/);
    expect(html).toMatch(/thead \{ display: table-header-group; \}/);
    expect(html).toMatch(/tr \{ break-inside: avoid/);
    expect(html).toMatch(/figure\.chart \{[^}]*break-inside: avoid/);
    expect(html.match(/<table class="data/g)!.length).toBe(html.match(/<thead>/g)!.length);
  });

  it('self-contained: fonts inlined, no script, no external reference of any kind', () => {
    const { html } = renderReportHtml(reportInput({ charts: 'all' }), assets);
    expect(html.includes("@font-face{font-family:'Inter Report'")).toBe(true);
    expect(html.includes('data:font/woff2;base64,')).toBe(true);
    expect(/https?:\/\//i.test(html)).toBe(false);
    expect(/<script|<link|<iframe|<object|<embed|<img|url\((?!data:)/i.test(html)).toBe(false);
    expect(/<[a-z][^>]*\ssrc=/i.test(html)).toBe(false);
    expect(/<[a-z][^>]*\shref="(?!#)/i.test(html)).toBe(false); // links only inside the document
  });

  it('summary: dataset drift and every column check with threshold and pass/fail, plain words first', () => {
    const input = reportInput();
    const checks = driftSection.checks(input);
    const r = input.drift.result;
    expect(checks[0].plain).toMatch(/^The dataset (did not drift|drifted)/);
    expect(checks).toHaveLength(1 + r.columns.length);
    const age = checks.find((c) => c.check.startsWith('Drift of age'))!;
    expect(age.status).toBe(r.columns.find((c) => c.column === 'age')!.drifted ? 'fail' : 'pass');
    expect(age.threshold).toMatch(/≥|</);
    const { html, checks: all } = renderReportHtml(input, assets);
    expect(all.length).toBeGreaterThan(checks.length - 1);
    expect(html.includes(checks[0].plain)).toBe(true);
  });

  it('methods: each test used is defined with its threshold, and why each column got its test', () => {
    const input = reportInput({}, { test: 'psi' });
    const { html } = renderReportHtml(input, assets);
    expect(html.includes('Population stability index (PSI)')).toBe(true);
    expect(html.includes('Binning.')).toBe(true);
    for (const c of input.drift.result.columns) expect(html.includes(c.reason.replace(/&/g, '&amp;').replace(/</g, '&lt;'))).toBe(true);
  });

  it('distribution charts for drifted columns by default, for all on request; over time when chunked', () => {
    const input = reportInput();
    const drifted = input.drift.result.columns.filter((c) => c.drifted).length;
    // Charts are placeholders until drawn (charts.test.ts draws them): count what the document asks for.
    const count = (html: string) => chartSpecsIn(html).length;
    const some = count(renderReportHtml(input, assets).html);
    const all = count(renderReportHtml({ ...input, charts: 'all' }, assets).html);
    expect(some).toBeGreaterThanOrEqual(drifted);
    expect(all).toBeGreaterThan(some);
    const timed = reportInput({}, { overTime: { chunk: { by: 'count', size: 100 } } });
    expect(timed.sections).toContain('over-time');
    const html = renderReportHtml(timed, assets).html;
    expect(html.includes('Results: Drift over time')).toBe(true);
    expect(html.includes('chunks of 100 consecutive rows')).toBe(true);
  });
});
