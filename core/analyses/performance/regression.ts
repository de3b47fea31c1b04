/**
 * Regression metrics as sklearn 1.2 defines them (force_finite: a constant label gives R² and
 * explained variance 1 for a perfect fit, else 0), plus mean error (bias, prediction − label),
 * the residual scatter (≤ 2,000 evenly spaced rows, deterministic) and the error histogram.
 */
import { histogramEdges, histogramSorted } from '../../stats/histogram';
import { sortFloat64 } from '../../stats/sort';
import { CompensatedSum } from '../../stats/summation';
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

function meanOf(n: number, f: (i: number) => number): number {
  const s = new CompensatedSum();
  for (let i = 0; i < n; i++) s.add(f(i));
  return s.value() / n;
}

/** numpy.median of a sorted array. */
function medianSorted(s: Float64Array): number {
  const n = s.length;
  const h = n >> 1;
  return n % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

function forceFinite(numerator: number, denominator: number): number {
  if (denominator === 0) return numerator === 0 ? 1 : 0;
  return 1 - numerator / denominator;
}

export function regressionMetrics(g: RegressionGathered): { metrics: Metrics; undefined: Record<string, string> } {
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
  const mae = meanOf(n, (i) => Math.abs(p[i] - y[i]));
  const mse = meanOf(n, (i) => (y[i] - p[i]) * (y[i] - p[i]));
  const mape = meanOf(n, (i) => Math.abs(p[i] - y[i]) / Math.max(Math.abs(y[i]), eps));
  const abs = new Float64Array(n);
  for (let i = 0; i < n; i++) abs[i] = Math.abs(p[i] - y[i]);
  const medae = medianSorted(sortFloat64(abs));
  const yMean = meanOf(n, (i) => y[i]);
  const ssTot = meanOf(n, (i) => (y[i] - yMean) * (y[i] - yMean));
  const diffMean = meanOf(n, (i) => y[i] - p[i]);
  const evNum = meanOf(n, (i) => (y[i] - p[i] - diffMean) * (y[i] - p[i] - diffMean));
  return {
    metrics: {
      mae,
      mse,
      rmse: Math.sqrt(mse),
      mape,
      median_absolute_error: medae,
      // R² = 1 − SS_res/SS_tot; both as means (same ratio), so no n·mean cancellation.
      r2: forceFinite(mse, ssTot),
      explained_variance: forceFinite(evNum, ssTot),
      mean_error: meanOf(n, (i) => p[i] - y[i]),
    },
    undefined: {},
  };
}

export function regressionDetails(g: RegressionGathered, bins: number): RegressionDetails {
  const n = g.y.length;
  const m = Math.min(n, RESIDUAL_POINTS);
  const prediction: number[] = [];
  const error: number[] = [];
  for (let k = 0; k < m; k++) {
    const i = n <= RESIDUAL_POINTS ? k : Math.floor((k * n) / RESIDUAL_POINTS);
    prediction.push(g.p[i]);
    error.push(g.p[i] - g.y[i]);
  }
  const errs = new Float64Array(n);
  for (let i = 0; i < n; i++) errs[i] = g.p[i] - g.y[i];
  sortFloat64(errs);
  const edges = n === 0 ? [] : histogramEdges(errs[0], errs[n - 1], bins);
  return {
    residuals: { prediction, error, sampled: n > RESIDUAL_POINTS },
    error_histogram: { edges, counts: n === 0 ? [] : histogramSorted(errs, edges) },
  };
}
