/**
 * Folder watches kept in the workspace. Adding, replacing and removing one goes to the audit log
 * with who did it (the operating-system user) and the watch before and after.
 */
import { PlumblineError } from '../api/errors';
import type { WatchDefinition } from '../api/types';
import { who } from './monitors';
import type { Workspace } from './workspace';

interface WatchRow {
  name: string;
  dataset: string;
  folder: string;
  mode: 'append' | 'join';
  join_on: string | null;
  settle_seconds: number;
  interval_seconds: number;
  created_at: string;
  created_by: string;
}

/** A watch as kept, without the status only a running engine has. */
export interface KeptWatch extends WatchDefinition {
  readonly createdAt: string;
  readonly createdBy: string;
}

const SELECT = `SELECT w.name, d.name AS dataset, w.folder, w.mode, w.join_on, w.settle_seconds, w.interval_seconds, w.created_at, w.created_by
  FROM watches w JOIN datasets d ON d.id = w.dataset_id`;

function toWatch(r: WatchRow): KeptWatch {
  return {
    name: r.name,
    dataset: r.dataset,
    folder: r.folder,
    mode: r.mode,
    ...(r.join_on !== null ? { on: r.join_on } : {}),
    settleSeconds: r.settle_seconds,
    intervalSeconds: r.interval_seconds,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

function definitionOf(w: KeptWatch): WatchDefinition {
  const { createdAt: _a, createdBy: _b, ...def } = w;
  return def;
}

export function listKeptWatches(ws: Workspace): KeptWatch[] {
  return (ws.db.prepare(`${SELECT} ORDER BY w.name`).all() as WatchRow[]).map(toWatch);
}

export function findKeptWatch(ws: Workspace, by: { name: string } | { dataset: string }): KeptWatch | undefined {
  const row = ('name' in by ? ws.db.prepare(`${SELECT} WHERE w.name = ?`).get(by.name) : ws.db.prepare(`${SELECT} WHERE d.name = ?`).get(by.dataset)) as WatchRow | undefined;
  return row && toWatch(row);
}

export function keptWatchByName(ws: Workspace, name: string): KeptWatch {
  const w = findKeptWatch(ws, { name });
  if (w) return w;
  const names = listKeptWatches(ws).map((x) => JSON.stringify(x.name));
  throw new PlumblineError('NOT_FOUND', `No watch named ${JSON.stringify(name)}. ${names.length ? `Watches: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}.` : 'This workspace keeps no watches.'}`);
}

/**
 * Keeps `def`, replacing the dataset's watch (one per dataset). A name already used by another
 * dataset's watch is a conflict: replacing it would silently stop that watch.
 */
export function keepWatch(ws: Workspace, def: WatchDefinition): KeptWatch {
  const ds = ws.dataset(def.dataset);
  ws.db.transaction(() => {
    const named = findKeptWatch(ws, { name: def.name });
    if (named && named.dataset !== def.dataset) {
      throw new PlumblineError('CONFLICT', `A watch named ${JSON.stringify(def.name)} watches dataset ${JSON.stringify(named.dataset)}. Choose another name, or remove that watch first.`);
    }
    const before = findKeptWatch(ws, { dataset: def.dataset });
    ws.db.prepare(`DELETE FROM watches WHERE dataset_id = ?`).run(ds.id);
    ws.db
      .prepare(
        `INSERT INTO watches (name, dataset_id, folder, mode, join_on, settle_seconds, interval_seconds, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(def.name, ds.id, def.folder, def.mode, def.on ?? null, def.settleSeconds, def.intervalSeconds, new Date().toISOString(), who());
    ws.audit(before ? 'update-watch' : 'add-watch', def.name, { by: who(), ...(before ? { before: definitionOf(before) } : {}), after: def });
  })();
  return keptWatchByName(ws, def.name);
}

/** Removes the dataset's watch; returns its name, or null when it had none. */
export function forgetWatch(ws: Workspace, dataset: string): string | null {
  return ws.db.transaction(() => {
    const before = findKeptWatch(ws, { dataset });
    if (!before) return null;
    ws.db.prepare(`DELETE FROM watches WHERE name = ?`).run(before.name);
    ws.audit('remove-watch', before.name, { by: who(), before: definitionOf(before) });
    return before.name;
  })();
}
