/**
 * Metrics per value of a categorical column ("error rate by category"), worst first: the lowest
 * value of a higher-is-better metric (or the highest of an error), segments without a value last.
 */
import { PlumblineError } from '../../api/errors';
import type { TypedColumn } from '../../data/column';
import type { BinaryMetricOptions } from './binary';
import type { Prepared } from './detect';
import { LOWER_IS_BETTER, evaluateRows } from './evaluate';
import type { SegmentRow, SegmentTable } from './types';

export function sortMetricFor(task: Prepared['task']): string {
  return task === 'regression' ? 'mae' : 'accuracy';
}

export function segmentTable(p: Prepared, column: TypedColumn | undefined, name: string, o: BinaryMetricOptions): SegmentTable {
  if (!column) throw new PlumblineError('BAD_REQUEST', `The segment column "${name}" is not in the dataset.`);
  if (column.kind !== 'categorical') throw new PlumblineError('BAD_REQUEST', `The segment column "${name}" is not categorical.`);
  const k = column.dictionary.length;
  const sizes = new Uint32Array(k + 1); // last slot: missing value
  for (let i = 0; i < column.codes.length; i++) sizes[column.codes[i] < 0 ? k : column.codes[i]]++;
  const rows = Array.from(sizes, (s) => new Uint32Array(s));
  const fill = new Uint32Array(k + 1);
  for (let i = 0; i < column.codes.length; i++) {
    const c = column.codes[i] < 0 ? k : column.codes[i];
    rows[c][fill[c]++] = i;
  }
  const out: SegmentRow[] = [];
  for (let c = 0; c <= k; c++) {
    if (sizes[c] === 0) continue;
    const e = evaluateRows(p, rows[c], o);
    out.push({ value: c === k ? null : column.dictionary[c], rows: e.rows, labelled: e.labelled, metrics: e.metrics });
  }
  const metric = sortMetricFor(p.task);
  const lower = LOWER_IS_BETTER.has(metric);
  out.sort((a, b) => {
    const x = a.metrics[metric];
    const y = b.metrics[metric];
    if (x === null || x === undefined) return y === null || y === undefined ? b.labelled - a.labelled : 1;
    if (y === null || y === undefined) return -1;
    if (x !== y) return lower ? y - x : x - y;
    return b.labelled - a.labelled;
  });
  return { column: name, sort_metric: metric, rows: out };
}
