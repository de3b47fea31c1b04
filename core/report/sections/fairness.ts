/**
 * The Fairness chapter, written for a compliance reader who signs the report: what was audited
 * (decision, label, attributes), which reference group each attribute was compared with and why,
 * what passed and failed at τ, which groups were too small to judge, the group table with sizes
 * and intervals, the disparity plots, Fairlearn's summary numbers, and the definitions.
 */
import { fairnessChecks } from '../../analyses/fairness/checks';
import { decisionText } from '../../analyses/fairness/cli';
import { disparityChart, KEY_METRICS, METRIC_NAMES, overTimeChart, overTimeGroups } from '../../analyses/fairness/charts';
import { judgeGroup } from '../../analyses/fairness/judgement';
import { DISPARITY_RATES, PARITY_NAMES, ROLLUPS, type AttributeResult, type DisparityRate, type FairnessResult, type GroupResult } from '../../analyses/fairness/types';
import type { FairnessRunOptions } from '../../analyses/fairness/run-options';
import type { AnalysisRun } from '../../analyses/module';
import type { ChartSpec } from '../../analyses/chart';
import { int, num } from '../../format/numbers';
import { h, join, type SafeHtml } from '../escape';
import { chartSvg } from '../charts';
import { runOf, type ReportInput, type SectionRenderer } from '../types';

export function fairnessOf(input: ReportInput): AnalysisRun<FairnessResult, FairnessRunOptions> {
  return runOf(input, 'fairness') as AnalysisRun<FairnessResult, FairnessRunOptions>;
}

function referenceWhy(a: AttributeResult): string {
  if (a.reference_method === 'chosen') return 'chosen by the analyst';
  if (a.reference_method === 'majority') return 'the largest group (Aequitas’s default, “majority”)';
  return 'per metric, the group with the smallest rate (Aequitas “min_metric”)';
}

function interval(iv: { low: number; high: number } | undefined): SafeHtml | string {
  return iv ? h`<span class="muted">[${num(iv.low, 3)}, ${num(iv.high, 3)}]</span>` : '';
}

/**
 * The verdict at τ: plain wrapping text under the group's name (a badge does not wrap; a column of
 * its own was squeezed to a word per line beside nine columns of numbers and intervals).
 */
function statusBadge(r: FairnessResult, g: GroupResult): SafeHtml {
  const j = judgeGroup(r, g);
  const unjudged = j.unjudgedFailed.length ? h`<br><span class="muted">not judged: ${j.unjudgedFailed.join(', ')}</span>` : '';
  switch (j.status) {
    case 'reference': return h`reference`;
    case 'too_small': return h`<span class="muted">too small to judge${j.unjudgedFailed.length ? h`; outside the band, not counted: ${j.unjudgedFailed.join(', ')}` : ''}</span>`;
    case 'fail': return h`<b>fails</b> ${j.failed.join(', ')}${unjudged}`;
    case 'undefined': return h`undefined`;
    default: return h`within${unjudged}`;
  }
}

/** Groups a verdict sentence names before it counts the rest. */
const NAMED_GROUPS = 6;

export function verdictSentence(r: FairnessResult, a: AttributeResult): SafeHtml {
  const groups = r.groups.filter((g) => g.attribute === a.attribute);
  const failing = groups.map((g) => ({ g, j: judgeGroup(r, g) })).filter((x) => x.j.status === 'fail');
  const unjudged = groups.filter((g) => judgeGroup(r, g).status === 'too_small');
  // An intersection's dozens of groups made this sentence a page-wide wall: the first few are
  // named, the rest counted — each group's verdict is in its row of the table below.
  const more = (n: number) => (n > 0 ? h`; and ${n} more (their verdicts are in the table below)` : '');
  const fails = failing.length
    ? h`<b>${failing.length} of ${groups.length - 1 - unjudged.length} judged groups fail parity</b>: ${join(failing.slice(0, NAMED_GROUPS).map((x, i) => h`${i ? '; ' : ''}“${x.g.group}” on ${x.j.failed.join(', ')}`))}${more(failing.length - NAMED_GROUPS)}.`
    : h`<b>Every judged group is within the parity band on every defined metric.</b>`;
  const small = unjudged.length ? h` ${unjudged.length} group(s) were too small to judge and are not counted either way: ${join(unjudged.slice(0, NAMED_GROUPS).map((g, i) => h`${i ? ', ' : ''}“${g.group}” (${int(g.size)} rows)`))}${more(unjudged.length - NAMED_GROUPS)}.` : '';
  return h`<p>${fails}${small}</p>`;
}

function groupTable(r: FairnessResult, a: AttributeResult): SafeHtml {
  const groups = r.groups.filter((g) => g.attribute === a.attribute);
  const rows = groups.map((g) => {
    const greyed = judgeGroup(r, g).status === 'too_small';
    const rate = (m: 'pprev' | 'fpr' | 'fnr' | 'precision') => h`<td class="n">${g[m] === null ? '—' : num(g[m], 3)}<br>${interval(g.rate_intervals[m])}</td>`;
    const disp = (m: DisparityRate) => h`<td class="n">${g[`${m}_disparity`] === null ? '—' : num(g[`${m}_disparity`], 3)}<br>${interval(g.disparity_intervals[m])}</td>`;
    return h`<tr class="${greyed ? 'muted' : ''}"><td class="name">${g.group}${g.pooled ? h` <span class="muted">(pooled)</span>` : ''}<div class="verdict" style="font-weight:400">${statusBadge(r, g)}</div></td><td class="n">${int(g.size)}</td>
${rate('pprev')}${rate('fpr')}${rate('fnr')}${rate('precision')}${disp('pprev')}${disp('fpr')}${disp('fnr')}${disp('precision')}</tr>`;
  });
  return h`<table class="data compact"><thead><tr><th style="min-width:38mm">group<br><span class="muted">verdict at τ</span></th><th class="n">size</th>
<th class="n">selection rate</th><th class="n">FPR</th><th class="n">FNR</th><th class="n">precision</th>
<th class="n">selection disp.</th><th class="n">FPR disp.</th><th class="n">FNR disp.</th><th class="n">precision disp.</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function summaryTable(r: FairnessResult): SafeHtml {
  const names = ['demographic_parity', 'equalized_odds', 'equal_opportunity'] as const;
  const rows = r.summary.map((s) => {
    const cell = (k: string) => {
      const v = (s as unknown as Record<string, number | null>)[k];
      return h`<td class="n">${v === null ? '—' : num(v, 3)} ${interval(s.intervals[k])}</td>`;
    };
    return h`<tr><td class="name">${s.attribute}</td>${names.map((n) => h`${cell(`${n}_difference`)}${cell(`${n}_ratio`)}`)}</tr>`;
  });
  return h`<table class="data compact"><thead><tr><th>attribute</th><th class="n">demographic parity difference</th><th class="n">ratio</th><th class="n">equalized odds difference</th><th class="n">ratio</th><th class="n">equal opportunity difference</th><th class="n">ratio</th></tr></thead><tbody>${rows}</tbody></table>
${join(r.summary.flatMap((s) => s.notes.map((n) => h`<p class="note">${s.attribute}: ${n}</p>`)))}`;
}

function attributeBlock(r: FairnessResult, a: AttributeResult): SafeHtml {
  return h`<div class="column"><h4>${a.attribute}</h4>
<p class="facts">${a.groups} groups · reference group “${a.reference_group ?? '—'}”, ${referenceWhy(a)}${a.missing_attribute ? h` · ${int(a.missing_attribute)} rows without a value left out` : ''}</p>
${verdictSentence(r, a)}
${join(a.notes.map((n) => h`<p class="note">Note: ${n}.</p>`))}
${groupTable(r, a)}</div>`;
}

function definitions(r: FairnessResult): SafeHtml {
  return h`<h3>Fairness</h3>
<p><b>Decision and groups.</b> Each row's decision (the model's output turned yes/no) is compared with its label (what actually happened). Per group: the
selection rate (share of the group predicted positive; Aequitas “pprev”), the false positive rate FPR = FP/(FP+TN), the false negative rate
FNR = FN/(FN+TP), precision = TP/(TP+FP) and the other Aequitas rates (tpr, tnr, fdr, for, npv, ppr). A rate whose denominator is zero is undefined (shown “—”), never 0.</p>
<p><b>Disparity and parity.</b> A group's disparity on a metric is its rate divided by the reference group's. The audit applies the rule of
Aequitas: parity holds when ${r.tau} ≤ disparity ≤ ${num(1 / r.tau, 4)} (τ = ${r.tau}; τ = 0.8 is the “80% rule”). Type I parity = FPR and FDR parity,
Type II = FNR and FOR, Equalized odds = FPR and TPR, Unsupervised fairness = statistical (ppr) and impact (pprev) parity, Supervised fairness = Type I and II.</p>
<p><b>Too small to judge.</b> A group under ${int(r.min_group_size)} rows, any group compared with a reference under that size, and a metric whose denominator
(the group's or the reference's) is under ${int(r.min_denominator)} are not judged: their disparities are shown, greyed, but are never counted as a pass or a failure.</p>
<p><b>Summary numbers</b> follow Fairlearn: the demographic parity, equal opportunity and equalized odds differences are the largest minus the smallest
group value of the selection rate, the true positive rate, and the worse of the true and false positive rates; the ratios are the smallest over the largest.</p>
<p><b>Uncertainty.</b> ${r.methods}</p>`;
}

/**
 * A chart taller than the report's usual 120 mm cap (a disparity plot of dozens of groups, an
 * over-time chart with an intersection's long legend) may take most of a page: scaled down to
 * 120 mm its rows and legend were unreadable.
 */
function figureClass(spec: ChartSpec): string {
  return Number(spec.layout.height) > 480 ? 'chart tall' : 'chart';
}

/**
 * The text width of an A4 page (178 mm at 96 px per inch; Letter is wider) and the height a tall
 * figure may take (report.css: 215 mm, less its caption).
 */
const PAGE_WIDTH_PX = 672;
const PAGE_CHART_MAX_PX = 790;

/**
 * A disparity plot as the page draws it: the screen's spec is 640 px wide and 22 px a row, so ~47
 * groups made it 1,100 px tall, and fitting that into a page's height scaled it to half the text
 * width with 5-pt labels. Drawn at the text width with the rows closer (down to 15 px, still above
 * the 11-px labels), it prints at its own size: full width, the labels at 8 pt.
 */
export function pageDisparityChart(r: FairnessResult, rate: DisparityRate): { spec: ChartSpec; size: { width: number; height: number } } {
  const spec = disparityChart(r, rate);
  return { spec, size: { width: PAGE_WIDTH_PX, height: Math.min(Number(spec.layout.height), PAGE_CHART_MAX_PX) } };
}

function disparityFigure(r: FairnessResult, m: DisparityRate): SafeHtml {
  const { spec, size } = pageDisparityChart(r, m);
  return h`<figure class="${size.height > 480 ? 'chart tall' : 'chart'}">${chartSvg(spec, size)}<figcaption>${m}: ${METRIC_NAMES[m]}, each group's divided by its reference group's. Green: within the band; red: outside it; grey: not judged (too small, or undefined); blue: the reference group.</figcaption></figure>`;
}

export const fairnessSection: SectionRenderer = {
  checks: (input) => fairnessChecks(fairnessOf(input).result),
  methods: (input) => definitions(fairnessOf(input).result),
  render(input) {
    const r = fairnessOf(input).result;
    const charts = input.charts === 'all' ? DISPARITY_RATES : KEY_METRICS;
    const failures = r.attributes
      .map((a) => ({ a: a.attribute, m: DISPARITY_RATES.filter((m) => (a.verdicts[PARITY_NAMES[m]]?.fail ?? 0) > 0) }))
      .filter((x) => x.m.length)
      .map((x) => `${x.a} on ${x.m.join(', ')}`);
    return h`<p class="lead">Decision <code>${decisionText(r)}</code> against the label <code>${r.label.column}</code> (positive = ${String(r.label.positive)}), on ${int(r.rows.used_any)} of
${int(r.rows.total)} rows (the others lack a label or a decision). Parity band at τ = ${r.tau}: [${r.tau}, ${num(1 / r.tau, 4)}].
${failures.length ? h`<b>Outside the band for a judged group:</b> ${failures.join('; ')}.` : h`<b>No judged group is outside the band.</b>`}</p>
${join(r.notes.map((n) => h`<p class="note">Note: ${n}.</p>`))}
${join(r.attributes.map((a) => attributeBlock(r, a)))}
<h3>Aequitas parity by attribute</h3>
<table class="data compact"><thead><tr><th>attribute</th>${[...DISPARITY_RATES.map((m) => PARITY_NAMES[m]), ...ROLLUPS.map((x) => x.name)].map((n) => h`<th>${n}</th>`)}</tr></thead>
<tbody>${r.attributes.map((a) => h`<tr><td class="name">${a.attribute}</td>${[...DISPARITY_RATES.map((m) => PARITY_NAMES[m]), ...ROLLUPS.map((x) => x.name)].map((n) => h`<td>${a.parity[n] === true ? 'pass' : a.parity[n] === false ? h`<b>fail</b>` : '—'}</td>`)}</tr>`)}</tbody></table>
<h3>Fairlearn summary</h3>
${summaryTable(r)}
<h3>Disparity plots</h3>
<p>Each group's disparity (log scale) with its ${r.bootstrap ? `${Math.round(r.confidence * 100)}% bootstrap interval` : 'value (no bootstrap was run, so no interval)'}; the shaded band is parity.</p>
${join(charts.map((m) => disparityFigure(r, m)))}`;
  },
};

/** The rates whose disparity over time the report draws: selection, and the two error rates. */
const OVER_TIME_METRICS: readonly DisparityRate[] = ['pprev', 'fpr', 'fnr'];

export const fairnessOverTimeSection: SectionRenderer = {
  checks: () => [],
  methods(input) {
    const o = fairnessOf(input).result.over_time;
    if (!o) return null;
    return h`<h3>Fairness over time</h3><p>The rows are split into ${o.chunk.by === 'period' ? `one chunk per ${o.chunk.period} (UTC) of “${o.chunk.timestamp}”` : `chunks of ${int(o.chunk.size)} rows`}; in each chunk every group's rates are divided by the reference group's rates of that chunk, the reference group being the one chosen on the whole data.</p>`;
  },
  render(input) {
    const r = fairnessOf(input).result;
    const o = r.over_time;
    if (!o) return h`<p>Disparities over time were not computed: the settings have no chunking.</p>`;
    // One chart per attribute and metric, every group a line: the Fairness screen's chart.
    const blocks = r.attributes.flatMap((a) =>
      OVER_TIME_METRICS.map((m) => {
        const spec = overTimeChart(r, m, a.attribute);
        const { shown, total } = overTimeGroups(r, m, a.attribute);
        const subset = shown.length < total ? h` Only the ${shown.length} of ${total} groups furthest from parity (largest disparity in a judged chunk) are drawn; every group's figures are in the Fairness chapter's table.` : '';
        return spec
          ? h`<figure class="${figureClass(spec)}">${chartSvg(spec)}<figcaption>${a.attribute}: ${METRIC_NAMES[m]} disparity per chunk against “${a.reference_group ?? '—'}”; dashed lines: the band [τ, 1/τ]; hollow points: too small to judge.${subset}</figcaption></figure>`
          : h``;
      }),
    );
    return h`<p class="lead">${o.points.length} chunks${o.rows_without_timestamp ? h`; ${int(o.rows_without_timestamp)} rows without a timestamp left out` : ''}.</p>${join(blocks)}`;
  },
};
