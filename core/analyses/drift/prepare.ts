/**
 * Per-column preparation shared by the whole-dataset test, the over-time chunks and the quality
 * table: each column is sorted (numerical) or counted per category (categorical) exactly once.
 */
import type { TypedColumn } from '../../data/column';
import { alignCategories, codeCounts, decileEdges, numericBinCounts, shares } from '../../stats/binning';
import { chiSquareHomogeneity } from '../../stats/chisquare';
import { hellinger, jensenShannon, psi } from '../../stats/distances';
import { ks2sampSorted } from '../../stats/ks';
import { sortFinite } from '../../stats/quantile';
import { sortFloat64 } from '../../stats/sort';
import { stdPopulation } from '../../stats/summation';
import { WASSERSTEIN_MIN_SCALE, wassersteinSorted } from '../../stats/wasserstein';
import { twoProportionZTest } from '../../stats/ztest';
import { P_VALUE_TESTS, type DriftTest } from './types';

/** Outcome of one test; null where the test defines no such number. */
export interface Evaluation {
  readonly statistic: number | null;
  readonly p_value: number | null;
  readonly method: string | null;
  readonly raw_distance: number | null;
}

export interface NumericPrepared {
  readonly kind: 'numerical';
  readonly refValues: Float64Array;
  readonly curValues: Float64Array;
  readonly refSorted: Float64Array;
  readonly curSorted: Float64Array;
  readonly missingRef: number;
  readonly missingCur: number;
  readonly edges: number[];
  readonly refBinCounts: Float64Array;
  readonly refStd: number;
}

export interface CategoricalPrepared {
  readonly kind: 'categorical';
  readonly labels: string[];
  readonly refCounts: Float64Array;
  readonly curCounts: Float64Array;
  readonly missingRef: number;
  readonly missingCur: number;
  /** Label index per row, −1 = missing; built on first use (only over-time needs rows). */
  refCodes(): Int32Array;
  curCodes(): Int32Array;
  /** For a numeric column analysed as categorical: the sorted finite values of each side. */
  readonly numeric: { readonly refSorted: Float64Array; readonly curSorted: Float64Array } | null;
}

export type Prepared = NumericPrepared | CategoricalPrepared;

/** Sorted finite values: NaN and ±Infinity both count as missing. */
export function finiteSorted(values: Float64Array): { sorted: Float64Array; missing: number } {
  const { sorted, missing } = sortFinite(values);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi && sorted[lo] === -Infinity) lo++;
  while (hi > lo && sorted[hi - 1] === Infinity) hi--;
  if (lo === 0 && hi === sorted.length) return { sorted, missing };
  return { sorted: sorted.subarray(lo, hi), missing: missing + lo + (sorted.length - hi) };
}

/** Distinct values across two sorted arrays, stopping once `limit` is exceeded. */
export function distinctAcross(a: Float64Array, b: Float64Array, limit: number): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const v = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    out.push(v);
    if (out.length > limit) return out;
    while (i < a.length && a[i] <= v) i++;
    while (j < b.length && b[j] <= v) j++;
  }
  return out;
}

/** Category name of a number: JavaScript's shortest round-trip form ("1", "0.5", "-3e-7"). */
export function numberLabel(v: number): string {
  return Object.is(v, -0) ? '0' : String(v);
}

function runsCounts(sorted: Float64Array, distinct: readonly number[]): Float64Array {
  const counts = new Float64Array(distinct.length);
  let k = 0;
  for (let i = 0; i < sorted.length; i++) {
    while (distinct[k] !== sorted[i]) k++;
    counts[k]++;
  }
  return counts;
}

function valueCodes(values: Float64Array, distinct: readonly number[]): Int32Array {
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let c = -1;
    for (let k = 0; k < distinct.length; k++) {
      if (distinct[k] === v) {
        c = k;
        break;
      }
    }
    codes[i] = c;
  }
  return codes;
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export function prepareNumeric(ref: Float64Array, cur: Float64Array, refS = finiteSorted(ref), curS = finiteSorted(cur)): NumericPrepared {
  const edges = refS.sorted.length > 0 ? decileEdges(refS.sorted) : [];
  return {
    kind: 'numerical',
    refValues: ref,
    curValues: cur,
    refSorted: refS.sorted,
    curSorted: curS.sorted,
    missingRef: refS.missing,
    missingCur: curS.missing,
    edges,
    refBinCounts: numericBinCounts(refS.sorted, edges),
    refStd: refS.sorted.length > 0 ? stdPopulation(refS.sorted) : NaN,
  };
}

/** A numeric column with few distinct values, categorised by value (labels in numeric order). */
export function prepareNumericAsCategorical(
  ref: Float64Array,
  cur: Float64Array,
  refS: { sorted: Float64Array; missing: number },
  curS: { sorted: Float64Array; missing: number },
  distinct: readonly number[],
): CategoricalPrepared {
  return {
    kind: 'categorical',
    labels: distinct.map(numberLabel),
    refCounts: runsCounts(refS.sorted, distinct),
    curCounts: runsCounts(curS.sorted, distinct),
    missingRef: refS.missing,
    missingCur: curS.missing,
    refCodes: lazy(() => valueCodes(ref, distinct)),
    curCodes: lazy(() => valueCodes(cur, distinct)),
    numeric: { refSorted: refS.sorted, curSorted: curS.sorted },
  };
}

/** Text-like view of any column: dictionary codes, numbers turned into their labels. */
function asCodes(col: TypedColumn): { codes: Int32Array; dictionary: readonly string[] } {
  if (col.kind === 'categorical') return { codes: col.codes, dictionary: col.dictionary };
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  const codes = new Int32Array(col.values.length);
  for (let i = 0; i < col.values.length; i++) {
    const v = col.values[i];
    if (!Number.isFinite(v)) {
      codes[i] = -1;
      continue;
    }
    const label = numberLabel(v);
    let c = index.get(label);
    if (c === undefined) {
      c = dictionary.length;
      index.set(label, c);
      dictionary.push(label);
    }
    codes[i] = c;
  }
  return { codes, dictionary };
}

export function prepareCategorical(refCol: TypedColumn, curCol: TypedColumn): CategoricalPrepared {
  const ref = asCodes(refCol);
  const cur = asCodes(curCol);
  const rc = codeCounts(ref.codes, ref.dictionary.length);
  const cc = codeCounts(cur.codes, cur.dictionary.length);
  const aligned = alignCategories(ref.dictionary, rc.counts, cur.dictionary, cc.counts);
  const labelIndex = new Map(aligned.labels.map((l, i) => [l, i] as const));
  const remap = (side: { codes: Int32Array; dictionary: readonly string[] }) => (): Int32Array => {
    const map = Int32Array.from(side.dictionary, (l) => labelIndex.get(l) ?? -1);
    const out = new Int32Array(side.codes.length);
    for (let i = 0; i < out.length; i++) {
      const c = side.codes[i];
      out[i] = c >= 0 && c < map.length ? map[c] : -1;
    }
    return out;
  };
  return {
    kind: 'categorical',
    labels: aligned.labels,
    refCounts: aligned.reference,
    curCounts: aligned.current,
    missingRef: rc.missing,
    missingCur: cc.missing,
    refCodes: lazy(remap(ref)),
    curCodes: lazy(remap(cur)),
    numeric: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Running one test

/** p-value tests drift when p < threshold; distances when statistic ≥ threshold. */
export function isDrifted(test: DriftTest, e: Evaluation, threshold: number): boolean {
  if (P_VALUE_TESTS.has(test)) return e.p_value !== null && e.p_value < threshold;
  return e.statistic !== null && e.statistic >= threshold;
}

const NONE: Evaluation = { statistic: null, p_value: null, method: null, raw_distance: null };

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** `curSorted`: the sorted finite sample compared with the prepared reference. */
export function evaluateNumeric(test: DriftTest, p: NumericPrepared, curSorted: Float64Array): Evaluation {
  if (p.refSorted.length === 0 || curSorted.length === 0) return NONE;
  switch (test) {
    case 'ks': {
      const r = ks2sampSorted(p.refSorted, curSorted);
      return { statistic: finiteOrNull(r.statistic), p_value: finiteOrNull(r.p_value), method: r.method, raw_distance: null };
    }
    case 'wasserstein': {
      const raw = wassersteinSorted(p.refSorted, curSorted);
      return {
        statistic: finiteOrNull(raw / Math.max(p.refStd, WASSERSTEIN_MIN_SCALE)),
        p_value: null,
        method: null,
        raw_distance: finiteOrNull(raw),
      };
    }
    case 'psi':
    case 'jensenshannon':
    case 'hellinger': {
      const rs = shares(p.refBinCounts);
      const cs = shares(numericBinCounts(curSorted, p.edges));
      return { statistic: finiteOrNull(distance(test, rs, cs)), p_value: null, method: null, raw_distance: null };
    }
    default:
      return NONE;
  }
}

function distance(test: 'psi' | 'jensenshannon' | 'hellinger', rs: Float64Array, cs: Float64Array): number {
  return test === 'psi' ? psi(rs, cs) : test === 'jensenshannon' ? jensenShannon(rs, cs) : hellinger(rs, cs);
}

/** Counts are indexed like `labels`; categories empty on both sides are ignored. */
export function evaluateCategorical(
  test: DriftTest,
  labels: readonly string[],
  refCounts: ArrayLike<number>,
  curCounts: ArrayLike<number>,
): Evaluation {
  const keep: number[] = [];
  let nRef = 0;
  let nCur = 0;
  for (let i = 0; i < labels.length; i++) {
    if (refCounts[i] > 0 || curCounts[i] > 0) keep.push(i);
    nRef += refCounts[i];
    nCur += curCounts[i];
  }
  if (nRef === 0 || nCur === 0) return NONE;
  const r = Float64Array.from(keep, (i) => refCounts[i]);
  const c = Float64Array.from(keep, (i) => curCounts[i]);
  switch (test) {
    case 'chisquare': {
      const res = chiSquareHomogeneity(r, c);
      return { statistic: finiteOrNull(res.statistic), p_value: finiteOrNull(res.p_value), method: null, raw_distance: null };
    }
    case 'z': {
      if (keep.length < 2) return { statistic: 0, p_value: 1, method: null, raw_distance: null };
      // The "success" category is the first label in code-unit order, so the sign is reproducible.
      const s = labels[keep[0]] < labels[keep[1]] ? 0 : 1;
      const res = twoProportionZTest(r[s], nRef, c[s], nCur);
      return { statistic: finiteOrNull(res.statistic), p_value: finiteOrNull(res.p_value), method: null, raw_distance: null };
    }
    case 'psi':
    case 'jensenshannon':
    case 'hellinger':
      return { statistic: finiteOrNull(distance(test, shares(r), shares(c))), p_value: null, method: null, raw_distance: null };
    default:
      return NONE;
  }
}

export function countCodesAt(codes: Int32Array, nLabels: number, rows: Uint32Array | null): Float64Array {
  const counts = new Float64Array(nLabels);
  if (rows === null) {
    for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) counts[codes[i]]++;
  } else {
    for (let i = 0; i < rows.length; i++) {
      const c = codes[rows[i]];
      if (c >= 0) counts[c]++;
    }
  }
  return counts;
}

export function sortedFiniteAt(values: Float64Array, rows: Uint32Array): Float64Array {
  const out = new Float64Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]];
    if (Number.isFinite(v)) out[n++] = v;
  }
  return sortFloat64(out.subarray(0, n));
}
