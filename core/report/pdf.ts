/**
 * Printing the report's HTML to PDF, and the Chromium page its charts are drawn in. Two printers
 * share one interface: `chromiumPrinter` drives a system Chromium with playwright-core (CLI, browser
 * mode, tests) and `hostPrinter` asks the host process (the Electron app, where main owns
 * `webContents.printToPDF` and a hidden chart window). What runs in the chart page is core's
 * (charts.ts); a printer only provides the page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PlumblineError } from '../api/errors';
import { resolveAssetsDir } from '../assets';
import type { ChartPage } from './charts';
import type { PageSize } from './types';
import { traceMark } from './trace';

export interface PrintOptions {
  readonly pageSize: PageSize;
  readonly headerTemplate: string;
  readonly footerTemplate: string;
}

export interface PdfPrinter {
  /** Name and version of what prints, for the report's software list (e.g. "Chromium 156.0.…"). */
  describe(): Promise<string>;
  print(html: string, options: PrintOptions): Promise<Uint8Array>;
  /** A page that may run script (no network) for drawing charts, the same one for the printer's life. */
  chartPage(): Promise<ChartPage>;
  /** Releases the browser, if any. Safe to call twice. */
  close(): Promise<void>;
}

/** Page margins: room for the running header and footer. */
export const PDF_MARGIN = { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' } as const;

/** Flags for a headless Chromium that talks to nobody. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
  '--mute-audio',
  '--disable-breakpad',
  '--disable-crash-reporter',
] as const;

export function chromiumPath(): string {
  const candidates = [process.env.PLUMBLINE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(
    (p): p is string => typeof p === 'string' && p.length > 0,
  );
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    throw new PlumblineError(
      'NOT_FOUND',
      'No Chromium found to print the PDF. Install Chromium (Debian/Ubuntu: apt-get install chromium) or set PLUMBLINE_CHROMIUM to its path; HTML export works without it.',
    );
  }
  return found;
}

type Browser = import('playwright-core').Browser;

/**
 * Prints with a system Chromium. The browser is launched on first use and kept until `close()`, so
 * a report costs one launch; every print gets a fresh context with JavaScript disabled and every
 * network request aborted.
 */
export function chromiumPrinter(opts: { executablePath?: string; assetsDir?: string } = {}): PdfPrinter {
  let browser: Promise<Browser> | null = null;
  let chartPage: Promise<ChartPage> | null = null;
  const launch = (): Promise<Browser> => {
    if (!browser) {
      const executablePath = opts.executablePath ?? chromiumPath();
      browser = (async () => {
        // Required at run time: playwright-core stays outside the bundle.
        const { chromium } = require('playwright-core') as typeof import('playwright-core');
        traceMark('chromium: launching');
        const b = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
        traceMark('chromium: launched');
        return b;
      })();
      browser.catch(() => {
        browser = null;
      });
    }
    return browser;
  };
  return {
    async describe() {
      const b = await launch();
      return `Chromium ${b.version()}`;
    },
    async print(html, options) {
      const b = await launch();
      const context = await b.newContext({ javaScriptEnabled: false, offline: true });
      try {
        const page = await context.newPage();
        await page.route('**/*', (route) => route.abort());
        traceMark('print: page open');
        await page.setContent(html, { waitUntil: 'load' });
        traceMark('print: document loaded');
        await page.emulateMedia({ media: 'print' });
        const pdf = await page.pdf({
          format: options.pageSize,
          displayHeaderFooter: true,
          headerTemplate: options.headerTemplate,
          footerTemplate: options.footerTemplate,
          printBackground: true,
          margin: PDF_MARGIN,
          outline: true,
          tagged: false,
        });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } finally {
        await context.close().catch(() => undefined);
      }
    },
    chartPage() {
      chartPage ??= (async () => {
        const b = await launch();
        // Plotly needs script: this context has it, but sees only what core sends and reaches no network.
        const context = await b.newContext({ javaScriptEnabled: true, offline: true });
        const page = await context.newPage();
        // A file:// page, so Chromium reads script files itself; it may load nothing but what loadScript names.
        const allowed = new Set([pathToFileURL(path.join(resolveAssetsDir(opts.assetsDir), 'report', 'chart-page.html')).href]);
        await page.route('**/*', (route) => (allowed.has(route.request().url()) ? route.continue() : route.abort()));
        await page.goto([...allowed][0]);
        traceMark('chart page: open');
        return {
          run: (script: string) => page.evaluate(script),
          async loadScript(file: string) {
            const url = pathToFileURL(file).href;
            allowed.add(url);
            await page.addScriptTag({ url });
          },
        };
      })();
      chartPage.catch(() => {
        chartPage = null;
      });
      return chartPage;
    },
    async close() {
      const b = browser;
      browser = null;
      chartPage = null;
      if (b) await (await b.catch(() => null))?.close().catch(() => undefined);
    },
  };
}

/** What a host printer asks of its host (core/transport/host-channel.ts carries it). */
export interface PrintHost {
  print(html: string, options: PrintOptions): Promise<Uint8Array>;
  /** Runs a script in the host's chart page (a hidden window that lives as long as the host). */
  runInChartPage(script: string): Promise<unknown>;
}

/** A printer that asks the host process (Electron main) to print and to run chart scripts. */
export function hostPrinter(host: PrintHost, name = 'Electron printToPDF'): PdfPrinter {
  const page: ChartPage = { run: (script) => host.runInChartPage(script) };
  return {
    async describe() {
      return name;
    },
    print: (html, options) => host.print(html, options),
    chartPage: async () => page,
    async close() {},
  };
}

/**
 * A Chromium printer that stays up between exports and closes after `idleMs` without one (never,
 * with Infinity): for long-lived engines (the browser-mode server's worker), where a warm browser
 * saves the launch and a warm chart page the loading of Plotly. `close()` only starts the idle
 * countdown; `shutdown()` closes at once. Its chart page is one object for its whole life: when an
 * idle shutdown replaced the browser, the page answers from the new one (and charts.ts, finding no
 * Plotly there, loads it again).
 */
export function warmChromiumPrinter(idleMs = 60_000, make: () => PdfPrinter = () => chromiumPrinter()): PdfPrinter & { shutdown(): Promise<void> } {
  let inner: PdfPrinter | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let busy = 0;
  const get = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    inner ??= make();
    return inner;
  };
  const shutdown = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const p = inner;
    inner = null;
    await p?.close();
  };
  const page: ChartPage = {
    async run(script) {
      busy++;
      try {
        return await (await get().chartPage()).run(script);
      } finally {
        busy--;
      }
    },
  };
  return {
    describe: () => get().describe(),
    async print(html, options) {
      busy++;
      try {
        return await get().print(html, options);
      } finally {
        busy--;
      }
    },
    chartPage: async () => page,
    async close() {
      if (timer) clearTimeout(timer);
      if (!Number.isFinite(idleMs)) return;
      timer = setTimeout(() => {
        if (busy === 0) void shutdown();
      }, idleMs);
      timer.unref?.();
    },
    shutdown,
  };
}
