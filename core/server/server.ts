import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { newCallId, type WireEvent } from '../transport/transport';
import type { EngineWorker } from '../transport/engine-worker';
import { TOKEN_COOKIE, hostAndOriginAllowed, newToken, requestToken, sameToken } from './auth';
import { CONTENT_SECURITY_POLICY, serveStatic } from './static';
import { exportFileName } from '../report/exports';

export interface ServerOptions {
  readonly engine: EngineWorker;
  /** Built renderer (dist/renderer). */
  readonly staticRoot: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Where uploaded files are kept (they are the provenance of browser-mode imports). */
  readonly uploadDir: string;
  /** Reports and specs the engine wrote without a chosen path (`exportsDirFor`), offered for download. */
  readonly exportsDir?: string;
  readonly token?: string;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const MAX_JSON_BODY = 1 << 20;
const EXPORTS_PREFIX = '/api/exports/';
const EXPORT_TYPES: Record<string, string> = { '.pdf': 'application/pdf', '.html': 'text/html; charset=utf-8', '.json': 'application/json' };

/**
 * Browser mode: the built renderer and the API on 127.0.0.1 only, behind a random per-run token.
 * The first visit carries ?token=…; the server answers with an HttpOnly SameSite=Strict cookie and
 * a redirect that removes the token from the address bar.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? newToken();
  const staticRoot = path.resolve(opts.staticRoot);
  let port = 0;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', `Internal error: ${(e as Error).message}`);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const hostCheck = hostAndOriginAllowed(req, port);
    if (!hostCheck.ok) return send(res, 403, 'text/plain', `Forbidden: ${hostCheck.why}`);
    const presented = requestToken(req, url);
    if (!sameToken(presented, token)) {
      return send(res, 401, 'text/plain', 'Unauthorized: open the URL printed by "plumbline serve", which carries the token.');
    }
    if (url.searchParams.has('token') && req.method === 'GET') {
      res.writeHead(303, {
        'set-cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        location: url.pathname,
        'content-security-policy': CONTENT_SECURITY_POLICY,
      });
      res.end();
      return;
    }
    if (url.pathname === '/api/call' && req.method === 'POST') return apiCall(req, res);
    if (url.pathname === '/api/upload' && req.method === 'POST') return upload(req, res);
    if (url.pathname.startsWith(EXPORTS_PREFIX) && (req.method === 'GET' || req.method === 'HEAD')) return download(url.pathname.slice(EXPORTS_PREFIX.length), res);
    if (url.pathname.startsWith('/api/')) return send(res, 404, 'text/plain', 'Not found.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed.');
    if (!serveStatic(staticRoot, url.pathname, res)) {
      // Client-side routes fall back to the app itself.
      if (!serveStatic(staticRoot, '/index.html', res)) {
        send(res, 404, 'text/plain', `The renderer is not built (${staticRoot} is missing). Run "npm run build".`);
      }
    }
  }

  async function apiCall(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, 'text/plain', 'Expected application/json.');
    }
    let body: { method?: unknown; args?: unknown };
    try {
      body = JSON.parse(await readBody(req, MAX_JSON_BODY)) as typeof body;
    } catch (e) {
      return send(res, 400, 'text/plain', `Bad request: ${(e as Error).message}`);
    }
    const id = newCallId();
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    let finished = false;
    const unsubscribe = opts.engine.onEvent((e: WireEvent) => {
      if (e.id !== id) return;
      res.write(`${JSON.stringify(e)}\n`);
      if (e.type === 'result') {
        finished = true;
        unsubscribe();
        res.end();
      }
    });
    // A closed connection is how the browser cancels (AbortController on fetch).
    res.on('close', () => {
      if (!finished) {
        unsubscribe();
        opts.engine.send({ type: 'cancel', id });
      }
    });
    opts.engine.send({ type: 'call', id, method: String(body.method), args: body.args ?? {} });
  }

  async function upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = req.headers['x-plumbline-filename'];
    let name = typeof raw === 'string' ? safeDecode(raw) : '';
    name = path.basename(name).replace(/[\u0000-\u001f/\\]/g, '_') || 'upload.csv';
    const dir = path.join(opts.uploadDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, name);
    try {
      await pipeline(req, fs.createWriteStream(file));
    } catch (e) {
      fs.rmSync(dir, { recursive: true, force: true });
      return send(res, 400, 'text/plain', `Upload failed: ${(e as Error).message}`);
    }
    send(res, 200, 'application/json', JSON.stringify({ path: file }));
  }

  /** One file of the exports folder, as an attachment; anything but a plain file name there is 404. */
  function download(raw: string, res: ServerResponse): void {
    const notFound = () => send(res, 404, 'text/plain', 'No such export.');
    const name = exportFileName(safeDecode(raw));
    if (!opts.exportsDir || !name) return notFound();
    const dir = path.resolve(opts.exportsDir);
    const file = path.join(dir, name);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(file);
    } catch {
      return notFound();
    }
    if (!stat.isFile() || path.dirname(file) !== dir) return notFound();
    res.writeHead(200, {
      'content-type': EXPORT_TYPES[path.extname(name).toLowerCase()] ?? 'application/octet-stream',
      'content-length': stat.size,
      'content-disposition': `attachment; filename="${name}"`,
      'content-security-policy': "sandbox; default-src 'none'",
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'x-content-type-options': 'nosniff' });
  res.end(body);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
      } else parts.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function defaultUploadDir(workspacePath: string): string {
  return path.join(path.dirname(workspacePath), 'uploads') || path.join(os.tmpdir(), 'plumbline-uploads');
}
