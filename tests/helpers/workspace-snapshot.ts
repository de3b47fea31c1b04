import { expect } from 'vitest';
import { Workspace } from '../../core/workspace/workspace';

/**
 * What "the workspace exactly as it was" compares after a failed, cancelled or killed import: the
 * datasets a reader sees, the chunks' count and bytes, the imports recorded, and an intact file.
 * Opening it for writing first runs what any writer runs (migrations, the cleanup of dead imports).
 */
export function workspaceSnapshot(db: string): { datasets: unknown; chunks: unknown; imports: unknown } {
  const ws = new Workspace(db);
  try {
    const datasets = ws.listDatasets().map((d) => ({ name: d.name, rows: d.rows, columns: d.columns }));
    const chunks = ws.db.prepare('SELECT COUNT(*) AS n, SUM(LENGTH(data)) AS bytes FROM chunks').get();
    const imports = ws.db.prepare('SELECT COUNT(*) AS n FROM imports').get();
    expect(ws.db.pragma('integrity_check', { simple: true })).toBe('ok');
    return { datasets, chunks, imports };
  } finally {
    ws.close();
  }
}
