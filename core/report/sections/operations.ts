/**
 * The operations chapters, for the engineer on call and the auditor: System health (latency
 * percentiles, throughput and errors overall, per model version and per chunk) and Prediction
 * analysis (score histogram, prediction distribution, predicted-positive rate over time, volume by
 * hour of day and day of week). Figures come from the result only; charts mirror the module's
 * chart specs (`core/analyses/operations/charts.ts`).
 */
import { operationsChecks as checksOf } from '../../analyses/operations/checks';
import { operationsCharts } from '../../analyses/operations/charts';
import type { LatencySummary, OperationsOptions, OperationsResult, SliceFigures } from '../../analyses/operations/types';
import type { AnalysisRun } from '../../analyses/module';
import { int, num, percent } from '../../format/numbers';
import { h, join, type SafeHtml } from '../escape';
import { chartSvg } from '../charts';
import { runOf, type ReportInput, type SectionRenderer } from '../types';

/** One of the module's chart specs (the screen draws the same), or nothing when the result has no such chart. */
function chart(r: OperationsResult, id: string): SafeHtml | string {
  const spec = operationsCharts(r).find((c) => c.id === id);
  return spec ? chartSvg(spec) : '';
}

function operationsOf(input: ReportInput): AnalysisRun<OperationsResult, OperationsOptions> {
  return runOf(input, 'operations') as AnalysisRun<OperationsResult, OperationsOptions>;
}

const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : num(v));
const latCells = (l: LatencySummary | null) => h`<td class="n">${ms(l?.p50)}</td><td class="n">${ms(l?.p95)}</td><td class="n">${ms(l?.p99)}</td><td class="n">${ms(l?.mean)}</td><td class="n">${ms(l?.max)}</td>`;

function figuresRow(name: string, s: SliceFigures, extra: SafeHtml | string = ''): SafeHtml {
  return h`<tr><td class="name">${name}</td><td class="n">${int(s.rows)}</td>${latCells(s.latency)}<td class="n">${percent(s.error_rate, 2)}</td><td class="n">${percent(s.predicted_positive_rate)}</td>${extra}</tr>`;
}

const HEAD = h`<th class="n">rows</th><th class="n">P50 ms</th><th class="n">P95 ms</th><th class="n">P99 ms</th><th class="n">mean ms</th><th class="n">max ms</th><th class="n">error rate</th><th class="n">positive rate</th>`;

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
Over time: ${chunkWhat(r) || 'no chunks'}. Per model version: each value of the version column on its own (the 20 largest); over time, the 8 largest, each version’s rows of each chunk by the same rules.</p>`;
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
      charts.push(h`<figure class="chart">${chart(r, 'latency-over-time')}<figcaption>Latency P50, P95 and P99 per chunk (${chunkWhat(r)}).</figcaption></figure>`);
    }
    if (o) {
      const perHour = o.chunks.some((c) => c.rows_per_hour !== null);
      charts.push(h`<figure class="chart">${chart(r, 'throughput-over-time')}<figcaption>${perHour ? 'Rows per hour' : 'Rows'} per chunk${b?.rows_per_hour != null ? `; the reference: ${num(b.rows_per_hour)} rows per hour` : ''}.</figcaption></figure>`);
    }
    if (o && r.errors) {
      charts.push(h`<figure class="chart">${chart(r, 'error-rate-over-time')}<figcaption>Error rate per chunk${b?.error_rate != null ? '; dashed: the reference’s, for comparison' : ''}.</figcaption></figure>`);
    }
    const series = o?.by_version && o.by_version.length > 1 ? o.by_version : null;
    if (o && series) {
      if (r.latency) charts.push(h`<figure class="chart">${chart(r, 'latency-by-version-over-time')}<figcaption>Latency per chunk for each ${r.columns.version ?? ''}: P50 dotted, P95 dashed, P99 solid.</figcaption></figure>`);
      charts.push(h`<figure class="chart">${chart(r, 'throughput-by-version-over-time')}<figcaption>Throughput per chunk for each ${r.columns.version ?? ''}.</figcaption></figure>`);
      if (r.errors) charts.push(h`<figure class="chart">${chart(r, 'error-rate-by-version-over-time')}<figcaption>Error rate per chunk for each ${r.columns.version ?? ''}.</figcaption></figure>`);
    }
    const versionTable =
      o && series
        ? h`<h3>Per chunk and model version</h3><table class="data compact"><thead><tr><th>chunk</th><th>${r.columns.version ?? ''}</th><th class="n">rows</th><th class="n">rows/hour</th><th class="n">P50 ms</th><th class="n">P95 ms</th><th class="n">P99 ms</th><th class="n">error rate</th></tr></thead><tbody>${o.chunks.map((k, i) =>
            join(
              series.map(
                (v) =>
                  h`<tr><td class="name">${k.label}</td><td class="name">${v.version}</td><td class="n">${int(v.chunks[i].rows)}</td><td class="n">${v.chunks[i].rows_per_hour === null ? '—' : num(v.chunks[i].rows_per_hour)}</td><td class="n">${ms(v.chunks[i].latency?.p50)}</td><td class="n">${ms(v.chunks[i].latency?.p95)}</td><td class="n">${ms(v.chunks[i].latency?.p99)}</td><td class="n">${percent(v.chunks[i].error_rate, 2)}</td></tr>`,
              ),
            ),
          )}</tbody></table>`
        : '';
    const chunkTable = o
      ? h`<h3>Per chunk</h3><table class="data compact"><thead><tr><th>chunk</th><th class="n">rows</th><th class="n">rows/hour</th><th class="n">P50 ms</th><th class="n">P95 ms</th><th class="n">P99 ms</th><th class="n">error rate</th></tr></thead><tbody>${o.chunks.map(
          (c) => h`<tr><td class="name">${c.label}</td><td class="n">${int(c.rows)}</td><td class="n">${c.rows_per_hour === null ? '—' : num(c.rows_per_hour)}</td><td class="n">${ms(c.latency?.p50)}</td><td class="n">${ms(c.latency?.p95)}</td><td class="n">${ms(c.latency?.p99)}</td><td class="n">${percent(c.error_rate, 2)}</td></tr>`,
        )}</tbody></table>${o.rows_without_timestamp ? h`<p class="note">${int(o.rows_without_timestamp)} rows without a timestamp are in no chunk.</p>` : ''}`
      : '';
    return h`${lead}${columnsLine(r)}${join(r.notes.map((n) => h`<p class="note">Note: ${n}</p>`))}${overall}${join(charts)}${chunkTable}${versionTable}`;
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
      parts.push(h`<figure class="chart">${chart(r, 'score-histogram')}<figcaption>${int(p.score.count)} scores${p.score.missing ? h`, ${int(p.score.missing)} missing` : ''}; mean ${num(p.score.mean)}.</figcaption></figure>`);
    }
    if (o && p.predicted_positive_rate !== null) {
      parts.push(h`<figure class="chart">${chart(r, 'positive-rate-over-time')}<figcaption>Predicted-positive rate per chunk${r.reference?.predicted_positive_rate != null ? '; dashed: the reference’s, for comparison' : ''}.</figcaption></figure>`);
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
    if (r.volume_by_hour) parts.push(h`<figure class="chart">${chart(r, 'volume-by-hour')}<figcaption>Rows by hour of day (UTC).</figcaption></figure>`);
    if (r.volume_by_weekday) parts.push(h`<figure class="chart">${chart(r, 'volume-by-weekday')}<figcaption>Rows by day of week (UTC).</figcaption></figure>`);
    return join(parts);
  },
};
