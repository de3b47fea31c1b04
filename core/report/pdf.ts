/**
 * Printing the report's HTML to PDF. Two printers share one interface: `chromiumPrinter` drives a
 * system Chromium with playwright-core (CLI, browser mode, tests) and `hostPrinter` asks the host
 * process to print (the Electron app, where main owns `webContents.printToPDF`).
 */
import fs from 'node:fs';
import { PlumblineError } from '../api/errors';
import type { PageSize } from './types';

export interface PrintOptions {
  readonly pageSize: PageSize;
  readonly headerTemplate: string;
  readonly footerTemplate: string;
}

export interface PdfPrinter {
  /** Name and version of what prints, for the report's software list (e.g. "Chromium 156.0.…"). */
  describe(): Promise<string>;
  print(html: string, options: PrintOptions): Promise<Uint8Array>;
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
export function chromiumPrinter(opts: { executablePath?: string } = {}): PdfPrinter {
  let browser: Promise<Browser> | null = null;
  const launch = (): Promise<Browser> => {
    if (!browser) {
      const executablePath = opts.executablePath ?? chromiumPath();
      browser = (async () => {
        // Required at run time: playwright-core stays outside the bundle.
        const { chromium } = require('playwright-core') as typeof import('playwright-core');
        return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
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
        await page.setContent(html, { waitUntil: 'load' });
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
    async close() {
      const b = browser;
      browser = null;
      if (b) await (await b.catch(() => null))?.close().catch(() => undefined);
    },
  };
}

/** What the engine asks of its host; the host answers with a HostResponse of the same id. */
export interface HostRequest {
  readonly type: 'host-request';
  readonly id: string;
  readonly kind: 'print-pdf';
  readonly html: string;
  readonly options: PrintOptions;
}

export type HostResponse =
  | { readonly type: 'host-response'; readonly id: string; readonly ok: true; readonly data: Uint8Array }
  | { readonly type: 'host-response'; readonly id: string; readonly ok: false; readonly error: string };

/** A printer that asks the host process (Electron main) through `request`. */
export function hostPrinter(request: (kind: 'print-pdf', html: string, options: PrintOptions) => Promise<Uint8Array>, name = 'Electron printToPDF'): PdfPrinter {
  return {
    async describe() {
      return name;
    },
    print: (html, options) => request('print-pdf', html, options),
    async close() {},
  };
}

/**
 * A Chromium printer that stays up between exports and closes after `idleMs` without one: for
 * long-lived engines (the browser-mode server's worker), where a warm browser saves the launch.
 * `close()` only starts the idle countdown; `shutdown()` closes at once.
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
    async close() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        if (busy === 0) void shutdown();
      }, idleMs);
      timer.unref?.();
    },
    shutdown,
  };
}
