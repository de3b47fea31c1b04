/**
 * pandas' DataFrame.corr(method='pearson' | 'spearman') with its default min_periods=1: each pair
 * on the rows where both values are present (pairwise-complete), NaN (here null) where a column is
 * constant on those rows or fewer than one pair exists. The arithmetic follows pandas'
 * `nancorr` (Welford's running means and co-moments) and `nancorr_spearman` (average ranks of the
 * pair's rows, centred at (n + 1)/2), so values agree to the last bits.
 */
import type { Matrix } from './types';

/** One pair, Pearson, pairwise complete: pandas' nancorr inner loop. */
export function pearsonPair(x: Float64Array, y: Float64Array): number | null {
  let nobs = 0;
  let meanx = 0;
  let meany = 0;
  let ssqdmx = 0;
  let ssqdmy = 0;
  let covxy = 0;
  for (let k = 0; k < x.length; k++) {
    const vx = x[k];
    const vy = y[k];
    if (Number.isNaN(vx) || Number.isNaN(vy)) continue;
    nobs++;
    const dx = vx - meanx;
    const dy = vy - meany;
    // pandas multiplies by the reciprocal; so do we, for the same rounding.
    meanx += (1 / nobs) * dx;
    meany += (1 / nobs) * dy;
    ssqdmx += (vx - meanx) * dx;
    ssqdmy += (vy - meany) * dy;
    covxy += (vx - meanx) * dy;
  }
  if (nobs < 1) return null;
  const divisor = Math.sqrt(ssqdmx * ssqdmy);
  return divisor !== 0 ? covxy / divisor : null;
}

/** Average ranks (1-based, ties share their mean rank), as scipy.stats.rankdata / pandas rank_1d. */
export function averageRanks(values: Float64Array): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = r;
    i = j + 1;
  }
  return ranks;
}

/** Spearman of two rank vectors of the same rows: pandas' centred sums. */
function rankCorrelation(rx: Float64Array, ry: Float64Array): number | null {
  const nobs = rx.length;
  if (nobs < 1) return null;
  const mean = (nobs + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < nobs; k++) {
    const vx = rx[k] - mean;
    const vy = ry[k] - mean;
    sxy += vx * vy;
    sxx += vx * vx;
    syy += vy * vy;
  }
  const divisor = Math.sqrt(sxx * syy);
  return divisor !== 0 ? sxy / divisor : null;
}

function hasMissing(x: Float64Array): boolean {
  for (let k = 0; k < x.length; k++) if (Number.isNaN(x[k])) return true;
  return false;
}

/** Spearman, pairwise complete: columns without a missing value are ranked once; pairs with one are re-ranked on their shared rows. */
function spearmanMatrix(cols: readonly Float64Array[]): Matrix {
  const k = cols.length;
  const missing = cols.map(hasMissing);
  const ranked = cols.map((c, i) => (missing[i] ? null : averageRanks(c)));
  const out: Matrix = Array.from({ length: k }, () => new Array<number | null>(k).fill(null));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let v: number | null;
      if (ranked[i] && ranked[j]) v = rankCorrelation(ranked[i]!, ranked[j]!);
      else {
        const x = cols[i];
        const y = cols[j];
        const keep: number[] = [];
        for (let r = 0; r < x.length; r++) if (!Number.isNaN(x[r]) && !Number.isNaN(y[r])) keep.push(r);
        v = rankCorrelation(averageRanks(Float64Array.from(keep, (r) => x[r])), averageRanks(Float64Array.from(keep, (r) => y[r])));
      }
      out[i][j] = v;
      out[j][i] = v;
    }
  }
  return out;
}

function pearsonMatrix(cols: readonly Float64Array[]): Matrix {
  const k = cols.length;
  const out: Matrix = Array.from({ length: k }, () => new Array<number | null>(k).fill(null));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      const v = pearsonPair(cols[i], cols[j]);
      out[i][j] = v;
      out[j][i] = v;
    }
  }
  return out;
}

/** The correlation matrix of the columns (NaN = missing; ±Infinity is treated as missing, which pandas would not meet in a workspace). */
export function correlationMatrix(cols: readonly Float64Array[], method: 'pearson' | 'spearman'): Matrix {
  const clean = cols.map((c) => (c.some((v) => v === Infinity || v === -Infinity) ? c.map((v) => (Number.isFinite(v) ? v : NaN)) : c));
  return method === 'pearson' ? pearsonMatrix(clean) : spearmanMatrix(clean);
}
