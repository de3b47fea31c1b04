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
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } }>;
  cancel(callId: string): void;
  onProgress(cb: (callId: string, progress: Progress) => void): () => void;
  /** Native Open… dialog; absolute paths, empty when the user cancelled. */
  openFileDialog(): Promise<string[]>;
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
