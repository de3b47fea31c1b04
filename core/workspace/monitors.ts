/**
 * Monitors and their evaluation history in the workspace. Every change to a monitor goes to the
 * audit log with who made it (the operating-system user) and the definition before and after.
 */
import os from 'node:os';
import { PlumblineError } from '../api/errors';
import type { Monitor, MonitorDefinition, MonitorEvaluation } from '../monitors/types';
import type { Workspace } from './workspace';

interface MonitorRow {
  id: number;
  name: string;
  definition: string;
  created_at: string;
  updated_at: string;
  last: string | null;
}

const SELECT = `SELECT m.*, (SELECT e.evaluation FROM monitor_evaluations e WHERE e.monitor_id = m.id ORDER BY e.id DESC LIMIT 1) AS last FROM monitors m`;

function toMonitor(r: MonitorRow): Monitor {
  return {
    ...(JSON.parse(r.definition) as MonitorDefinition),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    last: r.last === null ? null : (JSON.parse(r.last) as MonitorEvaluation),
  };
}

/** Who changed it, for the audit log: the OS account running Plumbline (the app, the CLI or the server). */
export function who(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

export function listMonitors(ws: Workspace): Monitor[] {
  return (ws.db.prepare(`${SELECT} ORDER BY m.name`).all() as MonitorRow[]).map(toMonitor);
}

export function findMonitor(ws: Workspace, name: string): Monitor | undefined {
  const row = ws.db.prepare(`${SELECT} WHERE m.name = ?`).get(name) as MonitorRow | undefined;
  return row && toMonitor(row);
}

export function monitorByName(ws: Workspace, name: string): Monitor {
  const m = findMonitor(ws, name);
  if (m) return m;
  const names = listMonitors(ws).map((x) => JSON.stringify(x.name));
  throw new PlumblineError('NOT_FOUND', `No monitor named ${JSON.stringify(name)}. ${names.length ? `Monitors: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}.` : 'This workspace has no monitors yet.'}`);
}

/** Adds a monitor, or replaces the one of that name when `replace`; already validated by the caller. */
export function saveMonitor(ws: Workspace, def: MonitorDefinition, replace: boolean): Monitor {
  const now = new Date().toISOString();
  ws.db.transaction(() => {
    const before = findMonitor(ws, def.name);
    if (before && !replace) throw new PlumblineError('CONFLICT', `A monitor named ${JSON.stringify(def.name)} exists. Remove it first, or replace it.`);
    if (before) {
      ws.db.prepare(`UPDATE monitors SET definition = ?, updated_at = ? WHERE name = ?`).run(JSON.stringify(def), now, def.name);
      ws.audit('update-monitor', def.name, { by: who(), before: definitionOf(before), after: def });
    } else {
      ws.db.prepare(`INSERT INTO monitors (name, definition, created_at, updated_at) VALUES (?, ?, ?, ?)`).run(def.name, JSON.stringify(def), now, now);
      ws.audit('add-monitor', def.name, { by: who(), after: def });
    }
  })();
  return monitorByName(ws, def.name);
}

export function removeMonitor(ws: Workspace, name: string): void {
  ws.db.transaction(() => {
    const before = monitorByName(ws, name);
    ws.db.prepare(`DELETE FROM monitors WHERE name = ?`).run(name);
    ws.audit('remove-monitor', name, { by: who(), before: definitionOf(before) });
  })();
}

export function recordEvaluations(ws: Workspace, evaluations: readonly MonitorEvaluation[]): void {
  const insert = ws.db.prepare(
    `INSERT INTO monitor_evaluations (monitor_id, at, status, value, trigger, evaluation) SELECT id, ?, ?, ?, ?, ? FROM monitors WHERE name = ?`,
  );
  ws.db.transaction(() => {
    for (const e of evaluations) insert.run(e.at, e.status, e.value, e.trigger, JSON.stringify(e), e.monitor);
  })();
}

/** Newest first. */
export function monitorHistory(ws: Workspace, name: string, limit = 100): MonitorEvaluation[] {
  monitorByName(ws, name);
  const rows = ws.db
    .prepare(`SELECT e.evaluation FROM monitor_evaluations e JOIN monitors m ON m.id = e.monitor_id WHERE m.name = ? ORDER BY e.id DESC LIMIT ?`)
    .all(name, limit) as { evaluation: string }[];
  return rows.map((r) => JSON.parse(r.evaluation) as MonitorEvaluation);
}

export function definitionOf(m: Monitor): MonitorDefinition {
  const { createdAt: _c, updatedAt: _u, last: _l, ...def } = m;
  return def;
}
