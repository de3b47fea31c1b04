/**
 * The A/B module's options as the API, saved settings and specs take them: the compute's options
 * (options.ts) with the variant column and the metrics optional, because the module fills them
 * from the dataset's columns (resolve.ts) — a saved `{}` or a first run on a new log still works.
 */
import type { z } from 'zod';
import { abOptionsSchema } from './options';
import { lazySchema } from '../../api/lazy-schema';

export const abModuleOptionsSchema = lazySchema(() => abOptionsSchema.partial({ variant: true, metrics: true }));

export type AbModuleOptions = z.input<typeof abModuleOptionsSchema>;
