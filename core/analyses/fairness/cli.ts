/**
 * How `plumbline fairness` (and `plumbline report`) turn flags into fairness options, and print a
 * run. Flags are the issue's: --attribute (repeatable) [--intersect], --reference-group A=G
 * (repeatable), --label, --score/--threshold or --prediction, --tau, --chunk, --bootstrap/--seed,
 * --fail-on-disparity. Without --bootstrap no resamples are drawn (the table alone is fast);
 * `--bootstrap` alone draws 1,000.
 */
import { PlumblineError } from '../../api/errors';
import type { DatasetDetail } from '../../api/types';
import { table } from '../../format/table';
import type { ChunkSpec } from '../shared/chunks';
import type { AnalysisCli, AnalysisRun } from '../module';
import { anyJudgedFailure, judgeGroup } from './judgement';
import { DEFAULTS } from './options';
import { DEFAULT_SCORE_THRESHOLD, type FairnessRunOptions } from './run-options';
import type { FairnessResult, FairnessSummary, GroupResult } from './types';

export interface FairnessFlags {
  attribute?: string[];
  intersect?: boolean;
  referenceGroup?: string[];
  referenceMethod?: string;
  label?: string;
  score?: string;
  threshold?: string;
  prediction?: string;
  tau?: string;
  chunk?: string;
  bootstrap?: string | boolean;
  seed?: string;
  minGroupSize?: string;
}

function numberFlag(flag: string, s: string | undefined, check: (v: number) => boolean, what: string): number | undefined {
  if (s === undefined) return undefined;
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v) || !check(v)) throw new PlumblineError('BAD_REQUEST', `${flag} takes ${what}, not ${JSON.stringify(s)}.`);
  return v;
}

/** `race=Caucasian` → ["race", "Caucasian"], split at the first "=" (group values may contain one). */
export function parseReferenceGroup(s: string): [string, string] {
  const i = s.indexOf('=');
  if (i <= 0) throw new PlumblineError('BAD_REQUEST', `--reference-group takes ATTRIBUTE=GROUP (e.g. race=Caucasian), not ${JSON.stringify(s)}.`);
  return [s.slice(0, i), s.slice(i + 1)];
}

/** The chunking `--chunk` asks for; `timestamp` is asked only for day/week/month. */
export async function chunkFromFlag(chunk: string, timestamp: () => Promise<string>): Promise<ChunkSpec> {
  if (chunk === 'day' || chunk === 'week' || chunk === 'month') return { by: 'period', period: chunk, timestamp: await timestamp() };
  if (/^[1-9]\d*$/.test(chunk)) return { by: 'count', size: Number(chunk) };
  throw new PlumblineError('BAD_REQUEST', `--chunk takes day, week, month or a row count, not ${JSON.stringify(chunk)}.`);
}

export async function fairnessOptionsFromCli(f: FairnessFlags, dataset: () => Promise<DatasetDetail>): Promise<FairnessRunOptions> {
  if (f.score !== undefined && f.prediction !== undefined) throw new PlumblineError('BAD_REQUEST', 'Give either --score C (with --threshold T) or --prediction C, not both.');
  if (f.threshold !== undefined && f.prediction !== undefined) throw new PlumblineError('BAD_REQUEST', '--threshold applies to --score, not to --prediction.');
  const threshold = numberFlag('--threshold', f.threshold, () => true, 'a number');
  const tau = numberFlag('--tau', f.tau, (v) => v > 0 && v <= 1, 'a number in (0, 1]');
  const seed = numberFlag('--seed', f.seed, (v) => Number.isInteger(v), 'an integer');
  const minGroupSize = numberFlag('--min-group-size', f.minGroupSize, (v) => Number.isInteger(v) && v >= 0, 'a whole number ≥ 0');
  let resamples = 0;
  if (f.bootstrap === true) resamples = DEFAULTS.resamples;
  else if (typeof f.bootstrap === 'string') resamples = numberFlag('--bootstrap', f.bootstrap, (v) => Number.isInteger(v) && v >= 0 && v <= 100_000, 'a whole number of resamples (0–100000)')!;
  if (seed !== undefined && resamples === 0) throw new PlumblineError('BAD_REQUEST', '--seed needs --bootstrap N.');
  const attributes = f.attribute?.length ? [...new Set(f.attribute)] : undefined;
  if (f.intersect && (attributes?.length ?? 0) < 2) throw new PlumblineError('BAD_REQUEST', '--intersect needs two or more --attribute columns.');
  let decision: FairnessRunOptions['decision'];
  if (f.prediction !== undefined) decision = { kind: 'prediction', column: f.prediction };
  else if (f.score !== undefined) decision = { kind: 'score', column: f.score, threshold: threshold ?? DEFAULT_SCORE_THRESHOLD };
  else if (threshold !== undefined) {
    const score = (await dataset()).columnInfo.find((c) => c.role === 'score');
    if (!score) throw new PlumblineError('BAD_REQUEST', '--threshold needs --score C: the dataset has no column with the score role.');
    decision = { kind: 'score', column: score.name, threshold };
  }
  const referenceGroups = f.referenceGroup?.length ? Object.fromEntries(f.referenceGroup.map(parseReferenceGroup)) : undefined;
  let overTime: FairnessRunOptions['overTime'];
  if (f.chunk !== undefined) {
    const chunk = await chunkFromFlag(f.chunk, async () => {
      const ds = await dataset();
      const ts = ds.columnInfo.find((c) => c.role === 'timestamp' && c.type === 'timestamp');
      if (!ts) throw new PlumblineError('BAD_REQUEST', `--chunk ${f.chunk} needs a timestamp column in "${ds.name}"; none has the timestamp role. Set one with --role at import, or chunk by row count (--chunk 10000).`);
      return ts.name;
    });
    overTime = { chunk };
  }
  return {
    ...(f.label !== undefined ? { label: f.label } : {}),
    ...(decision ? { decision } : {}),
    ...(attributes ? { attributes } : {}),
    ...(f.intersect && attributes ? { intersections: [attributes] } : {}),
    ...(referenceGroups ? { referenceGroups } : {}),
    ...(f.referenceMethod !== undefined && f.referenceMethod !== 'majority' ? { referenceMethod: f.referenceMethod as 'min_metric' } : {}),
    ...(tau !== undefined ? { tau } : {}),
    ...(minGroupSize !== undefined ? { minGroupSize } : {}),
    bootstrap: { resamples, ...(seed !== undefined ? { seed } : {}) },
    ...(overTime ? { overTime } : {}),
  };
}

/** Four significant digits, "–" for an undefined value (never NaN). */
export function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined) return '–';
  if (v !== 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e6)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

/** "score ≥ 0.5" / "prediction = 1". */
export function decisionText(r: FairnessResult): string {
  const d = r.decision;
  return d.kind === 'score' ? `${d.column} ≥ ${d.threshold}` : `${d.column} = ${JSON.stringify(d.positive ?? 1)}`;
}

function groupRow(r: FairnessResult, g: GroupResult): string[] {
  const j = judgeGroup(r, g);
  const result =
    j.status === 'reference' ? 'reference'
    : j.status === 'too_small' ? `too small to judge${j.unjudgedFailed.length ? ` (outside the band: ${j.unjudgedFailed.join(', ')})` : ''}`
    : j.status === 'fail' ? `FAIL ${j.failed.join(', ')}${j.unjudgedFailed.length ? `; not judged: ${j.unjudgedFailed.join(', ')}` : ''}`
    : j.status === 'undefined' ? 'undefined'
    : j.unjudgedFailed.length ? `pass; not judged: ${j.unjudgedFailed.join(', ')}` : 'pass';
  return [g.group, String(g.size), fmt(g.pprev), fmt(g.fpr), fmt(g.fnr), fmt(g.precision), fmt(g.pprev_disparity), fmt(g.fpr_disparity), fmt(g.fnr_disparity), fmt(g.precision_disparity), result];
}

function summaryLine(s: FairnessSummary): string {
  return (
    `  demographic parity difference ${fmt(s.demographic_parity_difference)}, ratio ${fmt(s.demographic_parity_ratio)}; ` +
    `equalized odds difference ${fmt(s.equalized_odds_difference)}, ratio ${fmt(s.equalized_odds_ratio)}; ` +
    `equal opportunity difference ${fmt(s.equal_opportunity_difference)}, ratio ${fmt(s.equal_opportunity_ratio)}`
  );
}

export function fairnessText(run: AnalysisRun<FairnessResult, FairnessRunOptions>): string {
  const r = run.result;
  const out: string[] = [];
  out.push(`Decision ${decisionText(r)} against label ${r.label.column} (positive = ${JSON.stringify(r.label.positive)}); parity when ${r.tau} ≤ disparity ≤ ${fmt(1 / r.tau)} (τ = ${r.tau}).`);
  out.push(`${r.rows.used_any} of ${r.rows.total} rows have a label and a decision.${r.bootstrap ? ` Intervals: ${r.bootstrap.resamples} bootstrap resamples, seed ${r.bootstrap.seed}.` : ''}`);
  for (const a of r.attributes) {
    out.push('');
    out.push(`${a.attribute}: ${a.groups} groups, reference ${a.reference_group === null ? '(none)' : JSON.stringify(a.reference_group)} (${a.reference_method === 'chosen' ? 'chosen' : a.reference_method === 'majority' ? 'largest group' : 'smallest rate, per metric'})`);
    const rows = r.groups.filter((g) => g.attribute === a.attribute).map((g) => groupRow(r, g));
    out.push(table(['group', 'size', 'pprev', 'fpr', 'fnr', 'precision', 'pprev disp.', 'fpr disp.', 'fnr disp.', 'prec. disp.', 'result'], rows));
    const s = r.summary.find((x) => x.attribute === a.attribute);
    if (s) out.push(summaryLine(s));
    for (const n of a.notes) out.push(`  note: ${n}`);
    if (a.too_small_groups.length) out.push(`  too small to judge (under ${r.min_group_size} rows; shown, never counted as a failure): ${a.too_small_groups.map((x) => JSON.stringify(x)).join(', ')}`);
  }
  for (const n of r.notes) out.push(`note: ${n}`);
  out.push('');
  out.push(anyJudgedFailure(r) ? `DISPARITY: some judged group is outside [${r.tau}, ${fmt(1 / r.tau)}] on some metric.` : `No judged group is outside [${r.tau}, ${fmt(1 / r.tau)}].`);
  return `${out.join('\n')}\n`;
}

export const fairnessCli: AnalysisCli<FairnessRunOptions, FairnessResult> = {
  description: 'audit DATASET for fairness: group error rates, disparities against a reference group, parity at τ, Fairlearn summaries',
  flags: [
    { flags: '--attribute <column...>', description: 'attribute column to audit (repeat for several; default: the columns with the group role)' },
    { flags: '--intersect', description: 'also audit the intersection of all --attribute columns (e.g. race × sex)' },
    { flags: '--reference-group <attribute=group...>', description: 'reference group of an attribute, e.g. race=Caucasian (repeatable; for an intersection: "race × sex=Caucasian × Male")' },
    { flags: '--reference-method <method>', description: 'reference group where none is chosen: the largest group, or per metric the group with the smallest rate', choices: ['majority', 'min_metric'] },
    { flags: '--label <column>', description: 'label column (default: the column with the label role)' },
    { flags: '--score <column>', description: 'score column; the decision is score ≥ --threshold' },
    { flags: '--threshold <t>', description: `threshold on the score (default ${DEFAULT_SCORE_THRESHOLD})` },
    { flags: '--prediction <column>', description: 'binary prediction column (1 = positive) instead of a score' },
    { flags: '--tau <x>', description: `parity when τ ≤ disparity ≤ 1/τ (default ${DEFAULTS.tau})` },
    { flags: '--min-group-size <n>', description: `groups under n rows are too small to judge (default ${DEFAULTS.minGroupSize})` },
    { flags: '--chunk <period|N>', description: 'disparities over time: day, week, month (by the timestamp column) or every N rows' },
    { flags: '--bootstrap [n]', description: `bootstrap intervals for disparities and summaries with n resamples (${DEFAULTS.resamples} when n is left out; none without the flag)` },
    { flags: '--seed <s>', description: `seed of the bootstrap (default ${DEFAULTS.seed})` },
  ],
  async options(flags, dataset) {
    return fairnessOptionsFromCli(flags as FairnessFlags, () => dataset('dataset'));
  },
  text: fairnessText,
  failOn: {
    flags: '--fail-on-disparity',
    description: 'exit with status 1 when a judged group fails parity at τ on some metric (too-small groups never count, and are listed)',
    fails: anyJudgedFailure,
  },
};
