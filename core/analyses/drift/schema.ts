/** Runtime schema of DriftOptions; the check in schemas.ts keeps it equal to the TypeScript type. */
import { z } from 'zod';
import { DRIFT_TESTS, SEASONAL_REFERENCES, type DriftTest, type SeasonalReference } from './types';
import { lazySchema } from '../../api/lazy-schema';

const test = lazySchema(() => z.enum(DRIFT_TESTS as [DriftTest, ...DriftTest[]]));
const threshold = lazySchema(() => z.number().finite().min(0));
const choice = lazySchema(() => z.object({ test: test.optional(), threshold: threshold.optional() }).strict());
const chunk = lazySchema(() => z.discriminatedUnion('by', [
  z.object({ by: z.literal('period'), timestamp: z.string().min(1), period: z.enum(['day', 'week', 'month']) }).strict(),
  z.object({ by: z.literal('count'), size: z.number().int().min(1) }).strict(),
]));

export const driftOptionsSchema = lazySchema(() => z
  .object({
    test: test.optional(),
    threshold: threshold.optional(),
    perColumn: z.record(z.string(), choice).optional(),
    columns: z.array(z.string()).optional(),
    driftShareThreshold: z.number().min(0).max(1).optional(),
    categoricalMaxDistinct: z.number().int().min(0).optional(),
    smallReferenceRows: z.number().int().min(0).optional(),
    typeViolations: z.record(z.string(), z.object({ reference: z.number().optional(), current: z.number().optional() }).strict()).optional(),
    overTime: z
      .object({
        chunk,
        thresholds: z.enum(['fixed', 'reference_chunks']).optional(),
        seasonalReference: z.enum(SEASONAL_REFERENCES as [SeasonalReference, ...SeasonalReference[]]).optional(),
      })
      .strict()
      .optional(),
  })
  .strict());

export const driftSettingsSchema = lazySchema(() => z.object({ options: driftOptionsSchema, where: z.string().max(10_000).optional() }).strict());
