/**
 * The sorted-values cache is filled when data arrives, not by the first analysis: after an
 * import, append or join, every numeric column without a cached sorted copy is sorted and stored
 * (on the column pool's threads when it runs, each thread writing its own columns). Otherwise the
 * first drift after an import paid the sort and the cache write — 3.6 s of its 6.8 s on 1M × 25.
 */
import type { CallContext } from '../api/context';
import { throwIfCancelled } from '../api/context';
import type { Workspace } from '../workspace/workspace';
import { columnPool, type ColumnPool } from './pool/column-pool';

export const SORTING_PHASE = 'sorting numeric columns';

export async function warmSortedCache(ws: Workspace, dataset: string, ctx: CallContext, pool: ColumnPool | null = columnPool()): Promise<number> {
  if (ws.openOptions.readonly) return 0;
  const ds = ws.dataset(dataset);
  const todo = ws.columnsWithoutSortedCache(ds);
  if (todo.length === 0) return 0;
  if (pool?.serves(ws) && pool.threaded && todo.length > 1 && ds.rows * todo.length >= pool.minCells) {
    await pool.run(todo.map((c) => ({ kind: 'sort' as const, dataset, column: c.name })), ws, ctx, SORTING_PHASE);
    return todo.length;
  }
  let done = 0;
  for (const c of todo) {
    throwIfCancelled(ctx);
    ws.readColumnWithOrder(ds, c);
    ctx.progress({ phase: SORTING_PHASE, done: ++done, total: todo.length, unit: 'items' });
  }
  return todo.length;
}
