/**
 * Report HTML → PDF with Chromium's own printer (`webContents.printToPDF`), and the page report
 * charts are drawn in, for the engine's host printer (core/report/pdf.ts `hostPrinter`). Each
 * document is printed in a hidden window of its own in-memory session: JavaScript off, sandboxed,
 * every request cancelled except the document itself, which is served from memory at
 * app://print/<token>.html (no size limit of data: URLs). Charts: one hidden window, kept for the
 * app's life so Plotly loads once, in a session of its own that reaches nothing but its blank page;
 * it runs only the scripts the engine sends (core/report/charts.ts decides what they are).
 */
import type { BrowserWindow as BrowserWindowType, Session } from 'electron';
import type { PrintOptions } from '../core/report/pdf';
import { PDF_MARGIN } from '../core/report/pdf';
import type { HostRequestMessage, HostResponseMessage } from '../core/transport/host-channel';
import { APP_SCHEME } from './origin';

export const PRINT_PARTITION = 'plumbline-print';
const PRINT_HOST = 'print';
/** The printed document may use inline styles, inline SVG and data: images or fonts; nothing else. */
export const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; script-src 'none'";
export const CHART_PARTITION = 'plumbline-charts';
const CHART_HOST = 'charts';
/** The chart page runs the engine's scripts (Plotly, then its calls) and reads the report font; nothing else. */
export const CHART_CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:";
const CHART_PAGE = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>charts</title></head><body></body></html>';

export interface PrintDeps {
  readonly BrowserWindow: new (options: Electron.BrowserWindowConstructorOptions) => BrowserWindowType;
  readonly fromPartition: (partition: string) => Session;
}

/** "18mm" → inches (Electron's printToPDF margins are in inches). */
export function toInches(length: string): number {
  const m = /^([\d.]+)\s*(mm|cm|in|px)$/.exec(length.trim());
  if (!m) throw new Error(`Unsupported length ${length}`);
  const v = Number(m[1]);
  const unit = m[2];
  return unit === 'mm' ? v / 25.4 : unit === 'cm' ? v / 2.54 : unit === 'px' ? v / 96 : v;
}

export function printToPdfOptions(options: PrintOptions): Electron.PrintToPDFOptions {
  return {
    pageSize: options.pageSize,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: options.headerTemplate,
    footerTemplate: options.footerTemplate,
    margins: {
      top: toInches(PDF_MARGIN.top),
      bottom: toInches(PDF_MARGIN.bottom),
      left: toInches(PDF_MARGIN.left),
      right: toInches(PDF_MARGIN.right),
    },
    generateDocumentOutline: true,
    generateTaggedPDF: true,
  };
}

export interface Printer {
  print(html: string, options: PrintOptions): Promise<Uint8Array>;
  /** Runs a script in the chart window (made on first use, kept) and returns its value. */
  runInChartPage(script: string): Promise<unknown>;
  /** Answers one engine host request; never throws. */
  answer(req: HostRequestMessage): Promise<HostResponseMessage>;
}

export function createPrinter(deps: PrintDeps): Printer {
  const documents = new Map<string, string>();
  let session: Session | null = null;
  let counter = 0;

  /** An in-memory session that loads only app://<host>/… (served by `serve`) and data: URLs, and grants nothing. */
  const isolatedSession = (partition: string, host: string, serve: (pathname: string) => Response): Session => {
    const s = deps.fromPartition(partition); // no "persist:" prefix: in memory only
    s.webRequest.onBeforeRequest((details, callback) => {
      callback({ cancel: !(details.url.startsWith(`${APP_SCHEME}://${host}/`) || details.url.startsWith('data:')) });
    });
    s.setPermissionRequestHandler((_wc, _p, cb) => cb(false));
    s.setPermissionCheckHandler(() => false);
    s.protocol.handle(APP_SCHEME, async (request) => {
      const u = new URL(request.url);
      return u.host === host ? serve(u.pathname) : new Response('Not found', { status: 404 });
    });
    return s;
  };

  const printSession = (): Session => {
    session ??= isolatedSession(PRINT_PARTITION, PRINT_HOST, (pathname) => {
      const token = /^\/([\w-]+)\.html$/.exec(pathname)?.[1];
      const html = token ? documents.get(token) : undefined;
      if (html === undefined) return new Response('Not found', { status: 404 });
      return new Response(html, {
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': PRINT_CSP,
          'x-content-type-options': 'nosniff',
        },
      });
    });
    return session;
  };

  let chartSession: Session | null = null;
  let chartWindow: Promise<BrowserWindowType> | null = null;
  const chartPage = (): Promise<BrowserWindowType> => {
    chartWindow ??= (async () => {
      // One session for every chart window the app makes (a protocol is handled once per session).
      chartSession ??= isolatedSession(CHART_PARTITION, CHART_HOST, (pathname) =>
        pathname === '/page.html'
          ? new Response(CHART_PAGE, { headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CHART_CSP, 'x-content-type-options': 'nosniff' } })
          : new Response('Not found', { status: 404 }),
      );
      const ses = chartSession;
      const win = new deps.BrowserWindow({
        show: false,
        width: 1024,
        height: 800,
        webPreferences: {
          session: ses,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          javascript: true,
          webSecurity: true,
          webviewTag: false,
          spellcheck: false,
          devTools: false,
          // Hidden for good: Chromium would otherwise slow its timers, and Plotly waits on them.
          backgroundThrottling: false,
        },
      });
      win.on('closed', () => {
        chartWindow = null;
      });
      await win.loadURL(`${APP_SCHEME}://${CHART_HOST}/page.html`);
      return win;
    })();
    chartWindow.catch(() => {
      chartWindow = null;
    });
    return chartWindow;
  };

  const runInChartPage = async (script: string): Promise<unknown> => {
    let win = await chartPage();
    if (win.isDestroyed()) {
      chartWindow = null;
      win = await chartPage();
    }
    return win.webContents.executeJavaScript(script, true);
  };

  const print = async (html: string, options: PrintOptions): Promise<Uint8Array> => {
    const ses = printSession();
    const token = `doc-${Date.now().toString(36)}-${(counter++).toString(36)}`;
    documents.set(token, html);
    const win = new deps.BrowserWindow({
      show: false,
      width: 1024,
      height: 1400,
      webPreferences: {
        session: ses,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        webSecurity: true,
        webviewTag: false,
        spellcheck: false,
        devTools: false,
      },
    });
    try {
      await win.loadURL(`${APP_SCHEME}://${PRINT_HOST}/${token}.html`);
      const pdf = await win.webContents.printToPDF(printToPdfOptions(options));
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      documents.delete(token);
      if (!win.isDestroyed()) win.destroy();
    }
  };

  return {
    print,
    runInChartPage,
    async answer(req) {
      try {
        if (req.kind === 'print-pdf') return { type: 'host-response', id: req.id, ok: true, data: await print(req.html, req.options) };
        if (req.kind === 'chart-script') return { type: 'host-response', id: req.id, ok: true, data: await runInChartPage(req.script) };
        throw new Error(`Unknown host request ${String((req as { kind: unknown }).kind)}`);
      } catch (e) {
        return { type: 'host-response', id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}
