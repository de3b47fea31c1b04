/**
 * The engine's own thread as a lane of the column pool: it runs jobs like a pool thread does —
 * parts read through a read-only connection of their own into reusable scratch memory, sorts write
 * through the engine's workspace — and returns results that share no memory with the scratch.
 */
import { PlumblineError } from '../../api/errors';
import { loadedAnalysis } from '../../analyses/registry';
import type { Workspace } from '../../workspace/workspace';
import type { PoolJob } from './jobs';
import { runPartJob, runSortJob } from './run-job';
import type { Scratch } from './scratch';
import { ScratchWorkspace } from './scratch-workspace';

export class LocalLane {
  private reader: ScratchWorkspace | null = null;

  constructor(
    private readonly ws: Workspace,
    private readonly scratch: Scratch,
  ) {}

  run(job: PoolJob): unknown {
    this.scratch.reset();
    if (job.kind === 'sort') return runSortJob(this.ws, job);
    this.reader ??= new ScratchWorkspace(this.ws.path, this.ws.openOptions, this.scratch);
    // Another connection may have appended rows since the last job: dictionaries are read again.
    this.reader.forgetCaches();
    // A copy, as a pool thread's reply is: the next job reuses the columns' memory.
    // The engine loaded the analysis before planning its parts (loadAnalysis).
    const part = loadedAnalysis(job.analysis);
    if (!part) throw new PlumblineError('INTERNAL', `the ${job.analysis} analysis was not loaded before its parts were planned`);
    return structuredClone(runPartJob(this.reader, job, part));
  }

  /** Closes the lane's connection (the scratch memory stays with the pool for the next run). */
  close(): void {
    this.reader?.close();
    this.reader = null;
    this.scratch.reset();
  }
}
