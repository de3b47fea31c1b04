/** Drift over time: one chart and one table per column, from the result's `over_time`. */
import { P_VALUE_TESTS } from '../../analyses/drift/types';
import type { OverTimeResult, OverTimeSeries } from '../../analyses/drift/types';
import { h, join, type SafeHtml } from '../escape';
import { int, num, pValue } from '../../format/numbers';
import { overTimeChart } from '../../analyses/drift/charts';
import { chartSvg } from '../charts';
import type { SectionRenderer } from '../types';
import { driftOf } from './drift-run';
import { overTimeChecks } from '../../analyses/drift/checks';

function chunking(o: OverTimeResult): string {
  return o.chunk.by === 'period'
    ? `one chunk per ${o.chunk.period} (UTC) of the timestamp column “${o.chunk.timestamp}”`
    : `chunks of ${int(o.chunk.size)} consecutive rows`;
}

function seriesBlock(s: OverTimeSeries): SafeHtml {
  const usesP = s.band === null && s.test !== null && P_VALUE_TESTS.has(s.test);
  const chart = chartSvg(overTimeChart(s));
  const drifted = s.points.filter((p) => p.drifted).length;
  const rows = s.points.map(
    (p) => h`<tr class="${p.drifted ? 'drifted' : ''}"><td>${p.label}</td><td class="n">${int(p.rows)}</td><td class="n">${num(p.statistic)}</td><td class="n">${usesP ? pValue(p.p_value) : '—'}</td><td>${p.drifted ? h`<span class="badge fail">drifted</span>` : p.statistic === null ? h`<span class="badge na">not tested</span>` : h`<span class="badge pass">no drift</span>`}</td></tr>`,
  );
  return h`<div class="column"><div class="keep"><h4>${s.column}</h4>
<p class="facts">test ${s.test ?? '—'} · ${s.band ? h`alert band ${num(s.band.lower)} … ${num(s.band.upper)} (mean ${num(s.band.mean)} ± 3σ of ${s.band.reference_chunks} reference chunks)` : h`drift when ${usesP ? 'p' : s.test} ${usesP ? '<' : '≥'} ${num(s.threshold)}`} · ${drifted} of ${s.points.length} chunks drifted</p>
${s.note ? h`<p class="note">Note: ${s.note}.</p>` : ''}
<figure class="chart">${chart}</figure></div>
<table class="data compact"><thead><tr><th>chunk</th><th class="n">rows</th><th class="n">statistic</th><th class="n">p-value</th><th>result</th></tr></thead><tbody>${rows}</tbody></table></div>`;
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
    }${o.rows_without_timestamp > 0 ? h` ${int(o.rows_without_timestamp)} current rows without a timestamp were left out.` : ''}</p>`;
  },
  render(input) {
    const o = driftOf(input).result.over_time;
    if (!o) {
      return h`<p>Drift over time was not computed: the analysis settings have no chunking. Set <code>overTime.chunk</code> in the options or the analysis spec (by period of a timestamp column, or by row count).</p>`;
    }
    return h`<p class="lead">Current data split into ${chunking(o)}.</p>${join(o.series.map(seriesBlock))}`;
  },
};
