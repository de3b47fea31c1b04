/**
 * IPC channel names, shared by main and the preload. API channels are generated from METHOD_NAMES
 * (`plumbline:<method>`); the few others are fixed here. Nothing else crosses the bridge.
 */
import { METHOD_NAMES, type MethodName } from '../core/api/api';

export const CHANNEL_PREFIX = 'plumbline:';

/** renderer → main, fire-and-forget: cancel the call with this id. */
export const CANCEL_CHANNEL = 'plumbline:cancel';
/** renderer → main, invoke: show the native Open… dialog, resolve with the chosen paths. */
export const OPEN_DIALOG_CHANNEL = 'plumbline:open-file-dialog';
/** renderer → main, invoke: show the native folder chooser (the Watch panel), resolve with the chosen folder or null. */
export const OPEN_FOLDER_DIALOG_CHANNEL = 'plumbline:open-folder-dialog';
/** renderer → main, invoke: show the native Save… dialog, resolve with the chosen path or null. */
export const SAVE_DIALOG_CHANNEL = 'plumbline:save-file-dialog';
/** renderer → main, invoke: reveal a file this window just exported in the system's file manager. */
export const SHOW_IN_FOLDER_CHANNEL = 'plumbline:show-in-folder';
/** main → renderer: (callId, progress) of a running call. */
export const PROGRESS_CHANNEL = 'plumbline:progress';
/** main → renderer: (paths) from File ▸ Open…, a drop, the OS ("open with") or a second launch. */
export const OPEN_FILES_CHANNEL = 'plumbline:open-files';

export function methodChannel(method: MethodName): string {
  return CHANNEL_PREFIX + method;
}

const RESERVED = new Set([CANCEL_CHANNEL, OPEN_DIALOG_CHANNEL, OPEN_FOLDER_DIALOG_CHANNEL, SAVE_DIALOG_CHANNEL, SHOW_IN_FOLDER_CHANNEL, PROGRESS_CHANNEL, OPEN_FILES_CHANNEL]);
for (const m of METHOD_NAMES) {
  if (RESERVED.has(methodChannel(m))) throw new Error(`API method ${m} collides with a reserved IPC channel.`);
}

/** File-type filters of a dialog, as the renderer asks for them (validated in main: `dialogFilters`). */
export interface DialogFilter {
  name: string;
  extensions: string[];
}

/** What the Open… dialog shows; without it, the import dialog (data files, several at once). */
export interface OpenDialogRequest {
  title?: string;
  filters?: DialogFilter[];
}

export interface SaveDialogRequest {
  defaultName: string;
  filters: DialogFilter[];
}

/** The reply of every API invoke: errors travel as data, never thrown across IPC. */
export type CallReply =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: string; message: string; details?: unknown; parts?: unknown } };
