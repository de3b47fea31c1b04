import fs from 'node:fs';
import path from 'node:path';

/**
 * The assets/ folder (demo data, report fonts and styles). The build bundles code into dist/, so
 * the folder is found by walking up from the running file: dist/<entry> → repo, core → repo,
 * and inside a packaged app.asar the same layout holds.
 */
export function resolveAssetsDir(explicit?: string): string {
  if (explicit) return explicit;
  if (process.env.PLUMBLINE_ASSETS) return process.env.PLUMBLINE_ASSETS;
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'assets');
    if (fs.existsSync(path.join(candidate, 'demo'))) return candidate;
    dir = path.dirname(dir);
  }
  return path.resolve('assets');
}
