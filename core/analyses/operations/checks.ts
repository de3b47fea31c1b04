/**
 * Operations' summary lines. The analysis sets no limits of its own (a latency budget is the
 * team's, set as a monitor: `p99_latency > 200`), so its lines inform; against a reference they
 * say how far each figure moved from the baseline.
 */
import { num, percent } from '../../format/numbers';
import type { SummaryCheck } from '../module';
import type { OperationsResult } from './types';

const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${num(v)} ms`);

export function operationsChecks(r: OperationsResult): SummaryCheck[] {
  const out: SummaryCheck[] = [];
  const b = r.reference;
  const vs = (now: string, was: string | null) => (was === null ? now : `${now} (reference ${was})`);
  if (r.latency && r.latency.count) {
    out.push({ plain: `Latency P99 was ${ms(r.latency.p99)} (P50 ${ms(r.latency.p50)}, P95 ${ms(r.latency.p95)}) over ${r.latency.count.toLocaleString('en-US')} requests.`, check: `latency P99 (${r.columns.latency})`, threshold: 'set by a monitor', value: vs(ms(r.latency.p99), b?.latency ? ms(b.latency.p99) : null), status: 'info' });
  }
  if (r.errors) {
    out.push({ plain: `${r.errors.errors.toLocaleString('en-US')} of ${r.errors.known.toLocaleString('en-US')} requests were errors (${r.errors.rule}).`, check: 'error rate', threshold: 'set by a monitor', value: vs(percent(r.error_rate, 2), b ? percent(b.error_rate, 2) : null), status: 'info' });
  }
  if (r.throughput?.rows_per_hour != null) {
    out.push({ plain: `The log holds ${r.rows.toLocaleString('en-US')} rows from ${r.throughput.first} to ${r.throughput.last}: ${num(r.throughput.rows_per_hour)} rows per hour.`, check: 'throughput', threshold: 'set by a monitor', value: vs(`${num(r.throughput.rows_per_hour)}/h`, b?.rows_per_hour != null ? `${num(b.rows_per_hour)}/h` : null), status: 'info' });
  }
  if (r.predictions.predicted_positive_rate !== null) {
    out.push({ plain: `${percent(r.predictions.predicted_positive_rate)} of decisions were positive (${r.predictions.positive_rule}).`, check: 'predicted-positive rate', threshold: 'set by a monitor', value: vs(percent(r.predictions.predicted_positive_rate), b ? percent(b.predicted_positive_rate) : null), status: 'info' });
  }
  if (out.length === 0) out.push({ plain: `No operational column was found among the ${r.rows.toLocaleString('en-US')} rows (latency, status, score or prediction).`, check: 'operations', threshold: '—', value: 'no columns', status: 'info' });
  return out;
}
