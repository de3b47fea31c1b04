/**
 * Which columns the operations analysis reads: the ones named in the options, else found by role
 * (timestamp, variant, score, prediction), else by name (latency_ms, status, model_version). A
 * named column that is missing or of the wrong kind is the user's to fix, said in one sentence.
 */
import { PlumblineError } from '../../api/errors';
import type { ColumnInfo } from '../../api/types';
import type { OperationsColumns, OperationsOptions } from './types';

const LATENCY_NAME = /latency|duration|elapsed|response_?time|inference_?time/i;
const STATUS_NAME = /status|error|http_?code|failed|failure|success|outcome/i;
const VERSION_NAME = /^(model_?)?version$|model_?version|model_?id$/i;

const isNumber = (c: ColumnInfo) => c.type === 'integer' || c.type === 'real' || c.type === 'boolean';
/** Columns whose role says they are something else than what a name pattern might suggest. */
const OTHER_ROLE = new Set(['id', 'label', 'score', 'prediction', 'timestamp']);

function named(info: readonly ColumnInfo[], name: string, what: string, dataset: string, ok: (c: ColumnInfo) => boolean, kind: string): string {
  const c = info.find((x) => x.name === name);
  if (!c) throw new PlumblineError('BAD_REQUEST', `"${dataset}" has no column ${JSON.stringify(name)} (asked for as the ${what} column).`);
  if (!ok(c)) throw new PlumblineError('BAD_REQUEST', `The ${what} column ${JSON.stringify(name)} of "${dataset}" is ${c.type}; it must be ${kind}.`);
  return c.name;
}

export function resolveColumns(options: OperationsOptions, info: readonly ColumnInfo[], dataset: string): OperationsColumns {
  const pick = (key: keyof OperationsColumns, what: string, ok: (c: ColumnInfo) => boolean, kind: string, guess: () => ColumnInfo | undefined): string | null => {
    const asked = options[key];
    if (asked !== undefined) return named(info, asked, what, dataset, ok, kind);
    return guess()?.name ?? null;
  };
  const timestamp = pick('timestamp', 'timestamp', (c) => c.type === 'timestamp', 'a timestamp', () => info.find((c) => c.role === 'timestamp' && c.type === 'timestamp') ?? info.find((c) => c.type === 'timestamp'));
  const latency = pick('latency', 'latency', (c) => c.type === 'integer' || c.type === 'real', 'numeric (milliseconds)', () => {
    const candidates = info.filter((c) => (c.type === 'integer' || c.type === 'real') && !OTHER_ROLE.has(c.role) && LATENCY_NAME.test(c.name));
    return candidates.find((c) => /latency/i.test(c.name)) ?? candidates[0];
  });
  const status = pick('status', 'status', (c) => c.type !== 'timestamp', 'numeric, boolean or text', () => info.find((c) => c.type !== 'timestamp' && !OTHER_ROLE.has(c.role) && c.role !== 'variant' && STATUS_NAME.test(c.name)));
  const version = pick('version', 'model version', (c) => c.type !== 'timestamp', 'categorical or numeric', () => info.find((c) => c.role === 'variant') ?? info.find((c) => c.role !== 'id' && VERSION_NAME.test(c.name)));
  const score = pick('score', 'score', (c) => isNumber(c), 'numeric', () => info.find((c) => c.role === 'score' && isNumber(c)));
  const prediction = pick('prediction', 'prediction', (c) => c.type !== 'timestamp', 'numeric, boolean or text', () => info.find((c) => c.role === 'prediction'));
  return { timestamp, latency, status, version, score, prediction };
}

/** The column names to load, each once: the resolved ones and a period chunk's timestamp. */
export function columnsToLoad(cols: OperationsColumns, options: OperationsOptions): string[] {
  const names = [cols.timestamp, cols.latency, cols.status, cols.version, cols.score, cols.prediction].filter((x): x is string => x !== null);
  if (options.chunk?.by === 'period') names.push(options.chunk.timestamp);
  return [...new Set(names)];
}
