/** Runtime schema of FairnessOptions (zod 4); the type check below keeps it equal to the TypeScript type. */
import { z } from 'zod';
import type { FairnessOptions } from './types';
import { lazySchema } from '../../api/lazy-schema';

const labelValue = lazySchema(() => z.union([z.number().finite(), z.string()]));
const chunk = lazySchema(() => z.discriminatedUnion('by', [
  z.object({ by: z.literal('period'), timestamp: z.string().min(1), period: z.enum(['day', 'week', 'month']) }).strict(),
  z.object({ by: z.literal('count'), size: z.number().int().min(1) }).strict(),
]));
const decision = lazySchema(() => z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('score'), column: z.string().min(1), threshold: z.number().finite() }).strict(),
  z.object({ kind: z.literal('prediction'), column: z.string().min(1), positive: labelValue.optional() }).strict(),
]));

export const DEFAULTS = {
  tau: 0.8,
  minGroupSize: 30,
  minDenominator: 10,
  maxGroups: 50,
  confidence: 0.95,
  resamples: 1000,
  seed: 1,
  referenceMethod: 'majority',
} as const;

export const fairnessOptionsSchema = lazySchema(() => z
  .object({
    label: z.string().min(1),
    positiveLabel: labelValue.optional(),
    decision,
    attributes: z.array(z.string().min(1)).min(1),
    intersections: z.array(z.array(z.string().min(1)).min(2)).optional(),
    referenceGroups: z.record(z.string(), z.string()).optional(),
    referenceMethod: z.enum(['majority', 'min_metric']).optional(),
    // τ = 1 would make the band a point; τ > 1 an empty band.
    tau: z.number().gt(0).max(1).optional(),
    minGroupSize: z.number().int().min(0).optional(),
    minDenominator: z.number().int().min(0).optional(),
    maxGroups: z.number().int().min(2).max(10_000).optional(),
    confidence: z.number().gt(0).lt(1).optional(),
    bootstrap: z.object({ resamples: z.number().int().min(0).max(100_000).optional(), seed: z.number().int().optional() }).strict().optional(),
    overTime: z.object({ chunk }).strict().optional(),
  })
  .strict());

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type DeepMutable<T> = T extends readonly (infer U)[] ? DeepMutable<U>[] : T extends object ? { -readonly [K in keyof T]: DeepMutable<T[K]> } : T;
// Compile-time: the schema accepts exactly FairnessOptions.
const sameShape: Equal<z.infer<typeof fairnessOptionsSchema>, DeepMutable<FairnessOptions>> = true;
void sameShape;
