/**
 * The work of one pool job, against a workspace this thread opened: used by the pool's threads,
 * and by tests to compare with the same job run in place.
 */
import { analysisById } from '../../analyses/registry';
import { PlumblineError } from '../../api/errors';
import { isNumericType } from '../../data/column';
import type { Workspace } from '../../workspace/workspace';
import { computeSteps, planRun } from '../analysis-service';
import { runStepsSync } from '../steps';
import type { PartJob, PoolJob, SortJob } from './jobs';

export function runPartJob(ws: Workspace, job: PartJob): unknown {
  const run = planRun(ws, analysisById(job.analysis), { datasets: job.datasets, options: job.options, where: job.where });
  return runStepsSync(computeSteps(ws, run));
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
