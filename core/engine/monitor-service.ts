/**
 * Runs monitors against the workspace. Each distinct analysis/datasets/options/filter combination
 * is computed once and shared by every monitor that reads it (a baseline run is just another
 * combination), then each monitor reads its figure from the analysis's `metrics` and judges its
 * condition. A monitor that cannot be evaluated gets status `error`, never `pass`.
 */
import type { AnalysisRun, AnyAnalysis } from '../analyses/module';
import { loadAnalysis } from '../analyses/registry';
import type { CallContext } from '../api/context';
import { PlumblineError } from '../api/errors';
import { percent } from '../format/numbers';
import { evaluateCondition, formatCondition, needsBaseline, parseCondition, type Condition } from '../monitors/condition';
import type { CheckResult, EvaluationTrigger, MonitorDefinition, MonitorEvaluation, MonitorStatus, Severity } from '../monitors/types';
import type { Workspace } from '../workspace/workspace';
import type { RowWindow } from '../data/row-window';
import { runAnalysis } from './analysis-service';

/** The analysis a monitor reads, refusing one that cannot be monitored. */
async function monitoredAnalysis(def: MonitorDefinition): Promise<AnyAnalysis & { metrics: NonNullable<AnyAnalysis['metrics']> }> {
  const analysis = await loadAnalysis(def.analysis);
  if (!analysis.metrics) throw new PlumblineError('BAD_REQUEST', `The ${analysis.id} analysis has no metrics a monitor can read yet.`);
  return analysis as AnyAnalysis & { metrics: NonNullable<AnyAnalysis['metrics']> };
}

/**
 * Checks a definition against its analysis (slots, options, condition, baseline) and returns it
 * with its condition in canonical form. With `checkDatasets`, the datasets must exist now.
 */
export async function validateMonitor(ws: Workspace, def: MonitorDefinition, checkDatasets: boolean): Promise<MonitorDefinition> {
  const analysis = await monitoredAnalysis(def);
  const slots = analysis.datasets.map((d) => d.slot);
  // An optional slot (operations's reference baseline) may be left out, as in a run.
  const missing = analysis.datasets.filter((d) => !d.optional && def.datasets[d.slot] === undefined).map((d) => d.slot);
  if (missing.length) throw new PlumblineError('BAD_REQUEST', `Monitor ${JSON.stringify(def.name)}: ${analysis.id} reads ${slots.join(' and ')}; no dataset given for ${missing.join(', ')}.`);
  const extra = Object.keys(def.datasets).filter((s) => !slots.includes(s));
  if (extra.length) throw new PlumblineError('BAD_REQUEST', `Monitor ${JSON.stringify(def.name)}: ${analysis.id} has no dataset slot ${extra.map((e) => JSON.stringify(e)).join(', ')} (its slots: ${slots.join(', ')}).`);
  const windowed = Object.keys(def.window ?? {}).filter((s) => !slots.includes(s));
  if (windowed.length) throw new PlumblineError('BAD_REQUEST', `Monitor ${JSON.stringify(def.name)}: a latest-chunk window names ${windowed.map((e) => JSON.stringify(e)).join(', ')}, which ${analysis.id} does not read (its slots: ${slots.join(', ')}).`);
  const options = analysis.options.safeParse(def.options ?? {});
  if (!options.success) throw new PlumblineError('BAD_REQUEST', `Monitor ${JSON.stringify(def.name)}: invalid ${analysis.id} options: ${options.error.issues[0]?.message ?? 'invalid'}.`);
  const condition = parseCondition(def.condition);
  if (needsBaseline(condition) && baselineDatasets(analysis, def) === null) {
    throw new PlumblineError('BAD_REQUEST', `Monitor ${JSON.stringify(def.name)}: "${def.condition}" is measured from a baseline; give the monitor a reference dataset to compute it on.`);
  }
  if (checkDatasets) {
    for (const name of [...Object.values(def.datasets), ...(def.reference ? [def.reference] : [])]) ws.dataset(name);
  }
  return { ...def, condition: formatCondition(condition) };
}

/**
 * The datasets of the baseline run: the monitor's, with the reference in every slot but
 * `reference` (performance on the reference; drift of the reference against itself). Null when
 * the monitor names no reference.
 */
export function baselineDatasets(analysis: AnyAnalysis, def: MonitorDefinition): Record<string, string> | null {
  const reference = def.reference ?? def.datasets.reference;
  if (reference === undefined) return null;
  return Object.fromEntries(analysis.datasets.map(({ slot }) => [slot, slot === 'reference' ? (def.datasets.reference ?? reference) : reference]));
}

interface RunRequest {
  readonly analysis: AnyAnalysis;
  readonly datasets: Readonly<Record<string, string>>;
  readonly options: unknown;
  readonly where: string | null;
  /** Slot → latest chunk; null reads whole datasets (and every baseline run). */
  readonly window: Readonly<Record<string, RowWindow>> | null;
}

function runKey(r: RunRequest): string {
  const datasets = Object.keys(r.datasets).sort().map((k) => [k, r.datasets[k]]);
  const window = r.window ? Object.keys(r.window).sort().map((k) => [k, r.window![k]]) : null;
  return JSON.stringify([r.analysis.id, datasets, r.options ?? {}, r.where, window]);
}

type RunOutcome = { readonly ok: true; readonly run: AnalysisRun; readonly metrics: Record<string, number | null> } | { readonly ok: false; readonly error: string };

/** Computes each distinct run once (in the order first asked), shared by every monitor that reads it. */
class RunCache {
  private readonly runs = new Map<string, Promise<RunOutcome>>();
  constructor(
    private readonly ws: Workspace,
    private readonly ctx: CallContext,
  ) {}

  get size(): number {
    return this.runs.size;
  }

  get(r: RunRequest): Promise<RunOutcome> {
    const key = runKey(r);
    let p = this.runs.get(key);
    if (!p) {
      p = this.compute(r);
      this.runs.set(key, p);
    }
    return p;
  }

  private async compute(r: RunRequest): Promise<RunOutcome> {
    try {
      const run = await runAnalysis(this.ws, r.analysis, { datasets: r.datasets, options: r.options, where: r.where, ...(r.window ? { window: r.window } : {}) }, this.ctx);
      return { ok: true, run, metrics: (r.analysis.metrics as (x: unknown) => Record<string, number | null>)(run.result) };
    } catch (e) {
      // A cancel stops the whole check; anything else is this run's monitors' error.
      if (e instanceof PlumblineError && e.code === 'CANCELLED') throw e;
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }
}

function metricValue(outcome: RunOutcome, metric: string): { value: number | null; error?: string } {
  if (!outcome.ok) return { value: null, error: outcome.error };
  if (!Object.prototype.hasOwnProperty.call(outcome.metrics, metric)) {
    const names = Object.keys(outcome.metrics);
    return { value: null, error: `the result has no metric ${JSON.stringify(metric)} (it has ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''})` };
  }
  return { value: outcome.metrics[metric] };
}

/** Six significant digits, no trailing zeros: 0.5, 0.012346, 150. */
function describeValue(_c: Condition, v: number): string {
  return String(Number(v.toPrecision(6)));
}

function message(def: MonitorDefinition, c: Condition, status: MonitorStatus, value: number | null, baseline: number | null, change: number | null, error?: string): string {
  if (status === 'error') return `${def.metric}: not evaluated: ${error ?? 'no value'}`;
  const v = `${def.metric} = ${describeValue(c, value!)}`;
  const from = baseline !== null && change !== null ? ` (baseline ${describeValue(c, baseline)}, ${c.kind === 'change' ? c.direction : 'change'} ${c.kind === 'change' && c.relative ? percent(change, 1) : describeValue(c, change)})` : '';
  return status === 'pass' ? `${v}${from}: "${def.condition}" does not hold` : `${v}${from}: "${def.condition}" holds`;
}

async function evaluateOne(ws: Workspace, def: MonitorDefinition, cache: RunCache, trigger: EvaluationTrigger): Promise<MonitorEvaluation> {
  const at = new Date().toISOString();
  const settings = { datasets: def.datasets, reference: def.reference ?? null, options: def.options ?? {}, where: def.where ?? null, ...(def.window ? { window: def.window } : {}), rows: {} as Record<string, number> };
  const base = { monitor: def.name, analysis: def.analysis, metric: def.metric, condition: def.condition, severity: def.severity, at, trigger };
  const fail = (error: string): MonitorEvaluation => ({ ...base, status: 'error', value: null, baseline: null, change: null, message: `${def.metric}: not evaluated: ${error}`, settings });
  let analysis: AnyAnalysis;
  let condition: Condition;
  try {
    await validateMonitor(ws, def, false);
    analysis = await monitoredAnalysis(def);
    condition = parseCondition(def.condition);
  } catch (e) {
    return fail((e as Error).message);
  }
  const where = def.where ?? null;
  const window = def.window && Object.keys(def.window).length ? def.window : null;
  const outcome = await cache.get({ analysis, datasets: def.datasets, options: def.options ?? {}, where, window });
  if (outcome.ok) for (const [slot, d] of Object.entries(outcome.run.provenance)) settings.rows[slot] = d.rows;
  const read = metricValue(outcome, def.metric);
  if (read.error) return fail(read.error);
  let baseline: number | null = null;
  if (needsBaseline(condition)) {
    const datasets = baselineDatasets(analysis, def)!;
    // The baseline is the whole reference: a window picks the part of the current data to judge.
    const b = metricValue(await cache.get({ analysis, datasets, options: def.options ?? {}, where, window: null }), def.metric);
    if (b.error) return fail(`baseline on ${JSON.stringify(def.reference ?? def.datasets.reference)}: ${b.error}`);
    baseline = b.value;
  }
  const judged = evaluateCondition(condition, read.value, baseline);
  if (!judged.ok) return { ...fail(judged.error), value: read.value, baseline };
  const status: MonitorStatus = judged.holds ? def.severity : 'pass';
  return { ...base, status, value: read.value, baseline, change: judged.change, message: message(def, condition, status, read.value, baseline, judged.change), settings };
}

/** The status a monitor contributes to the exit code: an error counts as its severity. */
export function effectiveStatus(e: Pick<MonitorEvaluation, 'status' | 'severity'>): 'pass' | Severity {
  return e.status === 'error' ? e.severity : e.status;
}

/** Evaluates monitors in order; runs shared. Does not store anything (the caller decides). */
export async function evaluateMonitors(ws: Workspace, monitors: readonly MonitorDefinition[], trigger: EvaluationTrigger, ctx: CallContext): Promise<CheckResult> {
  const started = Date.now();
  const cache = new RunCache(ws, ctx);
  const evaluations: MonitorEvaluation[] = [];
  for (const def of monitors) evaluations.push(await evaluateOne(ws, def, cache, trigger));
  const worst = evaluations.map(effectiveStatus);
  const status = worst.includes('critical') ? 'critical' : worst.includes('warning') ? 'warning' : 'pass';
  return {
    at: new Date(started).toISOString(),
    status,
    exitCode: status === 'critical' ? 2 : status === 'warning' ? 1 : 0,
    evaluations,
    runs: cache.size,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Monitors that read this dataset (in a slot or as their reference): the ones to run when it changes. */
export function monitorsReading<M extends MonitorDefinition>(monitors: readonly M[], dataset: string): M[] {
  return monitors.filter((m) => Object.values(m.datasets).includes(dataset) || m.reference === dataset);
}
