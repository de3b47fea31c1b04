/** Versions of the software that made a report, for its appendix. */
import os from 'node:os';
import { PLUMBLINE_VERSION } from '../version';
import type { Workspace } from '../workspace/workspace';

function pkgVersion(load: () => unknown): string | null {
  try {
    const v = (load() as { version?: unknown }).version;
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

export function softwareVersions(ws: Workspace, printer: string | null): Record<string, string> {
  const out: Record<string, string> = { Plumbline: PLUMBLINE_VERSION, 'Node.js': process.versions.node };
  if (process.versions.electron) out.Electron = process.versions.electron;
  try {
    out.SQLite = String(ws.db.prepare('SELECT sqlite_version()').pluck().get());
  } catch {
    /* not available */
  }
  const libs: [string, () => unknown][] = [
    ['better-sqlite3', () => require('better-sqlite3/package.json')],
    ['pdf-lib', () => require('pdf-lib/package.json')],
    ['playwright-core', () => require('playwright-core/package.json')],
  ];
  for (const [name, load] of libs) {
    const v = pkgVersion(load);
    if (v) out[name] = v;
  }
  if (printer) out['PDF printer'] = printer;
  out['Operating system'] = `${os.type()} ${os.release()} (${os.arch()})`;
  return out;
}
