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
  /**
   * Where to write an export. Electron: the path chosen in the Save… dialog, or null when the user
   * cancelled. Browser mode: always null, meaning "let the engine write into the workspace's exports
   * folder, then download it" (`deliverExport`).
   */
  saveFile(request: SaveRequest): Promise<string | null>;
  /** After an export: nothing in Electron (the file is where the user chose); a download in browser mode. */
  deliverExport(result: { readonly path: string }): void;
  /**
   * Electron only: the system's folder chooser (the Watch panel's "Choose…"); null when cancelled.
   * Browser mode has none — a browser cannot name a folder on the machine running the engine —
   * so the folder is typed there, and can be typed in the app too.
   */
  readonly chooseFolder?: (title: string) => Promise<string | null>;
  /** Electron only: reveals a file an export just wrote in the system's file manager. */
  readonly showInFolder?: (path: string) => Promise<boolean>;
  /**
   * One file for the engine to read (a report to verify, a spec to load): the chosen path in
   * Electron; in browser mode the file is uploaded first (progress phase 'upload'). Null when cancelled.
   */
  openFile(request: OpenRequest, opts?: CallOptions): Promise<string | null>;
}

export interface FileFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

export interface SaveRequest {
  readonly defaultName: string;
  readonly filters: readonly FileFilter[];
}

export interface OpenRequest {
  readonly title: string;
  readonly filters: readonly FileFilter[];
}

/** Where browser mode downloads what the engine wrote into the exports folder. */
export const EXPORTS_URL = '/api/exports/';

function mutableFilters(filters: readonly FileFilter[]): { name: string; extensions: string[] }[] {
  return filters.map((f) => ({ name: f.name, extensions: [...f.extensions] }));
}

/** The file input's `accept` for dialog filters: ".pdf,.json". */
export function acceptFor(filters: readonly FileFilter[]): string {
  return [...new Set(filters.flatMap((f) => f.extensions).filter((e) => e !== '*').map((e) => `.${e}`))].join(',');
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
    saveFile(request) {
      return bridge.saveFileDialog({ defaultName: request.defaultName, filters: mutableFilters(request.filters) });
    },
    deliverExport() {
      // The engine wrote the file where the user chose.
    },
    showInFolder(path) {
      return bridge.showInFolder(path);
    },
    chooseFolder(title) {
      return bridge.openFolderDialog(title);
    },
    async openFile(request) {
      const [path] = await bridge.openFileDialog({ title: request.title, filters: mutableFilters(request.filters) });
      return path ?? null;
    },
  };
}

export function browserPlatform(doc: Document, baseUrl = ''): Platform {
  let pending: HTMLInputElement | null = null;
  /** A hidden file input, clicked; resolves with the chosen files (none when cancelled). */
  const pick = (accept: string, multiple: boolean) => {
    pending?.remove();
    const input = doc.createElement('input');
    input.type = 'file';
    input.multiple = multiple;
    input.accept = accept;
    input.hidden = true;
    input.setAttribute('data-testid', 'file-input');
    doc.body.append(input);
    pending = input;
    return new Promise<File[]>((resolve) => {
      const finish = (files: File[]) => {
        input.remove();
        if (pending === input) pending = null;
        resolve(files);
      };
      input.addEventListener('change', () => finish([...(input.files ?? [])]), { once: true });
      input.addEventListener('cancel', () => finish([]), { once: true });
      input.click();
    });
  };
  return {
    kind: 'browser',
    client: createClient(httpTransport({ baseUrl })),
    async chooseFiles() {
      return (await pick(IMPORT_ACCEPT, true)).map((f) => uploadSource(f, baseUrl));
    },
    pathsFromDrop(files) {
      return files.map((f) => uploadSource(f, baseUrl));
    },
    onOpenFiles() {
      return () => undefined;
    },
    async saveFile() {
      return null;
    },
    deliverExport(result) {
      const name = baseName(result.path);
      const a = doc.createElement('a');
      a.href = `${baseUrl}${EXPORTS_URL}${encodeURIComponent(name)}`;
      a.download = name;
      a.hidden = true;
      doc.body.append(a);
      a.click();
      a.remove();
    },
    async openFile(request, opts = {}) {
      const [file] = await pick(acceptFor(request.filters), false);
      return file ? uploadFile(file, opts, baseUrl) : null;
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
