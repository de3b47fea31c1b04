/**
 * Where the engine writes a report or spec when the caller names no file (browser mode: the
 * server then offers it for download from this folder only, GET /api/exports/<name>).
 */
import fs from 'node:fs';
import path from 'node:path';

/** `<workspace folder>/exports`. */
export function exportsDirFor(workspacePath: string): string {
  return path.join(path.dirname(path.resolve(workspacePath)), 'exports');
}

/** A file name in the exports folder: a single path segment of safe characters, or null. */
export function exportFileName(name: string): string | null {
  if (name.length === 0 || name.length > 200) return null;
  if (name !== path.basename(name) || name.startsWith('.')) return null;
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) ? name : null;
}

/** `<exports>/<name>`, creating the folder. */
export function defaultExportPath(workspacePath: string, name: string): string {
  const dir = exportsDirFor(workspacePath);
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
