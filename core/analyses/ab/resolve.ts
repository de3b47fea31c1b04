/**
 * Fills what the analyst left out from the dataset's columns, so the screen and a bare
 * `plumbline ab --dataset D` start from something meaningful, and names every column a run reads.
 *   variant: the column with role `variant`, else a text column called variant / model_version / …;
 *   metrics: every numeric column that is not an id, timestamp, variant, unit or ignored column;
 *   timestamp: the dataset's timestamp column (for the cumulative lift over time).
 */
import { PlumblineError } from '../../api/errors';
import type { ColumnInfo } from '../../api/types';
import type { AbOptions, AbOptionsInput } from './options';
import type { AbModuleOptions } from './schema';

const VARIANT_NAMES = ['variant', 'model_version', 'experiment_variant', 'arm', 'treatment', 'version'];

/** The column that most likely holds the variant, or null. */
export function guessVariant(info: readonly ColumnInfo[]): string | null {
  const byRole = info.find((c) => c.role === 'variant');
  if (byRole) return byRole.name;
  for (const n of VARIANT_NAMES) {
    const c = info.find((x) => x.name.toLowerCase() === n && (x.type === 'categorical' || x.type === 'text' || x.type === 'integer' || x.type === 'boolean'));
    if (c) return c.name;
  }
  return null;
}

/** Numeric columns worth comparing between arms (not ids, timestamps, the variant or the unit). */
export function candidateMetrics(info: readonly ColumnInfo[], exclude: readonly (string | undefined)[]): string[] {
  const numeric = new Set(['integer', 'real', 'boolean']);
  const skip = new Set(['id', 'timestamp', 'variant', 'ignore']);
  return info.filter((c) => numeric.has(c.type) && !skip.has(c.role) && !exclude.includes(c.name)).map((c) => c.name);
}

/** Options with the variant, metrics and timestamp filled; throws naming what cannot be guessed. */
export function resolveAbOptions(options: AbModuleOptions, info: readonly ColumnInfo[], dataset: string): AbOptionsInput {
  const variant = options.variant ?? guessVariant(info);
  if (variant === null) {
    throw new PlumblineError('BAD_REQUEST', `No variant column in "${dataset}": none has the variant role or a name like "variant" or "model_version". Choose the variant column.`);
  }
  let metrics = options.metrics;
  if (!metrics || metrics.length === 0) {
    metrics = candidateMetrics(info, [variant, options.unit, options.segment]);
    if (metrics.length === 0) throw new PlumblineError('BAD_REQUEST', `No numeric column in "${dataset}" to compare between variants. Choose a metric column.`);
  }
  const timestamp = options.timestamp ?? info.find((c) => c.role === 'timestamp' && c.type === 'timestamp')?.name;
  return { ...options, variant, metrics, ...(timestamp !== undefined ? { timestamp } : {}) };
}

/** Every column the parsed options read, each once, in a stable order. */
export function columnsRead(o: AbOptions): string[] {
  const out: string[] = [];
  const add = (c: string | undefined) => {
    if (c !== undefined && !out.includes(c)) out.push(c);
  };
  add(o.variant);
  add(o.unit);
  add(o.timestamp);
  add(o.segment);
  for (const m of o.metrics) {
    add(m.column);
    add(m.denominator);
    add(m.label);
  }
  for (const c of Object.values(o.cuped)) add(c);
  return out;
}
