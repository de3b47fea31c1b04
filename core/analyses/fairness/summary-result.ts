/** The FairnessSummary object of one attribute: values (null for undefined), reasons, intervals. */
import type { BootstrapIntervals } from './bootstrap';
import { SUMMARY_NAMES, summaryExplanations, summaryValues } from './summaries';
import type { BootstrapInterval, FairnessSummary } from './types';

/**
 * `tooSmall` names the groups under the minimum size: Fairlearn's summaries take every group, so
 * a summary can rest on a group of 11 — the note says so rather than leave them out silently.
 */
export function summaryOf(attribute: string, rates: Float64Array, labels: readonly string[], boot: BootstrapIntervals | null, tooSmall: readonly string[]): FairnessSummary {
  const v = summaryValues(rates, labels.length);
  const { undefined: why, notes } = summaryExplanations(rates, labels);
  if (tooSmall.length > 0) notes.push(`includes groups too small to judge: ${tooSmall.join(', ')}`);
  const intervals: Record<string, BootstrapInterval> = {};
  const values = {} as Record<(typeof SUMMARY_NAMES)[number], number | null>;
  SUMMARY_NAMES.forEach((name, i) => {
    values[name] = Number.isNaN(v[i]) ? null : v[i];
    const iv = boot?.summaries[i];
    if (iv) intervals[name] = iv;
  });
  return { attribute, ...values, undefined: why, intervals, notes };
}
