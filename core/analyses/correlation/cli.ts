/** `plumbline correlation`: --method, --column (repeatable), --threshold, --top; text: the largest changes and the matrix. */
import { PlumblineError } from '../../api/errors';
import { num } from '../../format/numbers';
import { table } from '../../format/table';
import type { AnalysisCli, AnalysisRun } from '../module';
import { DEFAULT_THRESHOLD, DEFAULT_TOP } from './correlation';
import type { CorrelationMethod, CorrelationOptions, CorrelationResult } from './types';

interface Flags { method?: string; column?: string[]; threshold?: string; top?: string }

const cell = (v: number | null) => (v === null ? 'undefined' : num(v, 3));

export function correlationText(run: AnalysisRun<CorrelationResult, CorrelationOptions>): string {
  const r = run.result;
  const out: string[] = [`${r.method} correlation of ${r.columns.length} numeric columns: reference ${r.n_reference_rows} rows, current ${r.n_current_rows} rows.`];
  if (r.largest_changes.length) {
    out.push('', 'Largest changes:', table(['pair', 'reference', 'current', 'change'], r.largest_changes.map((p) => [`${p.a} × ${p.b}`, cell(p.reference), cell(p.current), p.change === null ? 'undefined' : (p.change > 0 ? '+' : '') + num(p.change, 3)])));
  }
  if (r.columns.length >= 2 && r.columns.length <= 12) out.push('', 'Current (reference):', table(['', ...r.columns], r.columns.map((a, i) => [a, ...r.columns.map((_, j) => `${cell(r.current[i][j])} (${cell(r.reference[i][j])})`)])));
  out.push('', `${r.changed_pairs} pair(s) changed by ${r.threshold} or more${r.max_abs_change !== null ? `; the largest change is ${num(r.max_abs_change, 3)}` : ''}.`);
  for (const u of r.undefined_pairs.slice(0, 10)) out.push(`undefined: ${u.a} × ${u.b} (reference ${cell(u.reference)}, current ${cell(u.current)})`);
  for (const s of r.skipped) out.push(`skipped: ${s.column} (${s.reason})`);
  for (const n of r.notes) out.push(`note: ${n}`);
  return `${out.join('\n')}\n`;
}

function positive(flag: string, s: string | undefined, integer: boolean): number | undefined {
  if (s === undefined) return undefined;
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) throw new PlumblineError('BAD_REQUEST', `${flag} takes a positive ${integer ? 'whole number' : 'number'}, not ${JSON.stringify(s)}.`);
  return v;
}

export const correlationCli: AnalysisCli<CorrelationOptions, CorrelationResult> = {
  description: 'Pearson or Spearman correlation of the numeric features, reference vs current, with the largest changes',
  flags: [
    { flags: '--method <method>', description: 'correlation (as pandas DataFrame.corr)', choices: ['pearson', 'spearman'], default: 'pearson' },
    { flags: '--column <name>', description: 'a numeric column to correlate (repeatable; default: the numeric features of both datasets)', repeatable: true },
    { flags: '--threshold <x>', description: `a pair changed when |current − reference| ≥ x (default ${DEFAULT_THRESHOLD})` },
    { flags: '--top <n>', description: `how many of the largest changes to list (default ${DEFAULT_TOP})` },
  ],
  options(flags) {
    const f = flags as Flags;
    const threshold = positive('--threshold', f.threshold, false);
    const top = positive('--top', f.top, true);
    const o: CorrelationOptions = {
      ...(f.method && f.method !== 'pearson' ? { method: f.method as CorrelationMethod } : {}),
      ...(f.column?.length ? { columns: f.column } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
      ...(top !== undefined ? { top } : {}),
    };
    return Promise.resolve(Object.keys(o).length ? o : undefined);
  },
  text: correlationText,
  failOn: { flags: '--fail-on-change', description: 'exit with status 1 when a pair changed correlation by the threshold or more', fails: (r) => r.changed_pairs > 0 },
};
