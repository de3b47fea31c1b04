/**
 * Which columns a performance run reads, from the options and the columns' roles: the label, the
 * score, the prediction, per-class scores, the segment columns and the chunking timestamp — of the
 * current dataset, and the same model columns of the reference. Names the dataset and column when
 * one is missing, before anything is loaded.
 */
import { PlumblineError } from '../../api/errors';
import type { ColumnInfo } from '../../api/types';
import type { ColumnPlan } from '../module';
import type { PerformanceOptions } from './types';

export interface ModelColumns {
  readonly label: string;
  readonly score: string | null;
  readonly prediction: string | null;
  readonly classScores: readonly string[];
}

/** The model's columns as resolveRoles will pick them (options first, then roles). */
export function modelColumns(options: PerformanceOptions, info: readonly ColumnInfo[], dataset: string): ModelColumns {
  const withRole = (role: string) => info.filter((c) => c.role === role).map((c) => c.name);
  const label = options.label ?? withRole('label')[0];
  if (label === undefined) {
    throw new PlumblineError('BAD_REQUEST', `"${dataset}" has no label column: give a column the role "label" at import, or choose the label column.`);
  }
  const scores = withRole('score');
  const score = options.score ?? (!options.classScores && scores.length === 1 ? scores[0] : null);
  const prediction = options.prediction ?? withRole('prediction')[0] ?? null;
  return { label, score, prediction, classScores: Object.values(options.classScores ?? {}) };
}

/** The timestamp column that cuts a dataset into periods: the one named in the spec, else the dataset's own timestamp. */
export function timestampColumn(options: PerformanceOptions, info: readonly ColumnInfo[]): string | null {
  if (options.chunk?.by !== 'period') return null;
  const named = options.chunk.timestamp;
  if (info.some((c) => c.name === named)) return named;
  return info.find((c) => c.role === 'timestamp' && c.type === 'timestamp')?.name ?? null;
}

function requireAll(names: readonly string[], info: readonly ColumnInfo[], dataset: string): void {
  const have = new Set(info.map((c) => c.name));
  const missing = names.filter((n) => !have.has(n));
  if (missing.length) throw new PlumblineError('BAD_REQUEST', `"${dataset}" has no column ${missing.map((m) => JSON.stringify(m)).join(', ')}.`);
}

export function performancePlan(options: PerformanceOptions, info: Readonly<Record<string, readonly ColumnInfo[]>>, names: Readonly<Record<string, string>>): ColumnPlan {
  const m = modelColumns(options, info.current, names.current);
  const model = [m.label, m.score, m.prediction, ...m.classScores].filter((c): c is string => c !== null);
  const currentTs = timestampColumn(options, info.current);
  if (options.chunk?.by === 'period' && currentTs === null) {
    throw new PlumblineError('BAD_REQUEST', `"${names.current}" has no column ${JSON.stringify(options.chunk.timestamp)} to chunk by ${options.chunk.period}.`);
  }
  const current = [...new Set([...model, ...(options.segmentBy ?? []), ...(currentTs ? [currentTs] : [])])];
  requireAll(current, info.current, names.current);
  const columns: Record<string, string[]> = { current };
  if (info.reference) {
    requireAll(model, info.reference, names.reference);
    const refTs = timestampColumn(options, info.reference);
    columns.reference = [...new Set([...model, ...(refTs ? [refTs] : [])])];
  }
  // A prediction pairs with its label row by row; the metrics sort what they need themselves.
  return { columns, order: 'rows-only' };
}
