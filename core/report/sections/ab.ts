/**
 * The A/B section, for the product or ML lead deciding whether to ship: the design (who was
 * compared, on what), the sample-ratio check in plain words, the lift of every metric × treatment
 * with its interval (a table, and the A/B screen's forest plot), the cumulative lift per day,
 * guardrails, the decision with its one-sentence reason, the segment breakdown, and the methods
 * behind each number.
 */
import { liftChart, overTimeChart, segmentChart } from '../../analyses/ab/charts';
import { liftText } from '../../analyses/ab/cli';
import { abChecks } from '../../analyses/ab/checks';
import type { AbModuleOptions } from '../../analyses/ab/schema';
import type { AbResult, MetricResult } from '../../analyses/ab/types';
import type { ChartSpec } from '../../analyses/chart';
import type { AnalysisRun } from '../../analyses/module';
import { int, num, percent, pIs, pValue } from '../../format/numbers';
import { chartSvg } from '../charts';
import { h, join, type SafeHtml } from '../escape';
import { runOf, type ReportInput, type SectionRenderer } from '../types';

function abOf(input: ReportInput): AnalysisRun<AbResult, AbModuleOptions> {
  return runOf(input, 'ab') as AnalysisRun<AbResult, AbModuleOptions>;
}

function verdictBadge(r: MetricResult): SafeHtml {
  return r.verdict === 'better' ? h`<span class="badge pass">better</span>` : r.verdict === 'worse' ? h`<span class="badge fail">worse</span>` : h`<span class="badge na">inconclusive</span>`;
}

function resultsTable(r: AbResult, rows: readonly MetricResult[], segment: boolean): SafeHtml {
  const bayes = r.engine === 'bayesian';
  const body = rows.map(
    (m) => h`<tr>${segment ? h`<td class="name">${m.segment ?? ''}</td>` : ''}<td class="name">${m.metric}</td><td>${m.variant}</td>
<td class="n">${num(m.control_mean)}</td><td class="n">${num(m.treatment_mean)}</td><td class="n">${liftText(m)}</td>
<td class="n">${bayes ? percent(m.chance_to_win ?? null) : pValue(m.p_value)}</td><td class="n">${pValue(m.p_value_adjusted)}</td>${segment ? '' : h`<td>${m.test}</td>`}<td>${verdictBadge(m)}</td></tr>`,
  );
  return h`<table class="data compact"><thead><tr>${segment ? h`<th>segment</th>` : ''}<th>metric</th><th>treatment</th><th class="n">control</th><th class="n">treatment</th><th class="n">lift [interval]</th>
<th class="n">${bayes ? 'chance to win' : 'p-value'}</th><th class="n">adjusted p</th>${segment ? '' : h`<th>test</th>`}<th>result</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** A chart of the module's, with its caption; nothing when the result has nothing to draw. */
function figure(spec: ChartSpec | null, caption: string): SafeHtml {
  return spec ? h`<figure class="chart">${chartSvg(spec)}<figcaption>${caption}</figcaption></figure>` : h``;
}

/** "latency_ms:p99<=+50" may wrap before its limit, not inside "+50" (the name column is narrow). */
function breakBeforeLimit(guardrail: string): SafeHtml {
  const at = guardrail.search(/[<>]/);
  return at > 0 ? h`${guardrail.slice(0, at)}<wbr>${guardrail.slice(at)}` : h`${guardrail}`;
}

function design(run: AnalysisRun<AbResult, AbModuleOptions>): SafeHtml {
  const r = run.result;
  const o = run.settings.options;
  const variants = r.variants.map((v) => h`<tr><td class="name">${v.name}</td><td>${v.role}</td><td class="n">${int(v.counts.rows)}</td><td class="n">${int(v.units)}</td><td class="n">${int(v.counts.duplicates_dropped)}</td></tr>`);
  const engine = r.engine === 'bayesian' ? 'Bayesian (GrowthBook’s Gaussian approximation, uninformative prior)' : r.sequential ? 'frequentist, sequential (always-valid intervals)' : 'frequentist (fixed horizon)';
  return h`<h3>Design</h3>
<p>Variant column <b>${r.variant_column}</b>; control <b>${r.control}</b>; treatment${r.treatments.length === 1 ? '' : 's'} ${r.treatments.map((t, i) => h`${i ? ', ' : ''}<b>${t}</b>`)}.
${o.unit ? h`Unit column <b>${o.unit}</b> (first exposure per unit kept). ` : 'Each row is one unit. '}Primary metric <b>${r.primary}</b>. Engine: ${engine}; α = ${num(r.alpha)}, ${r.sides === 2 ? 'two-sided' : 'one-sided'};
multiple-testing correction: ${r.correction === 'holm' ? 'Holm–Bonferroni' : r.correction === 'bh' ? 'Benjamini–Hochberg' : 'none'}.
${run.settings.where ? h`Segment filter: <code>${run.settings.where}</code>.` : ''}</p>
<table class="data compact"><thead><tr><th>variant</th><th>role</th><th class="n">rows</th><th class="n">units analysed</th><th class="n">duplicates dropped</th></tr></thead><tbody>${variants}</tbody></table>
${r.rows_without_variant > 0 ? h`<p class="note">${int(r.rows_without_variant)} rows had no variant value and were left out.</p>` : ''}`;
}

export const abSection: SectionRenderer = {
  checks: (input) => abChecks(abOf(input).result),
  methods(input) {
    const r = abOf(input).result;
    return h`<h3>A/B test</h3>
<table class="data compact"><thead><tr><th>quantity</th><th>definition</th></tr></thead><tbody>
<tr><td>absolute lift</td><td>treatment mean − control mean (per unit; a ratio metric is Σ numerator / Σ denominator per arm).</td></tr>
<tr><td>relative lift</td><td>absolute lift / control mean; its interval by the delta method (GrowthBook’s frequentist engine). Undefined when control’s mean is 0.</td></tr>
<tr><td>binomial metrics</td><td>pooled two-proportion z-test (two_proportion_z).</td></tr>
<tr><td>mean metrics</td><td>Welch’s two-sample t-test with Welch–Satterthwaite degrees of freedom (welch_t); with CUPED, on the covariate-adjusted means (welch_t_cuped), θ = Cov(Y, X)/Var(X) pooled over arms.</td></tr>
<tr><td>ratio metrics</td><td>delta-method variance of Σ numerator / Σ denominator per unit (delta_method_t).</td></tr>
<tr><td>quantile metrics</td><td>sample quantile (numpy’s linear rule) with a distribution-free order-statistic interval, or a seeded bootstrap; lift tested with a normal z (quantile_z).</td></tr>
<tr><td>Bayesian</td><td>chance to win = P(treatment better than control) under a normal posterior for the relative lift with an uninformative prior; risk = expected loss of choosing each arm.</td></tr>
<tr><td>sequential</td><td>GrowthBook’s asymptotic confidence sequences${r.sequential ? h` (tuning N = ${num(abOf(input).settings.options.sequentialTuning ?? 5000)})` : ''}: intervals valid at every look, so daily peeking is honest.</td></tr>
<tr><td>sample ratio mismatch</td><td>chi-square goodness of fit of the units per variant against the expected weights (equal unless set); flagged at p &lt; 0.001.</td></tr>
<tr><td>multiple testing</td><td>Holm–Bonferroni (family-wise error) or Benjamini–Hochberg (false discovery rate) across every metric × treatment; the segment breakdown is adjusted across all its segment × metric × treatment rows, and a segment’s better/worse verdict comes from its adjusted p-value (frequentist engine), not from its unadjusted interval.</td></tr>
<tr><td>guardrail</td><td>passed when the whole interval respects the limit, failed when the estimate breaks it, inconclusive otherwise.</td></tr>
<tr><td>decision</td><td>ship only when the primary metric wins, every guardrail of that treatment passed, no SRM flag and every arm has the minimum sample; roll back on a failed guardrail or a primary metric worse in every treatment; otherwise keep running.</td></tr>
</tbody></table>`;
  },
  render(input) {
    const run = abOf(input);
    const r = run.result;
    const srm = h`<p class="${r.srm.flag ? 'note' : ''}"><b>Sample ratio ${r.srm.flag ? 'MISMATCH' : 'check passed'}</b> (chi-square = ${num(r.srm.statistic)}, ${pIs(r.srm.p_value)}). ${r.srm.message}</p>`;
    const guardrails = r.guardrails.length
      ? h`<h3>Guardrails</h3><table class="data compact"><thead><tr><th>guardrail</th><th>treatment</th><th class="n">estimate</th><th class="n">interval</th><th>status</th><th>meaning</th></tr></thead><tbody>${r.guardrails.map(
          (g) => h`<tr><td class="name">${breakBeforeLimit(g.guardrail)}</td><td>${g.variant}</td><td class="n">${g.relative ? percent(g.estimate, 2) : num(g.estimate)}</td><td class="n">[${g.relative ? percent(g.ci_low, 2) : num(g.ci_low)}, ${g.relative ? percent(g.ci_high, 2) : num(g.ci_high)}]</td>
<td>${g.status === 'passed' ? h`<span class="badge pass">passed</span>` : g.status === 'failed' ? h`<span class="badge fail">failed</span>` : h`<span class="badge na">inconclusive</span>`}</td><td>${g.message}</td></tr>`,
        )}</tbody></table>`
      : h`<h3>Guardrails</h3><p>No guardrail was set.</p>`;
    const power = r.power.length
      ? h`<p>${r.power.map((p) => h`${p.message} `)}</p>`
      : '';
    const interval = r.engine === 'bayesian' ? 'credible interval' : r.sequential ? 'always-valid interval' : 'confidence interval';
    const segments = r.segments
      ? h`<h3>By ${r.segments.column}</h3><p>Each segment is compared on its own; p-values are adjusted across the whole breakdown. ${r.segments.significance}</p>${resultsTable(r, r.segments.results, true)}
${join([...new Set(r.segments.results.map((x) => x.metric))].map((m) => figure(segmentChart(r, m), `Lift of ${m} in each ${r.segments!.column} segment, with its ${interval}; green = better, red = worse, grey = not distinguishable.`)))}`
      : '';
    const overTime = (r.over_time ?? []).map((s) => figure(overTimeChart(s), `Cumulative lift of ${s.metric} (${s.variant} vs control) up to each day, with its ${interval} narrowing as units arrive.`));
    return h`<p class="lead"><b>Decision: ${r.decision.action}${r.decision.variant ? h` (${r.decision.variant})` : ''}.</b> ${r.decision.reason}</p>
${design(run)}
<h3>Sample ratio</h3>${srm}
<h3>Results</h3>
<p>Lift of each treatment over control; intervals are ${r.engine === 'bayesian' ? 'credible' : r.sequential ? 'always-valid (sequential)' : 'confidence'} intervals at ${percent(1 - r.alpha, 0)}; green = better, red = worse, grey = not distinguishable.</p>
${resultsTable(r, r.results, false)}
${figure(liftChart(r), `Relative lift of each metric over control (absolute where control’s mean is 0), with its ${interval}; the line is no effect.`)}
${overTime.length ? h`<h3>Lift over time</h3>${join(overTime)}` : ''}
${power}
${guardrails}
${segments}
${r.notes.length ? h`<p class="note">Notes: ${r.notes.map((n) => h`${n} `)}</p>` : ''}`;
  },
};
