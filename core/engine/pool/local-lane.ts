/**
 * The engine's own thread as a lane of the column pool: it runs jobs like a pool thread does —
 * parts read through a read-only connection of their own into reusable scratch memory, sorts write
 * through the engine's workspace — and returns results that share no memory with the scratch.
 */
import { PlumblineError } from '../../api/errors';
import type { AnyAnalysisPart } from '../../analyses/module';
import type { Workspace } from '../../workspace/workspace';
import type { PoolJob } from './jobs';
import { runPartJob, runSortJob } from './run-job';
import type { Scratch } from './scratch';
import { ScratchWorkspace } from './scratch-workspace';

/**
 * The analysis modules the engine loaded before planning these jobs' parts (loadAnalysis), by id.
 * The registry is imported here, when a run starts, not with this file: the pool thread's bundle
 * reaches this file (run-job → analysis-service → column-pool → here), and a static import put
 * every analysis's options, zod and all into that bundle — 1.37 MB where the thread needs 0.38
 * (parts.ts). On the engine's thread the registry is loaded already: the import hands it back.
 */
export async function loadedParts(jobs: readonly PoolJob[]): Promise<ReadonlyMap<string, AnyAnalysisPart>> {
  const ids = new Set(jobs.flatMap((j) => (j.kind === 'part' ? [j.analysis] : [])));
  if (ids.size === 0) return new Map();
  const { loadedAnalysis } = await import('../../analyses/registry');
  const parts = new Map<string, AnyAnalysisPart>();
  for (const id of ids) {
    const part = loadedAnalysis(id);
    if (!part) throw new PlumblineError('INTERNAL', `the ${id} analysis was not loaded before its parts were planned`);
    parts.set(id, part);
  }
  return parts;
}

export class LocalLane {
  private reader: ScratchWorkspace | null = null;

  constructor(
    private readonly ws: Workspace,
    private readonly scratch: Scratch,
  ) {}

  /** `parts`: from loadedParts, for the run this job belongs to. */
  run(job: PoolJob, parts: ReadonlyMap<string, AnyAnalysisPart>): unknown {
    this.scratch.reset();
    if (job.kind === 'sort') return runSortJob(this.ws, job);
    const part = parts.get(job.analysis);
    if (!part) throw new PlumblineError('INTERNAL', `the ${job.analysis} analysis was not loaded before its parts were planned`);
    // A connection of its own per run (a lane lives for one run): its dataset, column and
    // dictionary lookups are the run's snapshot, read once.
    this.reader ??= new ScratchWorkspace(this.ws.path, this.ws.openOptions, this.scratch);
    // A copy, as a pool thread's reply is: the next job reuses the columns' memory.
    return structuredClone(runPartJob(this.reader, job, part));
  }

  /** Closes the lane's connection (the scratch memory stays with the pool for the next run). */
  close(): void {
    this.reader?.close();
    this.reader = null;
    this.scratch.reset();
  }
}
