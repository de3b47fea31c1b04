import { afterEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../../core/api/api';
import type { PlumblineBridge } from '../../../electron/preload';

const BRIDGE_FUNCTIONS = ['call', 'cancel', 'onMenuOpenFile', 'onProgress', 'openFileDialog', 'openFolderDialog', 'pathForFile', 'saveFileDialog', 'showInFolder'];

// Stored untyped like ipcRenderer's own listeners; each test emits the arguments main would send.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;

type DropLike = { defaultPrevented: boolean; preventDefault: () => void; dataTransfer: { types: string[]; files: { name: string }[] } };

function fakeElectron() {
  const exposed: Record<string, PlumblineBridge> = {};
  const listeners = new Map<string, Listener[]>();
  const ipcRenderer = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ ok: true, value: { channel, args } })),
    send: vi.fn(),
    on: vi.fn((channel: string, l: Listener) => void listeners.set(channel, [...(listeners.get(channel) ?? []), l])),
    removeListener: vi.fn((channel: string, l: Listener) => void listeners.set(channel, (listeners.get(channel) ?? []).filter((x) => x !== l))),
  };
  const module = {
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => void (exposed[key] = api as PlumblineBridge)) },
    ipcRenderer,
    webUtils: { getPathForFile: vi.fn((f: { name: string }) => `/picked/${f.name}`) },
  };
  const emit = (channel: string, ...args: unknown[]) => (listeners.get(channel) ?? []).forEach((l) => l({}, ...args));
  return { module, exposed, ipcRenderer, listeners, emit };
}

async function loadPreload(page?: unknown) {
  vi.resetModules();
  const fake = fakeElectron();
  vi.doMock('electron', () => fake.module);
  if (page) (globalThis as { window?: unknown }).window = page;
  await import('../../../electron/preload');
  return fake;
}

afterEach(() => {
  vi.doUnmock('electron');
  delete (globalThis as { window?: unknown }).window;
});

describe('electron preload', () => {
  it('exposes exactly one key, plumbline, with exactly the bridge functions', async () => {
    const { exposed, module } = await loadPreload();
    expect(module.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(Object.keys(exposed)).toEqual(['plumbline']);
    expect(Object.keys(exposed.plumbline).sort()).toEqual(BRIDGE_FUNCTIONS);
    for (const k of BRIDGE_FUNCTIONS) expect(typeof (exposed.plumbline as unknown as Record<string, unknown>)[k]).toBe('function');
  });

  it('rejects an unknown method without invoking anything', async () => {
    const { exposed, ipcRenderer } = await loadPreload();
    await expect(exposed.plumbline.call('dropAllTables', 'c1', {})).rejects.toThrow(/Unknown Plumbline API method/);
    await expect(exposed.plumbline.call('toString', 'c1', {})).rejects.toThrow();
    await expect(exposed.plumbline.call('__proto__', 'c1', {})).rejects.toThrow();
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('invokes plumbline:<method> with the call id and argument for every API method', async () => {
    const { exposed, ipcRenderer } = await loadPreload();
    for (const m of METHOD_NAMES) {
      await expect(exposed.plumbline.call(m, `id-${m}`, { a: 1 })).resolves.toEqual({
        ok: true,
        value: { channel: `plumbline:${m}`, args: [`id-${m}`, { a: 1 }] },
      });
    }
    expect(ipcRenderer.invoke).toHaveBeenCalledTimes(METHOD_NAMES.length);
  });

  it('sends cancel, subscribes to progress and unsubscribes', async () => {
    const { exposed, ipcRenderer, emit } = await loadPreload();
    exposed.plumbline.cancel('c9');
    expect(ipcRenderer.send).toHaveBeenCalledWith('plumbline:cancel', 'c9');
    const seen: unknown[] = [];
    const off = exposed.plumbline.onProgress((id: string, p: unknown) => seen.push([id, p]));
    emit('plumbline:progress', 'c9', { phase: 'x', done: 1, total: 2, unit: 'rows' });
    off();
    emit('plumbline:progress', 'c9', { phase: 'x', done: 2, total: 2, unit: 'rows' });
    expect(seen).toEqual([['c9', { phase: 'x', done: 1, total: 2, unit: 'rows' }]]);
  });

  it('opens the dialog through main and maps File objects to paths', async () => {
    const { exposed, ipcRenderer } = await loadPreload();
    await exposed.plumbline.openFileDialog();
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('plumbline:open-file-dialog');
    expect(exposed.plumbline.pathForFile({ name: 'a.csv' } as File)).toBe('/picked/a.csv');
    const pdf = { title: 'Verify a report', filters: [{ name: 'PDF', extensions: ['pdf'] }] };
    await exposed.plumbline.openFileDialog(pdf);
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('plumbline:open-file-dialog', pdf);
  });

  it('asks main for the folder chooser', async () => {
    const { exposed, ipcRenderer } = await loadPreload();
    await exposed.plumbline.openFolderDialog('Folder to watch');
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('plumbline:open-folder-dialog', 'Folder to watch');
  });

  it('asks main for the Save… dialog and to show an exported file in its folder', async () => {
    const { exposed, ipcRenderer } = await loadPreload();
    const request = { defaultName: 'report.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] };
    await exposed.plumbline.saveFileDialog(request);
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('plumbline:save-file-dialog', request);
    await exposed.plumbline.showInFolder('/home/me/report.pdf');
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('plumbline:show-in-folder', '/home/me/report.pdf');
  });

  it('delivers menu/drop files, keeping those that arrive before anyone subscribes', async () => {
    const { exposed, emit } = await loadPreload();
    emit('plumbline:open-files', ['/early.csv']);
    const got: string[][] = [];
    const off = exposed.plumbline.onMenuOpenFile((paths: string[]) => got.push(paths));
    emit('plumbline:open-files', ['/a.csv', 42, '/b.tsv']);
    off();
    emit('plumbline:open-files', ['/late.csv']);
    expect(got).toEqual([['/early.csv'], ['/a.csv', '/b.tsv']]);
  });

  it('keeps a dropped file from navigating and imports it when the page did not handle the drop', async () => {
    const handlers: Record<string, (e: DropLike) => void> = {};
    const page = { addEventListener: (type: string, l: (e: DropLike) => void) => (handlers[type] = l) };
    const { exposed } = await loadPreload(page);
    const got: string[][] = [];
    exposed.plumbline.onMenuOpenFile((paths: string[]) => got.push(paths));
    const dropEvent = (defaultPrevented: boolean) => ({
      defaultPrevented,
      preventDefault: vi.fn(),
      dataTransfer: { types: ['Files'], files: [{ name: 'x.csv' }] },
    });
    const over = dropEvent(false);
    handlers.dragover!(over);
    expect(over.preventDefault).toHaveBeenCalled();
    const unhandled = dropEvent(false);
    handlers.drop!(unhandled);
    expect(unhandled.preventDefault).toHaveBeenCalled();
    const handled = dropEvent(true);
    handlers.drop!(handled);
    expect(got).toEqual([['/picked/x.csv']]);
  });
});
