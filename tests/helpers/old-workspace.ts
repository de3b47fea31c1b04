import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../core/workspace/migrations';

/**
 * A workspace file as a Plumbline of schema `version` wrote it (its migrations only, 64 KB pages,
 * WAL), open on a raw connection for the caller to fill and close: what a migration test upgrades.
 */
export function workspaceAtVersion(file: string, version: number): Database.Database {
  const raw = new Database(file);
  raw.pragma('page_size = 65536');
  raw.pragma('journal_mode = WAL');
  for (let v = 0; v < version; v++) raw.exec(MIGRATIONS[v]);
  raw.pragma(`user_version = ${version}`);
  return raw;
}
