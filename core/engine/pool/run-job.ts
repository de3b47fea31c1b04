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
import type { AnyAnalysisPart } from '../../analyses/module';

/**
 * A part of a run the engine planned (options checked, datasets found and not empty). `part` is
 * the analysis's computing half: a pool thread's from parts.ts, the engine's own lane the module
 * the engine already loaded — so no command loads drift's compute just for having a lane.
 */
export function runPartJob(ws: Workspace, job: PartJob, part: AnyAnalysisPart): unknown {
  const info: Record<string, readonly ColumnInfo[]> = {};
  for (const [slot, name] of Object.entries(job.datasets)) info[slot] = ws.columns(ws.dataset(name).id);
  return runStepsSync(computeSteps(ws, { analysis: part, names: job.datasets, options: job.options, info, where: job.where }));
}

/** Returns how many finite values were sorted. */
export function runSortJob(ws: Workspace, job: SortJob): number {
  const ds = ws.dataset(job.dataset);
  const info = ws.columns(ds.id).find((c) => c.name === job.column);
  if (!info || !isNumericType(info.type)) throw new PlumblineError('NOT_FOUND', `dataset "${ds.name}" has no numeric column ${JSON.stringify(job.column)}`);
  return ws.sortIntoCache(ds, info);
}

/** `read` is the thread's read-only workspace, `write` its writable one (only sort jobs write). */
export function runJob(job: PoolJob, read: () => Workspace, write: () => Workspace, part: (id: string) => AnyAnalysisPart): unknown {
  return job.kind === 'part' ? runPartJob(read(), job, part(job.analysis)) : runSortJob(write(), job);
}
