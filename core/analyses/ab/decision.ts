/**
 * Ship / roll back / keep running, with one sentence of why. Order of precedence: an SRM flag
 * (results untrustworthy) and a failed guardrail are never "ship"; then sample size; then the
 * primary metric's verdict (best winning treatment ships only if all its guardrails passed).
 */
import type { Decision, GuardrailResult, MetricResult, PowerResult, SrmResult } from './types';

export interface DecisionResult {
  readonly action: Decision;
  readonly variant: string | null;
  readonly reason: string;
}

export function decide(primary: string, results: readonly MetricResult[], guardrails: readonly GuardrailResult[], srm: SrmResult, power: readonly PowerResult[]): DecisionResult {
  if (srm.flag) return { action: 'keep running', variant: null, reason: 'Do not ship: a sample ratio mismatch means assignment is broken; fix it and restart the experiment.' };
  const failed = guardrails.filter((g) => g.status === 'failed');
  if (failed.length > 0) return { action: 'roll back', variant: failed[0].variant, reason: `Roll back ${JSON.stringify(failed[0].variant)}: guardrail ${failed[0].guardrail} failed.` };
  const primaryResults = results.filter((r) => r.metric === primary && r.segment === undefined);
  const insufficient = power.filter((p) => p.metric === primary && p.insufficient_sample);
  if (insufficient.length > 0) return { action: 'keep running', variant: null, reason: `Keep running: too few units yet (${insufficient[0].message.split('.')[0].replace('Insufficient sample: ', '')}).` };
  const winners = primaryResults.filter((r) => r.verdict === 'better');
  const ranked = [...winners].sort((a, b) => Math.abs(b.relative_lift ?? b.absolute_lift ?? 0) - Math.abs(a.relative_lift ?? a.absolute_lift ?? 0));
  for (const w of ranked) {
    const pending = guardrails.filter((g) => g.variant === w.variant && g.status !== 'passed');
    if (pending.length === 0) return { action: 'ship', variant: w.variant, reason: `Ship ${JSON.stringify(w.variant)}: ${primary} improved${w.relative_lift !== null ? ` by ${(w.relative_lift * 100).toPrecision(3)}%` : ''} with every guardrail passed.` };
  }
  if (ranked.length > 0) return { action: 'keep running', variant: ranked[0].variant, reason: `Keep running: ${JSON.stringify(ranked[0].variant)} wins on ${primary} but a guardrail is not yet shown to hold.` };
  if (primaryResults.length > 0 && primaryResults.every((r) => r.verdict === 'worse')) {
    return { action: 'roll back', variant: primaryResults[0].variant, reason: `Roll back: every treatment is worse than control on ${primary}.` };
  }
  return { action: 'keep running', variant: null, reason: `Keep running: no treatment is yet distinguishable from control on ${primary}.` };
}
