/**
 * Guardrails: a metric that must not get worse by more than a limit. `op` and `limit` bound the
 * lift (absolute in metric units, or relative): passed when the whole interval respects the bound
 * (non-inferiority shown), failed when the estimate itself breaks it, inconclusive in between.
 */
import type { GuardrailResult, GuardrailSpec, MetricResult } from './types';

function fmt(x: number, relative: boolean): string {
  return relative ? `${(x * 100).toPrecision(3)}%` : x.toPrecision(4);
}

export function evaluateGuardrail(g: GuardrailSpec, r: MetricResult): GuardrailResult {
  const estimate = g.relative ? r.relative_lift : r.absolute_lift;
  const low = g.relative ? r.ci_low : r.absolute_ci_low;
  const high = g.relative ? r.ci_high : r.absolute_ci_high;
  const base = { guardrail: g.text, metric: g.metric, variant: r.variant, limit: g.limit, relative: g.relative, estimate, ci_low: low, ci_high: high };
  const bound = fmt(g.limit, g.relative);
  if (estimate === null) {
    return { ...base, status: 'inconclusive', passed: false, message: `${g.text} for ${JSON.stringify(r.variant)}: the lift could not be estimated (${r.notes.join(' ') || 'no data'}).` };
  }
  const breaks = g.op === '<=' ? estimate > g.limit : estimate < g.limit;
  const edge = g.op === '<=' ? high : low;
  const holds = edge !== null && (g.op === '<=' ? edge <= g.limit : edge >= g.limit);
  const status = breaks ? 'failed' : holds ? 'passed' : 'inconclusive';
  const message =
    status === 'passed'
      ? `${g.text} passed for ${JSON.stringify(r.variant)}: the interval stays within ${bound}.`
      : status === 'failed'
        ? `${g.text} failed for ${JSON.stringify(r.variant)}: the lift ${fmt(estimate, g.relative)} is beyond ${bound}.`
        : edge === null
          ? `${g.text} not shown for ${JSON.stringify(r.variant)}: the one-sided interval has no bound on that side; use a two-sided analysis for guardrails.`
          : `${g.text} not yet shown for ${JSON.stringify(r.variant)}: the interval still reaches beyond ${bound}.`;
  return { ...base, status, passed: status === 'passed', message };
}
