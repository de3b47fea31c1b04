/** Data quality: missing values, out-of-range values, new categories, type violations, constant columns. */
import type { ColumnQuality } from '../../analyses/drift/types';
import { h, type SafeHtml } from '../escape';
import { int, num, percent } from '../../format/numbers';
import type { SectionRenderer } from '../types';
import { driftOf } from './drift-run';
import { qualityChecks } from '../../analyses/drift/checks';

function newCats(q: ColumnQuality): SafeHtml | string {
  if (q.new_categories.length === 0) return '—';
  const shown = q.new_categories.slice(0, 5).map((n, i) => h`${i > 0 ? ', ' : ''}<span class="cat">${n.value}</span> (${int(n.count)})`);
  return h`${shown}${q.new_categories.length > 5 ? h`, and ${q.new_categories.length - 5} more` : ''}`;
}

export const qualitySection: SectionRenderer = {
  checks: (input) => qualityChecks(driftOf(input).result),
  methods() {
    return h`<h3>Data quality</h3><p>Per analysed column and dataset: the share of missing values; for numerical columns the share of current
values outside [min, max] of the reference; categories present in current but absent from the reference, most frequent first; type violations
counted on import (values that contradicted the column's type); and whether the column is constant (at most one distinct non-missing value).
These are observations reported alongside drift, without a pass/fail threshold.</p>`;
  },
  render(input) {
    const rows = driftOf(input).result.quality.map(
      (q) => h`<tr><td class="name">${q.column}</td><td>${q.kind}</td><td class="n">${int(q.rows_reference)} / ${int(q.rows_current)}</td>
<td class="n">${percent(q.missing_share_reference)} / ${percent(q.missing_share_current)}</td>
<td class="n">${q.kind === 'numerical' ? percent(q.out_of_range_share_current) : '—'}</td>
<td class="n">${q.reference_min === null ? '—' : h`${num(q.reference_min)} … ${num(q.reference_max)}`}</td>
<td>${newCats(q)}</td><td class="n">${int(q.type_violations_reference)} / ${int(q.type_violations_current)}</td>
<td>${q.constant_reference || q.constant_current ? [q.constant_reference ? 'ref' : '', q.constant_current ? 'cur' : ''].filter(Boolean).join(', ') : '—'}</td></tr>`,
    );
    return h`<table class="data">
<thead><tr><th>column</th><th>kind</th><th class="n">rows ref / cur</th><th class="n">missing ref / cur</th><th class="n">out of range</th><th class="n">reference range</th><th>new categories</th><th class="n">type errors ref / cur</th><th>constant</th></tr></thead>
<tbody>${rows}</tbody></table>`;
  },
};
