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

export const performanceAnalysis: AnalysisModule<PerformanceOptions, PerformanceRunResult> = {
  id: 'performance',
  title: 'Performance',
  datasets: [
    { slot: 'current', flag: 'dataset', description: 'the dataset whose predictions are judged (a production log with labels)' },
    { slot: 'reference', optional: true, description: 'baseline dataset (e.g. validation data): its metrics side by side, the band over time, degradation against it' },
  ],
  options: performanceOptionsSchema as unknown as AnalysisModule<PerformanceOptions, PerformanceRunResult>['options'],
  columns: performancePlan,
  compute: computePerformance,
  computeSteps: computePerformanceSteps,
  checks: performanceChecks,
  metrics: performanceMetrics,
  rowsAnalysed: (r) => ({ current: r.rows, ...(r.reference ? { reference: r.reference.rows } : {}) }),
  subject: (d) => (d.reference ? `${d.current} against ${d.reference}` : d.current),
  charts: performanceCharts,
  sections: [
    { id: 'performance', title: 'Model performance', description: 'metrics with definitions, confusion matrix, ROC/PR/calibration, over time, worst segments, degradation flags' },
  ],
  verify: resultDifferences,
  cli: performanceCli,
};
