import { describe, expect, it } from 'vitest';
import type { HostRequestMessage } from '../../../core/transport/host-channel';
import { CHART_CSP, CHART_PARTITION, PRINT_CSP, createPrinter, printToPdfOptions, toInches } from '../../../electron/print';
import { createFakeElectron } from './fake-electron';

const OPTIONS = { pageSize: 'A4' as const, headerTemplate: '<span class="title"></span>', footerTemplate: '<span class="pageNumber"></span>' };

function setup() {
  const fake = createFakeElectron();
  const printer = createPrinter({ BrowserWindow: fake.module.BrowserWindow as never, fromPartition: fake.module.session.fromPartition as never });
  return { fake, printer };
}

describe('report printing (webContents.printToPDF)', () => {
  it('converts CSS margins to inches', () => {
    expect(toInches('25.4mm')).toBeCloseTo(1);
    expect(toInches('2.54cm')).toBeCloseTo(1);
    expect(toInches('96px')).toBeCloseTo(1);
    expect(() => toInches('1em')).toThrow();
    expect(printToPdfOptions(OPTIONS)).toMatchObject({ pageSize: 'A4', printBackground: true, displayHeaderFooter: true, generateTaggedPDF: true });
  });

  it('prints in a hidden, sandboxed window without JavaScript, from memory, then destroys it', async () => {
    const { fake, printer } = setup();
    const pdf = await printer.print('<!doctype html><h1>Drift</h1>', OPTIONS);
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.7 fake');
    const win = fake.windows[0]!;
    expect(win.options).toMatchObject({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(win.loaded[0]).toMatch(/^app:\/\/print\/[\w-]+\.html$/);
    const res = win.responses[0]!;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(PRINT_CSP);
    expect(await res.text()).toContain('<h1>Drift</h1>');
    expect(win.webContents.printToPDF).toHaveBeenCalledWith(expect.objectContaining({ headerTemplate: OPTIONS.headerTemplate }));
    expect(win.destroyed).toBe(true);
  });

  it("keeps the print session to itself: no network, no permissions, nothing but the document it prints", async () => {
    const { fake, printer } = setup();
    await printer.print('<p>x</p>', OPTIONS);
    const ses = fake.partitions.get('plumbline-print')!;
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      ses.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('https://fonts.example.com/a.woff2')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(decide('app://plumbline/index.html')).toBe(true);
    expect(decide('app://print/doc-1.html')).toBe(false);
    const cb = (v: boolean) => expect(v).toBe(false);
    ses.permissionRequest!({}, 'media', cb);
    // Printed documents are forgotten once printed.
    const stale = await ses.protocolHandlers.get('app')!(new Request(fake.windows[0]!.loaded[0]!));
    expect(stale.status).toBe(404);
  });

  it('answers host requests, errors as data', async () => {
    const { fake, printer } = setup();
    const req: HostRequestMessage = { type: 'host-request', id: 'h1', kind: 'print-pdf', html: '<p>x</p>', options: OPTIONS };
    const ok = await printer.answer(req);
    expect(ok).toMatchObject({ type: 'host-response', id: 'h1', ok: true });
    fake.module.BrowserWindow.prototype.loadURL = async () => {
      throw new Error('render failed');
    };
    expect(await printer.answer({ ...req, id: 'h2' })).toEqual({ type: 'host-response', id: 'h2', ok: false, error: 'render failed' });
  });

  it('runs chart scripts in one hidden, sandboxed window with JavaScript, kept between reports', async () => {
    const { fake, printer } = setup();
    expect(await printer.runInChartPage('typeof Plotly')).toBe('typeof Plotly'.length);
    expect(await printer.runInChartPage('1 + 1')).toBe(5);
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0]!;
    expect(win.options).toMatchObject({ show: false, webPreferences: { javascript: true, sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false } });
    expect(win.options.webPreferences?.session).toBe(fake.partitions.get(CHART_PARTITION));
    expect(win.loaded).toEqual(['app://charts/page.html']);
    const res = win.responses[0]!;
    expect(res.headers.get('content-security-policy')).toBe(CHART_CSP);
    expect(await res.text()).toMatch(/^<!DOCTYPE html>/);
    expect(win.webContents.executeJavaScript.mock.calls.map((c) => c[0])).toEqual(['typeof Plotly', '1 + 1']);
    expect(win.destroyed).toBe(false);
  });

  it('the chart session reaches nothing but its page; a closed chart window is made again', async () => {
    const { fake, printer } = setup();
    await printer.runInChartPage('0');
    const ses = fake.partitions.get(CHART_PARTITION)!;
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      ses.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('https://cdn.plot.ly/plotly.min.js')).toBe(true);
    expect(decide('app://print/doc-1.html')).toBe(true);
    expect(decide('app://charts/page.html')).toBe(false);
    expect((await ses.protocolHandlers.get('app')!(new Request('app://charts/other.html'))).status).toBe(404);
    fake.windows[0]!.destroy();
    await printer.runInChartPage('0');
    expect(fake.windows).toHaveLength(2);
    // The session (and its protocol handler) is made once.
    expect(ses.protocol.handle).toHaveBeenCalledTimes(1);
  });

  it('answers chart-script host requests with the script value, errors as data', async () => {
    const { fake, printer } = setup();
    const req: HostRequestMessage = { type: 'host-request', id: 'c1', kind: 'chart-script', script: 'typeof Plotly' };
    expect(await printer.answer(req)).toEqual({ type: 'host-response', id: 'c1', ok: true, data: 13 });
    fake.windows[0]!.webContents.scriptResult = () => {
      throw new Error('Plotly is not defined');
    };
    expect(await printer.answer({ ...req, id: 'c2' })).toEqual({ type: 'host-response', id: 'c2', ok: false, error: 'Plotly is not defined' });
  });
});
