/**
 * describeColumn: pandas' `describe` for one typed column, with a histogram (numbers) or the top
 * categories and their shares (text). Pure: a typed column in, a JSON summary out.
 */
import type { CategoricalColumn, ColumnRole, NumericColumn, TypedColumn } from '../../data/column';
import { countDistinctSorted, quantileSorted, searchLeft, sortFinite } from '../../stats/quantile';
import { compensatedSum } from '../../stats/summation';
import {
  HISTOGRAM_BINS,
  SUMMARY_QUANTILES,
  TOP_CATEGORIES,
  type CategoricalSummary,
  type ColumnSummary,
  type Histogram,
  type NumericSummary,
} from './types';

export function describeColumn(col: TypedColumn, role: ColumnRole): ColumnSummary {
  return col.kind === 'numeric' ? describeNumeric(col, role) : describeCategorical(col, role);
}

export function describeNumeric(col: NumericColumn, role: ColumnRole): NumericSummary {
  const sorted = col.sortedFinite ?? sortFinite(col.values).sorted;
  const n = sorted.length;
  const mean = n === 0 ? null : compensatedSum(sorted) / n;
  return {
    name: col.name,
    type: col.type,
    role,
    kind: 'numeric',
    count: n,
    missing: col.values.length - n,
    distinct: countDistinctSorted(sorted),
    min: n === 0 ? null : sorted[0],
    max: n === 0 ? null : sorted[n - 1],
    mean,
    std: n < 2 || mean === null ? null : sampleStd(sorted, mean),
    quantiles: SUMMARY_QUANTILES.map((q) => ({ q, value: n === 0 ? null : quantileSorted(sorted, q) })),
    histogram: histogram(sorted, HISTOGRAM_BINS),
  };
}

/** Two-pass, compensated: Σ(x − mean)² / (n − 1), as pandas' nanvar with ddof=1. */
function sampleStd(values: Float64Array, mean: number): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - mean;
    const x = d * d;
    const t = sum + x;
    if (Math.abs(sum) >= x) c += sum - t + x;
    else c += x - t + sum;
    sum = t;
  }
  return Math.sqrt((sum + c) / (values.length - 1));
}

/**
 * numpy.histogram(sorted, bins): edges are numpy.linspace(min, max, bins + 1) (k·step + min, the
 * last edge exactly max; ±0.5 around a constant), bin i holds edgeᵢ ≤ v < edgeᵢ₊₁ and the last bin
 * also holds max. Counting by binary search on the sorted values gives numpy's counts exactly.
 */
export function histogram(sorted: Float64Array, bins: number): Histogram {
  const n = sorted.length;
  if (n === 0) return { edges: [], counts: [] };
  let first = sorted[0];
  let last = sorted[n - 1];
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const step = (last - first) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, k) => (k === bins ? last : k * step + first));
  const counts: number[] = [];
  for (let i = 0; i < bins; i++) {
    const lo = searchLeft(sorted, edges[i]);
    const hi = i === bins - 1 ? n : searchLeft(sorted, edges[i + 1]);
    counts.push(hi - lo);
  }
  return { edges, counts };
}

export function describeCategorical(col: CategoricalColumn, role: ColumnRole): CategoricalSummary {
  const counts = new Float64Array(col.dictionary.length);
  let missing = 0;
  for (const code of col.codes) {
    if (code < 0) missing++;
    else counts[code]++;
  }
  const present = col.codes.length - missing;
  const used: number[] = [];
  for (let code = 0; code < counts.length; code++) if (counts[code] > 0) used.push(code);
  // Count descending, ties by value in code-point order (Python's sort of str), so the list is stable.
  used.sort((a, b) => counts[b] - counts[a] || codePointCompare(col.dictionary[a], col.dictionary[b]));
  const top = used.slice(0, TOP_CATEGORIES).map((code) => ({ value: col.dictionary[code], count: counts[code], share: counts[code] / present }));
  return {
    name: col.name,
    type: col.type,
    role,
    kind: 'categorical',
    count: present,
    missing,
    distinct: used.length,
    top,
    otherCount: present - top.reduce((s, t) => s + t.count, 0),
  };
}

function codePointCompare(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
