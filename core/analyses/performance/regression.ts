/**
 * Regression metrics as sklearn 1.2 defines them (force_finite: a constant label gives R² and
 * explained variance 1 for a perfect fit, else 0), plus mean error (bias, prediction − label),
 * the residual scatter (≤ 2,000 evenly spaced rows, deterministic) and the error histogram.
 */
import { histogramEdges, histogramSorted } from '../../stats/histogram';
import { sortFloat64 } from '../../stats/sort';
import type { Coverage } from './binary';
import type { RegressionPrepared } from './detect';
import type { Metrics, RegressionDetails } from './types';

export const RESIDUAL_POINTS = 2000;

export interface RegressionGathered extends Coverage {
  readonly y: Float64Array;
  readonly p: Float64Array;
}

export function gatherRegression(prep: RegressionPrepared, rows: Uint32Array | null): RegressionGathered {
  const n = rows ? rows.length : prep.y.length;
  const y = new Float64Array(n);
  const p = new Float64Array(n);
  let m = 0;
  let labelled = 0;
  let missing = 0;
  for (let r = 0; r < n; r++) {
    const i = rows ? rows[r] : r;
    const a = prep.y[i];
    if (!Number.isFinite(a)) continue;
    labelled++;
    const b = prep.predicted[i];
    if (!Number.isFinite(b)) {
      missing++;
      continue;
    }
    y[m] = a;
    p[m] = b;
    m++;
  }
  return { rows: n, labelled, missing, y: y.subarray(0, m), p: p.subarray(0, m) };
}

/** Sum with Neumaier compensation, inline state (the hot loops below avoid closures). */
class Acc {
  s = 0;
  c = 0;
  add(x: number): void {
    const t = this.s + x;
    if (Math.abs(this.s) >= Math.abs(x)) this.c += this.s - t + x;
    else this.c += x - t + this.s;
    this.s = t;
  }
  get value(): number {
    return this.s + this.c;
  }
}

/** numpy.median(|e|) from the errors sorted ascending: merge outward from the first e ≥ 0. */
export function medianAbsSorted(sorted: Float64Array): number {
  const n = sorted.length;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < 0) lo = mid + 1;
    else hi = mid;
  }
  let i = lo - 1; // next negative, going down
  let j = lo; // next non-negative, going up
  const take = (): number => (j >= n || (i >= 0 && -sorted[i] <= sorted[j]) ? -sorted[i--] : sorted[j++]);
  const h = n >> 1;
  let prev = 0;
  for (let k = 0; k < h; k++) prev = take();
  const at = take();
  return n % 2 === 1 ? at : (prev + at) / 2;
}

function forceFinite(numerator: number, denominator: number): number {
  if (denominator === 0) return numerator === 0 ? 1 : 0;
  return 1 - numerator / denominator;
}

/** The errors prediction − label, sorted ascending (shared by the median and the histogram). */
export function sortedErrors(g: RegressionGathered): Float64Array {
  const e = new Float64Array(g.y.length);
  for (let i = 0; i < e.length; i++) e[i] = g.p[i] - g.y[i];
  return sortFloat64(e);
}

export function regressionMetrics(g: RegressionGathered, sorted: Float64Array = sortedErrors(g)): { metrics: Metrics; undefined: Record<string, string> } {
  const { y, p } = g;
  const n = y.length;
  const names = ['mae', 'mse', 'rmse', 'mape', 'median_absolute_error', 'r2', 'explained_variance', 'mean_error'];
  if (n === 0) {
    const metrics: Metrics = {};
    const undef: Record<string, string> = {};
    for (const k of names) {
      metrics[k] = null;
      undef[k] = 'no rows with both a label and a prediction';
    }
    return { metrics, undefined: undef };
  }
  const eps = Number.EPSILON;
  const abs = new Acc();
  const sq = new Acc();
  const ape = new Acc();
  const ys = new Acc();
  const es = new Acc();
  for (let i = 0; i < n; i++) {
    const e = p[i] - y[i];
    const a = Math.abs(e);
    abs.add(a);
    sq.add(e * e);
    ape.add(a / Math.max(Math.abs(y[i]), eps));
    ys.add(y[i]);
    es.add(e);
  }
  const yMean = ys.value / n;
  const eMean = es.value / n;
  const tot = new Acc();
  const ev = new Acc();
  for (let i = 0; i < n; i++) {
    const d = y[i] - yMean;
    tot.add(d * d);
    const r = p[i] - y[i] - eMean;
    ev.add(r * r);
  }
  const mse = sq.value / n;
  const ssTot = tot.value / n;
  return {
    metrics: {
      mae: abs.value / n,
      mse,
      rmse: Math.sqrt(mse),
      mape: ape.value / n,
      median_absolute_error: medianAbsSorted(sorted),
      // R² = 1 − SS_res/SS_tot, both taken as means (the same ratio).
      r2: forceFinite(mse, ssTot),
      explained_variance: forceFinite(ev.value / n, ssTot),
      mean_error: eMean,
    },
    undefined: {},
  };
}

export function regressionDetails(g: RegressionGathered, bins: number, errs: Float64Array = sortedErrors(g)): RegressionDetails {
  const n = g.y.length;
  const m = Math.min(n, RESIDUAL_POINTS);
  const prediction: number[] = [];
  const error: number[] = [];
  for (let k = 0; k < m; k++) {
    const i = n <= RESIDUAL_POINTS ? k : Math.floor((k * n) / RESIDUAL_POINTS);
    prediction.push(g.p[i]);
    error.push(g.p[i] - g.y[i]);
  }
  const edges = n === 0 ? [] : histogramEdges(errs[0], errs[n - 1], bins);
  return {
    residuals: { prediction, error, sampled: n > RESIDUAL_POINTS },
    error_histogram: { edges, counts: n === 0 ? [] : histogramSorted(errs, edges) },
  };
}
