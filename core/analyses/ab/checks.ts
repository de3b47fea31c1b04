/**
 * The A/B analysis's pass/fail lines — the report's executive summary and monitors — from the
 * result alone: sample ratio, each guardrail, the primary metric per treatment, and the decision.
 */
import { num, percent, pIs } from '../../format/numbers';
import type { SummaryCheck } from '../module';
import { liftText } from './cli';
import type { AbResult } from './types';

export function abChecks(r: AbResult): SummaryCheck[] {
  const checks: SummaryCheck[] = [
    {
      plain: r.srm.message,
      check: 'Sample ratio mismatch (chi-square goodness of fit)',
      threshold: 'flag when p < 0.001',
      value: pIs(r.srm.p_value),
      status: r.srm.p_value === null ? 'info' : r.srm.flag ? 'fail' : 'pass',
    },
  ];
  for (const m of r.results.filter((x) => x.metric === r.primary)) {
    const stat = r.engine === 'bayesian' ? `chance to win ${percent(m.chance_to_win ?? null)}` : pIs(m.p_value);
    checks.push({
      plain:
        m.verdict === 'better'
          ? `“${m.variant}” improved ${m.metric} over “${r.control}”.`
          : m.verdict === 'worse'
            ? `“${m.variant}” made ${m.metric} worse than “${r.control}”.`
            : `“${m.variant}” is not yet distinguishable from “${r.control}” on ${m.metric}.`,
      check: `Primary metric ${m.metric}: ${m.variant} vs ${r.control}`,
      threshold: r.engine === 'bayesian' ? `chance to win ≥ ${percent(1 - r.alpha, 0)}` : `interval excludes 0 (α = ${num(r.alpha)})`,
      value: `${liftText(m)}; ${stat}`,
      status: m.verdict === 'better' ? 'pass' : m.verdict === 'worse' ? 'fail' : 'info',
    });
  }
  for (const g of r.guardrails) {
    checks.push({
      plain: g.message,
      check: `Guardrail ${g.guardrail} (${g.variant})`,
      threshold: g.guardrail,
      // As the guardrail table shows it: a relative limit's estimate and interval in percent.
      value: g.relative ? `${percent(g.estimate, 2)} [${percent(g.ci_low, 2)}, ${percent(g.ci_high, 2)}]` : `${num(g.estimate)} [${num(g.ci_low)}, ${num(g.ci_high)}]`,
      status: g.status === 'passed' ? 'pass' : g.status === 'failed' ? 'fail' : 'info',
    });
  }
  checks.push({
    plain: r.decision.reason,
    check: 'Decision',
    threshold: 'ship only with a winning primary metric, every guardrail passed, no SRM and enough units',
    value: r.decision.action,
    status: r.decision.action === 'ship' ? 'pass' : r.decision.action === 'roll back' ? 'fail' : 'info',
  });
  return checks;
}
