/**
 * Charts in reports. A section never draws: it asks for a chart by the analysis module's Plotly spec
 * with `chartSvg(spec)`, which leaves a placeholder in the markup. Once the document is built,
 * `fillCharts` hands every placeholder's spec to a `ChartRenderer` in ONE batch — Plotly in a
 * Chromium page (`renderChartsIn`) — and swaps in the static SVG it returns. So the report's charts
 * are drawn by the same Plotly, from the same spec, as the screen's, and the document keeps no script.
 *
 * The page is the host's business (`PdfPrinter.chartPage`: Playwright's Chromium in the CLI and
 * browser mode, a hidden window of Electron main in the app); what runs in it is decided here only.
 */
import fs from 'node:fs';
import type { ChartSpec } from '../analyses/chart';
import { h, raw, type SafeHtml } from './escape';
import { traceMark } from './trace';

/** Renders specs to standalone `<svg>` markup, in order, one string per spec. */
export type ChartRenderer = (specs: readonly ChartSpec[]) => Promise<string[]>;

/**
 * A Chromium page that may run script but reaches no network. It lives as long as the printer that
 * gave it, so Plotly is loaded into it once per process, not once per report.
 */
export interface ChartPage {
  /** Runs `script` as a classic script in the page; resolves to its completion value (a promise is awaited), as JSON. */
  run(script: string): Promise<unknown>;
  /**
   * Runs the script file at `file` in the page, read by Chromium itself (a file:// page): a host
   * that can, spares sending Plotly's 1.5 MB as text. Absent: the text is sent with `run`.
   */
  loadScript?(file: string): Promise<void>;
  /**
   * A second chart page in a renderer process of its own (same rules: script, no network), drawing
   * part of each batch while this page draws the rest: the charts are Plotly's DOM work on one
   * renderer's main thread, so a second renderer can use the machine's other core. Absent (the app's
   * hidden window): the batch is drawn here alone.
   */
  readonly helper?: ChartPage;
}

/** The report's font, so chart text is measured and printed in the body's face (the document inlines it). */
export const REPORT_CHART_FONT = { family: "'Inter Report', Inter, sans-serif", color: '#1f2937' } as const;

const TAG = 'plumbline-chart';
const PLACEHOLDER = /<plumbline-chart data-spec="([A-Za-z0-9+/=]*)"><\/plumbline-chart>/g;

/**
 * A placeholder for one chart. The spec travels as base64 JSON, so until the charts are drawn the
 * document holds no chart text at all (not even escaped): hostile names appear only where drawn.
 * `size` draws it at another size than the screen's (e.g. two side by side on a page).
 */
export function chartSvg(spec: ChartSpec, size?: { width: number; height: number }): SafeHtml {
  const placed = size ? { ...spec, layout: { ...spec.layout, ...size } } : spec;
  return raw(`<${TAG} data-spec="${Buffer.from(JSON.stringify(placed), 'utf8').toString('base64')}"></${TAG}>`);
}

/** The specs the document asks for, in document order. */
export function chartSpecsIn(html: string): ChartSpec[] {
  return [...html.matchAll(PLACEHOLDER)].map((m) => JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')) as ChartSpec);
}

/** Every `font` object of a layout or trace in the report's face, keeping its size. */
function inReportFont(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => inReportFont(x));
  if (!v || typeof v !== 'object') return v;
  const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, inReportFont(x, k)]));
  return /font$/i.test(key) ? { ...o, family: REPORT_CHART_FONT.family } : o;
}

/**
 * The spec as the report draws it: the report's font, no interaction, and WebGL traces as their SVG
 * twins (the print bundle is Plotly's cartesian one, and a static SVG cannot hold a WebGL canvas).
 * Text is not escaped here: the module's spec already writes data as text (`chartText`), for the
 * screen and the report alike.
 */
export function printableSpec(spec: ChartSpec): ChartSpec {
  const data = spec.data.map((t) => inReportFont(t.type === 'scattergl' ? { ...t, type: 'scatter' } : t) as Record<string, unknown>);
  const layout = inReportFont(spec.layout) as Record<string, unknown>;
  return {
    id: spec.id,
    title: spec.title,
    data,
    layout: {
      ...layout,
      font: { size: 11, ...(layout.font as object | undefined), ...REPORT_CHART_FONT },
      width: typeof layout.width === 'number' ? layout.width : 640,
      height: typeof layout.height === 'number' ? layout.height : 280,
      autosize: false,
    },
  };
}

/** Where no browser can draw (no Chromium for an HTML export), the chart's title stands in. */
function missing(spec: ChartSpec): string {
  return h`<p class="chart-missing">Chart “${spec.title}” could not be drawn here: no Chromium was available to draw it.</p>`.value;
}

/** Replaces every placeholder with its SVG, rendered in one batch; without a renderer, with a note. */
export async function fillCharts(html: string, render: ChartRenderer | null): Promise<string> {
  const specs = chartSpecsIn(html);
  if (specs.length === 0) return html;
  const svgs = render ? await render(specs.map(printableSpec)) : specs.map(missing);
  if (svgs.length !== specs.length) throw new Error(`The chart renderer drew ${svgs.length} of ${specs.length} charts.`);
  let i = 0;
  return html.replace(PLACEHOLDER, () => svgs[i++]);
}

/** Plotly's cartesian bundle (scatter, bar, heatmap, histogram: every trace a report draws; a third of the full one). */
export function plotlyFile(): string {
  return require.resolve('plotly.js-cartesian-dist-min/plotly-cartesian.min.js');
}

let plotlySource: string | null = null;
/** The bundle's text, read once, for hosts that take scripts as text only. */
export function plotlyBundle(): string {
  plotlySource ??= fs.readFileSync(plotlyFile(), 'utf8');
  return plotlySource;
}

/** In-page: the report's font as a style sheet, loaded before any text is measured. */
function fontScript(fontCss: string): string {
  return `(() => {
  const style = document.createElement('style');
  style.textContent = ${JSON.stringify(fontCss)};
  document.head.appendChild(style);
  return Promise.all(['400', '700'].map((w) => document.fonts.load(w + " 11px 'Inter Report'"))).then(() => typeof Plotly);
})()`;
}

/**
 * In-page: draws each spec with the page's Plotly and returns its SVG; null when the page has no
 * Plotly (a new page). `imageDataOnly`: the SVG text itself, not a data: URL to decode again.
 */
function renderScript(specs: readonly ChartSpec[]): string {
  return `(async (specs) => {
  if (typeof Plotly === 'undefined') return null;
  const out = [];
  for (const s of specs) {
    out.push(await Plotly.toImage({ data: s.data, layout: s.layout, config: { staticPlot: true } }, { format: 'svg', width: s.layout.width, height: s.layout.height, imageDataOnly: true }));
  }
  return out;
})(${JSON.stringify(specs)})`;
}

/** Pages known to hold Plotly and the font: a page is set up once, however many reports it draws. */
const ready = new WeakMap<ChartPage, Promise<void>>();

/**
 * Loads Plotly and the report's font into the page (once per page; later calls share the first),
 * and starts the same in its helper, if any (not waited for: a helper that cannot load only draws nothing).
 */
export function preparePage(page: ChartPage, fontCss: string): Promise<void> {
  let p = ready.get(page);
  if (!p) {
    p = (async () => {
      const has = await page.run(`typeof Plotly`);
      if (has === 'undefined') {
        traceMark('chart page: loading Plotly');
        if (page.loadScript) await page.loadScript(plotlyFile());
        else await page.run(`${plotlyBundle()}\n;0`);
        traceMark('chart page: Plotly loaded');
      }
      const loaded = await page.run(fontScript(fontCss));
      traceMark('chart page: font loaded');
      if (loaded !== 'object') throw new Error('Plotly did not load in the chart page.');
    })();
    ready.set(page, p);
    p.catch(() => ready.delete(page));
    // After the page's own start, so its page opens first.
    if (page.helper) void preparePage(page.helper, fontCss).catch(() => undefined);
  }
  return p;
}

/**
 * Draws specs in one round trip to the page. If the page lost Plotly (the host replaced a closed
 * window), it is set up again and the specs drawn once more.
 */
async function drawIn(page: ChartPage, specs: readonly ChartSpec[], fontCss: string): Promise<string[]> {
  for (let attempt = 0; attempt < 2; attempt++) {
    await preparePage(page, fontCss);
    const out = await page.run(renderScript(specs));
    // Inline SVG in HTML needs no namespace declarations; dropping them leaves no URL in the document.
    if (Array.isArray(out)) return (out as string[]).map((svg) => svg.replace(/\s+xmlns(:[a-z]+)?="[^"]*"/g, ''));
    ready.delete(page);
  }
  throw new Error('The chart page could not load Plotly.');
}

/**
 * Draws every spec: in one round trip to the page, or, when the page has a helper, shared between
 * the two a chart at a time, each taking the next chart when it is free (so a helper still loading
 * Plotly on a cold start takes fewer). A helper that fails hands its chart back and stops; the
 * page's own failure is the batch's.
 */
export async function renderChartsIn(page: ChartPage, specs: readonly ChartSpec[], fontCss: string): Promise<string[]> {
  if (specs.length === 0) return [];
  traceMark(`charts: drawing ${specs.length}`);
  const helper = page.helper;
  if (!helper || specs.length < 2) return drawIn(page, specs, fontCss);
  const out: string[] = new Array(specs.length);
  const left = specs.map((_, i) => i);
  let drawnByHelper = 0;
  const work = async (p: ChartPage, isHelper: boolean) => {
    for (let i = left.shift(); i !== undefined; i = left.shift()) {
      try {
        out[i] = (await drawIn(p, [specs[i]], fontCss))[0];
        if (isHelper) drawnByHelper++;
      } catch (e) {
        left.unshift(i);
        if (!isHelper) throw e;
        return;
      }
    }
  };
  // The helper's own set-up was started with the page's (preparePage); it joins when it is ready.
  await Promise.all([work(page, false), preparePage(helper, fontCss).then(() => work(helper, true), () => undefined)]);
  // The helper may have given a chart back after the page finished.
  if (left.length > 0) (await drawIn(page, left.map((i) => specs[i]), fontCss)).forEach((svg, k) => (out[left[k]] = svg));
  traceMark(`charts: ${drawnByHelper} of ${specs.length} drawn by the helper page`);
  return out;
}
