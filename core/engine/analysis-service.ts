/**
 * Runs any analysis of the registry against the workspace: look its datasets up, ask it which
 * columns it reads, load them under the segment filter (one step per column), compute, and wrap
 * the result with the provenance and settings that made it. The returned object is what the screen
 * draws, the CLI prints and the report embeds — one computation for all three.
 */
import type { AnalysisRun, AnyAnalysis } from '../analyses/module';
import { PlumblineError } from '../api/errors';
import type { ColumnInfo, DatasetDetail, Progress } from '../api/types';
import type { Workspace } from '../workspace/workspace';
import { loadColumns } from './load-columns';
import type { Steps } from './steps';

export interface AnalysisRequest {
  /** Slot → dataset name, one per slot the analysis declares. */
  readonly datasets: Readonly<Record<string, string>>;
  readonly options?: unknown;
  readonly where?: string | null;
}

/** A dataset as a run's provenance records it. */
export function datasetDetail(ws: Workspace, name: string): DatasetDetail {
  const { chunkRows: _c, ...summary } = ws.dataset(name);
  return { ...summary, columnInfo: ws.columns(summary.id), imports: ws.imports(summary.id) };
}

export function* analysisSteps(ws: Workspace, analysis: AnyAnalysis, req: AnalysisRequest): Steps<AnalysisRun> {
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
  const plan = analysis.columns(options, info, names);
  const columns = yield* loadColumns(ws, { datasets: names, columns: plan.columns, where: req.where, order: plan.order, phase: `${analysis.id}: reading columns` });
  const total = Object.values(plan.columns).reduce((n, c) => n + c.length, 0);
  yield { phase: `${analysis.id}: computing`, done: total, total, unit: 'items' } satisfies Progress;
  const result = analysis.compute({ columns, info }, options);
  const provenance: Record<string, DatasetDetail> = {};
  for (const slot of Object.keys(names)) provenance[slot] = datasetDetail(ws, names[slot]);
  return { result, provenance, settings: { ...names, where: req.where ?? null, options } };
}
