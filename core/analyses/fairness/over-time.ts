/**
 * Disparities per chunk (UTC day/week/month of a timestamp column, or every N rows), so an
 * analyst sees when a gap opened. Each chunk reuses the groups and the reference group of the
 * whole data — a chunk's own majority could change and make the series incomparable.
 */
import type { TypedColumn } from '../../data/column';
import { chunkByCount, chunkByPeriod, type Chunk } from '../shared/chunks';
import type { ChunkSpec } from '../drift/types';
import { disparityMatrix, judgedSize, N_RATES, rateMatrix, type ReferenceChoice } from './disparities';
import { countGroupsAt, type GroupTable } from './groups';
import { summaryOf } from './summary-result';
import { DISPARITY_RATES, type DisparityRate, type FairnessOverTime, type OverTimeGroupPoint } from './types';

export interface OverTimeTable {
  readonly table: GroupTable;
  /** The table's code of each row (groups.ts intersectAll's code space, as `table.groupOfCode`). */
  readonly codes: Int32Array;
  readonly reference: ReferenceChoice;
}

/** The rate rows of the groups with rows in this chunk (absent groups are not "undefined" ones). */
function ratesOfPresent(rates: Float64Array, labels: readonly string[], present: readonly string[]): Float64Array {
  if (present.length === labels.length) return rates;
  const out = new Float64Array(present.length * N_RATES);
  present.forEach((label, j) => {
    const g = labels.indexOf(label);
    out.set(rates.subarray(g * N_RATES, (g + 1) * N_RATES), j * N_RATES);
  });
  return out;
}

export function chunksFor(spec: ChunkSpec, columns: readonly TypedColumn[], nRows: number): { chunks: Chunk[]; without: number } {
  if (spec.by === 'count') return { chunks: chunkByCount(nRows, spec.size), without: 0 };
  const ts = columns.find((c) => c.name === spec.timestamp);
  if (!ts) throw new Error(`timestamp column "${spec.timestamp}" is not among the columns`);
  if (ts.kind !== 'numeric') throw new Error(`column "${spec.timestamp}" is not a timestamp column`);
  const r = chunkByPeriod(ts.values, spec.period);
  return { chunks: r.chunks, without: r.withoutTimestamp };
}

export function fairnessOverTime(
  spec: ChunkSpec,
  columns: readonly TypedColumn[],
  nRows: number,
  cell: Uint8Array,
  tables: readonly OverTimeTable[],
  minGroupSize: number,
): FairnessOverTime {
  const { chunks, without } = chunksFor(spec, columns, nRows);
  const nd = DISPARITY_RATES.length;
  const points = chunks.map((ch) => {
    const groups: OverTimeGroupPoint[] = [];
    const summary = tables.map(({ table, codes, reference }) => {
      const n = table.labels.length;
      const counts = countGroupsAt(table, codes, cell, ch.rows);
      const rates = rateMatrix(counts, n);
      const d = disparityMatrix(rates, n, reference);
      for (let g = 0; g < n; g++) {
        const size = judgedSize(counts, g);
        if (size === 0) continue;
        const disparities = {} as Record<DisparityRate, number | null>;
        DISPARITY_RATES.forEach((r, i) => {
          const v = d[g * nd + i];
          disparities[r] = Number.isNaN(v) ? null : v;
        });
        groups.push({ attribute: table.attribute, group: table.labels[g], size, too_small: size < minGroupSize, disparities });
      }
      const present = table.labels.filter((_, g) => judgedSize(counts, g) > 0);
      const small = table.labels.filter((_, g) => judgedSize(counts, g) > 0 && judgedSize(counts, g) < minGroupSize);
      return summaryOf(table.attribute, ratesOfPresent(rates, table.labels, present), present, null, small);
    });
    return { key: ch.key, label: ch.label, start: ch.start, end: ch.end, rows: ch.rows.length, groups, summary };
  });
  return { chunk: spec, unit: spec.by === 'period' ? 'ms' : 'row', rows_without_timestamp: without, points };
}
