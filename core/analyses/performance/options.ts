/** Runtime schema of PerformanceOptions (house style of core/api/drift-schema.ts). */
import { z } from 'zod';
import { PERFORMANCE_TASKS, type PerformanceOptions, type PerformanceTask } from './types';
import { lazySchema } from '../../api/lazy-schema';

const column = lazySchema(() => z.string().min(1));

export const performanceOptionsSchema = lazySchema(() => z
  .object({
    task: z.enum(PERFORMANCE_TASKS as [PerformanceTask, ...PerformanceTask[]]).optional(),
    label: column.optional(),
    score: column.optional(),
    prediction: column.optional(),
    classScores: z.record(z.string(), column).optional(),
    positiveLabel: z.string().optional(),
    threshold: z.number().finite().optional(),
    beta: z.number().finite().positive().optional(),
    costFp: z.number().finite().min(0).optional(),
    costFn: z.number().finite().min(0).optional(),
    calibrationBins: z.number().int().min(1).max(1000).optional(),
    calibrationStrategy: z.enum(['uniform', 'quantile']).optional(),
    histogramBins: z.number().int().min(1).max(1000).optional(),
    thresholdGrid: z.number().int().min(2).max(100_000).optional(),
    maxCurvePoints: z.number().int().min(2).optional(),
    segmentBy: z.array(column).optional(),
    degradation: z
      .object({
        relativeDrop: z.number().finite().min(0).optional(),
        trendChunks: z.number().int().min(2).optional(),
        metrics: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    chunk: z
      .discriminatedUnion('by', [
        z.object({ by: z.literal('period'), timestamp: column, period: z.enum(['day', 'week', 'month']) }).strict(),
        z.object({ by: z.literal('count'), size: z.number().int().min(1) }).strict(),
      ])
      .optional(),
    failBelow: z.record(z.string().min(1), z.number().finite()).optional(),
    failAbove: z.record(z.string().min(1), z.number().finite()).optional(),
  })
  .strict());

// A parsed value is a PerformanceOptions (compile-time check, as core/api/schemas.ts does for drift).
type Parsed = z.infer<typeof performanceOptionsSchema>;
export const schemaMatchesType: Parsed extends PerformanceOptions ? true : never = true;

export const DEFAULTS = {
  threshold: 0.5,
  beta: 1,
  costFp: 1,
  costFn: 1,
  calibrationBins: 10,
  calibrationStrategy: 'uniform' as const,
  histogramBins: 20,
  thresholdGrid: 2001,
  maxCurvePoints: 5000,
  relativeDrop: 0.05,
  trendChunks: 4,
};
