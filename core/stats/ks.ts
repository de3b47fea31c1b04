/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, reproducing scipy.stats.ks_2samp(method='auto')
 * (scipy 1.10): exact p-value when max(n1, n2) ≤ 10000 and the exact computation succeeds,
 * otherwise kstwo.sf(D, round(n1·n2/(n1+n2))). In exact mode scipy reports D rounded to the lattice
 * h/lcm(n1, n2); we do the same so statistics compare equal.
 */
import { kstwoSf } from './kolmogorov';
import { gallopLeft, gallopRight } from './quantile';

export type KsMethod = 'exact' | 'asymp';

export interface KsResult {
  readonly statistic: number;
  readonly p_value: number;
  readonly method: KsMethod;
}

/** scipy's MAX_AUTO_N: above it 'auto' goes straight to the asymptotic distribution. */
export const KS_MAX_AUTO_N = 10000;

/**
 * D = sup |F1 − F2| from one merge of two sorted NaN-free arrays. The ECDF differences are
 * formed as count1/n1 − count2/n2 exactly as numpy does, so ties and equal maxima agree.
 */
export function ksStatisticSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let maxS = -Infinity;
  let minS = Infinity;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    while (i < n1 && a[i] <= v) i++;
    while (j < n2 && b[j] <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  const negMin = Math.min(Math.max(-minS, 0), 1);
  return negMin > maxS ? negMin : maxS;
}

/** Where the two ECDFs are furthest apart: the value, both ECDFs just after it, and the distance. */
export interface KsGap {
  readonly x: number;
  readonly reference: number;
  readonly current: number;
  readonly distance: number;
}

/**
 * The location of the KS distance, by the same merge as ksStatisticSorted — so a chart marking it
 * shows exactly the statistic the test reports. Null when either side is empty.
 *
 * The merge mispredicts a branch at about every value of two close samples (~8 ns a value: 16 ms on
 * a million-row pair), so large samples are cut into value intervals at every GAP_BLOCK-th reference
 * value; the counts at the cuts (binary searches) bound |F1 − F2| inside each interval, and only the
 * intervals whose bound reaches the largest distance at a cut are merged. The bound is exact in
 * floating point (division and subtraction are monotone), so the answer is the full merge's: the
 * first value at which the largest distance occurs. An interval holding only its cut's value (an
 * integer column: each of its ~1000 values repeats ~1000 times) is answered by the cut's counts,
 * not merged: 8–16 → ~1 ms a 1M-row integer pair.
 */
export function ksGapSorted(a: Float64Array, b: Float64Array): KsGap | null {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return null;
  if (n1 < 4 * GAP_BLOCK) return gapIn(a, b, 0, 0, Infinity);
  // Interval k is [cuts[k], cuts[k + 1]): the counts below its start are loA[k], loB[k].
  const cuts = cutsOf(a);
  const m = cuts.length;
  const loA = countsBelow(a, cuts);
  const loB = countsBelow(b, cuts);
  // At a value inside interval k after its cut, the counts lie in [hi[k], lo[k + 1]], where hi[k]
  // counts the values ≤ the cut; the distance at each cut (a value the merge visits) is a floor
  // for the largest one.
  const hiA = countsUpTo(a, cuts, loA);
  const hiB = countsUpTo(b, cuts, loB);
  const bound = new Float64Array(m);
  const floor = boundsOf(n1, n2, loA, loB, hiA, hiB, bound);
  // Merge in value order the intervals that can hold the first largest distance: a bound below the
  // floor cannot, nor one that cannot beat (strictly) what an earlier interval already found.
  let best: KsGap | null = null;
  for (let k = 0; k < m; k++) {
    if (bound[k] < floor || (best && bound[k] <= best.distance)) continue;
    // An interval holding its cut's value alone (ties: integer columns) is the cut's distance.
    const gap =
      k > 0 && hiA[k] === loA[k + 1] && hiB[k] === loB[k + 1]
        ? { x: cuts[k], reference: hiA[k] / n1, current: hiB[k] / n2, distance: Math.abs(hiA[k] / n1 - hiB[k] / n2) }
        : gapIn(a, b, loA[k], loB[k], k + 1 < m ? cuts[k + 1] : Infinity);
    if (!best || gap.distance > best.distance) best = gap;
  }
  return best!;
}

/*
 * The bounded search is cut into small functions on purpose: written as one, V8 optimised it as one
 * graph with every gallop and search inlined, and compiling that took 50–85 ms of CPU per thread,
 * twice (on-stack, then whole) — ~300 ms of a 1.2 s drift run on two cores, against a few ms of
 * searching. Each piece below is a loop of its own that compiles in a few ms.
 */

/** Reference values per interval of ksGapSorted's bounded search. */
const GAP_BLOCK = 256;

/** −∞, then every GAP_BLOCK-th value of `a` (sorted), repeats dropped: where the intervals start. */
function cutsOf(a: Float64Array): Float64Array {
  const cuts = new Float64Array(Math.ceil(a.length / GAP_BLOCK) + 1);
  cuts[0] = -Infinity;
  let m = 1;
  for (let i = GAP_BLOCK; i < a.length; i += GAP_BLOCK) {
    if (a[i] !== cuts[m - 1]) cuts[m++] = a[i];
  }
  return cuts.subarray(0, m);
}

/** lo[k]: values of `sorted` below cuts[k]; lo[m] = all of them. */
function countsBelow(sorted: Float64Array, cuts: Float64Array): Float64Array {
  const m = cuts.length;
  const lo = new Float64Array(m + 1);
  // The next cut is ~GAP_BLOCK values on: gallop from the last instead of halving the rest.
  for (let k = 1; k < m; k++) lo[k] = gallopLeft(sorted, cuts[k], lo[k - 1]);
  lo[m] = sorted.length;
  return lo;
}

/** hi[k]: values of `sorted` at most cuts[k] (k ≥ 1; hi[0] = 0). */
function countsUpTo(sorted: Float64Array, cuts: Float64Array, lo: Float64Array): Float64Array {
  const hi = new Float64Array(cuts.length);
  for (let k = 1; k < cuts.length; k++) hi[k] = gallopRight(sorted, cuts[k], lo[k]);
  return hi;
}

/** Fills each interval's bound on the distance inside it; returns the largest distance at a cut. */
function boundsOf(n1: number, n2: number, loA: Float64Array, loB: Float64Array, hiA: Float64Array, hiB: Float64Array, bound: Float64Array): number {
  let floor = -1;
  for (let k = 0; k < bound.length; k++) {
    const fromA = k > 0 ? hiA[k] : loA[k];
    const fromB = k > 0 ? hiB[k] : loB[k];
    // The cut's own distance, or the largest a value after it could reach.
    const atCut = k > 0 ? Math.abs(hiA[k] / n1 - hiB[k] / n2) : -1;
    if (atCut > floor) floor = atCut;
    const up = loA[k + 1] / n1 - fromB / n2;
    const down = loB[k + 1] / n2 - fromA / n1;
    bound[k] = atCut > up ? (atCut > down ? atCut : down) : up > down ? up : down;
  }
  return floor;
}

/**
 * The merge of ksStatisticSorted over the distinct values below `end`, from (i, j) = the counts of
 * a and b below the first of them: the first largest distance there, with both ECDFs.
 */
function gapIn(a: Float64Array, b: Float64Array, i: number, j: number, end: number): KsGap {
  const n1 = a.length;
  const n2 = b.length;
  // The best so far as numbers, made into an object once at the end.
  let bestX = a[0];
  let bestI = 0;
  let bestJ = 0;
  let bestD = -1;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    if (v >= end) break;
    while (i < n1 && a[i] <= v) i++;
    while (j < n2 && b[j] <= v) j++;
    const d = Math.abs(i / n1 - j / n2);
    if (d > bestD) {
      bestX = v;
      bestI = i;
      bestJ = j;
      bestD = d;
    }
  }
  return { x: bestX, reference: bestD < 0 ? 0 : bestI / n1, current: bestD < 0 ? 0 : bestJ / n2, distance: bestD };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** numpy.round: half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Pr(D_{n,n} ≥ h/n), Horner-like alternating series (scipy's _compute_prob_outside_square). */
function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
    k -= 1;
  }
  return 2 * P;
}

/**
 * Proportion of lattice paths (0,0)→(m,n) that leave the band |x/m − y/n| < h/lcm — Hodges' inside
 * method with Viehmann's recursion for 1−p (scipy's _compute_outer_prob_inside_method).
 */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  let m = m0;
  let n = n0;
  if (m < n) [m, n] = [n, m];
  const mg = Math.floor(m / g);
  const ng = Math.floor(n / g);
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.max(Math.floor((ng * i - h) / mg) + 1, 0);
    minj = Math.min(minj, n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    const off = minj - lastminj;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + off] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1];
}

interface ExactAttempt {
  success: boolean;
  d: number;
  prob: number;
}

function attemptExact(n1: number, n2: number, g: number, d: number): ExactAttempt {
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const dLattice = h / lcm;
  if (h === 0) return { success: true, d: dLattice, prob: 1 };
  const prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
  if (!Number.isFinite(prob) || !(prob >= 0 && prob <= 1)) return { success: false, d: dLattice, prob };
  return { success: true, d: dLattice, prob };
}

/** ks_2samp on two sorted NaN-free samples; both must be non-empty. */
export function ks2sampSorted(a: Float64Array, b: Float64Array): KsResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new Error('ks_2samp needs two non-empty samples');
  let d = ksStatisticSorted(a, b);
  if (Math.max(n1, n2) <= KS_MAX_AUTO_N) {
    const exact = attemptExact(n1, n2, gcd(n1, n2), d);
    // scipy keeps the lattice-rounded D even when it then falls back to asymp.
    d = exact.d;
    if (exact.success) return { statistic: d, p_value: clip(exact.prob), method: 'exact' };
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = (m * n) / (m + n);
  return { statistic: d, p_value: clip(kstwoSf(d, roundHalfEven(en))), method: 'asymp' };
}

function clip(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
