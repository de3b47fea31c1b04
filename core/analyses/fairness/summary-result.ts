/** The FairnessSummary object of one attribute: values (null for undefined), reasons, intervals. */
import type { BootstrapIntervals } from './bootstrap';
import { SUMMARY_NAMES, summaryExplanations, summaryValues } from './summaries';
import type { BootstrapInterval, FairnessSummary } from './types';

export function summaryOf(attribute: string, rates: Float64Array, labels: readonly string[], boot: BootstrapIntervals | null): FairnessSummary {
  const v = summaryValues(rates, labels.length);
  const { undefined: why, notes } = summaryExplanations(rates, labels);
  const intervals: Record<string, BootstrapInterval> = {};
  const values = {} as Record<(typeof SUMMARY_NAMES)[number], number | null>;
  SUMMARY_NAMES.forEach((name, i) => {
    values[name] = Number.isNaN(v[i]) ? null : v[i];
    const iv = boot?.summaries[i];
    if (iv) intervals[name] = iv;
  });
  return { attribute, ...values, undefined: why, intervals, notes };
}
