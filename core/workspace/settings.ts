/** Saved analysis settings, listed: the Overview learns which dataset pairs are analysed from their keys. */
import type { Workspace } from './workspace';

export function settingKeys(ws: Workspace): string[] {
  return (ws.db.prepare('SELECT key FROM settings ORDER BY key').all() as { key: string }[]).map((r) => r.key);
}
