/**
 * The engine step every analysis starts with: load the named columns of one or more datasets and
 * apply the segment filter, one column per step (reading and, the first time, sorting a column is
 * most of the work). What to load comes from the analysis's `columns(options, datasets)`.
 */
import type { ColumnInfo, Progress } from '../api/types';
import type { TypedColumn } from '../data/column';
import { selectRows } from '../data/select';
import type { DatasetEntry, Workspace } from '../workspace/workspace';
import { applyWhere } from './where';

export interface ColumnLoad {
  /** Slot → dataset name, e.g. `{ reference: 'jan', current: 'feb' }`. */
  readonly datasets: Readonly<Record<string, string>>;
  /** Slot → column names to load, in the order the analysis wants them. */
  readonly columns: Readonly<Record<string, readonly string[]>>;
  /** Segment filter applied to every dataset (it may name columns not loaded). */
  readonly where?: string | null;
  /**
   * 'rows' when the answer depends on row order (chunking, pairing rows of two columns);
   * 'any' when it does not, so the workspace's cached sorted copy of a numeric column serves;
   * 'rows-only' when row order matters and no sorted copy is wanted (plain reads).
   */
  readonly order: 'rows' | 'any' | 'rows-only';
  /** Progress phase, e.g. "drift: reading columns". */
  readonly phase: string;
}

/** Slot → the loaded columns, in the order asked for. */
export type LoadedColumns = Record<string, TypedColumn[]>;

export function* loadColumns(ws: Workspace, load: ColumnLoad): Generator<Progress, LoadedColumns> {
  const slots = Object.keys(load.columns);
  const total = slots.reduce((n, s) => n + load.columns[s].length, 0);
  let done = 0;
  // Without a filter the analysis works on whole columns, so the cached sort order applies; when
  // nothing depends on row order either, the sorted copy is all it reads.
  const read = load.where || load.order === 'rows-only'
    ? (ds: DatasetEntry, c: ColumnInfo) => ws.readColumn(ds, c)
    : load.order === 'rows'
      ? (ds: DatasetEntry, c: ColumnInfo) => ws.readColumnWithOrder(ds, c)
      : (ds: DatasetEntry, c: ColumnInfo) => ws.readColumnSorted(ds, c);
  const out: LoadedColumns = {};
  for (const slot of slots) {
    const ds = ws.dataset(load.datasets[slot]);
    const infos = ws.columns(ds.id);
    const cols: TypedColumn[] = [];
    for (const name of load.columns[slot]) {
      const info = infos.find((c) => c.name === name);
      if (!info) throw new Error(`dataset "${ds.name}" has no column ${JSON.stringify(name)}`);
      cols.push(read(ds, info));
      yield { phase: load.phase, done: ++done, total, unit: 'items' };
    }
    out[slot] = load.where ? filterColumns(ws, ds, cols, load.where) : cols;
  }
  return out;
}

/** Applies the filter over every column of the dataset (a filter may name columns not analysed). */
function filterColumns(ws: Workspace, ds: DatasetEntry, columns: TypedColumn[], where: string): TypedColumn[] {
  const all = ws.columns(ds.id);
  const mask = applyWhere(where, all, (name) => ws.readColumn(ds, all.find((c) => c.name === name)!), ds.name);
  return columns.map((c) => selectRows(c, mask));
}
