import os from 'node:os';
import type { Db } from './open';

/**
 * Datasets an import is still writing (`datasets.pending`, migration 8). A large new dataset is
 * committed in pieces, so its row and chunks are in the file before the import's last
 * transaction; until that transaction clears `pending`, no reader may see it, and a second import
 * of the same name is refused. An import killed mid-way (kill -9, a crash, a power cut) leaves its
 * row behind: the next writer to open the workspace deletes it once its owner is known to be gone.
 */
export interface PendingOwner {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
}

/** The SQL condition that keeps pending datasets out of a catalog query (alias `d`). */
export const VISIBLE = 'd.pending IS NULL';

/** What this process writes into `pending` for an import it starts. */
export function pendingOwner(): string {
  const owner: PendingOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  return JSON.stringify(owner);
}

/**
 * Whether the importing process is certainly gone: on this host, and signal 0 says there is no
 * such process (ESRCH). Another host, a process of another user (EPERM) or an unreadable owner
 * may still be importing: those rows stay.
 */
export function ownerGone(pending: string): boolean {
  let owner: Partial<PendingOwner>;
  try {
    owner = JSON.parse(pending) as Partial<PendingOwner>;
  } catch {
    return false;
  }
  if (owner.host !== os.hostname() || !Number.isInteger(owner.pid) || (owner.pid as number) <= 0) return false;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid as number, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Deletes the pending datasets of imports whose process is gone (chunks and caches cascade). */
export function dropDeadImports(db: Db): void {
  const rows = db.prepare('SELECT id, pending FROM datasets WHERE pending IS NOT NULL').all() as { id: number; pending: string }[];
  const dead = rows.filter((r) => ownerGone(r.pending));
  if (dead.length === 0) return;
  const drop = db.prepare('DELETE FROM datasets WHERE id = ? AND pending IS NOT NULL');
  db.transaction(() => {
    for (const r of dead) drop.run(r.id);
  })();
}
