/**
 * Performance's pass/fail lines for the report's executive summary and monitors, read from the
 * result alone: label coverage, each limit a pipeline set, each degradation flag (or that none was
 * found against the baseline), and the headline metrics as information.
 */
import { int, num, percent } from '../../format/numbers';
import type { SummaryCheck } from '../module';
import { HEADLINE_METRICS } from './evaluate';
import type { PerformanceRunResult } from './run';

export function performanceChecks(r: PerformanceRunResult): SummaryCheck[] {
  const out: SummaryCheck[] = [];
  out.push({
    plain: r.labelled === 0 ? `No row has a label yet in "${r.columns.label}", so performance cannot be measured.` : `${percent(r.labelled / r.rows)} of rows have a label; performance is measured on ${int(r.evaluated)} rows.`,
    check: `Label coverage (${r.columns.label})`,
    threshold: '—',
    value: `${int(r.labelled)} / ${int(r.rows)}`,
    status: r.labelled === 0 ? 'fail' : 'info',
  });
  for (const l of r.limits) {
    out.push({
      plain: l.breached ? `${l.metric} is ${l.value === null ? 'undefined' : num(l.value)}, ${l.fail} the limit ${num(l.limit)}.` : `${l.metric} is ${num(l.value)}, within the limit ${num(l.limit)}.`,
      check: `Limit on ${l.metric}`,
      threshold: `fail ${l.fail} ${num(l.limit)}`,
      value: num(l.value),
      status: l.breached ? 'fail' : 'pass',
    });
  }
  const d = r.degradation;
  if (d) {
    for (const f of d.flags) {
      out.push({
        plain: f.kind === 'drop'
          ? `${f.metric} fell to ${num(f.value)} from ${num(f.baseline)} (${percent(f.relative)} worse)${f.since ? `, since ${f.since}` : ''}.`
          : `${f.metric} has been worsening over the last ${d.trend_chunks} chunks (${percent(f.relative)} worse)${f.since ? `, since ${f.since}` : ''}.`,
        check: `Degradation of ${f.metric} (${f.kind})`,
        threshold: `> ${percent(d.relative_drop, 0)} worse`,
        value: percent(f.relative),
        status: 'fail',
      });
    }
    if (d.flags.length === 0) {
      out.push({
        plain: `No metric degraded by more than ${percent(d.relative_drop, 0)}${d.baseline ? ` against the ${d.baseline} baseline` : ''}.`,
        check: 'Degradation',
        threshold: `> ${percent(d.relative_drop, 0)} worse`,
        value: 'none flagged',
        status: 'pass',
      });
    }
  }
  for (const m of HEADLINE_METRICS[r.task]) {
    const v = r.metrics[m] ?? null;
    const ref = r.reference?.metrics[m] ?? null;
    out.push({ plain: `${m} is ${num(v)}${ref !== null ? ` (reference ${num(ref)})` : ''}.`, check: m, threshold: '—', value: num(v), status: 'info' });
  }
  return out;
}
