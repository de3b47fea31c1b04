/**
 * The operations chapters, for the engineer on call and the auditor: System health (latency
 * percentiles, throughput and errors overall, per model version and per chunk) and Prediction
 * analysis (score histogram, prediction distribution, predicted-positive rate over time, volume by
 * hour of day and day of week). Figures come from the result only; charts mirror the module's
 * chart specs (`core/analyses/operations/charts.ts`).
 */
import { operationsChecks as checksOf } from '../../analyses/operations/checks';
import { WEEKDAYS } from '../../analyses/operations/charts';
import type { LatencySummary, OperationsOptions, OperationsResult, SliceFigures } from '../../analyses/operations/types';
import type { AnalysisRun } from '../../analyses/module';
import { int, num, percent } from '../../format/numbers';
import { PALETTE } from '../../format/palette';
import { h, join, type SafeHtml } from '../escape';
import { groupedBarChart } from '../svg/bars';
import { runOf, type ReportInput, type SectionRenderer } from '../types';

function operationsOf(input: ReportInput): AnalysisRun<OperationsResult, OperationsOptions> {
  return runOf(input, 'operations') as AnalysisRun<OperationsResult, OperationsOptions>;
}

const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : num(v));
const latCells = (l: LatencySummary | null) => h`<td class="n">${ms(l?.p50)}</td><td class="n">${ms(l?.p95)}</td><td class="n">${ms(l?.p99)}</td><td class="n">${ms(l?.mean)}</td><td class="n">${ms(l?.max)}</td>`;

function figuresRow(name: string, s: SliceFigures, extra: SafeHtml | string = ''): SafeHtml {
  return h`<tr><td class="name">${name}</td><td class="n">${int(s.rows)}</td>${latCells(s.latency)}<td class="n">${percent(s.error_rate, 2)}</td><td class="n">${percent(s.predicted_positive_rate)}</td>${extra}</tr>`;
}

const HEAD = h`<th class="n">rows</th><th class="n">P50 ms</th><th class="n">P95 ms</th><th class="n">P99 ms</th><th class="n">mean ms</th><th class="n">max ms</th><th class="n">error rate</th><th class="n">positive rate</th>`;

/** The chunk series, and beside each bar the reference's one figure (a bar per chunk reads better than a line the charts cannot label). */
function withReference(values: number[], reference: number | null, name: string): { name: string; values: number[]; color: string }[] {
  const out: { name: string; values: number[]; color: string }[] = [{ name, values, color: PALETTE.current }];
  if (reference !== null) out.push({ name: 'reference', values: values.map(() => reference), color: '#9ca3af' });
  return out;
}

function columnsLine(r: OperationsResult): SafeHtml {
  const c = r.columns;
  const item = (what: string, v: string | null) => h`${what} <b>${v ?? '—'}</b>`;
  return h`<p class="facts">${item('timestamp', c.timestamp)} · ${item('latency', c.latency)} · ${item('status', c.status)} · ${item('model version', c.version)} · ${item('score', c.score)} · ${item('prediction', c.prediction)}</p>`;
}

function chunkWhat(r: OperationsResult): string {
  const o = r.over_time;
  if (!o) return '';
  return o.chunk.by === 'period' ? `one chunk per ${o.chunk.period} (UTC) of “${o.chunk.timestamp}”` : `chunks of ${int(o.chunk.size)} rows`;
}

export const operationsSection: SectionRenderer = {
  checks: (input) => checksOf(operationsOf(input).result),
  methods: (input) => {
    const r = operationsOf(input).result;
    return h`<h3>System health</h3>
<p><b>Latency</b> P50, P95 and P99 are the sample percentiles of the rows with a latency, by numpy’s default rule (‘linear’: the value at position (n − 1)·q of the sorted values, interpolated between neighbours); the mean and maximum are over the same rows.
<b>Throughput</b> is the rows with a timestamp over the hours from the first to the last; per chunk, the chunk’s rows over its calendar length (or, for row chunks, the span of its timestamps).
<b>Error rate</b> is the share of rows with a status that are errors${r.errors ? h` (here: ${r.errors.rule})` : ''}; by default 1 of a 0/1 flag (0 when named like success/ok), a code ≥ 500, or text naming an error, failure, timeout or exception.
Over time: ${chunkWhat(r) || 'no chunks'}. Per model version: each value of the version column on its own (the 20 largest).</p>`;
  },
  render(input) {
    const run = operationsOf(input);
    const r = run.result;
    const o = r.over_time;
    const b = r.reference;
    const overall = h`<table class="data compact"><thead><tr><th></th>${HEAD}</tr></thead><tbody>
${figuresRow('all rows', { rows: r.rows, latency: r.latency, error_rate: r.error_rate, errors: null, predicted_positive_rate: r.predictions.predicted_positive_rate, mean_score: null })}
${b ? figuresRow(`reference (${String(run.settings.reference ?? '')})`, b) : ''}
${join((r.by_version ?? []).map((v) => figuresRow(`${r.columns.version} = ${v.version}`, v)))}</tbody></table>`;
    const tp = r.throughput;
    const lead = h`<p class="lead">${int(r.rows)} rows${tp?.first ? h` from ${tp.first} to ${tp.last}` : ''}${tp?.rows_per_hour != null ? h`: <b>${num(tp.rows_per_hour)} rows per hour</b> (${num(tp.rows_per_day)} per day)` : ''}.
${r.latency?.count ? h` Latency P99 <b>${ms(r.latency.p99)} ms</b> (P50 ${ms(r.latency.p50)} ms).` : ''}${r.errors ? h` Error rate <b>${percent(r.error_rate, 2)}</b> (${int(r.errors.errors)} of ${int(r.errors.known)}).` : ''}</p>`;
    const charts: SafeHtml[] = [];
    if (o && r.latency) {
      charts.push(h`<figure class="chart">${groupedBarChart({ labels: o.chunks.map((c) => c.label), series: [
        { name: 'P50', values: o.chunks.map((c) => c.latency?.p50 ?? 0), color: PALETTE.series[0] },
        { name: 'P95', values: o.chunks.map((c) => c.latency?.p95 ?? 0), color: PALETTE.series[1] },
        { name: 'P99', values: o.chunks.map((c) => c.latency?.p99 ?? 0), color: PALETTE.series[3] },
      ], xLabel: 'chunk', yLabel: 'milliseconds', title: `Latency per chunk (${r.columns.latency ?? ''})`, height: 220 })}<figcaption>Latency P50, P95 and P99 per chunk (${chunkWhat(r)}).</figcaption></figure>`);
    }
    if (o) {
      const perHour = o.chunks.some((c) => c.rows_per_hour !== null);
      charts.push(h`<figure class="chart">${groupedBarChart({ labels: o.chunks.map((c) => c.label), series: [{ name: perHour ? 'rows per hour' : 'rows', values: o.chunks.map((c) => (perHour ? c.rows_per_hour : c.rows) ?? 0), color: PALETTE.reference }], xLabel: 'chunk', yLabel: perHour ? 'rows per hour' : 'rows', title: perHour ? 'Throughput per chunk' : 'Rows per chunk', height: 170 })}<figcaption>${perHour ? 'Rows per hour' : 'Rows'} per chunk${b?.rows_per_hour != null ? `; the reference: ${num(b.rows_per_hour)} rows per hour` : ''}.</figcaption></figure>`);
    }
    if (o && r.errors) {
      charts.push(h`<figure class="chart">${groupedBarChart({ labels: o.chunks.map((c) => c.label), series: withReference(o.chunks.map((c) => c.error_rate ?? 0), b?.error_rate ?? null, 'error rate'), xLabel: 'chunk', yLabel: 'error rate', title: 'Error rate per chunk', percent: true, height: 170 })}<figcaption>Error rate per chunk${b?.error_rate != null ? '; grey: the reference’s, for comparison' : ''}.</figcaption></figure>`);
    }
    const chunkTable = o
      ? h`<h3>Per chunk</h3><table class="data compact"><thead><tr><th>chunk</th><th class="n">rows</th><th class="n">rows/hour</th><th class="n">P50 ms</th><th class="n">P95 ms</th><th class="n">P99 ms</th><th class="n">error rate</th></tr></thead><tbody>${o.chunks.map(
          (c) => h`<tr><td class="name">${c.label}</td><td class="n">${int(c.rows)}</td><td class="n">${c.rows_per_hour === null ? '—' : num(c.rows_per_hour)}</td><td class="n">${ms(c.latency?.p50)}</td><td class="n">${ms(c.latency?.p95)}</td><td class="n">${ms(c.latency?.p99)}</td><td class="n">${percent(c.error_rate, 2)}</td></tr>`,
        )}</tbody></table>${o.rows_without_timestamp ? h`<p class="note">${int(o.rows_without_timestamp)} rows without a timestamp are in no chunk.</p>` : ''}`
      : '';
    return h`${lead}${columnsLine(r)}${join(r.notes.map((n) => h`<p class="note">Note: ${n}</p>`))}${overall}${join(charts)}${chunkTable}`;
  },
};

export const predictionsSection: SectionRenderer = {
  checks: () => [],
  methods: (input) => {
    const r = operationsOf(input).result;
    return h`<h3>Prediction analysis</h3><p>A decision is positive when ${r.predictions.positive_rule ?? 'the score is at least the threshold, or the prediction is 1'}; the predicted-positive rate is the share of rows with a decision that are positive — the figure to watch while labels are late.
The score histogram follows numpy.histogram: equal-width bins over [0, 1] when every score is a probability, else over the scores’ range, each bin [a, b) but the last [a, b].
Volume by hour of day and day of week counts rows by their UTC timestamp (Monday first).</p>`;
  },
  render(input) {
    const r = operationsOf(input).result;
    const p = r.predictions;
    const o = r.over_time;
    const parts: SafeHtml[] = [];
    parts.push(h`<p class="lead">${p.predicted_positive_rate === null ? 'No decision could be read (no score or prediction column).' : h`<b>${percent(p.predicted_positive_rate)}</b> of decisions were positive (${p.positive_rule ?? ''})${r.reference?.predicted_positive_rate != null ? h`; the reference: ${percent(r.reference.predicted_positive_rate)}` : ''}.`}</p>`);
    if (p.score) {
      const e = p.score.histogram.edges;
      parts.push(h`<figure class="chart">${groupedBarChart({ labels: p.score.histogram.counts.map((_, k) => `${num(e[k], 3)}`), series: [{ name: 'rows', values: p.score.histogram.counts, color: PALETTE.reference }], xLabel: `${r.columns.score ?? ''} (bin start)`, yLabel: 'rows', title: `Histogram of ${r.columns.score ?? ''}`, height: 190 })}<figcaption>${int(p.score.count)} scores${p.score.missing ? h`, ${int(p.score.missing)} missing` : ''}; mean ${num(p.score.mean)}.</figcaption></figure>`);
    }
    if (o && p.predicted_positive_rate !== null) {
      parts.push(h`<figure class="chart">${groupedBarChart({ labels: o.chunks.map((c) => c.label), series: withReference(o.chunks.map((c) => c.predicted_positive_rate ?? 0), r.reference?.predicted_positive_rate ?? null, 'predicted positive'), xLabel: 'chunk', yLabel: 'positive rate', title: 'Predicted-positive rate per chunk', percent: true, height: 170 })}<figcaption>Predicted-positive rate per chunk${r.reference?.predicted_positive_rate != null ? '; grey: the reference’s, for comparison' : ''}.</figcaption></figure>`);
    }
    if (p.prediction_distribution?.length) {
      parts.push(h`<h3>Prediction distribution (${r.columns.prediction ?? ''})</h3><table class="data compact"><thead><tr><th>value</th><th class="n">rows</th><th class="n">share</th></tr></thead><tbody>${p.prediction_distribution.map((v) => h`<tr><td class="name">${v.value}</td><td class="n">${int(v.count)}</td><td class="n">${percent(v.share)}</td></tr>`)}</tbody></table>`);
    }
    if (o && o.chunks.some((c) => c.score_counts) && p.score) {
      const e = p.score.histogram.edges;
      parts.push(h`<h3>Score distribution per chunk</h3><table class="data compact"><thead><tr><th>chunk</th><th class="n">mean score</th>${e.slice(0, -1).map((x, k) => (k % Math.ceil((e.length - 1) / 10) === 0 ? h`<th class="n">≥ ${num(x, 2)}</th>` : ''))}</tr></thead><tbody>${o.chunks.map((c) => {
        const total = (c.score_counts ?? []).reduce((a, x) => a + x, 0);
        const step = Math.ceil((e.length - 1) / 10);
        const cells = [];
        for (let k = 0; k < e.length - 1; k += step) cells.push(h`<td class="n">${total ? percent((c.score_counts ?? []).slice(k, k + step).reduce((a, x) => a + x, 0) / total, 0) : '—'}</td>`);
        return h`<tr><td class="name">${c.label}</td><td class="n">${num(c.mean_score, 3)}</td>${cells}</tr>`;
      })}</tbody></table>`);
    }
    if (r.volume_by_hour) parts.push(h`<figure class="chart">${groupedBarChart({ labels: r.volume_by_hour.map((_, i) => String(i).padStart(2, '0')), series: [{ name: 'rows', values: r.volume_by_hour, color: PALETTE.reference }], xLabel: 'hour of day (UTC)', yLabel: 'rows', title: 'Rows by hour of day', height: 170 })}<figcaption>Rows by hour of day (UTC).</figcaption></figure>`);
    if (r.volume_by_weekday) parts.push(h`<figure class="chart">${groupedBarChart({ labels: WEEKDAYS, series: [{ name: 'rows', values: r.volume_by_weekday, color: PALETTE.reference }], xLabel: 'day of week (UTC)', yLabel: 'rows', title: 'Rows by day of week', height: 170 })}<figcaption>Rows by day of week (UTC).</figcaption></figure>`);
    return join(parts);
  },
};
