/**
 * The app:// protocol: serves the built renderer (dist/renderer) and nothing else, with exact MIME
 * types and the CSP header. Registered as a privileged standard + secure scheme before `ready`.
 */
import type { Protocol } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './origin';
import { CONTENT_SECURITY_POLICY } from './security';

export { APP_HOST, APP_SCHEME };

/** Must run before the app's `ready` event. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // corsEnabled: Vite emits <script type="module" crossorigin>, fetched in CORS mode.
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps an app:// URL to a file under `root`, or null when the URL is not ours or escapes the root
 * (`..`, encoded separators, NUL bytes, absolute or drive paths). `/` serves index.html.
 */
export function resolveAssetPath(root: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  const segments = rel.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || /^[A-Za-z]:$/.test(s))) return null;
  if (segments.length === 0) segments.push('index.html');
  const base = path.resolve(root);
  const full = path.resolve(base, ...segments);
  const within = path.relative(base, full);
  if (within === '' || within.startsWith('..') || path.isAbsolute(within)) return null;
  return full;
}

function textResponse(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  });
}

/** The request handler given to `protocol.handle('app', …)`. */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  let realRoot: string | null = null;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const file = resolveAssetPath(root, request.url);
    if (!file) return textResponse(404, 'Not found');
    try {
      // Symlinks must not lead out of the renderer directory either.
      realRoot ??= await fs.realpath(root);
      const real = await fs.realpath(file);
      const within = path.relative(realRoot, real);
      if (within === '' || within.startsWith('..') || path.isAbsolute(within)) return textResponse(404, 'Not found');
      const stat = await fs.stat(real);
      if (!stat.isFile()) return textResponse(404, 'Not found');
      const body = request.method === 'HEAD' ? null : new Uint8Array(await fs.readFile(real));
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': mimeType(real),
          'content-length': String(stat.size),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'cross-origin-opener-policy': 'same-origin',
          'referrer-policy': 'no-referrer',
          'cache-control': 'no-cache',
        },
      });
    } catch {
      return textResponse(404, 'Not found');
    }
  };
}

/** Installs the handler on a session's protocol registry (the default session's, in practice). */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root));
}
