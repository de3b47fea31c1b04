import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../core/engine/engine';
import { startServer, type RunningServer } from '../../../core/server/server';
import { httpTransport } from '../../../core/transport/http-client';
import { inProcessEngine } from '../../../core/transport/in-process-engine';
import { createClient } from '../../../core/transport/transport';
import { Workspace } from '../../../core/workspace/workspace';
import { tmpDir, writeFile } from '../../helpers/tmp';

const dir = tmpDir();
const staticRoot = path.join(dir, 'renderer');
let ws: Workspace;
let server: RunningServer;

beforeAll(async () => {
  fs.mkdirSync(staticRoot);
  fs.writeFileSync(path.join(staticRoot, 'index.html'), '<!doctype html><title>Plumbline</title>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the root');
  ws = new Workspace(path.join(dir, 'ws.db'));
  server = await startServer({ engine: inProcessEngine(createEngine(ws)), staticRoot, uploadDir: path.join(dir, 'uploads') });
});
afterAll(async () => {
  await server.close();
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A raw request, so tests can forge Host and Origin headers that fetch would not let us set. */
function request(opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: opts.path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${server.port}`, ...opts.headers } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const apiBody = JSON.stringify({ method: 'listDatasets', args: {} });
const json = { 'content-type': 'application/json' };

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 and prints a URL with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('answers 401 without the token, for pages and for the API', async () => {
    expect((await request({ path: '/' })).status).toBe(401);
    expect((await request({ path: '/api/call', method: 'POST', headers: json, body: apiBody })).status).toBe(401);
    expect((await request({ path: '/', headers: { cookie: 'plumbline_token=wrong' } })).status).toBe(401);
  });

  it('answers 403 to a foreign Host (DNS rebinding) or Origin, even with the token', async () => {
    const auth = { authorization: `Bearer ${server.token}` };
    expect((await request({ path: '/', headers: { ...auth, host: 'evil.example:80' } })).status).toBe(403);
    expect((await request({ path: '/api/call', method: 'POST', headers: { ...auth, ...json, origin: 'http://evil.example' }, body: apiBody })).status).toBe(403);
    expect((await request({ path: '/api/call', method: 'POST', headers: { ...auth, ...json, origin: `http://127.0.0.1:${server.port}` }, body: apiBody })).status).toBe(200);
  });

  it('trades the URL token for an HttpOnly SameSite cookie and strips it from the address', async () => {
    const first = await request({ path: `/?token=${server.token}` });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await request({ path: '/', headers: { cookie: cookie.split(';')[0] } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.body).toContain('Plumbline');
  });

  it('never serves a file outside the renderer folder', async () => {
    const auth = { authorization: `Bearer ${server.token}` };
    const r = await request({ path: '/..%2fsecret.txt', headers: auth });
    expect(r.body).not.toContain('outside the root');
  });

  it('runs the typed API over HTTP with progress, typed errors and upload', async () => {
    const client = createClient(httpTransport({ baseUrl: `http://127.0.0.1:${server.port}`, token: server.token }));
    expect(await client.listDatasets({})).toEqual([]);
    await expect(client.getDataset({ dataset: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const up = await fetch(`http://127.0.0.1:${server.port}/api/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'x-plumbline-filename': encodeURIComponent('../../évil name.csv') },
      body: 'a,b\n1,x\n2,y\n',
    });
    const { path: saved } = (await up.json()) as { path: string };
    expect(path.basename(saved)).toBe('évil name.csv');
    expect(saved.startsWith(path.join(dir, 'uploads'))).toBe(true);
    const progress: number[] = [];
    const r = await client.importFile({ path: saved, name: 'up' }, { onProgress: (p) => progress.push(p.done) });
    expect(r.rows).toBe(2);
    expect((await client.listDatasets({})).map((d) => d.name)).toEqual(['up']);
  });

  it('cancels the engine call when the client aborts', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 400_000; i++) lines.push(`${i},x${i % 3}`);
    const file = writeFile(dir, 'long.csv', lines.join('\n'));
    const client = createClient(httpTransport({ baseUrl: `http://127.0.0.1:${server.port}`, token: server.token }));
    const controller = new AbortController();
    const p = client.importFile({ path: file, name: 'long' }, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    // The engine notices the closed connection and rolls back; wait for it to settle.
    for (let i = 0; i < 50 && ws.findDataset('long') === undefined; i++) await new Promise((r) => setTimeout(r, 20));
    expect(ws.findDataset('long')).toBeUndefined();
  });
});
