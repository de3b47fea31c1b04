/**
 * The preload: the only bridge between the sandboxed renderer and main. Exposes exactly one
 * object, `window.plumbline`, whose API part is generated from METHOD_NAMES. Bundled into one
 * CommonJS file that requires nothing but 'electron' (sandboxed preloads can require no more).
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { isMethodName } from '../core/api/api';
import type { Progress } from '../core/api/types';
import {
  CANCEL_CHANNEL,
  OPEN_DIALOG_CHANNEL,
  OPEN_FILES_CHANNEL,
  OPEN_FOLDER_DIALOG_CHANNEL,
  PROGRESS_CHANNEL,
  SAVE_DIALOG_CHANNEL,
  SHOW_IN_FOLDER_CHANNEL,
  methodChannel,
  type CallReply,
  type OpenDialogRequest,
  type SaveDialogRequest,
} from './channels';

export interface PlumblineBridge {
  call(method: string, callId: string, args: unknown): Promise<CallReply>;
  cancel(callId: string): void;
  onProgress(cb: (callId: string, progress: Progress) => void): () => void;
  openFileDialog(options?: OpenDialogRequest): Promise<string[]>;
  openFolderDialog(title?: string): Promise<string | null>;
  saveFileDialog(options: SaveDialogRequest): Promise<string | null>;
  showInFolder(path: string): Promise<boolean>;
  pathForFile(file: File): string;
  onMenuOpenFile(cb: (paths: string[]) => void): () => void;
}

// Files can arrive before the renderer subscribes (a path on the command line, an early drop):
// they wait here and go to the first subscriber.
const fileListeners = new Set<(paths: string[]) => void>();
let earlyFiles: string[][] = [];

function deliverFiles(paths: string[]): void {
  if (paths.length === 0) return;
  if (fileListeners.size === 0) {
    earlyFiles.push(paths);
    return;
  }
  for (const cb of fileListeners) cb([...paths]);
}

ipcRenderer.on(OPEN_FILES_CHANNEL, (_event: IpcRendererEvent, paths: unknown) => {
  if (Array.isArray(paths)) deliverFiles(paths.filter((p): p is string => typeof p === 'string'));
});

const bridge: PlumblineBridge = {
  call(method, callId, args) {
    if (!isMethodName(method)) return Promise.reject(new Error(`Unknown Plumbline API method ${JSON.stringify(method)}.`));
    if (typeof callId !== 'string' || callId === '') return Promise.reject(new Error('A Plumbline API call needs a call id.'));
    return ipcRenderer.invoke(methodChannel(method), callId, args) as Promise<CallReply>;
  },
  cancel(callId) {
    if (typeof callId === 'string') ipcRenderer.send(CANCEL_CHANNEL, callId);
  },
  onProgress(cb) {
    const listener = (_event: IpcRendererEvent, callId: string, progress: Progress) => cb(callId, progress);
    ipcRenderer.on(PROGRESS_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(PROGRESS_CHANNEL, listener);
    };
  },
  openFileDialog(options) {
    return (options === undefined ? ipcRenderer.invoke(OPEN_DIALOG_CHANNEL) : ipcRenderer.invoke(OPEN_DIALOG_CHANNEL, options)) as Promise<string[]>;
  },
  openFolderDialog(title) {
    return ipcRenderer.invoke(OPEN_FOLDER_DIALOG_CHANNEL, title) as Promise<string | null>;
  },
  saveFileDialog(options) {
    return ipcRenderer.invoke(SAVE_DIALOG_CHANNEL, options) as Promise<string | null>;
  },
  showInFolder(path) {
    return ipcRenderer.invoke(SHOW_IN_FOLDER_CHANNEL, path) as Promise<boolean>;
  },
  pathForFile(file) {
    return webUtils.getPathForFile(file);
  },
  onMenuOpenFile(cb) {
    fileListeners.add(cb);
    const waiting = earlyFiles;
    earlyFiles = [];
    for (const paths of waiting) cb(paths);
    return () => {
      fileListeners.delete(cb);
    };
  },
};

contextBridge.exposeInMainWorld('plumbline', bridge);

// A file dropped where the page did not handle the drop must neither navigate the window nor be
// lost: the page's own handlers run first (bubbling reaches window last); whatever they left
// unhandled is imported like File ▸ Open….
interface DropEventLike {
  readonly defaultPrevented: boolean;
  preventDefault(): void;
  readonly dataTransfer: { readonly types: ArrayLike<string>; readonly files: ArrayLike<File> } | null;
}
interface WindowLike {
  addEventListener(type: 'dragover' | 'drop', listener: (e: DropEventLike) => void): void;
}
// Typed locally: main-process code is checked without the DOM library.
const page = (globalThis as { window?: WindowLike }).window;
if (page) {
  const hasFiles = (e: DropEventLike) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
  page.addEventListener('dragover', (e) => {
    if (hasFiles(e)) e.preventDefault();
  });
  page.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    const handled = e.defaultPrevented;
    e.preventDefault();
    if (handled) return;
    const paths = Array.from(e.dataTransfer?.files ?? [])
      .map((f) => webUtils.getPathForFile(f))
      .filter((p) => p !== '');
    deliverFiles(paths);
  });
}
