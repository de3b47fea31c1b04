import { compileFilter } from '../analyses/filter';
import type { ColumnInfo } from '../api/types';
import type { TypedColumn } from '../data/column';

/** Evaluates a segment filter over a dataset of `rows` rows, loading only the columns it names. */
export function applyWhere(where: string, columns: readonly ColumnInfo[], load: (name: string) => TypedColumn, rows: number, datasetName: string): Uint8Array {
  const filter = compileFilter(where, columns, `Dataset "${datasetName}"`);
  return filter.evaluate(load, rows);
}
