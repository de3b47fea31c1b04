/** Latency figures of a set of rows: numpy.percentile's default ('linear') P50/P95/P99, mean, min, max. */
import { quantileSorted } from '../../stats/quantile';
import { sortFloat64 } from '../../stats/sort';
import { compensatedSum } from '../../stats/summation';
import type { LatencySummary } from './types';

/** The finite values of `values` at `rows` (all rows when absent), in row order. */
export function finiteAt(values: Float64Array, rows?: Uint32Array): Float64Array {
  const n = rows ? rows.length : values.length;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const x = values[rows ? rows[i] : i];
    if (Number.isFinite(x)) out[k++] = x;
  }
  return out.subarray(0, k);
}

/** Summary of already sorted finite values; `missing` rows had none. */
export function summariseSorted(sorted: Float64Array, missing: number): LatencySummary {
  const n = sorted.length;
  if (n === 0) return { count: 0, missing, mean: null, min: null, max: null, p50: null, p95: null, p99: null };
  return {
    count: n,
    missing,
    mean: compensatedSum(sorted) / n,
    min: sorted[0],
    max: sorted[n - 1],
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
  };
}

/** Latency of the rows (all when absent); the whole column's cached sorted copy serves when given. */
export function latencySummary(values: Float64Array, rows?: Uint32Array, sortedFinite?: Float64Array): LatencySummary {
  const total = rows ? rows.length : values.length;
  const sorted = !rows && sortedFinite ? sortedFinite : sortFloat64(finiteAt(values, rows));
  return summariseSorted(sorted, total - sorted.length);
}
