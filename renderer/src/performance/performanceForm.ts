/**
 * The Performance screen's settings as typed text (every flag of `plumbline performance` has a
 * field) and their translation into the request the engine takes — with a message per field that
 * cannot be read, so the screen says what to fix before anything runs.
 */
import type { PerformanceOptions, PerformanceTask } from '../../../core/analyses/performance/types';
import type { ColumnInfo } from '../../../core/api/types';
import type { PerformanceRequest } from './usePerformanceRun';

export interface PerformanceForm {
  current: string;
  /** '' = no reference. */
  reference: string;
  /** '' = from the column roles. */
  label: string;
  score: string;
  prediction: string;
  task: '' | PerformanceTask;
  threshold: string;
  /** '' | day | week | month | a row count. */
  chunk: string;
  by: string;
  where: string;
  positiveLabel: string;
  beta: string;
  costFp: string;
  costFn: string;
  calibrationBins: string;
  calibrationStrategy: '' | 'uniform' | 'quantile';
  relativeDrop: string;
  trendChunks: string;
  /** Comma-separated metric names. */
  watch: string;
  /** "f1=0.8, accuracy=0.7" */
  failBelow: string;
  failAbove: string;
  /** "cat=p_cat, dog=p_dog" */
  classScores: string;
}

export const EMPTY_FORM: PerformanceForm = {
  current: '', reference: '', label: '', score: '', prediction: '', task: '', threshold: '0.5', chunk: '', by: '', where: '', positiveLabel: '', beta: '',
  costFp: '', costFn: '', calibrationBins: '', calibrationStrategy: '', relativeDrop: '', trendChunks: '', watch: '', failBelow: '', failAbove: '', classScores: '',
};

export type FormErrors = Partial<Record<keyof PerformanceForm, string>>;

function num(errors: FormErrors, key: keyof PerformanceForm, text: string, ok: (v: number) => boolean, what: string): number | undefined {
  if (text.trim() === '') return undefined;
  const v = Number(text);
  if (!Number.isFinite(v) || !ok(v)) {
    errors[key] = `${what}, not “${text}”.`;
    return undefined;
  }
  return v;
}

function pairs(errors: FormErrors, key: keyof PerformanceForm, text: string, numeric: boolean): Record<string, string | number> | undefined {
  if (text.trim() === '') return undefined;
  const out: Record<string, string | number> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.lastIndexOf('=');
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (eq <= 0 || !v || (numeric && !Number.isFinite(Number(v)))) {
      errors[key] = numeric ? `Write metric=value pairs, e.g. f1=0.8, not “${part}”.` : `Write class=column pairs, not “${part}”.`;
      return undefined;
    }
    out[k] = numeric ? Number(v) : v;
  }
  return out;
}

/** The request a form asks for, or the errors that stop it. `columns` are the current dataset's (for its timestamp). */
export function formToRequest(f: PerformanceForm, columns: readonly ColumnInfo[]): { request: PerformanceRequest | null; errors: FormErrors } {
  const errors: FormErrors = {};
  let chunk: PerformanceOptions['chunk'];
  if (f.chunk === 'day' || f.chunk === 'week' || f.chunk === 'month') {
    const ts = columns.find((c) => c.role === 'timestamp' && c.type === 'timestamp');
    if (!ts) errors.chunk = `“${f.current}” has no timestamp column; chunk by a row count instead.`;
    else chunk = { by: 'period', period: f.chunk, timestamp: ts.name };
  } else if (f.chunk.trim() !== '') {
    if (/^[1-9]\d*$/.test(f.chunk.trim())) chunk = { by: 'count', size: Number(f.chunk.trim()) };
    else errors.chunk = `Chunk by day, week, month or a row count, not “${f.chunk}”.`;
  }
  const relativeDrop = num(errors, 'relativeDrop', f.relativeDrop, (v) => v >= 0, 'A share ≥ 0');
  const trendChunks = num(errors, 'trendChunks', f.trendChunks, (v) => Number.isInteger(v) && v >= 2, 'A whole number ≥ 2');
  const watch = f.watch.split(',').map((s) => s.trim()).filter(Boolean);
  const degradation = { ...(relativeDrop !== undefined ? { relativeDrop } : {}), ...(trendChunks !== undefined ? { trendChunks } : {}), ...(watch.length ? { metrics: watch } : {}) };
  const options: PerformanceOptions = {
    task: f.task || undefined,
    label: f.label || undefined,
    score: f.score || undefined,
    prediction: f.prediction || undefined,
    classScores: pairs(errors, 'classScores', f.classScores, false) as Record<string, string> | undefined,
    positiveLabel: f.positiveLabel.trim() || undefined,
    threshold: num(errors, 'threshold', f.threshold, () => true, 'A number'),
    beta: num(errors, 'beta', f.beta, (v) => v > 0, 'A number > 0'),
    costFp: num(errors, 'costFp', f.costFp, (v) => v >= 0, 'A cost ≥ 0'),
    costFn: num(errors, 'costFn', f.costFn, (v) => v >= 0, 'A cost ≥ 0'),
    calibrationBins: num(errors, 'calibrationBins', f.calibrationBins, (v) => Number.isInteger(v) && v >= 1 && v <= 1000, 'A whole number from 1 to 1000'),
    calibrationStrategy: f.calibrationStrategy || undefined,
    segmentBy: f.by ? [f.by] : undefined,
    degradation: Object.keys(degradation).length ? degradation : undefined,
    chunk,
    failBelow: pairs(errors, 'failBelow', f.failBelow, true) as Record<string, number> | undefined,
    failAbove: pairs(errors, 'failAbove', f.failAbove, true) as Record<string, number> | undefined,
  };
  if (!f.current) errors.current = 'Choose the dataset to judge.';
  if (Object.keys(errors).length) return { request: null, errors };
  const clean = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as PerformanceOptions;
  return { request: { current: f.current, reference: f.reference || null, options: clean, where: f.where }, errors };
}

/** The CLI command that gives the same numbers (shown under the results, for pipelines). */
export function cliCommand(r: PerformanceRequest): string {
  const q = (s: string) => (/^[\w.=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const o = r.options;
  const parts = ['plumbline performance', `--dataset ${q(r.current)}`];
  if (r.reference) parts.push(`--reference ${q(r.reference)}`);
  if (o.threshold !== undefined) parts.push(`--threshold ${o.threshold}`);
  if (r.where.trim()) parts.push(`--where ${q(r.where.trim())}`);
  if (o.chunk) parts.push(`--chunk ${o.chunk.by === 'count' ? o.chunk.size : o.chunk.period}`);
  for (const b of o.segmentBy ?? []) parts.push(`--by ${q(b)}`);
  for (const k of ['label', 'score', 'prediction', 'task'] as const) if (o[k] !== undefined) parts.push(`--${k} ${q(String(o[k]))}`);
  if (o.positiveLabel !== undefined) parts.push(`--positive-label ${q(o.positiveLabel)}`);
  if (o.costFp !== undefined) parts.push(`--cost-fp ${o.costFp}`);
  if (o.costFn !== undefined) parts.push(`--cost-fn ${o.costFn}`);
  if (o.beta !== undefined) parts.push(`--beta ${o.beta}`);
  if (o.calibrationBins !== undefined) parts.push(`--calibration-bins ${o.calibrationBins}`);
  if (o.calibrationStrategy !== undefined) parts.push(`--calibration-strategy ${o.calibrationStrategy}`);
  if (o.degradation?.relativeDrop !== undefined) parts.push(`--relative-drop ${o.degradation.relativeDrop}`);
  if (o.degradation?.trendChunks !== undefined) parts.push(`--trend-chunks ${o.degradation.trendChunks}`);
  for (const m of o.degradation?.metrics ?? []) parts.push(`--watch ${q(m)}`);
  for (const [c, col] of Object.entries(o.classScores ?? {})) parts.push(`--class-score ${q(`${c}=${col}`)}`);
  for (const [m, v] of Object.entries(o.failBelow ?? {})) parts.push(`--fail-below ${q(`${m}=${v}`)}`);
  for (const [m, v] of Object.entries(o.failAbove ?? {})) parts.push(`--fail-above ${q(`${m}=${v}`)}`);
  return parts.join(' ');
}
