import { compileFilter } from '../analyses/filter';
import type { ColumnInfo } from '../api/types';
import type { TypedColumn } from '../data/column';

/** Evaluates a segment filter over a dataset, loading only the columns it names. */
export function applyWhere(where: string, columns: readonly ColumnInfo[], load: (name: string) => TypedColumn, datasetName: string): Uint8Array {
  const filter = compileFilter(where, columns, `Dataset "${datasetName}"`);
  const rows = columns.length ? lengthOf(load, filter.columns[0] ?? columns[0].name) : 0;
  return filter.evaluate(load, rows);
}

function lengthOf(load: (name: string) => TypedColumn, name: string): number {
  const c = load(name);
  return c.kind === 'numeric' ? c.values.length : c.codes.length;
}
