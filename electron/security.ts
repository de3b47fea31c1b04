import { CONTENT_SECURITY_POLICY } from '../core/format/csp';

/**
 * Electron's security checklist, as code: window preferences, CSP, request filtering, navigation,
 * permissions and IPC sender validation. Pure helpers plus small functions that install them on
 * a session or webContents; main.ts wires them in.
 */
import type { BrowserWindow, IpcMainEvent, IpcMainInvokeEvent, Session, WebContents, WebPreferences } from 'electron';
import { APP_HOST, APP_SCHEME } from './origin';

/** Sent as a response header by the app:// protocol handler with every document. */
export { CONTENT_SECURITY_POLICY };

export function secureWebPreferences(preload: string, devTools: boolean): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

/** Schemes the renderer may load from. Everything else (http, https, ws, file, ftp…) is cancelled. */
const ALLOWED_REQUEST_SCHEMES = new Set([`${APP_SCHEME}:`, 'devtools:', 'data:', 'blob:']);

export function isAllowedRequestUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return ALLOWED_REQUEST_SCHEMES.has(parsed.protocol);
}

/** True for URLs of our own app://plumbline/ origin. (Node's URL reports origin "null" for custom schemes.) */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * An IPC message is trusted only if it comes from our window's webContents, from its main frame,
 * and that frame shows our app:// origin.
 */
export function isTrustedSender(event: IpcMainInvokeEvent | IpcMainEvent, window: BrowserWindow | null): boolean {
  if (!window || window.isDestroyed()) return false;
  if (event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null && frame.parent !== undefined) return false;
  return isAppUrl(frame.url);
}

/** Session-wide rules: every outgoing request blocked, every permission denied. */
export function hardenSession(session: Session): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url) });
  });
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
}

/**
 * Per-webContents rules: no navigation, no new windows, no <webview>. A file dropped where the
 * renderer did not handle it would navigate to file://…; that is turned into an import instead.
 */
export function hardenWebContents(contents: WebContents, onFileDropped: (path: string) => void): void {
  // In-page navigations (#hash) are not reported by these events; every real navigation stops.
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    const path = fileUrlToPath(event.url);
    if (path) onFileDropped(path);
  });
  contents.on('will-frame-navigate', (event) => {
    // The main frame is handled above. A subframe may only show inline content: the Reports
    // screen's preview, an <iframe sandbox="" srcdoc> (no script, no request: the filter below).
    if (!event.isMainFrame && event.url !== 'about:srcdoc') event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function fileUrlToPath(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'file:') return null;
    // Not node:url's fileURLToPath: this file is shared with tests that fake nothing but electron.
    let p = decodeURIComponent(u.pathname);
    if (/^\/[A-Za-z]:\//.test(p)) p = p.slice(1).replace(/\//g, '\\');
    return p;
  } catch {
    return null;
  }
}
