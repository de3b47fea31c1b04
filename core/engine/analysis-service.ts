/**
 * Runs any analysis of the registry against the workspace: look its datasets up, ask it which
 * columns it reads, load them under the segment filter (one step per column), compute, and wrap
 * the result with the provenance and settings that made it. The returned object is what the screen
 * draws, the CLI prints and the report embeds — one computation for all three.
 */
import { requireData, selfComparisonWarnings } from '../analyses/data-checks';
import type { AnalysisRun, AnyAnalysis } from '../analyses/module';
import { columnLength } from '../data/column';
import { PlumblineError } from '../api/errors';
import type { ColumnInfo, DatasetDetail, Progress } from '../api/types';
import type { Workspace } from '../workspace/workspace';
import type { RowWindow } from '../data/row-window';
import { loadColumns } from './load-columns';
import type { Steps } from './steps';

export interface AnalysisRequest {
  /** Slot → dataset name, one per slot the analysis declares. */
  readonly datasets: Readonly<Record<string, string>>;
  readonly options?: unknown;
  readonly where?: string | null;
  /** Slot → the latest chunk of that dataset to read (a monitor's `window`); absent: whole datasets. */
  readonly window?: Readonly<Record<string, RowWindow>>;
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
  // An analysis without data is an error, never a pass (a distinct code and CLI exit status).
  requireData(Object.keys(names).map((slot) => ({ as: slot, dataset: names[slot], rows: ws.dataset(names[slot]).rows })));
  const plan = analysis.columns(options, info, names);
  const columns = yield* loadColumns(ws, { datasets: names, columns: plan.columns, where: req.where, windows: req.window, order: plan.order, phase: `${analysis.id}: reading columns` });
  if (req.where) {
    const rowsOf = (slot: string) => (columns[slot]?.length ? columnLength(columns[slot][0]) : ws.dataset(names[slot]).rows);
    requireData(Object.keys(names).map((slot) => ({ as: slot, dataset: names[slot], rows: rowsOf(slot) })), req.where);
  }
  const total = Object.values(plan.columns).reduce((n, c) => n + c.length, 0);
  yield { phase: `${analysis.id}: ${analysis.computing ?? 'computing'}`, done: total, total, unit: 'items' } satisfies Progress;
  const computed = analysis.computeSteps ? yield* analysis.computeSteps({ columns, info }, options) : analysis.compute({ columns, info }, options);
  // A reference compared with itself cannot differ: said on the result, so screen, CLI and report show it.
  const warnings = names.reference !== undefined && names.current !== undefined ? selfComparisonWarnings(compared(ws, names.reference), compared(ws, names.current)) : [];
  const result = warnings.length && typeof computed === 'object' && computed !== null ? { ...computed, warnings } : computed;
  const provenance: Record<string, DatasetDetail> = {};
  for (const slot of Object.keys(names)) provenance[slot] = datasetDetail(ws, names[slot]);
  return { result, provenance, settings: { ...names, where: req.where ?? null, options, ...(req.window ? { window: req.window } : {}) } };
}

function compared(ws: Workspace, name: string) {
  const ds = ws.dataset(name);
  return { name: ds.name, sha256s: ws.imports(ds.id).map((i) => i.sha256) };
}
