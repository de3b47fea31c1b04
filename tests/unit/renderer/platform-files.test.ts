/**
 * Saving and opening single files on both transports: Electron asks main for native dialogs; browser
 * mode lets the engine choose and downloads from /api/exports/, and uploads files to open.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlumblineBridge } from '../../../renderer/src/platform/electron-bridge';
import { acceptFor, browserPlatform, electronPlatform } from '../../../renderer/src/platform/platform';

const PDF = [{ name: 'PDF', extensions: ['pdf'] }];

function bridge(over: Partial<PlumblineBridge> = {}): PlumblineBridge {
  return {
    call: vi.fn(),
    cancel: vi.fn(),
    onProgress: () => () => undefined,
    openFileDialog: vi.fn(async () => ['/home/me/r.pdf']),
    openFolderDialog: vi.fn(async () => '/home/me/incoming'),
    saveFileDialog: vi.fn(async () => '/home/me/chosen.pdf'),
    showInFolder: vi.fn(async () => true),
    pathForFile: vi.fn(() => ''),
    onMenuOpenFile: () => () => undefined,
    ...over,
  };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('electron platform files', () => {
  it('saves where the user chose, or null when cancelled; delivers nothing; reveals through the bridge', async () => {
    const b = bridge();
    const p = electronPlatform(b);
    await expect(p.saveFile({ defaultName: 'r.pdf', filters: PDF })).resolves.toBe('/home/me/chosen.pdf');
    expect(b.saveFileDialog).toHaveBeenCalledWith({ defaultName: 'r.pdf', filters: PDF });
    const cancelled = electronPlatform(bridge({ saveFileDialog: vi.fn(async () => null) }));
    await expect(cancelled.saveFile({ defaultName: 'r.pdf', filters: PDF })).resolves.toBeNull();
    p.deliverExport({ path: '/home/me/chosen.pdf' });
    expect(document.querySelector('a')).toBeNull();
    await p.showInFolder!('/home/me/chosen.pdf');
    expect(b.showInFolder).toHaveBeenCalledWith('/home/me/chosen.pdf');
  });

  it('chooses a folder through the app’s folder chooser; browser mode has none (the folder is typed)', async () => {
    const b = bridge();
    expect(await electronPlatform(b).chooseFolder!('Folder to watch')).toBe('/home/me/incoming');
    expect(b.openFolderDialog).toHaveBeenCalledWith('Folder to watch');
    expect(browserPlatform(document).chooseFolder).toBeUndefined();
  });

  it('opens one file of the requested types through the dialog', async () => {
    const b = bridge();
    await expect(electronPlatform(b).openFile({ title: 'Verify a report', filters: PDF })).resolves.toBe('/home/me/r.pdf');
    expect(b.openFileDialog).toHaveBeenCalledWith({ title: 'Verify a report', filters: PDF });
    await expect(electronPlatform(bridge({ openFileDialog: vi.fn(async () => []) })).openFile({ title: 'x', filters: PDF })).resolves.toBeNull();
  });
});

describe('browser platform files', () => {
  it('lets the engine choose where to save, then downloads the file through a link to /api/exports/', async () => {
    const p = browserPlatform(document);
    expect(p.showInFolder).toBeUndefined();
    await expect(p.saveFile({ defaultName: 'r.pdf', filters: PDF })).resolves.toBeNull();
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    p.deliverExport({ path: '/home/me/.plumbline/exports/PLB-20261123-ABCDEF01.pdf' });
    expect(clicked).toHaveLength(1);
    expect(clicked[0].getAttribute('href')).toBe('/api/exports/PLB-20261123-ABCDEF01.pdf');
    expect(clicked[0].download).toBe('PLB-20261123-ABCDEF01.pdf');
    expect(document.querySelector('a')).toBeNull();
    p.deliverExport({ path: 'C:\\Users\\me\\exports\\x y.html' });
    expect(clicked[1].getAttribute('href')).toBe('/api/exports/x%20y.html');
  });

  it('opens a file by uploading it, with the dialog filters as accept; null when cancelled', async () => {
    const uploads: { url: string; body: unknown; onload?: () => void; status?: number; responseText?: string }[] = [];
    class Xhr {
      upload = { onprogress: null };
      status = 0;
      responseText = '';
      onload: (() => void) | null = null;
      url = '';
      open(_m: string, url: string) {
        this.url = url;
      }
      setRequestHeader() {}
      send(body: unknown) {
        uploads.push({ url: this.url, body });
        this.status = 200;
        this.responseText = JSON.stringify({ path: '/srv/uploads/r.pdf' });
        queueMicrotask(() => this.onload?.());
      }
    }
    vi.stubGlobal('XMLHttpRequest', Xhr);
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
    const p = browserPlatform(document);
    const opened = p.openFile({ title: 'Verify a report', filters: PDF });
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    expect(input.accept).toBe('.pdf');
    expect(input.multiple).toBe(false);
    const file = new File(['%PDF-1.7'], 'r.pdf');
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    await expect(opened).resolves.toBe('/srv/uploads/r.pdf');
    expect(uploads).toEqual([{ url: '/api/upload', body: file }]);

    const cancelled = p.openFile({ title: 'x', filters: PDF });
    document.querySelector('input[type=file]')!.dispatchEvent(new Event('cancel'));
    await expect(cancelled).resolves.toBeNull();
  });

  it('turns dialog filters into an accept list', () => {
    expect(acceptFor([{ name: 'JSON', extensions: ['json'] }, { name: 'All', extensions: ['*'] }, { name: 'J', extensions: ['json'] }])).toBe('.json');
  });
});
