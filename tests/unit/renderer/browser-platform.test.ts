import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Progress } from '../../../core/api/types';
import { browserPlatform, createPlatform } from '../../../renderer/src/platform/platform';
import { uploadError, uploadFile } from '../../../renderer/src/platform/upload';

/** A stand-in for XMLHttpRequest that the test drives by hand. */
class FakeXhr {
  static last: FakeXhr;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  responseText = '';
  responseType = '';
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  aborted = false;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k.toLowerCase()] = v;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  respond(status: number, text: string) {
    this.status = status;
    this.responseText = text;
    this.onload?.();
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('uploadFile', () => {
  it('posts the raw bytes with the encoded file name, reports progress and returns the saved path', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const file = new File(['a,b\n1,2\n'], 'prédictions <1>.csv');
    const progress: Progress[] = [];
    const p = uploadFile(file, { onProgress: (x) => progress.push(x) });
    const xhr = FakeXhr.last;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/upload');
    expect(xhr.headers['x-plumbline-filename']).toBe(encodeURIComponent('prédictions <1>.csv'));
    expect(xhr.body).toBe(file);
    xhr.upload.onprogress!({ loaded: 4, total: 8, lengthComputable: true });
    expect(progress).toEqual([{ phase: 'upload', done: 4, total: 8, unit: 'bytes' }]);
    xhr.respond(200, JSON.stringify({ path: '/srv/uploads/x/prédictions <1>.csv' }));
    await expect(p).resolves.toBe('/srv/uploads/x/prédictions <1>.csv');
  });

  it('rejects with the server’s message, and with CANCELLED when aborted', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const p = uploadFile(new File(['x'], 'a.csv'));
    FakeXhr.last.respond(401, 'Unauthorized: open the URL printed by "plumbline serve".');
    await expect(p).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('Unauthorized') });

    const ac = new AbortController();
    const q = uploadFile(new File(['x'], 'a.csv'), { signal: ac.signal });
    ac.abort();
    expect(FakeXhr.last.aborted).toBe(true);
    await expect(q).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('reads JSON error payloads and plain text alike', () => {
    expect(uploadError(400, JSON.stringify({ code: 'BAD_REQUEST', message: 'Too big.' }), 'a.csv')).toMatchObject({ code: 'BAD_REQUEST', message: 'Too big.' });
    expect(uploadError(500, '', 'a.csv')).toMatchObject({ code: 'INTERNAL', message: 'Uploading a.csv failed (HTTP 500).' });
    expect(uploadError(400, 'Upload failed: disk full', 'a.csv').message).toBe('Uploading a.csv failed: Upload failed: disk full');
  });
});

describe('browserPlatform', () => {
  it('is chosen when there is no Electron bridge', () => {
    expect(createPlatform(window).kind).toBe('browser');
  });

  it('chooses files with a file input, then uploads them when prepared', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const platform = browserPlatform(document);
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
    const chosen = platform.chooseFiles();
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    expect(click).toHaveBeenCalled();
    expect(input.multiple).toBe(true);
    const file = new File(['a\n1\n'], 'ref.csv');
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    const [source] = await chosen;
    expect(document.querySelector('input[type=file]')).toBeNull();
    expect(source).toMatchObject({ name: 'ref.csv', size: 4 });
    const prepared = source.prepare({});
    FakeXhr.last.respond(200, JSON.stringify({ path: '/srv/ref.csv' }));
    await expect(prepared).resolves.toEqual({ path: '/srv/ref.csv', fileName: 'ref.csv' });
  });

  it('resolves with nothing when the chooser is cancelled', async () => {
    const platform = browserPlatform(document);
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
    const chosen = platform.chooseFiles();
    document.querySelector('input[type=file]')!.dispatchEvent(new Event('cancel'));
    await expect(chosen).resolves.toEqual([]);
  });
});
