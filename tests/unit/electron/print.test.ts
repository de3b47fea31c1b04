import { describe, expect, it } from 'vitest';
import type { HostRequestMessage } from '../../../core/transport/host-channel';
import { PRINT_CSP, createPrinter, printToPdfOptions, toInches } from '../../../electron/print';
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
});
