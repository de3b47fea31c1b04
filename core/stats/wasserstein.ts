/**
 * Wasserstein-1 distance between two empirical distributions (scipy.stats.wasserstein_distance,
 * unweighted) from sorted samples, with compensated sums instead of numpy's pairwise ones.
 */
import { stdPopulation } from './summation';

/** quantileForm's grid positions (+ ½) stay exact doubles up to here: ~47M values a side. */
const QUANTILE_FORM_MAX_GRID = 2 ** 51;

export function wassersteinSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return NaN;
  return n1 * n2 <= QUANTILE_FORM_MAX_GRID ? quantileForm(a, b) : cdfForm(a, b);
}

/**
 * ∫₀¹ |F1⁻¹(u) − F2⁻¹(u)| du, equal to ∫|F1 − F2| dx in one dimension. The breakpoints u = i/n1
 * and j/n2 are kept as exact integers (i·n2, j·n1 on a grid of n1·n2), so the merge follows a
 * pattern fixed by n1 and n2 alone — no data-dependent branches, several times faster than
 * merging the values; for n1 = n2 it is the mean absolute difference of the order statistics.
 */
function quantileForm(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === n2) {
    let sum = 0;
    let comp = 0;
    for (let i = 0; i < n1; i++) {
      const x = Math.abs(a[i] - b[i]);
      const t = sum + x;
      // Neumaier's step with the operands picked, not the arithmetic branched (summation.ts says why).
      const sumBigger = sum >= x;
      comp += (sumBigger ? sum : x) - t + (sumBigger ? x : sum);
      sum = t;
    }
    return (sum + comp) / n1;
  }
  const s = MERGE_STATE;
  s[SUM] = 0;
  s[COMP] = 0;
  // Grid positions carry ½ so they are doubles from the first step (see mergeBlock).
  s[POS] = 0.5;
  s[NEXT_A] = n2 + 0.5;
  s[NEXT_B] = n1 + 0.5;
  MERGE_AT[0] = 0;
  MERGE_AT[1] = 0;
  // A short first block runs the whole function, state write-back included, before V8 compiles the
  // loop: compiled without feedback for the write-back, the loop bailed out at every block's end.
  for (let steps = 64; mergeBlock(a, b, steps); steps = MERGE_BLOCK);
  return (s[SUM] + s[COMP]) / (n1 * n2);
}

/*
 * The unequal-size merge runs in blocks of MERGE_BLOCK steps whose state lives in typed arrays
 * between calls. Written as one loop, V8 compiled it on the fly (on-stack replacement) from partial
 * type feedback: positions start as small integers and pass 2^31 mid-column (n1·n2 ≈ 10^12), which
 * threw the optimised loop away, and in some processes the recompiled loop kept its doubles boxed —
 * 3.6 or 18 ms a 1M-row pair from one run to the next, with ~100 MB of garbage a call when slow.
 * A block is an ordinary call: after the first few V8 optimises the whole function with complete
 * feedback, and positions offset by ½ are never small integers. Same steps, same sums, same bits.
 */
const MERGE_BLOCK = 4096;
const SUM = 0;
const COMP = 1;
const POS = 2;
const NEXT_A = 3;
const NEXT_B = 4;
const MERGE_STATE = new Float64Array(5);
const MERGE_AT = new Int32Array(2);

/** Up to `steps` steps of quantileForm's merge; false once either side is used up. */
function mergeBlock(a: Float64Array, b: Float64Array, steps: number): boolean {
  const n1 = a.length;
  const n2 = b.length;
  const s = MERGE_STATE;
  let sum = s[SUM];
  let comp = s[COMP];
  let pos = s[POS];
  let nextA = s[NEXT_A];
  let nextB = s[NEXT_B];
  let i = MERGE_AT[0];
  let j = MERGE_AT[1];
  for (let k = 0; k < steps && i < n1 && j < n2; k++) {
    const next = nextA < nextB ? nextA : nextB;
    const x = Math.abs(a[i] - b[j]) * (next - pos);
    const t = sum + x;
    const sumBigger = sum >= x;
    comp += (sumBigger ? sum : x) - t + (sumBigger ? x : sum);
    sum = t;
    pos = next;
    if (nextA === next) {
      i++;
      nextA += n2;
    }
    if (nextB === next) {
      j++;
      nextB += n1;
    }
  }
  s[SUM] = sum;
  s[COMP] = comp;
  s[POS] = pos;
  s[NEXT_A] = nextA;
  s[NEXT_B] = nextB;
  MERGE_AT[0] = i;
  MERGE_AT[1] = j;
  return i < n1 && j < n2;
}

/** scipy's own form, ∫|F1 − F2| dx over one merge of the values, for sizes whose product is not exact. */
function cdfForm(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let sum = 0;
  let comp = 0;
  let prev = Math.min(a[0], b[0]);
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    if (v !== prev) {
      // i, j are counts ≤ prev here: the ECDFs on [prev, v).
      const x = Math.abs(i / n1 - j / n2) * (v - prev);
      const t = sum + x;
      const sumBigger = sum >= x;
      comp += (sumBigger ? sum : x) - t + (sumBigger ? x : sum);
      sum = t;
      prev = v;
    }
    while (i < n1 && a[i] <= v) i++;
    while (j < n2 && b[j] <= v) j++;
  }
  return sum + comp;
}

/** Exposed for tests: both formulations must agree. */
export const wassersteinForms = { quantileForm, cdfForm };

export interface NormedWasserstein {
  /** Wasserstein-1 distance divided by max(std(reference), 0.001) — Evidently's normalisation. */
  readonly statistic: number;
  /** The unnormalised Wasserstein-1 distance, in the column's units. */
  readonly raw_distance: number;
  readonly reference_std: number;
}

/** Evidently floors the scale at 0.001 so a near-constant reference cannot blow the ratio up. */
export const WASSERSTEIN_MIN_SCALE = 0.001;

export function normedWassersteinSorted(reference: Float64Array, current: Float64Array): NormedWasserstein {
  const raw = wassersteinSorted(reference, current);
  const std = stdPopulation(reference);
  return { statistic: raw / Math.max(std, WASSERSTEIN_MIN_SCALE), raw_distance: raw, reference_std: std };
}
