/**
 * Ship / roll back / keep running, with one sentence of why. An SRM flag (assignment broken)
 * blocks everything; a treatment ships only if it wins on the primary metric, every one of its
 * guardrails passed and every arm has the minimum sample; a failed guardrail rolls its treatment
 * back unless another treatment is shippable; otherwise keep running (or roll back when every
 * treatment is worse on the primary metric).
 */
import type { Decision, GuardrailResult, MetricResult, PowerResult, SrmResult } from './types';

export interface DecisionResult {
  readonly action: Decision;
  readonly variant: string | null;
  readonly reason: string;
}

const pct = (x: number): string => `${(x * 100).toPrecision(3)}%`;

export function decide(primary: string, results: readonly MetricResult[], guardrails: readonly GuardrailResult[], srm: SrmResult, power: readonly PowerResult[]): DecisionResult {
  if (srm.flag) return { action: 'keep running', variant: null, reason: 'Do not ship: a sample ratio mismatch means assignment is broken; fix it and restart the experiment.' };
  const primaryResults = results.filter((r) => r.metric === primary && r.segment === undefined);
  const insufficient = power.find((p) => p.metric === primary && p.insufficient_sample);
  const failed = guardrails.filter((g) => g.status === 'failed');
  const failedVariants = new Set(failed.map((g) => g.variant));
  const winners = primaryResults
    .filter((r) => r.verdict === 'better')
    .sort((a, b) => Math.abs(b.relative_lift ?? b.absolute_lift ?? 0) - Math.abs(a.relative_lift ?? a.absolute_lift ?? 0));
  const shippable = winners.find((w) => !failedVariants.has(w.variant) && guardrails.every((g) => g.variant !== w.variant || g.status === 'passed'));
  if (shippable && !insufficient) {
    const also = failed.length > 0 ? ` (${JSON.stringify(failed[0].variant)} failed guardrail ${failed[0].guardrail} and is not shipped)` : '';
    const by = shippable.relative_lift !== null ? ` by ${pct(shippable.relative_lift)}` : '';
    return { action: 'ship', variant: shippable.variant, reason: `Ship ${JSON.stringify(shippable.variant)}: ${primary} improved${by} with every guardrail passed${also}.` };
  }
  if (failed.length > 0) return { action: 'roll back', variant: failed[0].variant, reason: `Roll back ${JSON.stringify(failed[0].variant)}: guardrail ${failed[0].guardrail} failed.` };
  if (insufficient) return { action: 'keep running', variant: null, reason: `Keep running: too few units yet (${Math.min(...primaryResults.map((r) => Math.min(r.control_n, r.treatment_n)))} in the smallest arm, minimum per variant not reached).` };
  if (winners.length > 0) return { action: 'keep running', variant: winners[0].variant, reason: `Keep running: ${JSON.stringify(winners[0].variant)} wins on ${primary} but a guardrail is not yet shown to hold.` };
  if (primaryResults.length > 0 && primaryResults.every((r) => r.verdict === 'worse')) {
    return { action: 'roll back', variant: primaryResults[0].variant, reason: `Roll back: every treatment is worse than control on ${primary}.` };
  }
  return { action: 'keep running', variant: null, reason: `Keep running: no treatment is yet distinguishable from control on ${primary}.` };
}
