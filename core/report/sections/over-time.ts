/**
 * Drift over time, from the result's `over_time`: one compact table for every column (chunks
 * drifted, first and last drifted chunk, seasonal or not), the seasonal note, then a chart only for
 * the most drifted columns (report option `overTimeCharts`, default 6) — weekly chunks of a dozen
 * columns made a chart and a 54-row table each, 43 pages (issue #9 item 14).
 */
import { P_VALUE_TESTS } from '../../analyses/drift/types';
import type { OverTimeResult, OverTimeSeries } from '../../analyses/drift/types';
import { h, join, slug, type SafeHtml } from '../escape';
import { int, num, pValue } from '../../format/numbers';
import { overTimeChart } from '../../analyses/drift/charts';
import { chartSvg } from '../charts';
import type { SectionRenderer } from '../types';
import { driftOf } from './drift-run';
import { overTimeChecks, seasonalSentence } from '../../analyses/drift/checks';

export const DEFAULT_OVER_TIME_CHARTS = 6;
/** Per-chunk tables under a chart only up to this many chunks; beyond, the chart and results.json hold them. */
const MAX_CHUNK_ROWS = 12;

function chunking(o: OverTimeResult): string {
  return o.chunk.by === 'period'
    ? `one chunk per ${o.chunk.period} (UTC) of the timestamp column “${o.chunk.timestamp}”`
    : `chunks of ${int(o.chunk.size)} consecutive rows`;
}

function seriesBlock(s: OverTimeSeries, chunk: OverTimeResult['chunk']): SafeHtml {
  // With a per-season reference and bands, each chunk has its own band on the statistic.
  const perPointBands = s.points.some((p) => p.band);
  const usesP = s.band === null && !perPointBands && s.test !== null && P_VALUE_TESTS.has(s.test);
  const chart = chartSvg(overTimeChart(s, chunk));
  const drifted = s.points.filter((p) => p.drifted).length;
  const perPoint = s.points.some((p) => p.reference_period !== undefined);
  const rows = s.points.map(
    (p) => h`<tr class="${p.drifted ? 'drifted' : ''}"><td>${p.label}</td><td class="n">${int(p.rows)}</td><td class="n">${num(p.statistic)}</td><td class="n">${usesP ? pValue(p.p_value) : '—'}</td>${perPoint ? h`<td>${p.reference_period ?? '—'}</td><td class="n">${int(p.reference_rows)}</td>` : ''}<td>${p.drifted ? h`<span class="badge fail">drifted</span>` : p.statistic === null ? h`<span class="badge na">not tested</span>` : h`<span class="badge pass">no drift</span>`}</td></tr>`,
  );
  const rule = s.band
    ? h`alert band ${num(s.band.lower)} … ${num(s.band.upper)} (mean ${num(s.band.mean)} ± 3σ of ${s.band.reference_chunks} reference chunks)`
    : perPointBands
      ? h`alert band per chunk, from the reference chunks of the same season${s.threshold !== null ? h` (fixed threshold ${num(s.threshold)} where there were fewer than two)` : ''}`
      : h`drift when ${usesP ? 'p' : s.test} ${usesP ? '<' : '≥'} ${num(s.threshold)}`;
  const table =
    s.points.length <= MAX_CHUNK_ROWS
      ? h`<table class="data compact"><thead><tr><th>chunk</th><th class="n">rows</th><th class="n">statistic</th><th class="n">p-value</th>${perPoint ? h`<th>reference period</th><th class="n">reference rows</th>` : ''}<th>result</th></tr></thead><tbody>${rows}</tbody></table>`
      : h`<p class="muted">Each chunk's statistic${usesP ? ' and p-value' : ''} is in the attached results.json (over_time.series).</p>`;
  return h`<div class="column" id="ot-${slug(s.column)}"><div class="keep"><h4>${s.column}</h4>
<p class="facts">test ${s.test ?? '—'} · ${rule} · ${drifted} of ${s.points.length} chunks drifted${s.seasonal ? ' · seasonal' : ''}</p>
<figure class="chart">${chart}</figure></div>
${table}</div>`;
}

function driftedCount(s: OverTimeSeries): number {
  return s.points.filter((p) => p.drifted).length;
}

/** The columns to chart: most drifted chunks first, ties in the result's column order. */
export function chartedSeries(o: OverTimeResult, n: number): OverTimeSeries[] {
  return o.series
    .map((s, i) => ({ s, i, d: driftedCount(s) }))
    .sort((a, b) => b.d - a.d || a.i - b.i)
    .slice(0, Math.max(0, n))
    .map((x) => x.s);
}

function seasonalCell(s: OverTimeSeries): SafeHtml {
  if (!s.seasonality) return h`<span class="muted">—</span>`;
  const evidence = `${s.seasonality.drifted} of ${s.seasonality.reference_chunks} ref. chunks`;
  return s.seasonal ? h`<b>yes</b> <span class="muted">(${evidence})</span>` : h`no <span class="muted">(${evidence})</span>`;
}

/** One row per column: how many chunks drifted, the first and last, and whether the column is seasonal. */
function summaryTable(o: OverTimeResult, charted: ReadonlySet<OverTimeSeries>): SafeHtml {
  const rows = o.series.map((s) => {
    const drifted = s.points.filter((p) => p.drifted);
    const name = charted.has(s) ? h`<a href="#ot-${slug(s.column)}">${s.column}</a>` : s.column;
    return h`<tr class="${drifted.length > 0 ? 'drifted' : ''}"><td class="name">${name}</td><td>${s.test ?? '—'}</td><td class="n">${drifted.length} / ${s.points.length}</td><td>${drifted[0]?.label ?? '—'}</td><td>${drifted.length > 0 ? drifted[drifted.length - 1].label : '—'}</td><td>${seasonalCell(s)}</td></tr>`;
  });
  return h`<table class="data compact"><thead><tr><th>column</th><th>test</th><th class="n">chunks drifted</th><th>first drifted</th><th>last drifted</th><th>seasonal</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Notes shared by several columns are printed once, under the table. */
function notes(o: OverTimeResult): SafeHtml {
  const byNote = new Map<string, string[]>();
  for (const s of o.series) if (s.note) byNote.set(s.note, [...(byNote.get(s.note) ?? []), s.column]);
  if (byNote.size === 0) return h``;
  const all = o.series.length;
  return join([...byNote].map(([note, cols]) => h`<p class="note">Note${cols.length === all ? '' : h` (${cols.join(', ')})`}: ${note}.</p>`));
}

export const overTimeSection: SectionRenderer = {
  checks: (input) => overTimeChecks(driftOf(input).result),
  methods(input) {
    const { result } = driftOf(input);
    const o = result.over_time;
    if (!o) return null;
    return h`<h3>Drift over time</h3><p>The current data is split into ${chunking(o)}, and each chunk is compared with the whole reference using the
column's test. ${
      o.thresholds === 'reference_chunks'
        ? 'The reference is split the same way and each reference chunk is tested against the whole reference; a chunk drifts when its statistic leaves mean ± 3σ of those reference statistics (the alert band).'
        : 'A chunk drifts by the same rule and threshold as the whole-dataset test.'
    }${
      o.seasonal_reference
        ? h` Per-season reference: each chunk is compared not with the whole reference but with the reference rows of the same ${o.seasonal_reference === 'month' ? 'months of the year' : 'days of the week'} as its rows${o.thresholds === 'reference_chunks' ? ', and its alert band comes from the reference chunks lying wholly in those periods' : ''}.`
        : ''
    } A column is called seasonal when the reference itself, split the same way, drifts against the whole reference in at least half of its chunks (at least four tested) by the column's own test and fixed threshold: the whole reference then mixes seasons that a single chunk cannot match.${o.rows_without_timestamp > 0 ? h` ${int(o.rows_without_timestamp)} current rows without a timestamp were left out.` : ''}</p>`;
  },
  render(input) {
    const o = driftOf(input).result.over_time;
    if (!o) {
      return h`<p>Drift over time was not computed: the analysis settings have no chunking. Set <code>overTime.chunk</code> in the options or the analysis spec (by period of a timestamp column, or by row count).</p>`;
    }
    const n = input.overTimeCharts ?? DEFAULT_OVER_TIME_CHARTS;
    const charted = chartedSeries(o, n);
    const sentence = seasonalSentence(o);
    const total = o.series.reduce((k, s) => k + s.points.length, 0);
    const failed = o.series.reduce((k, s) => k + driftedCount(s), 0);
    const chartsHead =
      charted.length === 0
        ? h``
        : h`<h3>Charts${charted.length < o.series.length ? h` of the ${charted.length} most drifted column${charted.length === 1 ? '' : 's'}` : ''}</h3>`;
    return h`<p class="lead">Current data split into ${chunking(o)}${o.seasonal_reference ? h`, each chunk compared with the reference rows of the same ${o.seasonal_reference === 'month' ? 'months' : 'weekdays'}` : ''}: ${failed} of ${total} column × chunk checks drifted.</p>
${sentence ? h`<p class="note">${sentence}</p>` : ''}
<h3>Every column</h3>
${summaryTable(o, new Set(charted))}
${notes(o)}
${chartsHead}${join(charted.map((s) => seriesBlock(s, o.chunk)))}`;
  },
};
