/**
 * Distances between two binned distributions given as shares over the same bins.
 * PSI floors each share at 1e-4 (empty bins would make ln(0)); Jensen–Shannon and Hellinger use
 * the shares as they are.
 */

export const PSI_SHARE_FLOOR = 1e-4;

/** Population stability index Σ (cur − ref)·ln(cur/ref), shares floored at 1e-4. */
export function psi(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = Math.max(reference[i], PSI_SHARE_FLOOR);
    const c = Math.max(current[i], PSI_SHARE_FLOOR);
    sum += (c - r) * Math.log(c / r);
  }
  return sum;
}

function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/**
 * Jensen–Shannon distance, base 2, as scipy.spatial.distance.jensenshannon(p, q, base=2):
 * both vectors are renormalised to sum 1 first, and the result is √(JS divergence).
 */
export function jensenShannon(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  const k = reference.length;
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < k; i++) {
    sp += reference[i];
    sq += current[i];
  }
  if (!(sp > 0 && sq > 0)) return NaN;
  let left = 0;
  let right = 0;
  for (let i = 0; i < k; i++) {
    const p = reference[i] / sp;
    const q = current[i] / sq;
    const m = (p + q) / 2;
    left += relEntr(p, m);
    right += relEntr(q, m);
  }
  const js = (left + right) / Math.log(2);
  return Math.sqrt(Math.max(js, 0) / 2);
}

/** Hellinger distance ‖√ref − √cur‖₂ / √2, in [0, 1]. */
export function hellinger(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < reference.length; i++) {
    const d = Math.sqrt(reference[i]) - Math.sqrt(current[i]);
    sum += d * d;
  }
  return Math.sqrt(sum) / Math.SQRT2;
}
