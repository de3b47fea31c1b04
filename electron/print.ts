/**
 * Report HTML → PDF with Chromium's own printer (`webContents.printToPDF`), for the engine's host
 * printer (core/report/pdf.ts `hostPrinter`). Each document is printed in a hidden window of its
 * own in-memory session: JavaScript off, sandboxed, every request cancelled except the document
 * itself, which is served from memory at app://print/<token>.html (no size limit of data: URLs).
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
  /** Answers one engine host request; never throws. */
  answer(req: HostRequestMessage): Promise<HostResponseMessage>;
}

export function createPrinter(deps: PrintDeps): Printer {
  const documents = new Map<string, string>();
  let session: Session | null = null;
  let counter = 0;

  const printSession = (): Session => {
    if (session) return session;
    const s = deps.fromPartition(PRINT_PARTITION); // no "persist:" prefix: in memory only
    s.webRequest.onBeforeRequest((details, callback) => {
      callback({ cancel: !(details.url.startsWith(`${APP_SCHEME}://${PRINT_HOST}/`) || details.url.startsWith('data:')) });
    });
    s.setPermissionRequestHandler((_wc, _p, cb) => cb(false));
    s.setPermissionCheckHandler(() => false);
    s.protocol.handle(APP_SCHEME, async (request) => {
      const u = new URL(request.url);
      const token = u.host === PRINT_HOST ? /^\/([\w-]+)\.html$/.exec(u.pathname)?.[1] : undefined;
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
    session = s;
    return s;
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
    async answer(req) {
      try {
        if (req.kind !== 'print-pdf') throw new Error(`Unknown host request ${String(req.kind)}`);
        return { type: 'host-response', id: req.id, ok: true, data: await print(req.html, req.options) };
      } catch (e) {
        return { type: 'host-response', id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}
