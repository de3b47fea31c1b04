import { PlumblineError } from '../api/errors';
import type { ColumnInfo, DriftArgs, DriftRun, Progress } from '../api/types';
import { analyzeDrift } from '../analyses/drift/drift';
import { columnLength, type ColumnRole, type TypedColumn } from '../data/column';
import { selectRows } from '../data/select';
import type { DatasetEntry, Workspace } from '../workspace/workspace';
import { applyWhere } from './where';
import { requireData, selfComparisonWarnings } from '../analyses/data-checks';
import { noContext, throwIfCancelled, type CallContext } from '../api/context';

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Loads the two datasets' columns from the workspace, applies the segment filter, and runs the
 * pure drift analysis. The returned object is what the screen draws, the CLI prints and the
 * report embeds — one computation for all three.
 */
/** For callers that need the answer now (report assembly): runs every step without pausing. */
export function runDriftSync(ws: Workspace, args: DriftArgs): DriftRun {
  const steps = driftSteps(ws, args);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** For the API: between steps, report progress, let a cancel message arrive, and honour it. */
export async function runDrift(ws: Workspace, args: DriftArgs, ctx: CallContext = noContext()): Promise<DriftRun> {
  const steps = driftSteps(ws, args);
  for (;;) {
    await yieldToEventLoop();
    throwIfCancelled(ctx);
    const step = steps.next();
    if (step.done) return step.value;
    ctx.progress(step.value);
  }
}

/** The work in steps of one column each: a generator, so one body serves both runners. */
function* driftSteps(ws: Workspace, args: DriftArgs): Generator<Progress, DriftRun> {
  const refDs = ws.dataset(args.reference);
  const curDs = ws.dataset(args.current);
  requireData([{ as: 'reference', dataset: refDs.name, rows: refDs.rows }, { as: 'current', dataset: curDs.name, rows: curDs.rows }]);
  const refCols = ws.columns(refDs.id);
  const curCols = ws.columns(curDs.id);
  const curNames = new Set(curCols.map((c) => c.name));
  const options = args.options ?? {};

  const requested = options.columns;
  if (requested) {
    const refNames = new Set(refCols.map((c) => c.name));
    const missing = requested.filter((c) => !refNames.has(c) || !curNames.has(c));
    if (missing.length) {
      throw new PlumblineError('BAD_REQUEST', `Not in both datasets: ${missing.map((m) => JSON.stringify(m)).join(', ')}. Columns must exist in "${args.reference}" and "${args.current}".`);
    }
  }

  // Roles come from the current dataset (the log being monitored); the reference's fill gaps.
  const roles: Record<string, ColumnRole> = {};
  for (const c of refCols) roles[c.name] = c.role;
  for (const c of curCols) roles[c.name] = c.role;

  const chunkTs = options.overTime?.chunk.by === 'period' ? options.overTime.chunk.timestamp : undefined;
  if (chunkTs !== undefined && !curNames.has(chunkTs)) {
    throw new PlumblineError('BAD_REQUEST', `The current dataset has no column ${JSON.stringify(chunkTs)} to chunk by time.`);
  }
  // Only columns of both datasets are analysed; the chunking timestamp may exist in current only.
  const shared = refCols.filter((c) => curNames.has(c.name) && (requested ? requested.includes(c.name) || c.name === chunkTs : true));
  const sharedNames = shared.map((c) => c.name);
  const curNamesToLoad = chunkTs && !sharedNames.includes(chunkTs) ? [...sharedNames, chunkTs] : sharedNames;
  const total = sharedNames.length + curNamesToLoad.length;
  let loaded = 0;
  // Reading (and, the first time, sorting) columns is most of the work, so each is a step. Without
  // a filter the analysis works on whole columns, so the cached sort order applies; without
  // chunking by time nothing depends on row order either, and the sorted copy is all it reads.
  const read = args.where
    ? (ds: DatasetEntry, c: ColumnInfo) => ws.readColumn(ds, c)
    : options.overTime
      ? (ds: DatasetEntry, c: ColumnInfo) => ws.readColumnWithOrder(ds, c)
      : (ds: DatasetEntry, c: ColumnInfo) => ws.readColumnSorted(ds, c);
  function* load(ds: DatasetEntry, names: readonly string[]): Generator<Progress, TypedColumn[]> {
    const cols = ws.columns(ds.id);
    const out: TypedColumn[] = [];
    for (const n of names) {
      const info = cols.find((c) => c.name === n)!;
      out.push(read(ds, info));
      yield { phase: 'drift: reading columns', done: ++loaded, total, unit: 'items' };
    }
    return out;
  }
  let reference = yield* load(refDs, sharedNames);
  let current = yield* load(curDs, curNamesToLoad);

  if (args.where) {
    reference = filterColumns(ws, refDs, reference, args.where);
    current = filterColumns(ws, curDs, current, args.where);
  }

  if (args.where) {
    const rowsOf = (cols: readonly TypedColumn[], ds: DatasetEntry) => (cols.length ? columnLength(cols[0]) : ds.rows);
    requireData([{ as: 'reference', dataset: refDs.name, rows: rowsOf(reference, refDs) }, { as: 'current', dataset: curDs.name, rows: rowsOf(current, curDs) }], args.where);
  }
  yield { phase: 'drift: testing', done: total, total, unit: 'items' };
  const analysed = analyzeDrift({ reference, current, roles }, options);
  const warnings = selfComparisonWarnings({ name: refDs.name, sha256s: ws.imports(refDs.id).map((i) => i.sha256) }, { name: curDs.name, sha256s: ws.imports(curDs.id).map((i) => i.sha256) });
  const result = warnings.length ? { ...analysed, warnings } : analysed;
  const detail = (ds: DatasetEntry) => {
    const { chunkRows: _c, ...summary } = ds;
    return { ...summary, columnInfo: ws.columns(ds.id), imports: ws.imports(ds.id) };
  };
  return {
    result,
    provenance: { reference: detail(refDs), current: detail(curDs) },
    settings: { reference: args.reference, current: args.current, where: args.where ?? null, options },
  };
}

/** Applies the filter over every column of the dataset (a filter may name columns not analysed). */
function filterColumns(ws: Workspace, ds: DatasetEntry, columns: TypedColumn[], where: string): TypedColumn[] {
  const all = ws.columns(ds.id);
  const mask = applyWhere(where, all, (name) => ws.readColumn(ds, all.find((c) => c.name === name)!), ds.name);
  return columns.map((c) => selectRows(c, mask));
}
