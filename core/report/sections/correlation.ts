/**
 * The Feature correlation chapter: the largest changes in words and as a table, then the current
 * and reference matrices as coloured tables (a heatmap whose cells carry their numbers, so it reads
 * in greyscale and copies as text), "undefined" where pandas gives NaN.
 */
import { correlationChecks } from '../../analyses/correlation/checks';
import type { CorrelationOptions, CorrelationResult, Matrix } from '../../analyses/correlation/types';
import type { AnalysisRun } from '../../analyses/module';
import { int, num } from '../../format/numbers';
import { h, join, type SafeHtml } from '../escape';
import { runOf, type ReportInput, type SectionRenderer } from '../types';

function correlationOf(input: ReportInput): AnalysisRun<CorrelationResult, CorrelationOptions> {
  return runOf(input, 'correlation') as AnalysisRun<CorrelationResult, CorrelationOptions>;
}

/** RdBu-like: blue for positive, red for negative, white at 0; `range` is 1 for correlations, 2 for changes. */
export function cellColour(v: number | null, range: number): string {
  if (v === null) return '#e5e7eb';
  const t = Math.max(-1, Math.min(1, v / range));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * Math.abs(t));
  return t >= 0 ? `rgb(${mix(255, 33)},${mix(255, 102)},${mix(255, 172)})` : `rgb(${mix(255, 178)},${mix(255, 24)},${mix(255, 43)})`;
}

/** Two decimals, as a correlation matrix is read ("-0.00" is 0.00). */
const fixed2 = (v: number) => (Math.abs(v) < 0.005 ? '0.00' : v.toFixed(2));

function matrixTable(r: CorrelationResult, m: Matrix, range: number, caption: string): SafeHtml {
  const head = r.columns.map((c) => h`<th class="n corr-head">${c}</th>`);
  const rows = r.columns.map((a, i) => h`<tr><th class="name">${a}</th>${m[i].map((v) => h`<td class="n" style="background:${cellColour(v, range)};color:${v !== null && Math.abs(v / range) > 0.6 ? '#fff' : '#111'}">${v === null ? 'undefined' : fixed2(v)}</td>`)}</tr>`);
  return h`<table class="data compact corr"><caption>${caption}</caption><thead><tr><th></th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

export const correlationSection: SectionRenderer = {
  checks: (input) => correlationChecks(correlationOf(input).result),
  methods: (input) => {
    const r = correlationOf(input).result;
    return h`<h3>Feature correlation</h3><p>${r.method === 'pearson' ? 'Pearson’s r' : 'Spearman’s ρ (Pearson’s r of the average ranks)'} of every pair of numeric columns, in each dataset separately, as pandas’ <code>DataFrame.corr(method='${r.method}')</code>:
each pair uses the rows where both values are present; a pair is undefined (pandas’ NaN) when either column is constant on those rows or no row has both. The change is current − reference; a pair changed when |change| ≥ ${r.threshold}.</p>`;
  },
  render(input) {
    const r = correlationOf(input).result;
    if (r.columns.length < 2) return h`<p>Fewer than two numeric columns are in both datasets, so there is no correlation to compare.${join(r.skipped.map((s) => h` ${s.column}: ${s.reason}.`))}</p>`;
    const changes = r.largest_changes.map((p) => h`<tr class="${p.change !== null && Math.abs(p.change) >= r.threshold ? 'flag' : ''}"><td class="name">${p.a} × ${p.b}</td><td class="n">${p.reference === null ? 'undefined' : p.reference.toFixed(3)}</td><td class="n">${p.current === null ? 'undefined' : p.current.toFixed(3)}</td><td class="n">${p.change === null ? 'undefined' : `${p.change > 0 ? '+' : ''}${p.change.toFixed(3)}`}</td></tr>`);
    return h`<p class="lead">${r.method === 'pearson' ? 'Pearson' : 'Spearman'} correlation of ${r.columns.length} numeric columns (reference ${int(r.n_reference_rows)} rows, current ${int(r.n_current_rows)}).
<b>${r.changed_pairs ? `${r.changed_pairs} pair(s) changed by ${r.threshold} or more` : `No pair changed by ${r.threshold} or more`}</b>${r.max_abs_change !== null ? `; the largest change is ${num(r.max_abs_change, 3)}` : ''}.</p>
${join(r.notes.map((n) => h`<p class="note">Note: ${n}</p>`))}
<h3>Largest changes</h3>
<table class="data compact"><thead><tr><th>pair</th><th class="n">reference</th><th class="n">current</th><th class="n">change</th></tr></thead><tbody>${changes}</tbody></table>
${matrixTable(r, r.current, 1, 'Current')}
${matrixTable(r, r.reference, 1, 'Reference')}
${matrixTable(r, r.change, 2, 'Change (current − reference)')}
${r.skipped.length ? h`<p class="note">Left out: ${join(r.skipped.map((s, i) => h`${i ? '; ' : ''}${s.column} (${s.reason})`))}.</p>` : ''}`;
  },
};
