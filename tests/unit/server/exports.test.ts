/**
 * Browser mode's download of reports: the engine writes an export into `<workspace>/exports/` when
 * no path is given, and GET /api/exports/<name> serves files from that folder only, with the token.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../core/engine/engine';
import { exportFileName, exportsDirFor } from '../../../core/report/exports';
import { startServer, type RunningServer } from '../../../core/server/server';
import { httpTransport } from '../../../core/transport/http-client';
import { inProcessEngine } from '../../../core/transport/in-process-engine';
import { createClient, type PlumblineClient } from '../../../core/transport/transport';
import { Workspace } from '../../../core/workspace/workspace';
import { tmpDir, writeFile } from '../../helpers/tmp';

const dir = tmpDir();
const staticRoot = path.join(dir, 'renderer');
let ws: Workspace;
let server: RunningServer;
let client: PlumblineClient;

beforeAll(async () => {
  fs.mkdirSync(staticRoot);
  fs.writeFileSync(path.join(staticRoot, 'index.html'), '<!doctype html><title>Plumbline</title>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the exports folder');
  ws = new Workspace(path.join(dir, 'ws.db'));
  server = await startServer({
    engine: inProcessEngine(createEngine(ws)),
    staticRoot,
    uploadDir: path.join(dir, 'uploads'),
    exportsDir: exportsDirFor(ws.path),
  });
  client = createClient(httpTransport({ baseUrl: `http://127.0.0.1:${server.port}`, token: server.token }));
  const rows = (shift: number) => ['x,g', ...Array.from({ length: 200 }, (_, i) => `${i + shift},${i % 2 ? 'a' : 'b'}`)].join('\n');
  await client.importFile({ path: writeFile(dir, 'ref.csv', rows(0)), name: 'ref' });
  await client.importFile({ path: writeFile(dir, 'cur.csv', rows(50)), name: 'cur' });
});
afterAll(async () => {
  await server.close();
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function get(p: string, auth = true): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: p,
        headers: { host: `127.0.0.1:${server.port}`, ...(auth ? { authorization: `Bearer ${server.token}` } : {}) },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('exports folder and GET /api/exports/<name>', () => {
  it('writes an export without a path into <workspace folder>/exports and serves its bytes as an attachment', async () => {
    const r = await client.exportReport({ reference: 'ref', current: 'cur', format: 'html', title: 'Served' });
    expect(path.dirname(r.path)).toBe(path.join(dir, 'exports'));
    expect(path.basename(r.path)).toBe(`${r.reportId}.html`);
    const got = await get(`/api/exports/${encodeURIComponent(path.basename(r.path))}`);
    expect(got.status).toBe(200);
    expect(got.headers['content-disposition']).toBe(`attachment; filename="${r.reportId}.html"`);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.body.equals(fs.readFileSync(r.path))).toBe(true);
    expect(crypto.createHash('sha256').update(got.body).digest('hex')).toBe(r.sha256);
    expect((await client.listExports({}))[0]).toMatchObject({ path: r.path, sha256: r.sha256 });
  });

  it('saves a spec without a path into the exports folder too', async () => {
    const { path: saved } = await client.saveAnalysisSpec({ spec: { kind: 'plumbline-analysis-spec', version: 1, reference: 'ref', current: 'cur' } });
    expect(path.dirname(saved)).toBe(path.join(dir, 'exports'));
    const got = await get(`/api/exports/${path.basename(saved)}`);
    expect(got.status).toBe(200);
    expect(JSON.parse(got.body.toString('utf8'))).toMatchObject({ reference: 'ref', current: 'cur' });
  });

  it('refuses an export without a path or a format', async () => {
    await expect(client.exportReport({ reference: 'ref', current: 'cur' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('answers 401 without the token', async () => {
    const r = await client.exportReport({ reference: 'ref', current: 'cur', format: 'html' });
    const got = await get(`/api/exports/${path.basename(r.path)}`, false);
    expect(got.status).toBe(401);
    expect(got.body.length).toBeLessThan(200);
  });

  it('answers 404 to traversal attempts, other folders and missing files', async () => {
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(exportsDirFor(ws.path), 'link.txt'));
    fs.mkdirSync(path.join(exportsDirFor(ws.path), 'sub'));
    for (const p of [
      '/api/exports/..%2fsecret.txt',
      '/api/exports/..%5csecret.txt',
      '/api/exports/%2e%2e%2fsecret.txt',
      '/api/exports/../secret.txt',
      '/api/exports/sub%2f..%2f..%2fsecret.txt',
      '/api/exports/%2fetc%2fpasswd',
      '/api/exports/link.txt',
      '/api/exports/sub',
      '/api/exports/',
      '/api/exports/nope.pdf',
      '/api/exports/..',
      '/api/exports/%00.pdf',
    ]) {
      const got = await get(p);
      expect(got.status, p).toBe(404);
      expect(got.body.toString('utf8')).not.toContain('outside the exports folder');
    }
  });

  it('accepts only single safe file names', () => {
    expect(exportFileName('PLB-20261123-1A2B3C4D.pdf')).toBe('PLB-20261123-1A2B3C4D.pdf');
    for (const bad of ['', '.', '..', '../x.pdf', 'a/b.pdf', 'a\\b.pdf', '.hidden', 'x\u0000.pdf', 'a b.pdf', 'x'.repeat(201)]) expect(exportFileName(bad), bad).toBeNull();
  });
});
