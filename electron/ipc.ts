/**
 * Routes API calls from the renderer to the engine worker. One `ipcMain.handle` per API method,
 * generated from METHOD_NAMES; each handler checks the sender, forwards a WireRequest under a
 * main-side call id, sends progress back on PROGRESS_CHANNEL and resolves the invoke with a
 * CallReply. Errors travel as data: nothing is thrown across IPC.
 */
import type { BrowserWindow, FileFilter, IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { METHOD_NAMES, type MethodName } from '../core/api/api';
import type { WireEvent, WireRequest } from '../core/transport/transport';
import { CANCEL_CHANNEL, OPEN_DIALOG_CHANNEL, OPEN_FOLDER_DIALOG_CHANNEL, PROGRESS_CHANNEL, SAVE_DIALOG_CHANNEL, SHOW_IN_FOLDER_CHANNEL, methodChannel, type CallReply } from './channels';
import { folderDialogTitle, openDialogRequest, saveDialogRequest } from './files';
import { isTrustedSender } from './security';

/** The part of the engine worker main needs. */
export interface EngineLink {
  send(req: WireRequest): void;
  onEvent(cb: (e: WireEvent) => void): () => void;
  /** Rejects when the workspace cannot be opened; calls then answer with that error. */
  readonly ready?: Promise<void>;
}

export interface IpcRouterOptions {
  readonly ipcMain: Pick<IpcMain, 'handle' | 'on' | 'removeHandler' | 'removeListener'>;
  /** The engine, or why it could not start (calls then answer with that error). */
  readonly engine: EngineLink | Error;
  readonly getWindow: () => BrowserWindow | null;
  /** The import dialog without a request; a single file of the requested types with one. */
  readonly openFileDialog: (request?: { title: string; filters: FileFilter[] }) => Promise<string[]>;
  /** The native folder chooser (`openDirectory`); null when cancelled. */
  readonly openFolderDialog: (request: { title: string }) => Promise<string | null>;
  /** The native Save… dialog; null when cancelled. */
  readonly saveFileDialog: (request: { defaultName: string; filters: FileFilter[] }) => Promise<string | null>;
  /** shell.showItemInFolder; only ever called with a path an exportReport call of this window returned. */
  readonly showInFolder: (path: string) => void;
}

export interface IpcRouter {
  /** Pending calls, for tests and diagnostics. */
  readonly pendingCount: () => number;
  /** Answers every pending call with an error (engine stopped) and unregisters the handlers. */
  dispose(reason?: string): void;
}

const MAX_CALL_ID = 128;
/** Paths of recent exports, the only ones "Show in folder" may reveal. */
const MAX_EXPORTED = 200;

interface Pending {
  readonly method: MethodName;
  readonly callId: string;
  readonly sender: WebContents;
  readonly resolve: (reply: CallReply) => void;
}

function fail(code: string, message: string): CallReply {
  return { ok: false, error: { code, message } };
}

export function registerIpc(opts: IpcRouterOptions): IpcRouter {
  const { ipcMain, getWindow } = opts;
  let engine = opts.engine;
  const pending = new Map<string, Pending>();
  const failAll = (reply: CallReply) => {
    for (const p of pending.values()) p.resolve(reply);
    pending.clear();
  };
  if (!(engine instanceof Error)) {
    engine.ready?.catch((e: unknown) => {
      engine = e instanceof Error ? e : new Error(String(e));
      failAll(fail('INTERNAL', `The Plumbline engine could not start: ${engine.message}`));
    });
  }
  const internalId = (sender: WebContents, callId: string) => `${sender.id}:${callId}`;
  const exported = new Set<string>();
  const rememberExport = (value: unknown) => {
    const p = (value as { path?: unknown } | null)?.path;
    if (typeof p !== 'string' || p === '') return;
    exported.delete(p);
    exported.add(p);
    if (exported.size > MAX_EXPORTED) exported.delete(exported.values().next().value!);
  };

  const unsubscribe =
    opts.engine instanceof Error
      ? () => undefined
      : opts.engine.onEvent((e) => {
          const p = pending.get(e.id);
          if (!p) return;
          if (e.type === 'progress') {
            if (!p.sender.isDestroyed()) p.sender.send(PROGRESS_CHANNEL, p.callId, e.progress);
            return;
          }
          pending.delete(e.id);
          if (e.ok && p.method === 'exportReport') rememberExport(e.value);
          p.resolve(e.ok ? { ok: true, value: e.value } : { ok: false, error: { ...e.error } });
        });

  const call = (method: MethodName, event: IpcMainInvokeEvent, callId: unknown, args: unknown): Promise<CallReply> => {
    if (!isTrustedSender(event, getWindow())) {
      return Promise.resolve(fail('UNAUTHORIZED', 'Plumbline API calls are only accepted from the Plumbline window.'));
    }
    if (typeof callId !== 'string' || callId.length === 0 || callId.length > MAX_CALL_ID) {
      return Promise.resolve(fail('BAD_REQUEST', 'A call needs a call id (a non-empty string).'));
    }
    const link = engine;
    if (link instanceof Error) return Promise.resolve(fail('INTERNAL', `The Plumbline engine could not start: ${link.message}`));
    const id = internalId(event.sender, callId);
    if (pending.has(id)) return Promise.resolve(fail('BAD_REQUEST', `Call id ${callId} is already in use.`));
    return new Promise<CallReply>((resolve) => {
      pending.set(id, { method, callId, sender: event.sender, resolve });
      try {
        link.send({ type: 'call', id, method, args });
      } catch (e) {
        pending.delete(id);
        resolve(fail('INTERNAL', `The Plumbline engine cannot be reached: ${e instanceof Error ? e.message : String(e)}`));
      }
    });
  };

  const channels: string[] = [];
  for (const method of METHOD_NAMES) {
    const channel = methodChannel(method);
    ipcMain.handle(channel, (event, callId: unknown, args: unknown) => call(method, event, callId, args));
    channels.push(channel);
  }

  const onCancel = (event: IpcMainEvent, callId: unknown) => {
    const link = engine;
    if (!isTrustedSender(event, getWindow()) || typeof callId !== 'string' || link instanceof Error) return;
    const id = internalId(event.sender, callId);
    if (!pending.has(id)) return;
    try {
      link.send({ type: 'cancel', id });
    } catch {
      // The engine is gone; the call is answered when the router is disposed.
    }
  };
  ipcMain.on(CANCEL_CHANNEL, onCancel);

  ipcMain.handle(OPEN_DIALOG_CHANNEL, async (event, request: unknown) => {
    if (!isTrustedSender(event, getWindow())) return [];
    try {
      const valid = request === undefined ? null : openDialogRequest(request);
      if (request !== undefined && !valid) return [];
      return await (valid ? opts.openFileDialog(valid) : opts.openFileDialog());
    } catch {
      return [];
    }
  });
  channels.push(OPEN_DIALOG_CHANNEL);

  ipcMain.handle(OPEN_FOLDER_DIALOG_CHANNEL, async (event, title: unknown) => {
    if (!isTrustedSender(event, getWindow())) return null;
    try {
      return await opts.openFolderDialog({ title: folderDialogTitle(title) });
    } catch {
      return null;
    }
  });
  channels.push(OPEN_FOLDER_DIALOG_CHANNEL);

  ipcMain.handle(SAVE_DIALOG_CHANNEL, async (event, request: unknown) => {
    if (!isTrustedSender(event, getWindow())) return null;
    const valid = saveDialogRequest(request);
    if (!valid) return null;
    try {
      return await opts.saveFileDialog(valid);
    } catch {
      return null;
    }
  });
  channels.push(SAVE_DIALOG_CHANNEL);

  ipcMain.handle(SHOW_IN_FOLDER_CHANNEL, (event, file: unknown) => {
    if (!isTrustedSender(event, getWindow())) return false;
    if (typeof file !== 'string' || !exported.has(file)) return false;
    opts.showInFolder(file);
    return true;
  });
  channels.push(SHOW_IN_FOLDER_CHANNEL);

  return {
    pendingCount: () => pending.size,
    dispose(reason = 'The Plumbline engine stopped.') {
      unsubscribe();
      failAll(fail('INTERNAL', reason));
      for (const c of channels) ipcMain.removeHandler(c);
      ipcMain.removeListener(CANCEL_CHANNEL, onCancel);
    },
  };
}
