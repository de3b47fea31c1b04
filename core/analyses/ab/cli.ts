/**
 * `plumbline ab`: the flags of issue #13 turned into options, and a short readable summary of a
 * run. `--metric`, `--guardrail` and `--cuped` may be given several times.
 */
import { PlumblineError } from '../../api/errors';
import { num, percent, pIs, pValue } from '../../format/numbers';
import { table } from '../../format/table';
import type { AnalysisCli, AnalysisRun } from '../module';
import type { AbModuleOptions } from './schema';
import type { AbResult, MetricResult } from './types';

export interface AbFlags {
  variant?: string;
  control?: string;
  metric?: string[];
  guardrail?: string[];
  engine?: 'frequentist' | 'bayesian';
  sequential?: boolean;
  cuped?: string[];
  correction?: 'holm' | 'bh' | 'none';
  by?: string;
  unit?: string;
}

/** `--cuped revenue=pre_revenue` (the metric name may itself hold '=', so the last one splits). */
export function parseCuped(specs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of specs) {
    const eq = s.lastIndexOf('=');
    if (eq <= 0 || eq === s.length - 1) throw new PlumblineError('BAD_REQUEST', `--cuped takes metric=covariate, not ${JSON.stringify(s)}.`);
    out[s.slice(0, eq)] = s.slice(eq + 1);
  }
  return out;
}

export function abOptionsFromFlags(f: AbFlags): AbModuleOptions {
  return {
    ...(f.variant !== undefined ? { variant: f.variant } : {}),
    ...(f.control !== undefined ? { control: f.control } : {}),
    ...(f.metric?.length ? { metrics: f.metric } : {}),
    ...(f.guardrail?.length ? { guardrails: f.guardrail } : {}),
    ...(f.engine !== undefined ? { engine: f.engine } : {}),
    ...(f.sequential ? { sequential: true } : {}),
    ...(f.cuped?.length ? { cuped: parseCuped(f.cuped) } : {}),
    ...(f.correction !== undefined ? { correction: f.correction } : {}),
    ...(f.by !== undefined ? { segment: f.by } : {}),
    ...(f.unit !== undefined ? { unit: f.unit } : {}),
  };
}

/** "+3.21% [+0.5%, +5.9%]" */
export function liftText(r: Pick<MetricResult, 'relative_lift' | 'ci_low' | 'ci_high' | 'absolute_lift' | 'absolute_ci_low' | 'absolute_ci_high'>): string {
  const signed = (x: number | null, f: (v: number) => string) => (x === null ? '—' : `${x > 0 ? '+' : ''}${f(x)}`);
  if (r.relative_lift !== null) return `${signed(r.relative_lift, (v) => percent(v, 2))} [${signed(r.ci_low, (v) => percent(v, 2))}, ${signed(r.ci_high, (v) => percent(v, 2))}]`;
  return `${signed(r.absolute_lift, num)} (abs) [${signed(r.absolute_ci_low, num)}, ${signed(r.absolute_ci_high, num)}]`;
}

function text(run: AnalysisRun<AbResult, AbModuleOptions>): string {
  const r = run.result;
  const bayes = r.engine === 'bayesian';
  const variants = table(
    ['variant', 'role', 'units', 'rows', 'duplicates dropped'],
    r.variants.map((v) => [v.name, v.role, v.units, v.counts.rows, v.counts.duplicates_dropped]),
  );
  const results = table(
    ['metric', 'variant', 'control', 'treatment', 'lift [interval]', bayes ? 'chance to win' : 'p-value', 'adjusted p', 'test', 'verdict'],
    r.results.map((m) => [m.metric, m.variant, num(m.control_mean), num(m.treatment_mean), liftText(m), bayes ? percent(m.chance_to_win ?? null) : pValue(m.p_value), pValue(m.p_value_adjusted), m.test, m.verdict]),
  );
  const guardrails = r.guardrails.length
    ? `\nGuardrails\n${table(['guardrail', 'variant', 'estimate', 'interval', 'status'], r.guardrails.map((g) => [g.guardrail, g.variant, num(g.estimate), `[${num(g.ci_low)}, ${num(g.ci_high)}]`, g.status]))}\n`
    : '';
  const segments = r.segments
    ? `\nBy ${r.segments.column} (${r.segments.significance})\n${table(
        ['segment', 'metric', 'variant', 'lift [interval]', bayes ? 'chance to win' : 'p-value', 'adjusted p', 'verdict'],
        r.segments.results.map((m) => [m.segment ?? '', m.metric, m.variant, liftText(m), bayes ? percent(m.chance_to_win ?? null) : pValue(m.p_value), pValue(m.p_value_adjusted), m.verdict]),
      )}\n`
    : '';
  const srm = `Sample ratio: ${r.srm.flag ? 'MISMATCH' : 'ok'} (chi-square ${pIs(r.srm.p_value)}). ${r.srm.message}`;
  const decision = `Decision: ${r.decision.action.toUpperCase()}${r.decision.variant ? ` (${r.decision.variant})` : ''}. ${r.decision.reason}`;
  return `${variants}\n\n${results}\n${guardrails}${segments}\n${srm}\n${decision}\n`;
}

export const abCli: AnalysisCli<AbModuleOptions, AbResult> = {
  description: 'A/B lift of each treatment against control in DATASET: intervals, SRM, guardrails, decision',
  flags: [
    { flags: '--variant <column>', description: 'variant column (default: the column with the variant role, or one named variant / model_version)' },
    { flags: '--control <value>', description: 'control value (default: the most frequent variant, with a note)' },
    { flags: '--metric <spec>', description: 'metric, repeatable: converted, revenue, latency_ms:p99, revenue/sessions, accuracy(prediction,label); the first is primary', repeatable: true },
    { flags: '--guardrail <spec>', description: 'guardrail, repeatable: latency_ms:p99<=+50 (absolute) or converted>=-2% (relative)', repeatable: true },
    { flags: '--engine <engine>', description: 'statistics engine', choices: ['frequentist', 'bayesian'] },
    { flags: '--sequential', description: 'always-valid (sequential) intervals, honest under daily peeking (frequentist engine)' },
    { flags: '--cuped <metric=covariate>', description: 'CUPED variance reduction with a pre-period covariate, repeatable', repeatable: true },
    { flags: '--correction <method>', description: 'multiple-testing correction across metrics × treatments', choices: ['holm', 'bh', 'none'] },
    { flags: '--by <column>', description: 'segment breakdown by this categorical column' },
    { flags: '--unit <column>', description: 'unit column: keep the first exposure per unit' },
  ],
  async options(flags) {
    return abOptionsFromFlags(flags as AbFlags);
  },
  text,
  failOn: { flags: '--fail-on-srm', description: 'exit with status 1 when the sample ratio mismatch check flags (for pipelines)', fails: (r) => r.srm.flag },
};
