/** Runtime schema of OperationsOptions (zod 4); the type check below keeps it equal to the TypeScript type. */
import { z } from 'zod';
import type { OperationsOptions } from './types';
import { lazySchema } from '../../api/lazy-schema';

const chunk = lazySchema(() => z.discriminatedUnion('by', [
  z.object({ by: z.literal('period'), timestamp: z.string().min(1), period: z.enum(['day', 'week', 'month']) }).strict(),
  z.object({ by: z.literal('count'), size: z.number().int().min(1) }).strict(),
]));

export const operationsOptionsSchema = lazySchema(() => z
  .object({
    timestamp: z.string().min(1).optional(),
    latency: z.string().min(1).optional(),
    status: z.string().min(1).optional(),
    errorValues: z.array(z.union([z.string(), z.number().finite()])).min(1).optional(),
    version: z.string().min(1).optional(),
    score: z.string().min(1).optional(),
    threshold: z.number().finite().optional(),
    prediction: z.string().min(1).optional(),
    chunk: chunk.optional(),
    bins: z.number().int().min(1).max(1000).optional(),
  })
  .strict());

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type DeepMutable<T> = T extends readonly (infer U)[] ? DeepMutable<U>[] : T extends object ? { -readonly [K in keyof T]: DeepMutable<T[K]> } : T;
// Compile-time: the schema accepts exactly OperationsOptions.
const sameShape: Equal<z.infer<typeof operationsOptionsSchema>, DeepMutable<OperationsOptions>> = true;
void sameShape;
