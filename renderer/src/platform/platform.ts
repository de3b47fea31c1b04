/**
 * The one place that knows whether the renderer runs inside Electron or in a browser tab served by
 * `plumbline serve`. Screens see a Platform and nothing else: the same screens, the same calls.
 */
import type { Progress } from '../../../core/api/types';
import { createClient, type CallOptions, type PlumblineClient } from '../../../core/transport/transport';
import { httpTransport } from '../../../core/transport/http-client';
import type { PlumblineBridge } from './electron-bridge';
import { ipcTransport } from './ipc-transport';
import { uploadFile } from './upload';

/** A file the user picked or dropped, not yet readable by the engine in every mode. */
export interface FileSource {
  /** The file's name as the user knows it. */
  readonly name: string;
  /** Size in bytes when known before import. */
  readonly size: number | null;
  /**
   * Makes the file readable by the engine and returns the path to import: the file's own path in
   * Electron, the server-side copy after an upload (reported as phase 'upload') in browser mode.
   * `fileName` is set when the path no longer carries the user's file name (an uploaded copy):
   * the dataset is then named after `fileName` rather than after the path.
   */
  prepare(opts: CallOptions): Promise<{ path: string; fileName?: string }>;
}

export interface Platform {
  readonly kind: 'electron' | 'browser';
  readonly client: PlumblineClient;
  /** Opens the system's file chooser; resolves with nothing when the user cancels. */
  chooseFiles(): Promise<FileSource[]>;
  /** Files dropped onto the page. */
  pathsFromDrop(files: readonly File[]): FileSource[];
  /** Files opened from outside the page (the app menu); browser mode has none. */
  onOpenFiles(cb: (files: FileSource[]) => void): () => void;
}

/** What the engine reads: delimited text, JSON Lines, Parquet, each optionally gzipped. */
export const IMPORT_ACCEPT = [
  '.csv', '.tsv', '.tab', '.txt', '.jsonl', '.ndjson', '.json', '.parquet', '.pq', '.gz',
  'text/csv', 'text/tab-separated-values', 'text/plain',
].join(',');

export function createPlatform(win: Window = window): Platform {
  return win.plumbline ? electronPlatform(win.plumbline) : browserPlatform(win.document);
}

export function electronPlatform(bridge: PlumblineBridge): Platform {
  const fromPaths = (paths: readonly string[]) => paths.filter(Boolean).map((p) => pathSource(p, null));
  return {
    kind: 'electron',
    client: createClient(ipcTransport(bridge)),
    async chooseFiles() {
      return fromPaths(await bridge.openFileDialog());
    },
    pathsFromDrop(files) {
      return files.map((f) => pathSource(bridge.pathForFile(f), f.size)).filter((s) => s.name !== '');
    },
    onOpenFiles(cb) {
      return bridge.onMenuOpenFile((paths) => cb(fromPaths(paths)));
    },
  };
}

export function browserPlatform(doc: Document, baseUrl = ''): Platform {
  let pending: HTMLInputElement | null = null;
  return {
    kind: 'browser',
    client: createClient(httpTransport({ baseUrl })),
    chooseFiles() {
      pending?.remove();
      const input = doc.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.accept = IMPORT_ACCEPT;
      input.hidden = true;
      input.setAttribute('data-testid', 'file-input');
      doc.body.append(input);
      pending = input;
      return new Promise<FileSource[]>((resolve) => {
        const finish = (files: FileSource[]) => {
          input.remove();
          if (pending === input) pending = null;
          resolve(files);
        };
        input.addEventListener('change', () => finish([...(input.files ?? [])].map((f) => uploadSource(f, baseUrl))), { once: true });
        input.addEventListener('cancel', () => finish([]), { once: true });
        input.click();
      });
    },
    pathsFromDrop(files) {
      return files.map((f) => uploadSource(f, baseUrl));
    },
    onOpenFiles() {
      return () => undefined;
    },
  };
}

function pathSource(path: string, size: number | null): FileSource {
  return {
    name: baseName(path),
    size,
    prepare: async () => ({ path }),
  };
}

function uploadSource(file: File, baseUrl: string): FileSource {
  return {
    name: file.name,
    size: file.size,
    prepare: async (opts) => ({ path: await uploadFile(file, opts, baseUrl), fileName: file.name }),
  };
}

export function baseName(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] ?? p;
}

export type { Progress };
