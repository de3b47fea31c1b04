/**
 * Seeded randomness for the bootstraps (fairness, A/B quantiles). The benchmarks' mulberry32 lives in
 * scripts/bench/rng.mjs, outside core; this is the same mulberry32, so a seed means the same
 * stream everywhere, plus Poisson, binomial and multinomial samplers — the fairness bootstrap draws
 * the confusion cells' resampled counts as one multinomial instead of touching rows.
 */

/** Uniform [0, 1) from a 32-bit seed (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LOG_FACTORIAL_TABLE = (() => {
  const t = new Float64Array(256);
  for (let k = 1; k < 256; k++) t[k] = t[k - 1] + Math.log(k);
  return t;
})();

/** log(k!) — a table below 256, Stirling's series above (error < 1e-15 relative there). */
export function logFactorial(k: number): number {
  if (k < 256) return LOG_FACTORIAL_TABLE[k];
  const x = k + 1;
  const ix2 = 1 / (x * x);
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + (1 / x) * (1 / 12 - ix2 * (1 / 360 - ix2 / 1260));
}

/**
 * One Poisson(λ) draw: multiplication of uniforms for λ < 10, Hörmann's transformed rejection
 * with squeeze (PTRS, 1993) above, whose cost does not grow with λ.
 */
export function poisson(lambda: number, uniform: () => number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 10) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = uniform();
    while (p > limit) {
      k++;
      p *= uniform();
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = uniform() - 0.5;
    const v = uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) return k;
  }
}

/**
 * One Binomial(n, p) draw: inversion (a search from 0) when n·min(p, 1−p) < 10, Hörmann's
 * transformed rejection with squeeze (BTRS, 1993) above, whose cost does not grow with n.
 * For p > 1/2 it draws the failures instead, so both branches see p ≤ 1/2.
 */
export function binomial(n: number, p: number, uniform: () => number): number {
  if (!(n > 0) || !(p > 0)) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p, uniform);
  return n * p < 10 ? binomialInversion(n, p, uniform) : binomialBtrs(n, p, uniform);
}

function binomialInversion(n: number, p: number, uniform: () => number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  const r0 = Math.exp(n * Math.log1p(-p));
  // Far beyond the mean (np < 10) only through rounding: start again, as numpy's inversion does.
  const bound = Math.min(n, n * p + 10 * Math.sqrt(n * p * q + 1));
  for (;;) {
    let r = r0;
    let u = uniform();
    let x = 0;
    while (u > r) {
      u -= r;
      x++;
      if (x > bound) break;
      r *= a / x - s;
    }
    if (x <= bound) return x;
  }
}

function binomialBtrs(n: number, p: number, uniform: () => number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const lpq = Math.log(p / q);
  const m = Math.floor((n + 1) * p);
  const h = logFactorial(m) + logFactorial(n - m);
  for (;;) {
    const u = uniform() - 0.5;
    const v = uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    if (Math.log((v * alpha) / (a / (us * us) + b)) <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
  }
}

/**
 * Multinomial(n; counts / total) into `out`: how many of n rows drawn with replacement from `total`
 * rows fall in each cell, when `counts[i]` of them are in cell i (cells may leave rows out: those fall
 * in an implicit last cell, not written). Conditional binomials: cell i takes Binomial(rows left,
 * counts[i] / the mass left), so a draw costs O(cells) whatever n is.
 */
export function multinomial(n: number, counts: ArrayLike<number>, total: number, uniform: () => number, out: Float64Array): void {
  let left = n;
  let mass = total;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (left === 0 || c <= 0) {
      out[i] = 0;
    } else {
      const x = c >= mass ? left : binomial(left, c / mass, uniform);
      out[i] = x;
      left -= x;
    }
    mass -= c;
  }
}
