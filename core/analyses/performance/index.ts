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
import { computePerformance, computePerformanceSteps, progressOf, withLimits, type PerformanceRunResult } from './run';
import { performanceOfPrepared } from './performance';
import { streamBinary, streamsBinary } from './stream';
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

  // A binary score run keeps label bytes and scores, filled chunk by chunk, instead of the label's
  // and score's whole columns and the bytes made from them (stream.ts); other runs load whole columns.
  streams: streamsBinary,
  *computeStream(data, info, options) {
    const stream = data.current;
    const names = performancePlan(options, info, { current: 'current' }).columns.current;
    if (stream.canStream(names)) {
      const pass = streamBinary(stream, info.current, options);
      let step = pass.next();
      while (!step.done) {
        yield { phase: 'performance: reading label and scores', done: 0, total: 1000, unit: 'items' };
        step = pass.next();
      }
      if (step.value) {
        const { prep, roles } = step.value;
        const result = yield* progressOf(performanceOfPrepared({ columns: [] }, options, roles, 'binary', prep));
        return withLimits(result, result.notes, options);
      }
    }
    const columns = yield* stream.whole(names);
    return yield* computePerformanceSteps({ columns: { current: columns }, info }, options);
  },
  checks: performanceChecks,
  metrics: performanceMetrics,
  rowsAnalysed: (r) => ({ current: r.rows, ...(r.reference ? { reference: r.reference.rows } : {}) }),
  subject: (d) => (d.reference ? `${d.current} against ${d.reference}` : d.current),
  charts: performanceCharts,
  sections: performanceInfo.sections,
  verify: resultDifferences,
  cli: performanceCli,
};
