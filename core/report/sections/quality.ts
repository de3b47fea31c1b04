/** Data quality: missing values, out-of-range values, new categories, type violations, constant columns. */
import type { ColumnQuality } from '../../analyses/drift/types';
import { h, type SafeHtml } from '../escape';
import { int, num, percent } from '../format';
import type { ReportSection, SummaryCheck } from '../types';

function newCats(q: ColumnQuality): SafeHtml | string {
  if (q.new_categories.length === 0) return '—';
  const shown = q.new_categories.slice(0, 5).map((n, i) => h`${i > 0 ? ', ' : ''}<span class="cat">${n.value}</span> (${int(n.count)})`);
  return h`${shown}${q.new_categories.length > 5 ? h`, and ${q.new_categories.length - 5} more` : ''}`;
}

function problems(q: ColumnQuality): string[] {
  const out: string[] = [];
  if (q.new_categories.length > 0) out.push(`${q.new_categories.length} new categor${q.new_categories.length === 1 ? 'y' : 'ies'}`);
  if ((q.out_of_range_share_current ?? 0) > 0) out.push(`${percent(q.out_of_range_share_current)} of current values outside the reference range`);
  if ((q.missing_share_current ?? 0) > (q.missing_share_reference ?? 0)) out.push(`missing values up from ${percent(q.missing_share_reference)} to ${percent(q.missing_share_current)}`);
  if (q.type_violations_current > 0) out.push(`${int(q.type_violations_current)} type violations in current`);
  if (q.constant_current && !q.constant_reference) out.push('constant in current');
  return out;
}

export const qualitySection: ReportSection = {
  id: 'quality',
  title: 'Data quality',
  description: 'missing values, out-of-range values, new categories, type violations, constant columns',
  checks({ drift: { result } }) {
    const flagged = result.quality.filter((q) => problems(q).length > 0);
    const checks: SummaryCheck[] = [
      {
        plain:
          flagged.length === 0
            ? 'No data-quality change was found in the current data.'
            : `${flagged.length} column${flagged.length === 1 ? '' : 's'} show${flagged.length === 1 ? 's' : ''} a data-quality change worth a look (listed below; these are observations, not pass/fail checks).`,
        check: 'Data quality (informational)',
        threshold: 'no threshold',
        value: `${flagged.length} of ${result.quality.length} columns flagged`,
        status: 'info',
      },
    ];
    for (const q of flagged) {
      checks.push({ plain: `“${q.column}”: ${problems(q).join('; ')}.`, check: `Quality of ${q.column}`, threshold: 'no threshold', value: problems(q).length + ' observation(s)', status: 'info' });
    }
    return checks;
  },
  methods() {
    return h`<h3>Data quality</h3><p>Per analysed column and dataset: the share of missing values; for numerical columns the share of current
values outside [min, max] of the reference; categories present in current but absent from the reference, most frequent first; type violations
counted on import (values that contradicted the column's type); and whether the column is constant (at most one distinct non-missing value).
These are observations reported alongside drift, without a pass/fail threshold.</p>`;
  },
  render({ drift: { result } }) {
    const rows = result.quality.map(
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
