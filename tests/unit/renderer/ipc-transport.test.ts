import { describe, expect, it, vi } from 'vitest';
import { PlumblineError } from '../../../core/api/errors';
import type { Progress } from '../../../core/api/types';
import { createClient } from '../../../core/transport/transport';
import type { PlumblineBridge } from '../../../renderer/src/platform/electron-bridge';
import { ipcTransport } from '../../../renderer/src/platform/ipc-transport';
import { electronPlatform } from '../../../renderer/src/platform/platform';

type Reply = Awaited<ReturnType<PlumblineBridge['call']>>;

/** A bridge whose calls stay pending until the test answers them. */
function fakeBridge() {
  const progressListeners: ((id: string, p: Progress) => void)[] = [];
  const calls: { method: string; id: string; args: unknown; answer: (r: Reply) => void }[] = [];
  const bridge: PlumblineBridge = {
    call: vi.fn((method: string, id: string, args: unknown) => new Promise<Reply>((answer) => calls.push({ method, id, args, answer }))),
    cancel: vi.fn(),
    onProgress: (cb) => {
      progressListeners.push(cb);
      return () => undefined;
    },
    openFileDialog: vi.fn(async () => ['/data/preds.csv', 'C:\\data\\ref.csv']),
    openFolderDialog: vi.fn(async () => '/data/incoming'),
    saveFileDialog: vi.fn(async () => '/home/me/report.pdf'),
    showInFolder: vi.fn(async () => true),
    pathForFile: vi.fn((f: File) => `/dropped/${f.name}`),
    onMenuOpenFile: vi.fn(() => () => undefined),
  };
  const emit = (id: string, p: Progress) => progressListeners.forEach((l) => l(id, p));
  return { bridge, calls, emit };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('ipcTransport', () => {
  it('sends method, a fresh call id and args, and resolves with the value', async () => {
    const { bridge, calls } = fakeBridge();
    const client = createClient(ipcTransport(bridge));
    const p = client.listDatasets({});
    await flush();
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe('listDatasets');
    expect(calls[0].args).toEqual({});
    expect(calls[0].id).toMatch(/\S+/);
    calls[0].answer({ ok: true, value: [{ id: 1, name: 'a', rows: 1, columns: 1, importedAt: '' }] });
    await expect(p).resolves.toEqual([{ id: 1, name: 'a', rows: 1, columns: 1, importedAt: '' }]);
  });

  it('routes progress to the call it belongs to, and stops after the result', async () => {
    const { bridge, calls, emit } = fakeBridge();
    const client = createClient(ipcTransport(bridge));
    const a: Progress[] = [];
    const b: Progress[] = [];
    const pa = client.importFile({ path: '/a.csv' }, { onProgress: (p) => a.push(p) });
    const pb = client.importFile({ path: '/b.csv' }, { onProgress: (p) => b.push(p) });
    await flush();
    const [ca, cb] = calls;
    expect(ca.id).not.toBe(cb.id);
    const p1: Progress = { phase: 'import', done: 10, total: 100, unit: 'bytes', rows: 3 };
    const p2: Progress = { phase: 'import', done: 20, total: 50, unit: 'bytes' };
    emit(ca.id, p1);
    emit(cb.id, p2);
    emit('someone-else', p2);
    expect(a).toEqual([p1]);
    expect(b).toEqual([p2]);
    ca.answer({ ok: true, value: { dataset: 'a' } });
    await pa;
    emit(ca.id, p1);
    expect(a).toHaveLength(1);
    cb.answer({ ok: true, value: { dataset: 'b' } });
    await pb;
  });

  it('rebuilds engine errors as PlumblineError with code, message and details', async () => {
    const { bridge, calls } = fakeBridge();
    const client = createClient(ipcTransport(bridge));
    const p = client.getDataset({ dataset: 'nope' });
    await flush();
    calls[0].answer({ ok: false, error: { code: 'NOT_FOUND', message: 'No dataset named "nope".', details: { name: 'nope' } } });
    const e = await p.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PlumblineError);
    expect(e).toMatchObject({ code: 'NOT_FOUND', message: 'No dataset named "nope".', details: { name: 'nope' } });
  });

  it('turns a failing bridge into an INTERNAL error', async () => {
    const { bridge } = fakeBridge();
    bridge.call = vi.fn(async () => {
      throw new Error('channel closed');
    });
    const e = await createClient(ipcTransport(bridge)).listDatasets({}).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'INTERNAL' });
    expect((e as Error).message).toContain('channel closed');
  });

  it('aborting the signal calls bridge.cancel with the call id; the engine answers CANCELLED', async () => {
    const { bridge, calls } = fakeBridge();
    const client = createClient(ipcTransport(bridge));
    const ac = new AbortController();
    const p = client.importFile({ path: '/big.csv' }, { signal: ac.signal });
    await flush();
    ac.abort();
    expect(bridge.cancel).toHaveBeenCalledWith(calls[0].id);
    calls[0].answer({ ok: false, error: { code: 'CANCELLED', message: 'Import cancelled: nothing was changed.' } });
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('does not call the bridge when the signal is already aborted', async () => {
    const { bridge } = fakeBridge();
    const ac = new AbortController();
    ac.abort();
    await expect(createClient(ipcTransport(bridge)).listDatasets({}, { signal: ac.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(bridge.call).not.toHaveBeenCalled();
  });
});

describe('electronPlatform', () => {
  it('imports files chosen in the native dialog or dropped by their own paths', async () => {
    const { bridge } = fakeBridge();
    const platform = electronPlatform(bridge);
    expect(platform.kind).toBe('electron');
    const chosen = await platform.chooseFiles();
    expect(chosen.map((f) => f.name)).toEqual(['preds.csv', 'ref.csv']);
    await expect(chosen[1].prepare({})).resolves.toEqual({ path: 'C:\\data\\ref.csv' });
    const dropped = platform.pathsFromDrop([new File(['a,b\n1,2\n'], 'x.csv')]);
    expect(dropped[0].size).toBe(8);
    await expect(dropped[0].prepare({})).resolves.toEqual({ path: '/dropped/x.csv' });
  });
});
