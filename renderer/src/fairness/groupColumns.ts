/**
 * Which metrics the group table shows. Every metric as a rate and a disparity column made a table
 * twice as wide as the results (it scrolled sideways, hiding the verdicts and the disparities a
 * compliance reader came for): by default the four the 80% rule and ProPublica use, plus the metric
 * the chart shows; the reader adds others with the chooser. Counts are a choice too.
 */
import type { DisparityRate } from '../../../core/analyses/fairness/types';
import { METRICS } from './groupStatus';

/** The report's key metrics (KEY_METRICS in core/analyses/fairness/charts.ts; the renderer imports only types from analyses, so the list is repeated and a test holds the two equal). */
export const DEFAULT_TABLE_METRICS: readonly DisparityRate[] = ['pprev', 'fpr', 'fnr', 'precision'];

/** The chosen metrics and the chart's, in the fixed order of METRICS (so columns do not jump about). */
export function tableMetrics(chosen: ReadonlySet<DisparityRate>, chartMetric: DisparityRate): DisparityRate[] {
  return METRICS.filter((m) => chosen.has(m) || m === chartMetric);
}

/** The chooser's toggle: adds or removes one metric. The chart's metric cannot be removed (it is always shown). */
export function toggleMetric(chosen: ReadonlySet<DisparityRate>, m: DisparityRate): Set<DisparityRate> {
  const next = new Set(chosen);
  if (next.has(m)) next.delete(m);
  else next.add(m);
  return next;
}
