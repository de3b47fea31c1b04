/**
 * The engine step every analysis starts with: load the named columns of one or more datasets and
 * apply the segment filter, one column per step (reading and, the first time, sorting a column is
 * most of the work). What to load comes from the analysis's `columns(options, datasets)`.
 */
import { PlumblineError } from '../api/errors';
import type { ColumnInfo, Progress } from '../api/types';
import type { TypedColumn } from '../data/column';
import { describeWindow, windowMask, type RowWindow } from '../data/row-window';
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
  /** Slot → the latest chunk to read of that dataset (core/data/row-window.ts); other slots are read whole. */
  readonly windows?: Readonly<Record<string, RowWindow>>;
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
    const window = load.windows?.[slot];
    // A window is a subset of rows: read in row order (the cached sorted copy describes all rows).
    // The last N rows without a filter are a plain range read.
    const tail = window && 'rows' in window && !load.where ? Math.min(window.rows, ds.rows) : null;
    const readSlot = tail !== null ? (d: DatasetEntry, c: ColumnInfo) => ws.readColumnRange(d, c, d.rows - tail, tail) : window ? (d: DatasetEntry, c: ColumnInfo) => ws.readColumn(d, c) : read;
    const cols: TypedColumn[] = [];
    for (const name of load.columns[slot]) {
      const info = infos.find((c) => c.name === name);
      if (!info) throw new Error(`dataset "${ds.name}" has no column ${JSON.stringify(name)}`);
      cols.push(readSlot(ds, info));
      yield { phase: load.phase, done: ++done, total, unit: 'items' };
    }
    // The window's timestamps and the filter's columns come from the columns just read when they
    // are among them: a column is read once per run.
    const again = loadedOrRead(ws, ds, cols);
    const mask = window && tail === null ? latestRows(ws, ds, window, slot, again) : null;
    out[slot] = load.where ? filterColumns(ws, ds, cols, load.where, mask, again) : mask ? cols.map((c) => selectRows(c, mask)) : cols;
  }
  return out;
}

/**
 * Reads a column of the dataset in row order, once: from the columns the analysis already loaded
 * (under a filter or a time window they are whole and in row order: plain reads), else from the
 * workspace.
 */
function loadedOrRead(ws: Workspace, ds: DatasetEntry, loaded: readonly TypedColumn[]): (c: ColumnInfo) => TypedColumn {
  const byName = new Map(loaded.map((c) => [c.name, c]));
  return (info) => {
    let c = byName.get(info.name);
    if (!c) byName.set(info.name, (c = ws.readColumn(ds, info)));
    return c;
  };
}

/** The mask of a window's rows; NO_DATA when it holds none (a dataset whose timestamps are all missing). */
function latestRows(ws: Workspace, ds: DatasetEntry, window: RowWindow, slot: string, read: (c: ColumnInfo) => TypedColumn): Uint8Array {
  let timestamps: Float64Array | undefined;
  if ('last' in window) {
    const ts = ws.columns(ds.id).find((c) => c.role === 'timestamp' && c.type === 'timestamp');
    if (!ts) throw new PlumblineError('BAD_REQUEST', `The ${slot} dataset ${JSON.stringify(ds.name)} has no timestamp column, so its ${describeWindow(window)} cannot be found. Give a column the timestamp role, or read its last rows instead.`);
    const col = read(ts);
    timestamps = col.kind === 'numeric' ? col.values : undefined;
  }
  const mask = windowMask(window, ds.rows, timestamps);
  if (!mask.includes(1)) throw new PlumblineError('NO_DATA', `No rows to analyse: the ${describeWindow(window)} of the ${slot} dataset ${JSON.stringify(ds.name)} is empty (no row has a timestamp).`, { empty: [{ as: slot, dataset: ds.name }] });
  return mask;
}

/** Applies the filter over every column of the dataset (a filter may name columns not analysed), within the window's rows. */
function filterColumns(ws: Workspace, ds: DatasetEntry, columns: TypedColumn[], where: string, window: Uint8Array | null, read: (c: ColumnInfo) => TypedColumn): TypedColumn[] {
  const all = ws.columns(ds.id);
  const mask = applyWhere(where, all, (name) => read(all.find((c) => c.name === name)!), ds.rows, ds.name);
  if (window) for (let i = 0; i < mask.length; i++) mask[i] &= window[i];
  return columns.map((c) => selectRows(c, mask));
}
