import type { ColumnInfo, SetColumnRoleArgs } from '../api/types';
import { PlumblineError } from '../api/errors';
import type { Workspace } from './workspace';

/** Changes one column's role; later analyses default to it. Audit-logged with the old and new role. */
export function setColumnRole(ws: Workspace, { dataset, column, role }: SetColumnRoleArgs): ColumnInfo {
  const ds = ws.dataset(dataset);
  const col = ws.columns(ds.id).find((c) => c.name === column);
  if (!col) {
    throw new PlumblineError('NOT_FOUND', `Dataset ${JSON.stringify(dataset)} has no column named ${JSON.stringify(column)}.`);
  }
  ws.db.transaction(() => {
    ws.db.prepare('UPDATE columns SET role = ? WHERE dataset_id = ? AND idx = ?').run(role, ds.id, col.index);
    ws.audit('set-column-role', dataset, { column, from: col.role, to: role });
  })();
  return { ...col, role };
}
