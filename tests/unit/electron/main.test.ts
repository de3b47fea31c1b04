import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { HostRequestMessage, HostResponseMessage } from '../../../core/transport/host-channel';
import { METHOD_NAMES } from '../../../core/api/api';
import { FakeFrame, FakeWebContents, fakeEvent, type FakeElectron } from './fake-electron';
import { FakeWorker, loadMain, useMainHarness } from './load-main';

useMainHarness();

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** An IPC event as Electron builds it for a message from `contents`' main frame. */
function ipcEvent(contents: FakeWebContents, frame: FakeFrame | null = contents.mainFrame) {
  return { sender: contents, senderFrame: frame };
}

function invoke(fake: FakeElectron, channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
  const h = fake.handlers.get(channel);
  if (!h) throw new Error(`no handler for ${channel}`);
  return Promise.resolve(h(event, ...args));
}

/** The items of a top-level menu of the application menu. */
function submenu(fake: FakeElectron, label: string): MenuItemConstructorOptions[] {
  const menu = fake.menuState.template?.find((m) => m.label === label);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no menu ${label}`);
  return menu.submenu;
}

function item(items: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = items.find((i) => i.id === id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
}

const click = (i: MenuItemConstructorOptions) => (i.click as () => void)();

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('electron main: the window', () => {
  it('opens one sandboxed, context-isolated window on app://plumbline/ with the preload', async () => {
    const { fake } = await loadMain();
    expect(fake.windows).toHaveLength(1);
    const prefs = fake.windows[0]!.options.webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: true,
    });
    expect(path.isAbsolute(prefs.preload!)).toBe(true);
    expect(prefs.preload!.endsWith(path.join('dist', 'electron', 'preload.js'))).toBe(true);
    expect(fake.windows[0]!.loaded).toEqual(['app://plumbline/index.html']);
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.app.setName).toHaveBeenCalledWith('Plumbline');
  });

  it('registers app:// as a privileged standard, secure scheme before ready, and serves it', async () => {
    const { fake } = await loadMain();
    expect(fake.calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(fake.calls.indexOf('whenReady'));
    const [schemes] = fake.protocol.registerSchemesAsPrivileged.mock.calls[0] as unknown as [unknown[]];
    expect(schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(fake.protocolHandlers.has('app')).toBe(true);
    const outside = await fake.protocolHandlers.get('app')!(new Request('app://plumbline/..%2f..%2fpackage.json'));
    expect(outside.status).toBe(404);
  });

  it('disables devtools in a packaged app', async () => {
    const { fake } = await loadMain({ isPackaged: true });
    expect(fake.windows[0]!.options.webPreferences!.devTools).toBe(false);
    expect(submenu(fake, '&View').some((i) => i.role === 'toggleDevTools')).toBe(false);
  });

  it('quits at once when another instance holds the lock', async () => {
    const { fake, worker } = await loadMain({ singleInstance: false });
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
    expect(worker).toBeNull();
  });
});

describe('electron main: content security', () => {
  it('sends the strict CSP as a response header', async () => {
    const { CONTENT_SECURITY_POLICY } = await import('../../../electron/security');
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP);
  });

  it('denies navigation, new windows and <webview>', async () => {
    const { fake } = await loadMain();
    const wc = fake.windows[0]!.webContents;
    const nav = fakeEvent({ url: 'https://example.com/' });
    wc.emit('will-navigate', nav);
    expect(nav.preventDefault).toHaveBeenCalled();
    const sameOrigin = fakeEvent({ url: 'app://plumbline/other.html' });
    wc.emit('will-navigate', sameOrigin);
    expect(sameOrigin.preventDefault).toHaveBeenCalled();
    const sub = fakeEvent({ url: 'https://example.com/', isMainFrame: false });
    wc.emit('will-frame-navigate', sub);
    expect(sub.preventDefault).toHaveBeenCalled();
    // The report preview's <iframe sandbox="" srcdoc> may load its inline document, and only that.
    const srcdoc = fakeEvent({ url: 'about:srcdoc', isMainFrame: false });
    wc.emit('will-frame-navigate', srcdoc);
    expect(srcdoc.preventDefault).not.toHaveBeenCalled();
    const blank = fakeEvent({ url: 'about:blank', isMainFrame: false });
    wc.emit('will-frame-navigate', blank);
    expect(blank.preventDefault).toHaveBeenCalled();
    const redirect = fakeEvent({ url: 'https://example.com/' });
    wc.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = fakeEvent({});
    wc.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(wc.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler?.({ url: 'app://plumbline/index.html' })).toEqual({ action: 'deny' });
  });

  it('turns a file dropped on the window into an import instead of a navigation', async () => {
    const { fake } = await loadMain();
    const wc = fake.windows[0]!.webContents;
    wc.emit('did-finish-load');
    const drop = fakeEvent({ url: 'file:///home/me/data%20set.csv' });
    wc.emit('will-navigate', drop);
    expect(drop.preventDefault).toHaveBeenCalled();
    expect(wc.sent).toContainEqual(['plumbline:open-files', ['/home/me/data set.csv']]);
  });

  it('cancels every outgoing request that is not app:, devtools:, data: or blob:', async () => {
    const { fake } = await loadMain();
    const filter = fake.sessionState.beforeRequest!;
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      filter({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/x', 'ws://localhost/', 'file:///etc/passwd', 'ftp://x/', 'not a url']) {
      expect(decide(url), url).toBe(true);
    }
    for (const url of ['app://plumbline/index.html', 'app://plumbline/assets/index.js', 'devtools://devtools/bundled/x.html', 'data:image/png;base64,AA', 'blob:app://plumbline/123']) {
      expect(decide(url), url).toBe(false);
    }
  });

  it('denies every permission request and check', async () => {
    const { fake } = await loadMain();
    const answer = vi.fn();
    fake.sessionState.permissionRequest!({}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    expect(fake.sessionState.permissionCheck!({}, 'clipboard-read')).toBe(false);
  });
});

describe('electron main: IPC', () => {
  it('registers one handler per API method, generated from METHOD_NAMES, plus cancel and the dialog', async () => {
    const { fake } = await loadMain();
    const expected = [...METHOD_NAMES.map((m) => `plumbline:${m}`), 'plumbline:open-file-dialog', 'plumbline:open-folder-dialog', 'plumbline:save-file-dialog', 'plumbline:show-in-folder'].sort();
    expect([...fake.handlers.keys()].sort()).toEqual(expected);
    expect([...fake.ipcListeners.keys()]).toEqual(['plumbline:cancel']);
  });

  it('forwards a call to the worker and routes its progress and result back', async () => {
    const { fake, worker } = await loadMain();
    const wc = fake.windows[0]!.webContents;
    const reply = invoke(fake, 'plumbline:importFile', ipcEvent(wc), 'call-1', { path: '/data/a.csv' });
    expect(worker!.sent).toEqual([{ type: 'call', id: `${wc.id}:call-1`, method: 'importFile', args: { path: '/data/a.csv' } }]);
    const progress = { phase: 'reading', done: 10, total: 100, unit: 'bytes' as const };
    worker!.emit({ type: 'progress', id: `${wc.id}:call-1`, progress });
    expect(wc.sent).toContainEqual(['plumbline:progress', 'call-1', progress]);
    worker!.emit({ type: 'result', id: `${wc.id}:call-1`, ok: true, value: { dataset: 'a', rows: 3 } });
    await expect(reply).resolves.toEqual({ ok: true, value: { dataset: 'a', rows: 3 } });
  });

  it('answers engine errors as data (never thrown across IPC)', async () => {
    const { fake, worker } = await loadMain();
    const wc = fake.windows[0]!.webContents;
    const reply = invoke(fake, 'plumbline:getDataset', ipcEvent(wc), 'c2', { dataset: 'nope' });
    worker!.emit({ type: 'result', id: `${wc.id}:c2`, ok: false, error: { code: 'NOT_FOUND', message: 'No dataset nope.' } });
    await expect(reply).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No dataset nope.' } });
  });

  it('forwards a cancel for a pending call', async () => {
    const { fake, worker } = await loadMain();
    const wc = fake.windows[0]!.webContents;
    void invoke(fake, 'plumbline:importFile', ipcEvent(wc), 'c3', { path: '/x.csv' });
    fake.ipcListeners.get('plumbline:cancel')![0]!(ipcEvent(wc), 'c3');
    expect(worker!.sent.at(-1)).toEqual({ type: 'cancel', id: `${wc.id}:c3` });
    // Unknown ids and foreign senders are ignored.
    fake.ipcListeners.get('plumbline:cancel')![0]!(ipcEvent(wc), 'unknown');
    fake.ipcListeners.get('plumbline:cancel')![0]!(ipcEvent(new FakeWebContents()), 'c3');
    expect(worker!.sent).toHaveLength(2);
  });

  it('refuses calls from a foreign sender, a foreign origin or a subframe', async () => {
    const { fake, worker } = await loadMain();
    const wc = fake.windows[0]!.webContents;
    const refusals = [
      ipcEvent(new FakeWebContents()),
      ipcEvent(wc, new FakeFrame('https://evil.example/')),
      ipcEvent(wc, new FakeFrame('file:///tmp/index.html')),
      ipcEvent(wc, new FakeFrame('app://other/index.html')),
      ipcEvent(wc, new FakeFrame('app://plumbline/frame.html', wc.mainFrame)),
      ipcEvent(wc, null),
    ];
    for (const event of refusals) {
      const reply = await invoke(fake, 'plumbline:listDatasets', event, 'c4', {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(await invoke(fake, 'plumbline:open-file-dialog', refusals[0])).toEqual([]);
    expect(fake.dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(worker!.sent).toEqual([]);
  });

  it('refuses a missing call id and a call id already in flight', async () => {
    const { fake, worker } = await loadMain();
    const wc = fake.windows[0]!.webContents;
    expect(await invoke(fake, 'plumbline:listDatasets', ipcEvent(wc), undefined, {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    void invoke(fake, 'plumbline:listDatasets', ipcEvent(wc), 'dup', {});
    expect(await invoke(fake, 'plumbline:listDatasets', ipcEvent(wc), 'dup', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(worker!.sent).toHaveLength(1);
  });

  it('answers pending and later calls with the error when the workspace cannot be opened', async () => {
    const { fake, worker } = await loadMain();
    const wc = fake.windows[0]!.webContents;
    const pending = invoke(fake, 'plumbline:listDatasets', ipcEvent(wc), 'c5', {});
    worker!.fail('NODE_MODULE_VERSION 115 vs 145');
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('NODE_MODULE_VERSION') } });
    await expect(invoke(fake, 'plumbline:listDatasets', ipcEvent(wc), 'c6', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    await flush();
    expect(fake.dialog.showErrorBox).toHaveBeenCalled();
  });

  it('shows the native Open… dialog for the window', async () => {
    const { fake } = await loadMain();
    const wc = fake.windows[0]!.webContents;
    expect(await invoke(fake, 'plumbline:open-file-dialog', ipcEvent(wc))).toEqual(['/data/a.csv', '/data/b.parquet']);
    const [win, options] = fake.dialog.showOpenDialog.mock.calls[0] as unknown as [unknown, Electron.OpenDialogOptions];
    expect(win).toBe(fake.windows[0]);
    expect(options.properties).toContain('openFile');
    expect(options.filters!.flatMap((f) => f.extensions)).toEqual(
      expect.arrayContaining(['csv', 'tsv', 'jsonl', 'parquet', 'gz']),
    );
  });
});

describe('electron main: save dialog, open dialog with filters, show in folder', () => {
  const pdfFilters = [{ name: 'PDF', extensions: ['pdf'] }];

  it('shows the native Save… dialog for the window with a plain suggested name, and refuses malformed requests', async () => {
    const { fake } = await loadMain();
    const wc = fake.windows[0]!.webContents;
    expect(await invoke(fake, 'plumbline:save-file-dialog', ipcEvent(wc), { defaultName: 'report.pdf', filters: pdfFilters })).toBe('/home/me/report.pdf');
    const [win, options] = fake.dialog.showSaveDialog.mock.calls[0] as unknown as [unknown, Electron.SaveDialogOptions];
    expect(win).toBe(fake.windows[0]);
    expect(path.basename(options.defaultPath!)).toBe('report.pdf');
    expect(options.filters).toEqual(pdfFilters);
    // Folders in the suggested name are dropped: the user, not the page, chooses where.
    await invoke(fake, 'plumbline:save-file-dialog', ipcEvent(wc), { defaultName: '../../etc/cron.d/x.pdf', filters: pdfFilters });
    const [, second] = fake.dialog.showSaveDialog.mock.calls[1] as unknown as [unknown, Electron.SaveDialogOptions];
    expect(path.basename(second.defaultPath!)).toBe('x.pdf');
    expect(second.defaultPath!).not.toContain('..');
    for (const bad of [undefined, {}, { defaultName: 'a.pdf' }, { defaultName: 'a.pdf', filters: [{ name: 'x', extensions: ['p/df'] }] }, { defaultName: 42, filters: pdfFilters }, { defaultName: '..', filters: pdfFilters }]) {
      expect(await invoke(fake, 'plumbline:save-file-dialog', ipcEvent(wc), bad)).toBeNull();
    }
    expect(await invoke(fake, 'plumbline:save-file-dialog', ipcEvent(new FakeWebContents()), { defaultName: 'a.pdf', filters: pdfFilters })).toBeNull();
    expect(fake.dialog.showSaveDialog).toHaveBeenCalledTimes(2);
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await invoke(fake, 'plumbline:save-file-dialog', ipcEvent(wc), { defaultName: 'a.pdf', filters: pdfFilters })).toBeNull();
  });

  it('opens one file of the requested types when the renderer names them', async () => {
    const { fake } = await loadMain();
    const wc = fake.windows[0]!.webContents;
    await invoke(fake, 'plumbline:open-file-dialog', ipcEvent(wc), { title: 'Verify a report', filters: pdfFilters });
    const [, options] = fake.dialog.showOpenDialog.mock.calls[0] as unknown as [unknown, Electron.OpenDialogOptions];
    expect(options).toMatchObject({ title: 'Verify a report', properties: ['openFile'], filters: pdfFilters });
    // A malformed request opens nothing (rather than the import dialog).
    expect(await invoke(fake, 'plumbline:open-file-dialog', ipcEvent(wc), { filters: 'pdf' })).toEqual([]);
    expect(fake.dialog.showOpenDialog).toHaveBeenCalledTimes(1);
  });

  it('shows the native folder chooser (openDirectory) for the Watch panel, only to the app window', async () => {
    const { fake } = await loadMain();
    const wc = fake.windows[0]!.webContents;
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/data/incoming'] });
    expect(await invoke(fake, 'plumbline:open-folder-dialog', ipcEvent(wc), 'Folder to watch')).toBe('/data/incoming');
    const [win, options] = fake.dialog.showOpenDialog.mock.calls[0] as unknown as [unknown, Electron.OpenDialogOptions];
    expect(win).toBe(fake.windows[0]);
    expect(options).toMatchObject({ title: 'Folder to watch', properties: ['openDirectory', 'createDirectory'] });
    expect(options.properties).not.toContain('openFile');
    // A title that is not a short string gets the default; a cancel answers null.
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await invoke(fake, 'plumbline:open-folder-dialog', ipcEvent(wc), { evil: true })).toBeNull();
    expect((fake.dialog.showOpenDialog.mock.calls[1] as unknown as [unknown, Electron.OpenDialogOptions])[1].title).toBe('Choose a folder');
    // Another sender gets nothing and no dialog.
    expect(await invoke(fake, 'plumbline:open-folder-dialog', ipcEvent(new FakeWebContents()), 'x')).toBeNull();
    expect(fake.dialog.showOpenDialog).toHaveBeenCalledTimes(2);
  });

  it('shows in its folder only a file an export of this window returned', async () => {
    const { fake, worker } = await loadMain();
    const wc = fake.windows[0]!.webContents;
    const shell = fake.module.shell;
    expect(await invoke(fake, 'plumbline:show-in-folder', ipcEvent(wc), '/etc/passwd')).toBe(false);
    const reply = invoke(fake, 'plumbline:exportReport', ipcEvent(wc), 'e1', { reference: 'a', current: 'b', out: '/home/me/r.pdf' });
    worker!.emit({ type: 'result', id: `${wc.id}:e1`, ok: true, value: { path: '/home/me/r.pdf', format: 'pdf' } });
    await reply;
    // Other methods' results are not exports.
    const other = invoke(fake, 'plumbline:saveAnalysisSpec', ipcEvent(wc), 's1', {});
    worker!.emit({ type: 'result', id: `${wc.id}:s1`, ok: true, value: { path: '/home/me/spec.json' } });
    await other;
    expect(await invoke(fake, 'plumbline:show-in-folder', ipcEvent(new FakeWebContents()), '/home/me/r.pdf')).toBe(false);
    expect(await invoke(fake, 'plumbline:show-in-folder', ipcEvent(wc), '/home/me/spec.json')).toBe(false);
    expect(await invoke(fake, 'plumbline:show-in-folder', ipcEvent(wc), 42)).toBe(false);
    expect(shell.showItemInFolder).not.toHaveBeenCalled();
    expect(await invoke(fake, 'plumbline:show-in-folder', ipcEvent(wc), '/home/me/r.pdf')).toBe(true);
    expect(shell.showItemInFolder).toHaveBeenCalledWith('/home/me/r.pdf');
  });
});

describe('electron main: engine, menu and launches', () => {
  it('starts the engine worker on the --db workspace, printing through main; main itself runs no query', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-main-'));
    const { worker, mod } = await loadMain({ argv: ['--db', path.join(dir, 'w.db')] });
    expect(worker!.opts.dbPath).toBe(path.join(dir, 'w.db'));
    expect(mod.plumbline.dbPath).toBe(path.join(dir, 'w.db'));
    expect(String(worker!.opts.workerScript)).toMatch(/dist[\\/]engine[\\/]worker\.js$/);
    expect(worker!.opts.printer).toBe('host');
  });

  it('has File ▸ Open… (CmdOrCtrl+O), Reload, devtools in development and Help ▸ About', async () => {
    const { fake } = await loadMain();
    const open = item(submenu(fake, '&File'), 'open');
    expect(open.accelerator).toBe('CmdOrCtrl+O');
    expect(submenu(fake, '&View').map((i) => i.role)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    click(item(submenu(fake, '&Help'), 'about'));
    expect(fake.app.showAboutPanel).toHaveBeenCalled();
    expect(fake.app.setAboutPanelOptions).toHaveBeenCalledWith(expect.objectContaining({ applicationName: 'Plumbline', applicationVersion: '0.1.0' }));

    const wc = fake.windows[0]!.webContents;
    wc.emit('did-finish-load');
    click(open);
    await flush();
    expect(wc.sent).toContainEqual(['plumbline:open-files', ['/data/a.csv', '/data/b.parquet']]);
  });

  it('a second launch focuses the window and forwards the files named on its command line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-main-'));
    fs.writeFileSync(path.join(dir, 'preds.csv'), 'a\n1\n');
    const { fake } = await loadMain();
    const win = fake.windows[0]!;
    win.webContents.emit('did-finish-load');
    fake.app.emit('second-instance', {}, ['/usr/bin/plumbline', '--db', 'x.db', 'preds.csv', 'missing.csv', '--flag'], dir, {});
    expect(win.focus).toHaveBeenCalled();
    expect(win.webContents.sent).toContainEqual(['plumbline:open-files', [path.join(dir, 'preds.csv')]]);
  });

  it('hands files from the first launch to the renderer once it has loaded', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-main-'));
    const file = path.join(dir, 'ref.parquet');
    fs.writeFileSync(file, 'PAR1');
    const { fake } = await loadMain({ argv: [file] });
    const wc = fake.windows[0]!.webContents;
    expect(wc.sent).toEqual([]);
    wc.emit('did-finish-load');
    expect(wc.sent).toEqual([['plumbline:open-files', [file]]]);
  });

  it("answers the engine's print requests with Chromium's printToPDF when the worker offers host requests", async () => {
    type Handler = (req: HostRequestMessage) => Promise<HostResponseMessage>;
    let handler: Handler | null = null;
    const { fake } = await loadMain({
      startWorker: (o) => Object.assign(new FakeWorker(o), { onHostRequest: (h: Handler) => ((handler = h), () => undefined) }),
    });
    expect(handler).not.toBeNull();
    const reply = await handler!({ type: 'host-request', id: 'p1', kind: 'print-pdf', html: '<p>r</p>', options: { pageSize: 'A4', headerTemplate: '', footerTemplate: '' } });
    expect(reply).toMatchObject({ type: 'host-response', id: 'p1', ok: true });
    const printWindow = fake.windows.at(-1)!;
    expect(printWindow.options.webPreferences!.javascript).toBe(false);
    expect(printWindow.destroyed).toBe(true);
  });

  it('stops the engine before quitting', async () => {
    const { fake, worker } = await loadMain();
    const quit = fakeEvent({});
    fake.app.emit('will-quit', quit);
    expect(quit.preventDefault).toHaveBeenCalled();
    await flush();
    expect(worker!.terminated).toBe(true);
    expect(fake.app.quit).toHaveBeenCalled();
  });
});

describe('electron main: packaged paths', () => {
  it('reads the engine assets from app.asar.unpacked when they are there', async () => {
    const { mod } = await loadMain();
    const packaged = path.join('/opt/Plumbline/resources/app.asar', 'assets');
    const unpacked = path.join('/opt/Plumbline/resources/app.asar.unpacked', 'assets');
    expect(mod.unpackedPath(packaged, (p) => p === unpacked)).toBe(unpacked);
    expect(mod.unpackedPath(packaged, () => false)).toBe(packaged);
    expect(mod.unpackedPath('/work/main/assets', () => true)).toBe('/work/main/assets');
  });
});
