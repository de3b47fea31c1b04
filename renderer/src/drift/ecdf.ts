/**
 * The largest vertical gap between two ECDFs given as quantile points (`values[i]` is the
 * `p[i]` quantile): where the KS distance is, to mark it on the chart. The points are a sample
 * of the ECDF (≤ 200 each), so the gap found is close to, not exactly, the KS statistic.
 */
import type { QuantilePoints } from '../../../core/analyses/drift/types';

/** F(x): the largest p whose value ≤ x (0 left of the first value). Values are sorted ascending. */
export function ecdfAt(q: QuantilePoints, x: number): number {
  let lo = 0;
  let hi = q.values.length; // first index with value > x
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (q.values[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : q.p[lo - 1];
}

export interface KsGap {
  readonly x: number;
  /** The reference ECDF at x. */
  readonly fRef: number;
  /** The current ECDF at x. */
  readonly fCur: number;
  readonly d: number;
}

export function ksGap(ref: QuantilePoints, cur: QuantilePoints): KsGap | null {
  if (ref.values.length === 0 || cur.values.length === 0) return null;
  let best: KsGap | null = null;
  for (const x of [...ref.values, ...cur.values]) {
    if (!Number.isFinite(x)) continue;
    const a = ecdfAt(ref, x);
    const b = ecdfAt(cur, x);
    const d = Math.abs(a - b);
    if (best === null || d > best.d) best = { x, fRef: a, fCur: b, d };
  }
  return best;
}
