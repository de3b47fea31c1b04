/** Runtime schema of CorrelationOptions (zod 4); the type check below keeps it equal to the TypeScript type. */
import { z } from 'zod';
import type { CorrelationOptions } from './types';
import { lazySchema } from '../../api/lazy-schema';

export const correlationOptionsSchema = lazySchema(() => z
  .object({
    method: z.enum(['pearson', 'spearman']).optional(),
    columns: z.array(z.string().min(1)).min(1).max(200).optional(),
    threshold: z.number().gt(0).max(2).optional(),
    top: z.number().int().min(1).max(1000).optional(),
  })
  .strict());

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type DeepMutable<T> = T extends readonly (infer U)[] ? DeepMutable<U>[] : T extends object ? { -readonly [K in keyof T]: DeepMutable<T[K]> } : T;
// Compile-time: the schema accepts exactly CorrelationOptions.
const sameShape: Equal<z.infer<typeof correlationOptionsSchema>, DeepMutable<CorrelationOptions>> = true;
void sameShape;
