/**
 * Performance as a plug-in: is the model still right? The label against the score or prediction
 * of one dataset (binary, multiclass or regression), optionally against a reference dataset as
 * the baseline, over time and by segment.
 */
import type { AnalysisModule } from '../module';
import { resultDifferences } from '../shared/differences';
import { performanceCharts } from './charts';
import { performanceChecks } from './checks';
import { performanceCli } from './cli';
import { performanceMetrics } from './metrics';
import { performanceOptionsSchema } from './options';
import { performancePlan } from './plan';
import { computePerformance, computePerformanceSteps, type PerformanceRunResult } from './run';
import type { PerformanceOptions } from './types';
import { performanceInfo } from './info';

export const performanceAnalysis: AnalysisModule<PerformanceOptions, PerformanceRunResult> = {
  id: performanceInfo.id,
  title: performanceInfo.title,
  datasets: performanceInfo.datasets,
  options: performanceOptionsSchema as unknown as AnalysisModule<PerformanceOptions, PerformanceRunResult>['options'],
  columns: performancePlan,
  compute: computePerformance,
  computeSteps: computePerformanceSteps,
  checks: performanceChecks,
  metrics: performanceMetrics,
  rowsAnalysed: (r) => ({ current: r.rows, ...(r.reference ? { reference: r.reference.rows } : {}) }),
  subject: (d) => (d.reference ? `${d.current} against ${d.reference}` : d.current),
  charts: performanceCharts,
  sections: performanceInfo.sections,
  verify: resultDifferences,
  cli: performanceCli,
};
