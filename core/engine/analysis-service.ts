/**
 * Runs any analysis of the registry against the workspace: look its datasets up, ask it which
 * columns it reads, load them under the segment filter (one step per column), compute, and wrap
 * the result with the provenance and settings that made it. The returned object is what the screen
 * draws, the CLI prints and the report embeds — one computation for all three.
 *
 * An analysis that splits by column (`parallel`) runs its parts on the column pool — its threads
 * and this one — each part reading its own columns; small runs, windowed runs and report assembly
 * (which needs the answer synchronously) run the whole computation on this thread.
 */
import { requireData, selfComparisonWarnings } from '../analyses/data-checks';
import type { AnalysisRun, AnyAnalysis, AnyAnalysisPart } from '../analyses/module';
import { columnLength } from '../data/column';
import { PlumblineError } from '../api/errors';
import type { CallContext } from '../api/context';
import type { ColumnInfo, DatasetDetail, Progress } from '../api/types';
import type { Workspace } from '../workspace/workspace';
import type { RowWindow } from '../data/row-window';
import type { ChunkStream } from '../data/row-chunks';
import { chunkStream } from './chunk-stream';
import { loadColumns } from './load-columns';
import { runSteps, type Steps } from './steps';
import { columnPool, type ColumnPool } from './pool/column-pool';
import type { ReadAheadPost } from './pool/read-ahead';
import { warmSortedCache } from './sorted-cache';

export interface AnalysisRequest {
  /** Slot → dataset name, one per slot the analysis declares. */
  readonly datasets: Readonly<Record<string, string>>;
  readonly options?: unknown;
  readonly where?: string | null;
  /** Slot → the latest chunk of that dataset to read (a monitor's `window`); absent: whole datasets. */
  readonly window?: Readonly<Record<string, RowWindow>>;
}

/** A request checked against the workspace: what a run knows before it reads a column. */
export interface PlannedRun {
  /** Its computing half is all a run needs once planned (a pool thread loads no more). */
  readonly analysis: AnyAnalysisPart;
  /** Slot → dataset name (optional slots left out are absent). */
  readonly names: Readonly<Record<string, string>>;
  readonly options: unknown;
  readonly info: Readonly<Record<string, readonly ColumnInfo[]>>;
  readonly where: string | null | undefined;
  /** Slot → the latest chunk to read (a monitor's `window`); absent: whole datasets. */
  readonly window?: Readonly<Record<string, RowWindow>>;
}

/** A dataset as a run's provenance records it. */
export function datasetDetail(ws: Workspace, name: string): DatasetDetail {
  const { chunkRows: _c, ...summary } = ws.dataset(name);
  return { ...summary, columnInfo: ws.columns(summary.id), imports: ws.imports(summary.id) };
}

/** Checks the datasets and options of a request; throws BAD_REQUEST, NOT_FOUND or NO_DATA. */
export function planRun(ws: Workspace, analysis: AnyAnalysis, req: AnalysisRequest): PlannedRun {
  const names: Record<string, string> = {};
  for (const { slot, optional } of analysis.datasets) {
    const name = req.datasets[slot];
    if (name === undefined && optional) continue;
    if (name === undefined) throw new PlumblineError('BAD_REQUEST', `${analysis.title} needs a ${slot} dataset.`);
    names[slot] = name;
  }
  const options = req.options ?? {};
  const checked = analysis.options.safeParse(options);
  if (!checked.success) throw new PlumblineError('BAD_REQUEST', `Invalid ${analysis.id} options: ${checked.error.issues[0]?.message ?? 'invalid'}.`);
  const info: Record<string, readonly ColumnInfo[]> = {};
  for (const slot of Object.keys(names)) info[slot] = ws.columns(ws.dataset(names[slot]).id);
  // An analysis without data is an error, never a pass (a distinct code and CLI exit status).
  requireData(Object.keys(names).map((slot) => ({ as: slot, dataset: names[slot], rows: ws.dataset(names[slot]).rows })));
  return { analysis, names, options, info, where: req.where, ...(req.window ? { window: req.window } : {}) };
}

/** Reads the planned columns (one step each) and computes: the part of a run a pool thread does. */
export function* computeSteps(ws: Workspace, run: PlannedRun, readAhead?: ReadAheadPost | null): Steps<unknown> {
  const { analysis, names, options, info, where } = run;
  const plan = analysis.columns(options, info, names);
  if (streamed(run)) {
    // Rows chunk by chunk: no whole column is loaded (the stream checks the filter as loading does).
    const streams: Record<string, ChunkStream> = {};
    for (const slot of Object.keys(names)) streams[slot] = chunkStream(ws, slot, names[slot], where, `${analysis.id}: reading columns`, readAhead);
    return yield* analysis.computeStream!(streams, info, options);
  }
  const columns = yield* loadColumns(ws, { datasets: names, columns: plan.columns, where, windows: run.window, order: plan.order, phase: `${analysis.id}: reading columns` });
  if (where || run.window) {
    const rowsOf = (slot: string) => (columns[slot]?.length ? columnLength(columns[slot][0]) : ws.dataset(names[slot]).rows);
    requireData(Object.keys(names).map((slot) => ({ as: slot, dataset: names[slot], rows: rowsOf(slot) })), where ?? undefined);
  }
  const total = Object.values(plan.columns).reduce((n, c) => n + c.length, 0);
  yield { phase: `${analysis.id}: ${analysis.computing ?? 'computing'}`, done: total, total, unit: 'items' } satisfies Progress;
  return analysis.computeSteps ? yield* analysis.computeSteps({ columns, info }, options) : analysis.compute({ columns, info }, options);
}

/** Whether the run takes its rows chunk by chunk (computeStream). */
function streamed(run: PlannedRun): boolean {
  const { analysis, names, options, info } = run;
  return !!analysis.computeStream && !run.window && (analysis.streams?.(options, info, names) ?? true);
}

/** Wraps a computed result with its warnings, provenance and settings. */
export function finishRun(ws: Workspace, run: PlannedRun, computed: unknown): AnalysisRun {
  const { names, options, where } = run;
  // A reference compared with itself cannot differ: said on the result, so screen, CLI and report show it.
  const warnings = names.reference !== undefined && names.current !== undefined ? selfComparisonWarnings(compared(ws, names.reference), compared(ws, names.current)) : [];
  const result = warnings.length && typeof computed === 'object' && computed !== null ? { ...computed, warnings } : computed;
  const provenance: Record<string, DatasetDetail> = {};
  for (const slot of Object.keys(names)) provenance[slot] = datasetDetail(ws, names[slot]);
  return { result, provenance, settings: { ...names, where: where ?? null, options, ...(run.window ? { window: run.window } : {}) } };
}

/** The whole run as steps on this thread (report assembly, and wherever no pool runs). */
export function* analysisSteps(ws: Workspace, analysis: AnyAnalysis, req: AnalysisRequest): Steps<AnalysisRun> {
  const run = planRun(ws, analysis, req);
  return finishRun(ws, run, yield* computeSteps(ws, run));
}

/**
 * The whole run, part by part on the column pool when the analysis splits by column and the run is
 * large enough, else whole on this thread; progress and cancel work either way. `pool` null forces
 * the whole computation on this thread.
 */
export async function runAnalysis(ws: Workspace, analysis: AnyAnalysis, req: AnalysisRequest, ctx: CallContext, pool: ColumnPool | null = columnPool()): Promise<AnalysisRun> {
  const run = planRun(ws, analysis, req);
  // Each part of a filtered run evaluates the filter again, so then one part per thread.
  const maxParts = req.where ? (pool?.size ?? 1) : Number.POSITIVE_INFINITY;
  const parts = analysis.parallel && pool?.serves(ws) ? analysis.parallel.parts(run.options, run.info, run.names, maxParts) : null;
  // A windowed run (a monitor's latest chunk) stays on this thread: the pool's jobs read whole datasets.
  if (!pool || run.window || !parts || parts.length < 2 || cells(ws, run, parts.length) < pool.minCells) {
    // A streamed run of an analysis that opted in, large enough: a pool thread reads its chunks ahead.
    const columns = analysis.readsAhead && pool && streamed(run) ? Object.values(analysis.columns(run.options, run.info, run.names).columns).reduce((n, c) => n + c.length, 0) : 0;
    const readAhead = pool && columns > 0 && cells(ws, run, columns) >= pool.minCells ? await pool.readAheadLane(ws) : null;
    return finishRun(ws, run, await runSteps(computeSteps(ws, run, readAhead), ctx));
  }
  const plan = analysis.columns(run.options, run.info, run.names); // a missing column is a BAD_REQUEST before any thread starts
  // Threads load their code while this thread checks the sorted cache.
  void pool.start();
  // The threads read the workspace read-only: a workspace imported before imports sorted their
  // columns gets its sorted copies now, once, instead of every part sorting on every run.
  if (!req.where && plan.order !== 'rows-only') {
    for (const slot of Object.keys(plan.columns)) if (run.names[slot] !== undefined) await warmSortedCache(ws, run.names[slot], ctx, pool);
  }
  const phase = `${analysis.id}: ${analysis.computing ?? 'computing'}`;
  const jobs = parts.map((options) => ({ kind: 'part' as const, analysis: analysis.id, datasets: run.names, options, where: run.where ?? null }));
  const results = await pool.run(jobs, ws, ctx, phase);
  return finishRun(ws, run, analysis.parallel!.merge(results, run.options));
}

function cells(ws: Workspace, run: PlannedRun, parts: number): number {
  return Object.values(run.names).reduce((n, name) => n + ws.dataset(name).rows, 0) * parts;
}

function compared(ws: Workspace, name: string) {
  const ds = ws.dataset(name);
  return { name: ds.name, sha256s: ws.imports(ds.id).map((i) => i.sha256) };
}
