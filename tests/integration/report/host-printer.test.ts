/**
 * The app's printing path without Electron: the built engine worker started with printer 'host'
 * sends chart-script host-requests (drawing the report's charts) and a print-pdf one; this test
 * plays Electron main and answers them (here with Chromium: a page to run scripts in, and its
 * printer), and the export completes with the PDF the host returned plus the attached results.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEngineWorker } from '../../../core/transport/engine-worker';
import { eventTransport } from '../../../core/transport/event-transport';
import { createClient } from '../../../core/transport/transport';
import { chromiumPrinter } from '../../../core/report/pdf';
import { answerHostRequest, hostRequester, type HostRequestMessage, type HostResponseMessage } from '../../../core/transport/host-channel';
import { ROOT } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';

const dir = tmpDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const hasChromium = fs.existsSync(process.env.PLUMBLINE_CHROMIUM ?? '/usr/bin/chromium') && spawnSync('pdfinfo', ['-v']).error === undefined;

describe('host-request channel', () => {
  it('matches responses to requests by id, passes errors, refuses unknown kinds', async () => {
    const posted: HostRequestMessage[] = [];
    const requester = hostRequester((m) => posted.push(m), 1000);
    const a = requester.request('print-pdf', { html: '<p>a</p>', options: { pageSize: 'A4', headerTemplate: '', footerTemplate: '' } });
    const b = requester.request('print-pdf', { html: '<p>b</p>', options: { pageSize: 'Letter', headerTemplate: '', footerTemplate: '' } });
    expect(posted.map((p) => [p.type, p.kind, p.kind === 'print-pdf' ? p.html : null])).toEqual([
      ['host-request', 'print-pdf', '<p>a</p>'],
      ['host-request', 'print-pdf', '<p>b</p>'],
    ]);
    const replies: HostResponseMessage[] = [];
    await answerHostRequest(posted[1], { 'print-pdf': async (r) => new TextEncoder().encode(r.options.pageSize) }, (m) => replies.push(m));
    const c = requester.request('chart-script', { script: '1 + 1' });
    await answerHostRequest(posted[2], { 'chart-script': async (r) => r.script.length }, (m) => replies.push(m));
    await answerHostRequest(posted[0], { 'print-pdf': async () => Promise.reject(new Error('no printer')) }, (m) => replies.push(m));
    for (const r of replies) requester.receive(r);
    expect(new TextDecoder().decode(await b)).toBe('Letter');
    expect(await c).toBe(5);
    await expect(a).rejects.toThrow('no printer');
    const none: HostResponseMessage[] = [];
    await answerHostRequest(posted[0], {}, (m) => none.push(m));
    expect(none[0]).toMatchObject({ ok: false, error: expect.stringContaining('cannot handle print-pdf') });
  });

  it.skipIf(!hasChromium)('the engine worker with printer "host" exports a PDF printed by its host', async () => {
    const workerScript = path.join(ROOT, 'dist', 'engine', 'worker.js');
    expect(fs.existsSync(workerScript), 'run the build first').toBe(true);
    const printer = chromiumPrinter();
    const seen: string[] = [];
    const worker = startEngineWorker({
      dbPath: path.join(dir, 'ws.db'),
      workerScript,
      assetsDir: path.join(ROOT, 'assets'),
      printer: 'host',
    });
    // As electron/main.ts does: printer.answer(req) there, printToPDF and a hidden chart window behind it.
    worker.onHostRequest!(async (req) => {
      if (req.kind === 'chart-script') {
        seen.push('chart-script');
        return { type: 'host-response', id: req.id, ok: true, data: await (await printer.chartPage()).run(req.script) };
      }
      if (req.kind !== 'print-pdf') return { type: 'host-response', id: req.id, ok: false, error: `not ${req.kind}` };
      seen.push(req.options.pageSize);
      return { type: 'host-response', id: req.id, ok: true, data: await printer.print(req.html, req.options) };
    });
    try {
      await worker.ready;
      const client = createClient(eventTransport((r) => worker.send(r), (on) => void worker.onEvent(on)));
      await client.loadDemo({});
      const out = path.join(dir, 'app.pdf');
      const r = await client.exportReport({ reference: 'demo-reference', current: 'demo-current', out, pageSize: 'Letter' });
      // Plotly and the font loaded, then the charts drawn, all before the one print.
      expect(seen.at(-1)).toBe('Letter');
      expect(seen.filter((s) => s === 'Letter')).toHaveLength(1);
      expect(seen.filter((s) => s === 'chart-script').length).toBeGreaterThanOrEqual(3);
      expect(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })).toMatch(/share of values/);
      expect(r.pages).toBeGreaterThan(3);
      expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toMatch(/Producer:\s+Plumbline .*printToPDF/);
      expect(execFileSync('pdfdetach', ['-list', out], { encoding: 'utf8' })).toContain('results.json');
      const history = await client.listExports({});
      expect(history[0]).toMatchObject({ path: out, sha256: r.sha256, reportId: r.reportId, format: 'pdf' });
      // A second export draws in the same page: no Plotly sent again, one batch of charts.
      const before = seen.length;
      await client.exportReport({ reference: 'demo-reference', current: 'demo-current', out: path.join(dir, 'app2.pdf'), pageSize: 'Letter' });
      expect(seen.slice(before)).toEqual(['chart-script', 'Letter']);
    } finally {
      await printer.close();
      await worker.terminate();
    }
  }, 120_000);

  it('the first visit to Reports (reportSections) loads Plotly and the font into the host\'s chart page, once, before any export', async () => {
    const workerScript = path.join(ROOT, 'dist', 'engine', 'worker.js');
    expect(fs.existsSync(workerScript), 'run the build first').toBe(true);
    const scripts: string[] = [];
    const worker = startEngineWorker({ dbPath: path.join(dir, 'visit.db'), workerScript, assetsDir: path.join(ROOT, 'assets'), printer: 'host' });
    // Plays a chart page that has no Plotly until it is sent.
    let plotly = false;
    worker.onHostRequest!(async (req) => {
      if (req.kind !== 'chart-script') return { type: 'host-response', id: req.id, ok: false, error: `not ${req.kind}` };
      const script = req.script;
      scripts.push(script.length > 1_000_000 ? 'plotly' : script.slice(0, 20));
      if (script.length > 1_000_000) plotly = true;
      const data = script === 'typeof Plotly' ? (plotly ? 'object' : 'undefined') : script.includes('document.fonts.load') ? (plotly ? 'object' : 'undefined') : null;
      return { type: 'host-response', id: req.id, ok: true, data };
    });
    try {
      await worker.ready;
      const client = createClient(eventTransport((r) => worker.send(r), (on) => void worker.onEvent(on)));
      expect((await client.reportSections({})).length).toBeGreaterThan(0);
      await expect.poll(() => scripts.length, { timeout: 30_000 }).toBe(3);
      expect(scripts[1]).toBe('plotly');
      await client.reportSections({});
      await new Promise((r) => setTimeout(r, 200));
      expect(scripts.filter((s) => s === 'plotly')).toHaveLength(1);
    } finally {
      await worker.terminate();
    }
  }, 60_000);

  it.skipIf(!hasChromium)('browser mode: the worker prints with a Chromium it keeps warm between exports', async () => {
    const worker = startEngineWorker({ dbPath: path.join(dir, 'serve.db'), workerScript: path.join(ROOT, 'dist', 'engine', 'worker.js'), assetsDir: path.join(ROOT, 'assets') });
    try {
      await worker.ready;
      const client = createClient(eventTransport((r) => worker.send(r), (on) => void worker.onEvent(on)));
      await client.loadDemo({});
      const first = await client.exportReport({ reference: 'demo-reference', current: 'demo-current', out: path.join(dir, 'serve1.pdf'), sections: ['drift'] });
      const second = await client.exportReport({ reference: 'demo-reference', current: 'demo-current', out: path.join(dir, 'serve2.pdf'), sections: ['drift'] });
      for (const r of [first, second]) expect(execFileSync('pdfinfo', [r.path], { encoding: 'utf8' })).toMatch(/Producer:\s+Plumbline .*Chromium/);
      expect(second.reportId).not.toBe(first.reportId);
    } finally {
      await worker.terminate();
    }
  }, 120_000);
});
