/**
 * The performance section, for the model owner and the auditor: what was measured on which rows,
 * the metrics beside the reference's, the confusion matrix, ROC / PR / calibration, metrics over
 * time with label coverage, the worst segments and the degradation flags — and in Methods, every
 * metric's definition and the conventions where sklearn's leave a choice.
 */
import { performanceChecks } from '../../analyses/performance/checks';
import { METRIC_DEFINITIONS } from '../../analyses/performance/definitions';
import type { PerformanceRunResult } from '../../analyses/performance/run';
import type { PerformanceOptions } from '../../analyses/performance/types';
import type { AnalysisRun } from '../../analyses/module';
import { int, num, percent } from '../../format/numbers';
import { h, join, type SafeHtml } from '../escape';
import { calibrationChart, confusionChart, overTimeChart, prChart, residualCharts, rocChart, scoreDistributionChart } from '../../analyses/performance/charts';
import { chartSvg } from '../charts';
import { runOf, type ReportInput, type SectionRenderer } from '../types';
import { HEADLINE_METRICS } from '../../analyses/performance/evaluate';

type PerformanceRun = AnalysisRun<PerformanceRunResult, PerformanceOptions>;

function performanceOf(input: ReportInput): PerformanceRun {
  return runOf(input, 'performance') as PerformanceRun;
}

function metricsTable(run: PerformanceRun): SafeHtml {
  const r = run.result;
  const ref = r.reference;
  const rows = Object.entries(r.metrics).map(([k, v]) => {
    const d = METRIC_DEFINITIONS[k];
    return h`<tr><td class="name">${d?.name ?? k} <span class="muted">(${k})</span></td><td class="n">${num(v)}</td>${ref ? h`<td class="n">${num(ref.metrics[k] ?? null)}</td>` : ''}<td>${r.undefined_metrics[k] ?? ''}</td></tr>`;
  });
  return h`<table class="data compact"><thead><tr><th>metric</th><th class="n">current</th>${ref ? h`<th class="n">reference</th>` : ''}<th>note</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function confusionTable(r: PerformanceRunResult): SafeHtml {
  const c = r.confusion!;
  const rows = c.matrix.map((row, i) => h`<tr><th>${c.labels[i]}</th>${row.map((v, j) => h`<td class="n">${int(v)} <span class="muted">(${percent(c.normalized.true[i]?.[j] ?? 0)})</span></td>`)}</tr>`);
  return h`<table class="data compact confusion"><thead><tr><th>actual \\ predicted</th>${c.labels.map((l) => h`<th class="n">${l}</th>`)}</tr></thead><tbody>${rows}</tbody></table>
<p class="note">Counts, with the share of the actual class in brackets (sklearn's normalize='true'). Rows are the actual class, columns the predicted class.</p>`;
}

/** Two charts side by side on the page, each drawn at half the text width. */
const HALF = { width: 330, height: 380 } as const;

function curves(r: PerformanceRunResult): SafeHtml {
  const b = r.binary;
  if (!b?.roc || !b.pr || !b.table) return h``;
  const table = b.table;
  const roc = rocChart(r);
  const pr = prChart(r);
  const cal = calibrationChart(r);
  const scores = scoreDistributionChart(r);
  const o = b.optimal;
  return h`<div class="keep"><h3>ROC, precision–recall and calibration</h3>
<div class="row2">${roc ? h`<figure class="chart half">${chartSvg(roc, HALF)}</figure>` : ''}${pr ? h`<figure class="chart half">${chartSvg(pr, HALF)}</figure>` : ''}</div>
<p class="note">Marked points: the threshold in use (circle), the threshold that maximises F1 (diamond), Youden's J = TPR − FPR (square) and the one that minimises
${num(table.cost_fp)}·FP + ${num(table.cost_fn)}·FN (triangle).</p></div>
${cal || scores ? h`<div class="row2">${cal ? h`<figure class="chart half">${chartSvg(cal, HALF)}</figure>` : ''}${scores ? h`<figure class="chart half">${chartSvg(scores, HALF)}</figure>` : ''}</div>
<p class="note">Calibration: ${b.calibration?.strategy ?? '—'} bins, observed share of positives against the mean score. Scores by true class: rows per score bin${r.threshold !== null ? h`; the dashed line is the threshold ${num(r.threshold)}` : ''}.</p>` : ''}
<table class="data compact"><thead><tr><th>optimal threshold</th><th class="n">threshold</th><th class="n">value</th></tr></thead><tbody>
<tr><td>maximum F1</td><td class="n">${num(o?.f1?.threshold)}</td><td class="n">F1 ${num(o?.f1?.value)}</td></tr>
<tr><td>maximum Youden's J</td><td class="n">${num(o?.youden?.threshold)}</td><td class="n">J ${num(o?.youden?.value)}</td></tr>
<tr><td>minimum cost</td><td class="n">${num(o?.cost?.threshold)}</td><td class="n">cost ${num(o?.cost?.value)}</td></tr></tbody></table>`;
}

function overTime(r: PerformanceRunResult): SafeHtml {
  const o = r.over_time;
  if (!o || o.chunks.length === 0) return h``;
  const flagged = new Set((r.degradation?.flags ?? []).map((f) => f.metric));
  const charts = HEADLINE_METRICS[r.task].filter((m) => m in (o.chunks[0]?.metrics ?? {})).map((m) => {
    const band = o.band[m] ?? null;
    return h`<figure class="chart">${chartSvg(overTimeChart(o, m))}<figcaption>${METRIC_DEFINITIONS[m]?.name ?? m} per chunk${band ? ', with the band of the reference chunks (mean ± 3σ)' : ''}; grey bars: the share of rows labelled${flagged.has(m) ? ' — flagged as degraded' : ''}.</figcaption></figure>`;
  });
  const rows = o.chunks.map((c) => h`<tr><td>${c.label}</td><td class="n">${int(c.rows)}</td><td class="n">${percent(c.rows ? c.labelled / c.rows : null)}</td>${HEADLINE_METRICS[r.task].map((m) => h`<td class="n">${num(c.metrics[m] ?? null)}</td>`)}</tr>`);
  return h`<h3>Over time</h3>${join(charts)}
<table class="data compact"><thead><tr><th>chunk</th><th class="n">rows</th><th class="n">labelled</th>${HEADLINE_METRICS[r.task].map((m) => h`<th class="n">${m}</th>`)}</tr></thead><tbody>${rows}</tbody></table>`;
}

function segments(r: PerformanceRunResult): SafeHtml {
  return join(r.segments.map((s) => {
    const worst = s.rows.slice(0, 10);
    return h`<h3>Worst segments by ${s.column}</h3><table class="data compact"><thead><tr><th>${s.column}</th><th class="n">rows</th><th class="n">labelled</th><th class="n">${s.sort_metric}</th></tr></thead><tbody>
${worst.map((row) => h`<tr><td class="name">${row.value ?? '(missing)'}</td><td class="n">${int(row.rows)}</td><td class="n">${int(row.labelled)}</td><td class="n">${num(row.metrics[s.sort_metric] ?? null)}</td></tr>`)}</tbody></table>
${s.rows.length > worst.length ? h`<p class="note">The ${worst.length} worst of ${s.rows.length} values, sorted by ${s.sort_metric}.</p>` : ''}`;
  }));
}

function degradation(r: PerformanceRunResult): SafeHtml {
  const d = r.degradation;
  if (!d) return h``;
  if (d.flags.length === 0) return h`<h3>Degradation</h3><p>No watched metric is more than ${percent(d.relative_drop, 0)} worse than the ${d.baseline ?? 'trend'} baseline, and none worsens steadily over the last ${d.trend_chunks} chunks.</p>`;
  return h`<h3>Degradation</h3><table class="data compact"><thead><tr><th>metric</th><th>kind</th><th class="n">baseline</th><th class="n">value</th><th class="n">worse by</th><th>since</th></tr></thead><tbody>
${d.flags.map((f) => h`<tr class="drifted"><td>${f.metric}</td><td>${f.kind === 'drop' ? 'drop' : 'downward trend'}</td><td class="n">${num(f.baseline)}</td><td class="n">${f.kind === 'trend' ? h`slope ${num(f.slope)} / chunk` : num(f.value)}</td><td class="n">${percent(f.relative)}</td><td>${f.since ?? 'whole dataset'}</td></tr>`)}</tbody></table>`;
}

export const performanceSection: SectionRenderer = {
  checks: (input) => performanceChecks(performanceOf(input).result),
  methods(input) {
    const r = performanceOf(input).result;
    const defs = Object.keys(r.metrics).map((k) => {
      const d = METRIC_DEFINITIONS[k];
      return h`<tr><td class="name">${d?.name ?? k}</td><td><code>${k}</code></td><td>${d?.definition ?? ''}</td><td><code>${d?.sklearn ?? ''}</code></td></tr>`;
    });
    return h`<h3>Model performance</h3>
<p>The label is compared with the model's ${r.columns.score !== null ? 'score' : 'prediction'} on every row that has both; rows without a label are left out and counted
(label coverage), as are labelled rows without a usable score or prediction. Every metric equals scikit-learn's function of the same name on the same rows
(tested against sklearn 1.2). ${r.task === 'binary' && r.threshold !== null ? h`A row is predicted positive when its score is at least the threshold (${num(r.threshold)}), as sklearn's curves count. ` : ''}
Where a denominator is zero, precision, recall and F-scores are 0 (sklearn's zero_division default); ROC AUC with a single class present is undefined and said so;
log loss clips scores to [ε, 1 − ε]. Over time, the band is the mean ± 3 standard deviations of the reference dataset's chunks. A metric is flagged as degraded when it
is worse than the baseline by more than ${percent(r.degradation?.relative_drop ?? 0.05, 0)} (relative), or when the least-squares line over the last chunks worsens by more than that.</p>
<table class="data compact"><thead><tr><th>metric</th><th>key</th><th>definition</th><th>sklearn</th></tr></thead><tbody>${defs}</tbody></table>`;
  },
  render(input) {
    const run = performanceOf(input);
    const r = run.result;
    const cols = [`label “${r.columns.label}”`, r.columns.score !== null ? `score “${r.columns.score}”` : null, r.columns.prediction !== null ? `prediction “${r.columns.prediction}”` : null].filter(Boolean).join(', ');
    return h`<p class="lead">${r.task} model on “${String(run.settings.current)}”${r.reference ? h` against “${String(run.settings.reference)}”` : ''}: ${cols}.
${int(r.rows)} rows, ${int(r.labelled)} labelled (${percent(r.rows ? r.labelled / r.rows : null)}), ${int(r.evaluated)} evaluated.</p>
${r.notes.length ? h`<p class="note">${join(r.notes.map((n) => h`${n}. `))}</p>` : ''}
<h3>Metrics</h3>${metricsTable(run)}
${r.confusion ? h`<div class="keep"><h3>Confusion matrix</h3>${confusionTable(r)}</div><figure class="chart confusion">${chartSvg(confusionChart(r.confusion))}</figure>` : ''}
${curves(r)}
${r.regression ? h`<h3>Residuals</h3><div class="row2">${join(residualCharts(r).map((c) => h`<figure class="chart half">${chartSvg(c, HALF)}</figure>`))}</div>
<p class="note">Residuals (prediction − label): mean ${num(r.metrics.mean_error)}, median absolute ${num(r.metrics.median_absolute_error)}.${r.regression.residuals.sampled ? ' The scatter draws a sample of the rows.' : ''}</p>` : ''}
${degradation(r)}
${overTime(r)}
${segments(r)}`;
  },
};
