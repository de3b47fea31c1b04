/**
 * Printing the report's HTML to PDF, and the Chromium page its charts are drawn in. Two printers
 * share one interface: `chromiumPrinter` drives a system Chromium with playwright-core (CLI, browser
 * mode, tests) and `hostPrinter` asks the host process (the Electron app, where main owns
 * `webContents.printToPDF` and a hidden chart window). What runs in the chart page is core's
 * (charts.ts); a printer only provides the page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PlumblineError } from '../api/errors';
import { resolveAssetsDir } from '../assets';
import { requireWithCodeCache } from '../boot/code-cache';
import type { ChartPage } from './charts';
import { loadWithCodeCache, type CdpSession } from './chromium-code-cache';
import { killGroup, spawnedDuring } from './chromium-process';
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

/**
 * playwright-core's own `--disable-features` list (its chromiumSwitches.ts, 1.65.1), repeated here
 * because Chromium honours only the last `--disable-features` of a command line, and the printer
 * adds one (tests/unit/report/chromium-flags.test.ts checks this against the installed playwright-core).
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
] as const;

/** Flags for a headless Chromium that talks to nobody. */
export const CHROMIUM_ARGS = [
  // No script streaming: DevTools' code cache applies only to a script compiled on the main thread,
  // and Plotly's cache saves most of its load (chromium-code-cache.ts).
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, 'ScriptStreaming'].join(',')}`,
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
type Page = import('playwright-core').Page;
type CDPSession = import('playwright-core').CDPSession;
/** An open chart page: its DevTools session, and the file:// URLs it may load. */
type Tab = { page: Page; cdp: CDPSession; allowed: Set<string> };

/** What the page holds between reports: nothing but the blank chart page (Plotly stays in its window). */
const BLANK = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Plumbline report charts</title></head><body></body></html>';

/** In-page, before a print: the chart page's head elements, kept in the window (which a print keeps). */
const KEEP_HEAD = `window.__plumblineHead = [...document.head.children]; 0`;
/** In-page, after it: the same elements back in the blank page's head, fonts ready again. */
const RESTORE_HEAD = `(() => { const kept = window.__plumblineHead || []; delete window.__plumblineHead; document.head.replaceChildren(...kept); return document.fonts.ready.then(() => kept.length); })()`;

/**
 * A temporary folder for the browser's own (its TMPDIR), or null where that is not how Chromium
 * finds one (Windows). Chromium on Linux keeps its single-instance socket in a folder it makes in
 * TMPDIR (`org.chromium.Chromium.XXXXXX`) and removes only when it shuts down politely; the
 * printer kills it (chromium-process.ts), so every export left one behind in /tmp. In a folder of
 * the printer's own, close() removes it with whatever else the browser left there.
 */
function browserTmpDir(): string | null {
  if (process.platform === 'win32') return null;
  try {
    return fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-chromium-'));
  } catch {
    return null; // the browser then uses the system's folder, as before
  }
}

/** Never fails an export: a folder that cannot be removed is left, as Chromium's own would be. */
function removeDir(dir: string | null): void {
  try {
    if (dir) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
  } catch {
    // left behind
  }
}

/**
 * Prints with a system Chromium. The browser is launched on first use and kept until `close()`, so
 * a report costs one launch. It has ONE page, in a context of its own that reaches no network: the
 * charts are drawn in it (script on, Plotly loaded once for the printer's life) and the report is
 * printed in it (script off while the document is there), so a report costs one renderer process
 * and one page load, not two. Printing replaces the page's document but not its window, so Plotly
 * stays loaded, and the chart page's head (the report font) is put back after it. One user of the
 * page at a time: a print and a chart script never interleave.
 */
export function chromiumPrinter(opts: { executablePath?: string; assetsDir?: string; helperPage?: boolean } = {}): PdfPrinter {
  let browser: Promise<Browser> | null = null;
  /** The browser's process (leader of its group), when it could be told apart: killed at close. */
  let browserPid: number | null = null;
  /** The browser's own temporary folder (its TMPDIR), removed at close. */
  let browserTmp: string | null = null;
  const launch = (): Promise<Browser> => {
    if (!browser) {
      const executablePath = opts.executablePath ?? chromiumPath();
      const tmp = browserTmpDir();
      browserTmp = tmp;
      browser = (async () => {
        // Required at run time: playwright-core stays outside the bundle. Through a code cache: its
        // 7 MB of JavaScript cost ~0.45 s to compile and run cold, ~0.27 s with the cache.
        const { chromium } = requireWithCodeCache('playwright-core', { write: 'exit' }, require) as typeof import('playwright-core');
        traceMark('chromium: launching');
        const env = tmp ? { ...process.env, TMPDIR: tmp } : undefined;
        const { value: b, pid } = await spawnedDuring(() => chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true, ...(env ? { env } : {}) }));
        browserPid = pid;
        traceMark('chromium: launched');
        return b;
      })();
      browser.catch(() => {
        browser = null;
        removeDir(tmp);
        if (browserTmp === tmp) browserTmp = null;
      });
    }
    return browser;
  };
  const chartPageFile = pathToFileURL(path.join(resolveAssetsDir(opts.assetsDir), 'report', 'chart-page.html')).href;
  /**
   * A page in a context of its own (so a renderer process of its own) that reaches no network and
   * loads nothing but the chart page and the files loadScript names; opened on first use, one user
   * at a time.
   */
  const tab = (name: string) => {
    let shared: Promise<Tab> | null = null;
    let turn: Promise<unknown> = Promise.resolve();
    const open = () => {
      shared ??= (async () => {
        const b = await launch();
        const context = await b.newContext({ javaScriptEnabled: true, offline: true });
        const page = await context.newPage();
        traceMark(`${name}: page made`);
        // A file:// page, so Chromium reads script files itself; it may load nothing but what loadScript names.
        const allowed = new Set([chartPageFile]);
        await page.route('**/*', (route) => (allowed.has(route.request().url()) ? route.continue() : route.abort()));
        await page.goto(chartPageFile);
        traceMark(`${name}: open`);
        return { page, cdp: await context.newCDPSession(page), allowed };
      })();
      shared.catch(() => {
        shared = null;
      });
      return shared;
    };
    /** Runs `use` when the page is free (and open); the next user waits for it to finish, failed or not. */
    const exclusive = <T>(use: (s: Tab) => Promise<T>): Promise<T> => {
      const mine = turn.then(async () => use(await open()));
      turn = mine.catch(() => undefined);
      return mine;
    };
    const chartPage = (helper?: ChartPage): ChartPage => ({
      run: (script) => exclusive(({ page: p }) => p.evaluate(script)),
      loadScript: (file) =>
        exclusive(async ({ page: p, cdp, allowed }) => {
          const url = pathToFileURL(file).href;
          allowed.add(url);
          const version = (await launch()).version();
          const cache = await loadWithCodeCache(cdp as unknown as CdpSession, file, version, () => p.addScriptTag({ url }).then(() => undefined));
          traceMark(`${name}: code cache ${cache.used ? 'used' : 'asked for'}`);
          void cache.written?.then((f) => traceMark(`${name}: code cache ${f ? 'written' : 'not written'}`));
        }),
      ...(helper ? { helper } : {}),
    });
    return {
      exclusive,
      chartPage,
      /** Forgets the page (the browser closed): the next user opens a fresh one. */
      reset: () => {
        shared = null;
        turn = Promise.resolve();
      },
      /** Forgets the page if it is still `s` (it could not be put back after a print). */
      drop: async (s: Tab) => {
        if (shared && (await shared.catch(() => null)) === s) shared = null;
      },
    };
  };
  // With a helper page the charts are drawn in both pages at once; the report is printed in the
  // first only. For long-lived printers: on a cold start the second renderer and its Plotly cost
  // more CPU than its drawing saves (core/report/README.md).
  const helperTab = opts.helperPage ? tab('helper page') : null;
  const mainTab = tab('chart page');
  const exclusive = mainTab.exclusive;
  const page = mainTab.chartPage(helperTab?.chartPage());
  return {
    async describe() {
      const b = await launch();
      return `Chromium ${b.version()}`;
    },
    print(html, options) {
      // Resolves with the PDF as soon as it is made; putting the page back for the next user (a
      // blank document, script on, the chart page's head) still happens inside this turn, but off
      // the export's path: the CLI closes the browser right after, the warm printer's next export
      // waits its turn.
      return new Promise<Uint8Array>((resolve, reject) => {
        exclusive(async (s) => {
          const { page: p, cdp } = s;
          // The chart page's head (Plotly's style sheet, the report font) is kept aside, not reloaded.
          await p.evaluate(KEEP_HEAD);
          // The document may hold hostile text (escaped): it is never in the page with script on.
          await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
          let failure: unknown = null;
          try {
            // Print media before the document arrives, so it is laid out for print as it loads, not
            // for the screen first: 0.1 s less per export than emulating it between load and pdf
            // (same text, same pixels), and without it page.pdf was 0.3 s slower (core/report/README.md).
            await p.emulateMedia({ media: 'print' });
            traceMark('print: page ready');
            await p.setContent(html, { waitUntil: 'load' });
            traceMark('print: document loaded');
            const pdf = await p.pdf({
              format: options.pageSize,
              displayHeaderFooter: true,
              headerTemplate: options.headerTemplate,
              footerTemplate: options.footerTemplate,
              printBackground: true,
              margin: PDF_MARGIN,
              outline: true,
              tagged: false,
            });
            traceMark('print: pdf made');
            resolve(new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength));
          } catch (e) {
            failure = e;
          }
          // Back to the blank page before script is allowed again, with its head as it was.
          try {
            await p.setContent(BLANK);
            await p.emulateMedia({ media: null });
            await cdp.send('Emulation.setScriptExecutionDisabled', { value: false });
            await p.evaluate(RESTORE_HEAD);
            traceMark('print: page restored');
          } catch (e) {
            // A page that could not be put back is not used again: the next user opens a fresh one.
            await mainTab.drop(s);
            void p.context().close().catch(() => undefined);
            failure ??= e;
          }
          if (failure) throw failure;
        }).catch(reject);
      });
    },
    async chartPage() {
      return page;
    },
    async close() {
      const b = browser;
      const pid = browserPid;
      const tmp = browserTmp;
      browser = null;
      browserPid = null;
      browserTmp = null;
      mainTab.reset();
      helperTab?.reset();
      const open = b && (await b.catch(() => null));
      if (!open) return;
      // Killed, not asked to shut down (chromium-process.ts); close() then waits for the profile's removal.
      if (pid !== null) killGroup(pid);
      await open.close().catch(() => undefined);
      removeDir(tmp);
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
export function warmChromiumPrinter(idleMs = 60_000, make: () => PdfPrinter = () => chromiumPrinter({ helperPage: true })): PdfPrinter & { shutdown(): Promise<void> } {
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
  const using = async <T>(use: (page: ChartPage) => Promise<T>): Promise<T> => {
    busy++;
    try {
      return await use(await get().chartPage());
    } finally {
      busy--;
    }
  };
  /** The inner printer's page (`pick` undefined) or its helper, as it is now: one object for the printer's life. */
  const pageOf = (pick: (p: ChartPage) => ChartPage | undefined, helper?: ChartPage): ChartPage => {
    const at = (p: ChartPage) => pick(p) ?? p;
    return {
      run: (script) => using((p) => at(p).run(script)),
      // Chromium reads Plotly from disk when the inner page can; else its text is sent.
      loadScript: (file) => using((p) => (at(p).loadScript ? at(p).loadScript!(file) : at(p).run(`${fs.readFileSync(file, 'utf8')}\n;0`).then(() => undefined))),
      ...(helper ? { helper } : {}),
    };
  };
  const page = pageOf(() => undefined, pageOf((p) => p.helper));
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
