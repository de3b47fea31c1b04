/**
 * The A/B screen's form and the request it makes: the same options `plumbline ab` builds from its
 * flags (metric specs, guardrails, CUPED pairs), so the screen and the CLI give the same numbers.
 */
import type { AnalysisArgs } from '../../../core/api/types';

export interface AbForm {
  readonly dataset: string;
  /** '' = let the analysis pick (the column with the variant role, or one named variant / model_version). */
  readonly variant: string;
  /** '' = the most frequent variant. */
  readonly control: string;
  readonly primary: string;
  /** Further metric specs, separated by ';' or new lines (commas belong to accuracy(pred,label)). */
  readonly secondary: string;
  readonly guardrails: string;
  readonly engine: 'frequentist' | 'bayesian';
  readonly sequential: boolean;
  /** metric=covariate pairs, separated by ';' or new lines. */
  readonly cuped: string;
  readonly correction: 'holm' | 'bh' | 'none';
  readonly by: string;
  readonly unit: string;
  readonly where: string;
}

export function emptyForm(dataset: string): AbForm {
  return { dataset, variant: '', control: '', primary: '', secondary: '', guardrails: '', engine: 'frequentist', sequential: false, cuped: '', correction: 'holm', by: '', unit: '', where: '' };
}

/** "a; b\nc" → ["a", "b", "c"]; a ';' or new line inside parentheses does not split. */
export function splitSpecs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if ((ch === ';' || ch === '\n') && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** Why the form cannot run yet, or null. */
export function formProblem(f: AbForm): string | null {
  for (const pair of splitSpecs(f.cuped)) {
    const eq = pair.lastIndexOf('=');
    if (eq <= 0 || eq === pair.length - 1) return `CUPED takes metric=covariate, not “${pair}”.`;
  }
  if (!f.primary.trim() && splitSpecs(f.secondary).length > 0) return 'Choose a primary metric first; the others are secondary.';
  return null;
}

/** The runAnalysis request for the form (options as `plumbline ab` would send them). */
export function abRequest(f: AbForm): AnalysisArgs {
  const metrics = [f.primary.trim(), ...splitSpecs(f.secondary)].filter(Boolean);
  const guardrails = splitSpecs(f.guardrails);
  const cuped: Record<string, string> = {};
  for (const pair of splitSpecs(f.cuped)) {
    const eq = pair.lastIndexOf('=');
    cuped[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  const options: Record<string, unknown> = {
    ...(f.variant ? { variant: f.variant } : {}),
    ...(f.control ? { control: f.control } : {}),
    ...(metrics.length ? { metrics } : {}),
    ...(guardrails.length ? { guardrails } : {}),
    ...(f.engine !== 'frequentist' ? { engine: f.engine } : {}),
    ...(f.sequential && f.engine === 'frequentist' ? { sequential: true } : {}),
    ...(Object.keys(cuped).length ? { cuped } : {}),
    ...(f.correction !== 'holm' ? { correction: f.correction } : {}),
    ...(f.by ? { segment: f.by } : {}),
    ...(f.unit ? { unit: f.unit } : {}),
  };
  return { analysis: 'ab', datasets: { dataset: f.dataset }, options, ...(f.where.trim() ? { where: f.where.trim() } : {}) };
}

/** "+7.21%" / "−0.43" — signed, for lifts. */
export function signed(x: number | null, fmt: (v: number) => string): string {
  if (x === null) return '—';
  return `${x > 0 ? '+' : x < 0 ? '−' : ''}${fmt(Math.abs(x))}`;
}

/** Left and width (0–100) of an interval on a scale [lo, hi] that includes 0; null when open. */
export function barGeometry(low: number | null, est: number | null, high: number | null, lo: number, hi: number): { left: number; width: number; point: number; zero: number } | null {
  if (low === null || high === null || est === null) return null;
  const span = hi - lo || 1;
  const at = (v: number) => (100 * (v - lo)) / span;
  return { left: at(low), width: Math.max(0.5, at(high) - at(low)), point: at(est), zero: at(0) };
}
