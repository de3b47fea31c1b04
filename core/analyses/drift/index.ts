/**
 * Drift as a plug-in: did the data move between a reference and a current dataset? Per-column
 * tests, dataset drift, drift over time when chunked, and data quality.
 */
import { chaptersOf, type AnalysisModule } from '../module';
import { driftCharts } from './charts';
import { driftChecks } from './checks';
import { driftCli } from './cli';
import { driftMetrics } from './metrics';
import { driftParallel } from './parallel';
import { driftPart } from './part';
import { driftOptionsSchema } from './schema';
import { driftDifferences } from './verify';
import type { DriftOptions, DriftResult } from './types';
import { driftInfo } from './info';

export const driftAnalysis: AnalysisModule<DriftOptions, DriftResult> = {
  ...driftPart,
  options: driftOptionsSchema as unknown as AnalysisModule<DriftOptions, DriftResult>['options'],

  parallel: driftParallel,
  checks: driftChecks,
  metrics: driftMetrics,
  rowsAnalysed: (r) => ({ reference: r.n_reference_rows, current: r.n_current_rows }),
  subject: (d) => `${d.current} vs ${d.reference}`,
  charts: (result) => driftCharts(result, 'all'),

  sections: chaptersOf(driftInfo.sections, { 'over-time': (r) => r.over_time !== undefined }),

  verify: driftDifferences,

  cli: driftCli,
};
