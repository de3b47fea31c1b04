/**
 * The computing half of the drift module — which columns it reads and how it computes them — with
 * nothing else (no option schema, charts or CLI), so a column-pool thread can load it alone.
 */
import { PlumblineError } from '../../api/errors';
import type { ColumnRole } from '../../data/column';
import type { AnalysisPart } from '../module';
import { analyzeDrift } from './drift';
import type { DriftOptions, DriftResult } from './types';
import { driftInfo } from './info';

export const driftPart: AnalysisPart<DriftOptions, DriftResult> = {
  id: driftInfo.id,
  title: driftInfo.title,
  computing: 'testing',
  datasets: driftInfo.datasets,
  columns(options, info, names) {
    const refCols = info.reference;
    const curCols = info.current;
    const curNames = new Set(curCols.map((c) => c.name));
    const requested = options.columns;
    if (requested) {
      const refNames = new Set(refCols.map((c) => c.name));
      const missing = requested.filter((c) => !refNames.has(c) || !curNames.has(c));
      if (missing.length) {
        throw new PlumblineError('BAD_REQUEST', `Not in both datasets: ${missing.map((m) => JSON.stringify(m)).join(', ')}. Columns must exist in "${names.reference}" and "${names.current}".`);
      }
    }
    const chunkTs = options.overTime?.chunk.by === 'period' ? options.overTime.chunk.timestamp : undefined;
    if (chunkTs !== undefined && !curNames.has(chunkTs)) {
      throw new PlumblineError('BAD_REQUEST', `The current dataset has no column ${JSON.stringify(chunkTs)} to chunk by time.`);
    }
    // Only columns of both datasets are analysed; the chunking timestamp may exist in current only.
    const shared = refCols.filter((c) => curNames.has(c.name) && (requested ? requested.includes(c.name) || c.name === chunkTs : true)).map((c) => c.name);
    const current = chunkTs && !shared.includes(chunkTs) ? [...shared, chunkTs] : shared;
    // Without chunking by time nothing depends on row order: the sorted copy is all it reads.
    return { columns: { reference: shared, current }, order: options.overTime ? 'rows' : 'any' };
  },

  compute({ columns, info }, options) {
    // Roles come from the current dataset (the log being monitored); the reference's fill gaps.
    const roles: Record<string, ColumnRole> = {};
    for (const c of info.reference) roles[c.name] = c.role;
    for (const c of info.current) roles[c.name] = c.role;
    return analyzeDrift({ reference: [...columns.reference], current: [...columns.current], roles }, options);
  },

};
