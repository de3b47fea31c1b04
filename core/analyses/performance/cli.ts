/** How `plumbline performance` turns flags into PerformanceOptions, prints a run and says why it fails a pipeline. */
import { PlumblineError } from '../../api/errors';
import type { DatasetDetail } from '../../api/types';
import { int, num, percent } from '../../format/numbers';
import { table } from '../../format/table';
import type { AnalysisCli, AnalysisRun } from '../module';
import type { ChunkSpec } from '../shared/chunks';
import { parseLimit } from './limits';
import type { PerformanceRunResult } from './run';
import { PERFORMANCE_TASKS, type PerformanceOptions, type PerformanceTask } from './types';

export interface PerformanceFlags {
  threshold?: string;
  chunk?: string;
  by?: string[];
  label?: string;
  score?: string;
  prediction?: string;
  classScore?: string[];
  task?: string;
  positiveLabel?: string;
  beta?: string;
  costFp?: string;
  costFn?: string;
  calibrationBins?: string;
  calibrationStrategy?: 'uniform' | 'quantile';
  relativeDrop?: string;
  trendChunks?: string;
  watch?: string[];
  failBelow?: string[];
  failAbove?: string[];
}

function number(flag: string, s: string | undefined, check: (v: number) => boolean = Number.isFinite, what = 'a number'): number | undefined {
  if (s === undefined) return undefined;
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v) || !check(v)) throw new PlumblineError('BAD_REQUEST', `${flag} takes ${what}, not ${JSON.stringify(s)}.`);
  return v;
}

const nonNegative = (v: number) => v >= 0;
const positiveInteger = (v: number) => Number.isInteger(v) && v >= 1;

function pairs(flag: string, values: readonly string[] | undefined): Record<string, number> | undefined {
  if (!values?.length) return undefined;
  return Object.fromEntries(values.map((v) => parseLimit(flag, v)));
}

/** The first timestamp-role column of the dataset, for `--chunk day|week|month`. */
function timestampOf(d: DatasetDetail, chunk: string): string {
  const ts = d.columnInfo.find((c) => c.role === 'timestamp' && c.type === 'timestamp');
  if (!ts) throw new PlumblineError('BAD_REQUEST', `--chunk ${chunk} needs a timestamp column in "${d.name}"; none has the timestamp role. Set one with --role at import, or chunk by row count (--chunk 10000).`);
  return ts.name;
}

export async function performanceOptionsFromCli(f: PerformanceFlags, current: () => Promise<DatasetDetail>): Promise<PerformanceOptions> {
  let chunk: ChunkSpec | undefined;
  if (f.chunk !== undefined) {
    if (f.chunk === 'day' || f.chunk === 'week' || f.chunk === 'month') chunk = { by: 'period', period: f.chunk, timestamp: timestampOf(await current(), f.chunk) };
    else if (/^[1-9]\d*$/.test(f.chunk)) chunk = { by: 'count', size: Number(f.chunk) };
    else throw new PlumblineError('BAD_REQUEST', `--chunk takes day, week, month or a row count, not ${JSON.stringify(f.chunk)}.`);
  }
  if (f.task !== undefined && !PERFORMANCE_TASKS.includes(f.task as PerformanceTask)) throw new PlumblineError('BAD_REQUEST', `--task takes ${PERFORMANCE_TASKS.join(', ')}.`);
  let classScores: Record<string, string> | undefined;
  if (f.classScore?.length) {
    classScores = {};
    for (const v of f.classScore) {
      const eq = v.indexOf('=');
      if (eq <= 0 || eq === v.length - 1) throw new PlumblineError('BAD_REQUEST', `--class-score takes class=column (e.g. cat=p_cat), not ${JSON.stringify(v)}.`);
      classScores[v.slice(0, eq)] = v.slice(eq + 1);
    }
  }
  const relativeDrop = number('--relative-drop', f.relativeDrop, nonNegative, 'a share ≥ 0');
  const trendChunks = number('--trend-chunks', f.trendChunks, (v) => Number.isInteger(v) && v >= 2, 'a whole number ≥ 2');
  const degradation = {
    ...(relativeDrop !== undefined ? { relativeDrop } : {}),
    ...(trendChunks !== undefined ? { trendChunks } : {}),
    ...(f.watch?.length ? { metrics: f.watch } : {}),
  };
  const values: PerformanceOptions = {
    task: f.task as PerformanceTask | undefined,
    label: f.label,
    score: f.score,
    prediction: f.prediction,
    classScores,
    positiveLabel: f.positiveLabel,
    threshold: number('--threshold', f.threshold),
    beta: number('--beta', f.beta, (v) => v > 0, 'a number > 0'),
    costFp: number('--cost-fp', f.costFp, nonNegative, 'a cost ≥ 0'),
    costFn: number('--cost-fn', f.costFn, nonNegative, 'a cost ≥ 0'),
    calibrationBins: number('--calibration-bins', f.calibrationBins, positiveInteger, 'a whole number ≥ 1'),
    calibrationStrategy: f.calibrationStrategy,
    segmentBy: f.by?.length ? f.by : undefined,
    degradation: Object.keys(degradation).length ? degradation : undefined,
    chunk,
    failBelow: pairs('--fail-below', f.failBelow),
    failAbove: pairs('--fail-above', f.failAbove),
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as PerformanceOptions;
}

function text(run: AnalysisRun<PerformanceRunResult, PerformanceOptions>): string {
  const r = run.result;
  const name = String(run.settings.current);
  const cols = [`label "${r.columns.label}"`, r.columns.score !== null ? `score "${r.columns.score}"` : null, r.columns.prediction !== null ? `prediction "${r.columns.prediction}"` : null].filter(Boolean).join(', ');
  const out: string[] = [];
  out.push(`Performance of "${name}" (${r.task}; ${cols}${r.threshold !== null ? `; positive when score ≥ ${num(r.threshold)}` : ''})`);
  out.push(`${int(r.rows)} rows, ${int(r.labelled)} labelled (${percent(r.rows ? r.labelled / r.rows : null)}), ${int(r.evaluated)} evaluated.`);
  out.push('');
  const ref = r.reference;
  const metricRows = Object.entries(r.metrics).map(([k, v]) => (ref ? [k, num(v), num(ref.metrics[k] ?? null)] : [k, num(v)]));
  out.push(table(ref ? ['metric', 'current', `reference "${String(run.settings.reference)}"`] : ['metric', 'value'], metricRows));
  if (r.confusion) {
    out.push('', 'Confusion matrix (rows = actual, columns = predicted):');
    out.push(table(['actual \\ predicted', ...r.confusion.labels], r.confusion.matrix.map((row, i) => [r.confusion!.labels[i], ...row.map((v) => int(v))])));
  }
  if (r.binary?.optimal) {
    const o = r.binary.optimal;
    out.push('', `Optimal thresholds: F1 ${num(o.f1?.threshold)} (F1 ${num(o.f1?.value)}), Youden ${num(o.youden?.threshold)} (J ${num(o.youden?.value)}), cost ${num(o.cost?.threshold)} (cost ${num(o.cost?.value)}).`);
  }
  for (const s of r.segments) {
    out.push('', `By ${s.column} (worst ${s.sort_metric} first):`);
    out.push(table([s.column, 'rows', 'labelled', s.sort_metric], s.rows.map((row) => [row.value, int(row.rows), int(row.labelled), num(row.metrics[s.sort_metric] ?? null)])));
  }
  if (r.over_time) out.push('', `Over time: ${r.over_time.chunks.length} chunks (see --json for each).`);
  if (r.degradation) {
    const flags = r.degradation.flags;
    out.push('', flags.length ? 'DEGRADATION:' : `No degradation (${r.degradation.baseline ? `baseline: ${r.degradation.baseline}` : 'no baseline, trend only'}).`);
    for (const f of flags) out.push(`  ${f.metric}: ${f.kind === 'drop' ? `${num(f.value)} vs baseline ${num(f.baseline)}` : `slope ${num(f.slope)} per chunk`} (${percent(f.relative)} worse)${f.since ? ` since ${f.since}` : ''}`);
  }
  for (const l of r.limits) out.push(`${l.breached ? 'FAIL' : 'ok'}: ${l.metric} = ${num(l.value)} (fail ${l.fail} ${num(l.limit)})`);
  for (const n of r.notes) out.push(`Note: ${n}.`);
  return `${out.join('\n')}\n`;
}

/** Why the run fails a pipeline: a breached limit or a flagged degradation. */
export function performanceFailures(r: PerformanceRunResult): string[] {
  const out = r.limits.filter((l) => l.breached).map((l) => `performance: ${l.metric} = ${num(l.value)} is ${l.value === null ? 'undefined' : l.fail} the limit ${num(l.limit)}`);
  for (const f of r.degradation?.flags ?? []) out.push(`performance: ${f.metric} degraded (${f.kind}, ${percent(f.relative)} worse${f.since ? ` since ${f.since}` : ''})`);
  return out;
}

const OPTION_KEYS: readonly (keyof PerformanceFlags)[] = [
  'threshold', 'chunk', 'by', 'label', 'score', 'prediction', 'classScore', 'task', 'positiveLabel', 'beta', 'costFp', 'costFn',
  'calibrationBins', 'calibrationStrategy', 'relativeDrop', 'trendChunks', 'watch', 'failBelow', 'failAbove',
];
const given = (f: PerformanceFlags) => OPTION_KEYS.some((k) => f[k] !== undefined);

export const performanceCli: AnalysisCli<PerformanceOptions, PerformanceRunResult> = {
  description: 'model performance of DATASET (label vs score/prediction), against an optional REFERENCE',
  flags: [
    { flags: '--threshold <t>', description: 'binary: positive when score ≥ t (default 0.5)' },
    { flags: '--chunk <period|N>', description: 'metrics over time: day, week, month (by the timestamp column) or every N rows' },
    { flags: '--by <column>', description: 'metrics per value of this categorical column, worst first (repeatable)', repeatable: true },
    { flags: '--label <column>', description: 'label column (default: the column with the label role)' },
    { flags: '--score <column>', description: 'score column (default: the column with the score role)' },
    { flags: '--prediction <column>', description: 'prediction column (default: the column with the prediction role)' },
    { flags: '--class-score <class=column>', description: 'multiclass: the score column of one class, for one-vs-rest ROC AUC (repeatable)', repeatable: true },
    { flags: '--task <task>', description: 'binary, multiclass or regression (default: from the label and prediction)' },
    { flags: '--positive-label <value>', description: 'binary: the positive class (default 1, or the later class)' },
    { flags: '--beta <b>', description: 'F-beta’s beta (default 1)' },
    { flags: '--cost-fp <x>', description: 'cost of a false positive, for the cost-optimal threshold (default 1)' },
    { flags: '--cost-fn <x>', description: 'cost of a false negative, for the cost-optimal threshold (default 1)' },
    { flags: '--calibration-bins <n>', description: 'calibration curve bins (default 10)' },
    { flags: '--calibration-strategy <s>', description: 'calibration bins', choices: ['uniform', 'quantile'] },
    { flags: '--relative-drop <x>', description: 'degradation: flag a metric worse than the baseline by more than this share (default 0.05)' },
    { flags: '--trend-chunks <n>', description: 'degradation: the trend is fitted over the last n chunks (default 4)' },
    { flags: '--watch <metric>', description: 'degradation: a metric to watch (repeatable; default the task’s headline metrics)', repeatable: true },
    { flags: '--fail-below <metric=value>', description: 'exit 1 when the metric is below value, e.g. f1=0.8 (repeatable)', repeatable: true },
    { flags: '--fail-above <metric=value>', description: 'exit 1 when an error metric is above value, e.g. mae=12 (repeatable)', repeatable: true },
  ],
  async options(flags, dataset) {
    const f = flags as PerformanceFlags;
    if (!given(f)) return undefined;
    return performanceOptionsFromCli(f, () => dataset('current'));
  },
  text,
  failures: (run) => performanceFailures(run.result),
};
