/**
 * What Electron's preload exposes on `window.plumbline` through contextBridge. The preload is
 * written to exactly this shape; in browser mode `window.plumbline` is undefined.
 */
import type { Progress } from '../../../core/api/types';

export interface PlumblineBridge {
  call(
    method: string,
    callId: string,
    args: unknown,
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string; details?: unknown; parts?: unknown } }>;
  cancel(callId: string): void;
  onProgress(cb: (callId: string, progress: Progress) => void): () => void;
  /**
   * Native Open… dialog; absolute paths, empty when the user cancelled. Without options: the import
   * dialog (data files, several at once); with them: one file of the given types.
   */
  openFileDialog(options?: { title?: string; filters?: { name: string; extensions: string[] }[] }): Promise<string[]>;
  /** Native folder chooser; the chosen folder's absolute path, or null when the user cancelled. */
  openFolderDialog(title?: string): Promise<string | null>;
  /** Native Save… dialog; the chosen path, or null when the user cancelled. */
  saveFileDialog(options: { defaultName: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
  /** Reveals a file this window just exported (exportReport's path) in the file manager; false for any other path. */
  showInFolder(path: string): Promise<boolean>;
  /** webUtils.getPathForFile for dropped files. */
  pathForFile(file: File): string;
  /** File ▸ Open… from the app menu, and files dropped on the window. */
  onMenuOpenFile(cb: (paths: string[]) => void): () => void;
}

declare global {
  interface Window {
    plumbline?: PlumblineBridge;
  }
}
