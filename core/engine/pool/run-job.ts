/**
 * The work of one pool job, against a workspace this thread opened: used by the pool's threads,
 * and by tests to compare with the same job run in place.
 */
import { PlumblineError } from '../../api/errors';
import { isNumericType } from '../../data/column';
import type { Workspace } from '../../workspace/workspace';
import type { ColumnInfo } from '../../api/types';
import { computeSteps } from '../analysis-service';
import { runStepsSync } from '../steps';
import type { PartJob, PoolJob, SortJob } from './jobs';
import { partById } from './parts';

/** A part of a run the engine planned (options checked, datasets found and not empty). */
export function runPartJob(ws: Workspace, job: PartJob): unknown {
  const info: Record<string, readonly ColumnInfo[]> = {};
  for (const [slot, name] of Object.entries(job.datasets)) info[slot] = ws.columns(ws.dataset(name).id);
  return runStepsSync(computeSteps(ws, { analysis: partById(job.analysis), names: job.datasets, options: job.options, info, where: job.where }));
}

/** Returns how many finite values were sorted. */
export function runSortJob(ws: Workspace, job: SortJob): number {
  const ds = ws.dataset(job.dataset);
  const info = ws.columns(ds.id).find((c) => c.name === job.column);
  if (!info || !isNumericType(info.type)) throw new PlumblineError('NOT_FOUND', `dataset "${ds.name}" has no numeric column ${JSON.stringify(job.column)}`);
  const col = ws.readColumnWithOrder(ds, info);
  return col.kind === 'numeric' ? (col.sortedFinite?.length ?? 0) : 0;
}

/** `read` is the thread's read-only workspace, `write` its writable one (only sort jobs write). */
export function runJob(job: PoolJob, read: () => Workspace, write: () => Workspace): unknown {
  return job.kind === 'part' ? runPartJob(read(), job) : runSortJob(write(), job);
}
