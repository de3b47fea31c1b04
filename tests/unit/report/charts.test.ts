/**
 * The report's one chart path: sections leave `chartSvg(spec)` placeholders of their module's spec,
 * `fillCharts` draws them all with Plotly in a Chromium page in one batch. Every chart of a
 * rendered report must come out an `<svg>` with marks, its axis titles, hostile categories as text,
 * no script and no URL; a report holding all four analyses renders; the page loads Plotly once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeDrift } from '../../../core/analyses/drift/drift';
import { distributionChart } from '../../../core/analyses/drift/charts';
import { loadReportAssets } from '../../../core/report/assets';
import { chartSpecsIn, chartSvg, fillCharts, printableSpec, renderChartsIn, type ChartPage } from '../../../core/report/charts';
import { renderReportHtml } from '../../../core/report/html';
import { chromiumPrinter } from '../../../core/report/pdf';
import { newClient } from '../../helpers/engine';
import { ROOT } from '../../helpers/cli';
import { cat, normals, num } from '../drift/helpers';
import { XSS, reportInput } from './fixture';

const SCRIPT = '<script>alert(1)</script>';
/** The hostile names as Plotly's serializer writes their text: `<` and `>` as character references. */
const SCRIPT_TEXT = /(&lt;|&#60;)script(&gt;|&#62;)alert\(1\)(&lt;|&#60;)\/script(&gt;|&#62;)/;
const XSS_TEXT = /(&lt;|&#60;)img src=x onerror=alert\(1\)(&gt;|&#62;)/;
const hasChromium = fs.existsSync(process.env.PLUMBLINE_CHROMIUM ?? '/usr/bin/chromium');
const { fontCss } = loadReportAssets();

/** The drawn charts of a document: each <figure class="chart">'s <svg>. */
function svgsOf(html: string): string[] {
  return [...html.matchAll(/<figure class="chart[^"]*">(<svg[\s\S]*?<\/svg>)/g)].map((m) => m[1]);
}

/** What every drawn chart must hold: marks, an axis title, no script, no URL. */
function expectDrawn(svg: string): void {
  expect(svg.startsWith('<svg class="main-svg"')).toBe(true);
  // Marks: bars, lines, points or heatmap cells are paths (or an image for heatmaps) inside the plot.
  expect(/class="(point|trace|bars|js-line|hm|scatterlayer)[^"]*"[\s\S]*?<(path|image)[^>]+\s(d|href)="[^"]+"/.test(svg)).toBe(true);
  expect(/<text[^>]*class="(x|y)title"[^>]*>[^<]+/.test(svg) || /class="(x|y)title"[\s\S]{0,400}?<tspan[^>]*>[^<]+/.test(svg)).toBe(true);
  expect(/<script|<foreignObject|<[a-z][^>]*\son[a-z]+\s*=/i.test(svg)).toBe(false);
  expect(/https?:/i.test(svg)).toBe(false);
}

describe('chart placeholders', () => {
  it('carry their spec escaped and give it back intact', () => {
    const spec = { id: 'x', title: XSS, data: [{ type: 'bar', x: [XSS, 'a"b', SCRIPT], y: [1, 2, 3] }], layout: {} };
    const html = `<p>${chartSvg(spec).value}</p>`;
    expect(/<img|<script/.test(html)).toBe(false);
    expect(chartSpecsIn(html)).toEqual([spec]);
    expect(chartSpecsIn(chartSvg(spec, { width: 300, height: 200 }).value)[0].layout).toEqual({ width: 300, height: 200 });
  });

  it('print in the report font, as SVG traces, at the size asked', () => {
    const p = printableSpec({ id: 'r', title: 'r', data: [{ type: 'scattergl', x: [1], y: [1], textfont: { size: 9 } }], layout: { title: { text: 't', font: { family: 'Inter', size: 13 } } } });
    expect(p.data[0]).toMatchObject({ type: 'scatter', textfont: { size: 9, family: expect.stringContaining('Inter Report') } });
    expect(p.layout).toMatchObject({ width: 640, height: 280, autosize: false, font: { family: expect.stringContaining('Inter Report') }, title: { font: { size: 13, family: expect.stringContaining('Inter Report') } } });
  });

  it('without a browser each chart becomes a note naming it, escaped', async () => {
    const out = await fillCharts(`<div>${chartSvg({ id: 'x', title: XSS, data: [], layout: {} }).value}</div>`, null);
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(/<img|plumbline-chart/.test(out)).toBe(false);
  });
});

describe.skipIf(!hasChromium)('charts drawn by Plotly in Chromium', { timeout: 120_000 }, () => {
  const printer = chromiumPrinter();
  afterAll(() => printer.close());

  it('a hostile category and column name stay text in the drawn chart', async () => {
    const n = 300;
    const ref = Array.from({ length: n }, (_, i) => (i % 3 ? 'a' : SCRIPT));
    const cur = Array.from({ length: n }, (_, i) => (i % 2 ? 'a' : SCRIPT));
    const r = analyzeDrift({ reference: [cat(SCRIPT, ref), num(XSS, normals(n, 1))], current: [cat(SCRIPT, cur), num(XSS, normals(n, 2, 1))] }, {});
    const specs = r.columns.map(distributionChart).filter((s) => s !== null);
    expect(specs).toHaveLength(2);
    const svgs = await renderChartsIn(await printer.chartPage(), specs.map(printableSpec), fontCss);
    for (const svg of svgs) expectDrawn(svg);
    // Drawn as the text it is: escaped once in the SVG's markup, never an element.
    expect(svgs[0]).toMatch(new RegExp(`>${SCRIPT_TEXT.source}<`));
    expect(svgs[1]).toMatch(XSS_TEXT);
  });

  it('every chart of a rendered drift report is an <svg> with marks and axis titles; the document keeps no script or URL', async () => {
    const { html: skeleton } = renderReportHtml(reportInput({ charts: 'all' }, { overTime: { chunk: { by: 'count', size: 150 } } }), loadReportAssets());
    const specs = chartSpecsIn(skeleton);
    expect(specs.length).toBeGreaterThan(6);
    const page = await printer.chartPage();
    const html = await fillCharts(skeleton, (s) => renderChartsIn(page, s, fontCss));
    expect(chartSpecsIn(html)).toEqual([]);
    const svgs = svgsOf(html);
    expect(svgs).toHaveLength(specs.length);
    for (const svg of svgs) expectDrawn(svg);
    expect(svgs.some((s) => s.includes('share of values'))).toBe(true);
    expect(svgs.some((s) => XSS_TEXT.test(s))).toBe(true);
    expect(/https?:\/\//i.test(html)).toBe(false);
    expect(/<script|<img|<iframe|<object|<embed|<link/i.test(html)).toBe(false);
    expect(/<[a-z][^>]*\son[a-z]+\s*=/i.test(html)).toBe(false);
    expect(html).toContain("font-family: 'Inter Report'");
  });

  it('loads Plotly into a page once, and again only when the page lost it', async () => {
    const scripts: string[] = [];
    const inner = await printer.chartPage();
    const page: ChartPage = { run: (s) => (scripts.push(s.length > 1_000_000 ? 'plotly' : s.slice(0, 40)), inner.run(s)) };
    await inner.run('delete window.Plotly');
    const spec = printableSpec({ id: 'a', title: 'a', data: [{ type: 'bar', x: ['a'], y: [1] }], layout: { xaxis: { title: { text: 'x' } } } });
    await renderChartsIn(page, [spec], fontCss);
    await renderChartsIn(page, [spec], fontCss);
    expect(scripts.filter((s) => s === 'plotly'), JSON.stringify(scripts)).toHaveLength(1);
    await inner.run('delete window.Plotly');
    expectDrawn((await renderChartsIn(page, [spec], fontCss))[0]);
    expect(scripts.filter((s) => s === 'plotly')).toHaveLength(2);
  });
});

describe.skipIf(!hasChromium)('a report with all four analyses', { timeout: 180_000 }, () => {
  const { client, ws, dir } = newClient();
  beforeAll(async () => {
    await client.importFile({ path: path.join(ROOT, 'assets', 'demo', 'reference.csv'), name: 'ref' });
    // A hostile category in every analysis: a region named <script>.
    const lines = fs.readFileSync(path.join(ROOT, 'assets', 'demo', 'current.csv'), 'utf8').split('\n');
    fs.writeFileSync(path.join(dir, 'cur.csv'), lines.map((l, i) => (i > 0 && i % 7 === 0 ? l.replace(',east,', `,"${SCRIPT}",`) : l)).join('\n'));
    await client.importFile({ path: path.join(dir, 'cur.csv'), name: 'cur' });
  }, 60_000);
  afterAll(() => {
    ws.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('renders drift, performance, fairness and A/B with every chart drawn (the live preview)', async () => {
    const week = { by: 'period', period: 'week', timestamp: 'timestamp' } as const;
    const { html } = await client.renderReport({
      reference: 'ref',
      current: 'cur',
      options: { overTime: { chunk: week } },
      analyses: {
        performance: { datasets: { current: 'cur', reference: 'ref' }, options: { chunk: week } },
        fairness: { datasets: { dataset: 'cur' }, options: { label: 'label', decision: { kind: 'score', column: 'score', threshold: 0.5 }, attributes: ['region'], bootstrap: { resamples: 0 }, overTime: { chunk: week } } },
        ab: { datasets: { dataset: 'cur' }, options: { variant: 'model_version', control: 'A', metrics: ['label', 'revenue'], segment: 'region' } },
      },
    });
    for (const s of ['Results: Data drift', 'Results: Model performance', 'Results: Fairness', 'Results: A/B']) expect(html.includes(s), s).toBe(true);
    expect(html.includes('plumbline-chart')).toBe(false);
    expect(html.includes('class="chart-missing"')).toBe(false);
    const svgs = svgsOf(html);
    expect(svgs.length).toBeGreaterThan(15);
    for (const svg of svgs) expectDrawn(svg);
    // The module charts of each analysis are there: ROC, disparity, lift, cumulative lift, drift over time.
    for (const t of ['ROC curve', 'pprev disparity against the reference group', 'Lift by metric', 'Cumulative lift of label', 'Drift of income per chunk', 'Confusion matrix']) {
      expect(svgs.some((s) => s.includes(t)), t).toBe(true);
    }
    expect(svgs.some((s) => SCRIPT_TEXT.test(s))).toBe(true);
    expect(/<script/i.test(html)).toBe(false);
    expect(/https?:\/\//i.test(html)).toBe(false);
  });
});
