/** The drift section: per-column table, then distribution charts (drifted columns, or all on request). */
import type { DriftColumnResult, DriftResult } from '../../analyses/drift/types';
import { P_VALUE_TESTS } from '../../analyses/drift/types';
import { h, join, slug, type SafeHtml } from '../escape';
import { int, num, percent, pValue } from '../../format/numbers';
import { distributionBars, distributionChart, ecdfChart } from '../../analyses/drift/charts';
import { chartSvg } from '../charts';
import type { SectionRenderer } from '../types';
import { driftOf } from './drift-run';
import { BINNING, TEST_DEFINITIONS } from './drift-methods';
import { datasetChecks, datasetDriftPlain, ruleText, testName, valueText } from '../../analyses/drift/checks';

export { datasetDriftPlain, ruleText } from '../../analyses/drift/checks';

export function verdict(c: DriftColumnResult): SafeHtml {
  if (c.error !== null) return h`<span class="badge na">not tested</span>`;
  return c.drifted ? h`<span class="badge fail">drifted</span>` : h`<span class="badge pass">no drift</span>`;
}

function driftTable(r: DriftResult): SafeHtml {
  const rows = r.columns.map(
    (c) => h`<tr class="${c.drifted ? 'drifted' : ''}">
<td class="name">${c.drifted || c.error === null ? h`<a href="#col-${slug(c.column)}">${c.column}</a>` : c.column}</td>
<td>${c.role ?? '—'}</td><td>${c.kind}</td><td>${testName(c)}${c.method ? h` <span class="muted">(${c.method})</span>` : ''}</td>
<td class="n">${num(c.statistic)}</td><td class="n">${c.test !== null && P_VALUE_TESTS.has(c.test) ? pValue(c.p_value) : '—'}</td>
<td class="n">${ruleText(c)}</td><td>${verdict(c)}</td>
<td class="n">${int(c.n_reference)} / ${int(c.n_current)}</td><td class="n">${int(c.missing_reference)} / ${int(c.missing_current)}</td></tr>`,
  );
  return h`<table class="data">
<thead><tr><th>column</th><th>role</th><th>kind</th><th>test</th><th class="n">statistic</th><th class="n">p-value</th><th class="n">drift when</th><th>result</th><th class="n">values ref / cur</th><th class="n">missing ref / cur</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function quantileTable(c: DriftColumnResult): SafeHtml | null {
  const d = c.distribution;
  if (!d?.reference_quantiles || !d.current_quantiles) return null;
  const q = d.reference_quantiles.q;
  return h`<table class="data compact quantiles"><thead><tr><th>quantile</th>${q.map((x) => h`<th class="n">${x === 0 ? 'min' : x === 1 ? 'max' : `${Math.round(x * 100)}%`}</th>`)}</tr></thead>
<tbody><tr><td>reference</td>${d.reference_quantiles.values.map((v) => h`<td class="n">${num(v)}</td>`)}</tr>
<tr><td>current</td>${d.current_quantiles.values.map((v) => h`<td class="n">${num(v)}</td>`)}</tr></tbody></table>`;
}

/** One column's block: facts, bin-share chart, ECDF (numerical), quantile table. */
export function columnDetail(c: DriftColumnResult): SafeHtml {
  const d = c.distribution;
  const facts = h`<p class="facts">${c.kind} column${c.role ? h`, role ${c.role}` : ''} · test ${testName(c)} · ${valueText(c)} · drift when ${ruleText(c)} · ${verdict(c)}${
    c.raw_distance !== null ? h` · raw distance ${num(c.raw_distance)}` : ''
  }</p>${c.note ? h`<p class="note">Note: ${c.note}.</p>` : ''}${c.error ? h`<p class="note">Not tested: ${c.error}.</p>` : ''}`;
  if (!d) return h`<div class="column" id="col-${slug(c.column)}"><h4>${c.column}</h4>${facts}</div>`;
  const barSpec = distributionChart(c);
  const ecdfSpec = d.ks_gap ? ecdfChart(c) : null;
  const folded = distributionBars(c)?.folded ?? 0;
  const qt = quantileTable(c);
  return h`<div class="column" id="col-${slug(c.column)}"><div class="keep"><h4>${c.column}</h4>${facts}
${barSpec ? h`<figure class="chart">${chartSvg(barSpec)}<figcaption>Share of non-missing values in each ${c.kind === 'numerical' ? 'reference-decile bin' : 'category'}: reference (blue) vs current (orange).${
    folded > 0 ? ` The largest ${d.labels.length - folded} groups are drawn; the other ${folded} are summed.` : ''
  }</figcaption></figure>` : ''}</div>
${ecdfSpec ? h`<figure class="chart">${chartSvg(ecdfSpec)}<figcaption>Empirical cumulative distribution functions (up to 200 quantile points each); the red segment marks the largest vertical gap D${c.test === 'ks' ? ', the KS statistic' : ' (the KS distance)'}.</figcaption></figure>` : ''}
${qt ?? ''}</div>`;
}

export const driftSection: SectionRenderer = {
  checks: (input) => datasetChecks(driftOf(input).result),
  methods(input) {
    const { result } = driftOf(input);
    const used = [...new Set(result.columns.map((c) => c.test).filter((t): t is NonNullable<typeof t> => t !== null))];
    const defs = used.map((t) => {
      const d = TEST_DEFINITIONS[t];
      const cols = result.columns.filter((c) => c.test === t);
      const thresholds = [...new Set(cols.map((c) => c.threshold))].map((x) => num(x)).join(', ');
      return h`<h4>${d.name} <span class="muted">(${t})</span></h4><p>${d.definition}</p><p><b>Decision:</b> ${d.rule}; threshold${cols.length > 1 && thresholds.includes(',') ? 's' : ''} used: ${thresholds}.</p>`;
    });
    const why = result.columns.map(
      (c) => h`<tr><td class="name">${c.column}</td><td>${c.kind}</td><td>${testName(c)}</td><td class="n">${ruleText(c)}</td><td>${c.reason}</td></tr>`,
    );
    return h`<h3>Drift tests</h3>
<p>Each column present in both datasets is compared between the reference and the current data with one test, chosen per column
(the defaults follow Evidently's data-drift preset: a p-value test when the reference has few values, a distance otherwise). The dataset is
said to drift when the share of drifted columns among those tested reaches ${percent(result.drift_share_threshold, 0)}.</p>
${BINNING}
${join(defs)}
<h4>Test chosen for each column, and why</h4>
<table class="data"><thead><tr><th>column</th><th>kind</th><th>test</th><th class="n">drift when</th><th>why this test</th></tr></thead><tbody>${why}</tbody></table>`;
  },
  render(input) {
    const r = driftOf(input).result;
    const shown = input.charts === 'all' ? r.columns.filter((c) => c.distribution) : r.columns.filter((c) => c.drifted);
    return h`<p class="lead">${datasetDriftPlain(r)} Reference: ${int(r.n_reference_rows)} rows; current: ${int(r.n_current_rows)} rows.</p>
<h3>Drift per column</h3>
${driftTable(r)}
<h3>Distributions${input.charts === 'all' ? '' : ' of drifted columns'}</h3>
${shown.length === 0 ? h`<p>No column drifted, so no distribution is shown. Ask for all charts to see every column.</p>` : join(shown.map(columnDetail))}`;
  },
};
