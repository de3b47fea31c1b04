/**
 * Distribution of the Kolmogorov–Smirnov statistics, as scipy computes them:
 *  - `kstwoSf(d, n)`  = scipy.stats.kstwo.sf(d, n), the two-sided one-sample D_n
 *    (Simard & L'Ecuyer's selection among Ruben–Gambino, Durbin/MTW matrix, Pomeranz,
 *    Pelz–Good and 2·smirnov — the same cut-offs as scipy/stats/_ksstats.py);
 *  - `smirnovSf(n, d)` = scipy.special.smirnov(n, d), the one-sided D_n^+ upper tail
 *    (Birnbaum–Tingey sum with scaled powers so nothing over/underflows).
 * ks_2samp's asymptotic branch is kstwo.sf(d, round(n1·n2/(n1+n2))), hence this module.
 */

const E128 = 128;
const EP128 = 2 ** 128;
const EM128 = 2 ** -128;
const LOG_2PI = Math.log(2 * Math.PI);
const SQRT2PI = Math.sqrt(2 * Math.PI);
const MIN_LOG = -708;
const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const SQRT3 = Math.sqrt(3);
/** cephes MINLOG = log(2^-1022): below it the one-sided tail underflows. */
const CEPHES_MINLOG = -7.083964185322641e2;
const DBL_EPSILON = 2.220446049250313e-16;

// cephes' coefficients, written as the shortest decimals of the same doubles.
const STIRLING_COEFFS = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176,
  0.0008417508417508417, -0.0005952380952380953, 0.0007936507936507937,
  -0.002777777777777778, 0.08333333333333333,
];

function clip01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

function polyval(coeffs: readonly number[], x: number): number {
  let y = 0;
  for (const c of coeffs) y = y * x + c;
  return y;
}

/** log(n!/n^n) via Stirling with n·log(n) removed up front (no cancellation). */
function logNFactorialDivNPowN(n: number): number {
  const rn = 1 / n;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * polyval(STIRLING_COEFFS, rn / n);
}

/** x·2^e without intermediate overflow/underflow for the exponent ranges we produce. */
function ldexp(x: number, e: number): number {
  if (e > 1000) return x * 2 ** 1000 * 2 ** (e - 1000);
  if (e < -1000) {
    const y = x * 2 ** -1000;
    const rest = e + 1000;
    return rest < -1000 ? y * 2 ** -1000 * 2 ** (rest + 1000) : y * 2 ** rest;
  }
  return x * 2 ** e;
}

/** Mantissa in [0.5, 1) and exponent of a positive finite x. */
function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let e = Math.floor(Math.log2(x)) + 1;
  let m = ldexp(x, -e);
  // log2 can be off by one ulp near powers of two.
  while (m >= 1) { m /= 2; e++; }
  while (m < 0.5) { m *= 2; e--; }
  return [m, e];
}

// ---------------------------------------------------------------------------------------------
// Durbin matrix (Marsaglia–Tsang–Wang)

function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array<ArrayBufferLike> {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k];
      if (aik === 0) continue;
      const bo = k * m;
      const oo = i * m;
      for (let j = 0; j < m; j++) out[oo + j] += aik * b[bo + j];
    }
  }
  return out;
}

/** Pr(D_n ≤ d). */
function kolmognDMTW(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;

  let H: Float64Array<ArrayBufferLike> = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)];
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];

  let Hpwr: Float64Array<ArrayBufferLike> = new Float64Array(m * m);
  for (let i = 0; i < m; i++) Hpwr[i * m + i] = 1;
  let nn = n;
  let expnt = 0;
  let Hexpnt = 0;
  const kk = (k - 1) * m + (k - 1);
  while (nn > 0) {
    if (nn % 2) {
      Hpwr = matmul(Hpwr, H, m);
      expnt += Hexpnt;
    }
    H = matmul(H, H, m);
    Hexpnt *= 2;
    if (Math.abs(H[kk]) > EP128) {
      for (let i = 0; i < H.length; i++) H[i] /= EP128;
      Hexpnt += E128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = Hpwr[kk];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= EP128;
      expnt -= E128;
    }
  }
  if (expnt !== 0) p = ldexp(p, expnt);
  return clip01(p);
}

// ---------------------------------------------------------------------------------------------
// Pomeranz recursion

function pomeranzJ1J2(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const ip1div2 = Math.floor((i + 1) / 2);
    const ip1mod2 = (i + 1) % 2;
    if (ip1mod2 === 0) {
      if (ip1div2 === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = ip1div2 - 1 - ll - roundf - 1;
        j2 = ip1div2 + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = ip1div2 - 1 - ll - 1;
      j2 = ip1div2 + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** Pr(D_n ≤ x). */
function kolmognPomeranz(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1;
  twogpower[0] = 1;
  onem2gpower[0] = 1;
  let expnt = 0;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1] * gOverN) / m;
    twogpower[m] = (twogpower[m - 1] * twoGOverN) / m;
    onem2gpower[m] = (onem2gpower[m - 1] * oneMinusTwoGOverN) / m;
  }
  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  // Only j1 of row 0 is needed: each step computes its own j2.
  let j1 = pomeranzJ1J2(0, n, ll, ceilf, roundf)[0];
  let j2: number;
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = pomeranzJ1J2(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      const base = k1 - V0s;
      // Only the entries convStart..convStart+convLen-1 of the full convolution are kept.
      for (let c = 0; c < convLen; c++) {
        const idx = convStart + c;
        let s = 0;
        const lo = Math.max(0, idx - (ln2 - 1));
        const hi = Math.min(idx, ln2 - 1);
        for (let a = lo; a <= hi; a++) s += V0[base + a] * pwrs[idx - a];
        V1[c] = s;
      }
      let mx = 0;
      for (let c = 0; c < V1.length; c++) if (V1[c] > mx) mx = V1[c];
      if (mx > 0 && mx < EM128) {
        for (let c = 0; c < V1.length; c++) V1[c] *= EP128;
        expnt -= E128;
      }
      V1s = V0s + j1 - k1;
    }
  }
  let ans = V1[n - V1s];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > EP128) {
      ans *= EM128;
      expnt += E128;
    }
    ans *= m;
  }
  if (expnt !== 0) ans = ldexp(ans, expnt);
  return clip01(ans);
}

// ---------------------------------------------------------------------------------------------
// Pelz–Good asymptotic

/** Pr(D_n ≤ x) (cdf) or Pr(D_n > x) (sf), unclipped like scipy's. */
function kolmognPelzGood(n: number, x: number, cdf: boolean): number {
  if (x <= 0) return cdf ? 0 : 1;
  if (x >= 1) return cdf ? 1 : 0;
  const z = Math.sqrt(n) * x;
  const z2 = z ** 2;
  const z3 = z ** 3;
  const z4 = z ** 4;
  const z6 = z ** 6;
  const qlog = -PI2 / 8 / z2;
  if (qlog < MIN_LOG) return cdf ? 0 : 1;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m ** 2;
    const m4 = m ** 4;
    const m6 = m ** 6;
    const qpower = q ** (8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i] * qpower + coeffs[i];
  }
  const div = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT2PI) / div[i];
  q = Math.exp(-PI2 / 2 / z2);
  const sqrt3z = SQRT3 * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const k2 = k ** 2;
    const qp = q ** k2;
    const kspi = Math.PI * k;
    k2extra += k2 * qp;
    k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * k2 * qp;
  }
  K[2] += k2extra * ((PI2 * SQRT2PI) / (-36 * z3));
  K[3] += k3extra * ((PI2 * SQRT2PI) / (216 * z6));
  for (let i = 0; i < 4; i++) K[i] /= n ** (i / 2);
  if (!cdf) {
    for (let i = 0; i < 4; i++) K[i] = -K[i];
    K[0] += 1;
  }
  return K[0] + K[1] + K[2] + K[3];
}

// ---------------------------------------------------------------------------------------------
// One-sided Smirnov

/** Exact error of the product a·b (Dekker/Veltkamp, no FMA in JS). */
function twoProductError(a: number, b: number, p: number): number {
  const SPLIT = 134217729; // 2^27 + 1
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return al * bl - (p - ah * bh - al * bh - ah * bl);
}

/**
 * (t + tErr)^m as mantissa·2^exponent. The base is split into a power-of-two exponent and a
 * mantissa in [0.5,1); the mantissa power is taken in chunks that stay above 2^-960, and the
 * rounding error of t is folded back in to first order (it matters: m reaches 10^6).
 */
function powScaled(t: number, tErr: number, m: number): [number, number] {
  if (m === 0) return [1, 0];
  if (!(t > 0)) return [0, 0];
  const [y, ye] = frexp(t);
  const [pm, pe] = powMantissa(y, m);
  let mant = pm;
  const rel = (m * tErr) / t;
  if (rel !== 0) mant *= Math.abs(rel) < 1e-4 ? 1 + rel + (rel * (m - 1) * tErr) / (2 * t) : Math.exp(m * Math.log1p(tErr / t));
  const [fm, fe] = frexp(mant);
  return [fm, fe + pe + m * ye];
}

function powMantissa(y: number, m: number): [number, number] {
  const lg2 = Math.log2(y);
  if (m * lg2 >= -960) return frexp(y ** m);
  const chunk = Math.max(1, Math.floor(-960 / lg2));
  const q = Math.floor(m / chunk);
  const r = m - q * chunk;
  const [cm, ce] = frexp(y ** chunk);
  const [qm, qe] = powMantissa(cm, q);
  const [rm, re] = frexp(y ** r);
  const [fm, fe] = frexp(qm * rm);
  return [fm, fe + qe + q * ce + re];
}

/** scipy.special.smirnov(n, x) = Pr(D_n^+ ≥ x). */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  // floor(n·x) and its remainder exactly: a last-bit error would change the number of terms.
  const nxHi = n * x;
  const nxLo = twoProductError(n, x, nxHi);
  let nxfl = Math.floor(nxHi);
  let alpha = nxHi - nxfl + nxLo;
  if (alpha < 0) {
    nxfl -= 1;
    alpha += 1;
  }
  if (alpha >= 1) {
    nxfl += 1;
    alpha = 0;
  }
  let n1mxfl = n - nxfl - (alpha === 0 ? 0 : 1);
  if (alpha === 0) n1mxfl -= 1;

  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    // x ≤ 1/n: cdf = x (1+x)^(n-1)
    const [pm, pe] = powScaled(1 + x, x - (1 + x - 1), n - 1);
    return clip01(1 - x * ldexp(pm, pe));
  }
  if (-2 * n * x * x < CEPHES_MINLOG) return 0;
  if (nxfl >= n - 1) {
    const base = 1 - x;
    const [pm, pe] = powScaled(base, -x - (base - 1), n);
    return clip01(ldexp(pm, pe));
  }
  if (n > 1000000) return clip01(Math.exp(-((6 * n * x + 1) ** 2) / 18 / n));

  // Lower Birnbaum–Tingey sum: Σ_{v=0}^{n1mxfl} C(n,v) (x+v/n)^(v-1) (1-x-v/n)^(n-v).
  const nTerms = n1mxfl + 1;
  // v = 0: (1-x)^n / x
  const oneMinusX = 1 - x;
  const [t0m, t0e] = powScaled(oneMinusX, -x - (oneMinusX - 1), n);
  let sum = ldexp(t0m, t0e) / x;
  let comp = 0;
  let cMan = 1;
  let cExp = 0;
  for (let j = 1; j < nTerms; j++) {
    // C(n, j) from C(n, j-1)
    const [bm, be] = frexp((cMan * (n - (j - 1))) / j);
    cMan = bm;
    cExp += be;
    const v = j;
    const vn = v / n;
    const vnP = vn * n;
    const vnErr = (v - vnP - twoProductError(vn, n, vnP)) / n;
    // t1 = x + v/n, t2 = 1 - x - v/n with their rounding errors carried separately.
    const t1 = x + vn;
    const t1Err = twoSumError(x, vn, t1) + vnErr;
    const s = 1 - vn;
    const sErr = twoSumError(1, -vn, s) - vnErr;
    const t2 = s - x;
    const t2Err = twoSumError(s, -x, t2) + sErr;
    const [am, ae] = powScaled(t1, t1Err, v - 1);
    const [bm2, be2] = powScaled(t2, t2Err, n - v);
    const term = ldexp(am * bm2 * cMan, ae + be2 + cExp);
    const tsum = sum + term;
    comp += sum >= term ? sum - tsum + term : term - tsum + sum;
    sum = tsum;
    if (term !== 0) {
      if (4 * (nTerms - j) * term < DBL_EPSILON * sum && j !== nTerms - 1) break;
    } else if (j > n / 2) {
      break;
    }
  }
  return clip01(x * (sum + comp));
}

/** Exact rounding error of s = a + b (Knuth's TwoSum). */
function twoSumError(a: number, b: number, s: number): number {
  const bb = s - a;
  return a - (s - bb) + (b - bb);
}

// ---------------------------------------------------------------------------------------------
// Two-sided one-sample D_n

function kolmogn(n: number, x: number, cdf: boolean): number {
  if (x >= 1) return cdf ? 1 : 0;
  if (x <= 0) return cdf ? 0 : 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return cdf ? 0 : 1;
    let prob: number;
    if (n <= 140) {
      prob = 1;
      const f = 2 * t - 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * f;
    } else {
      prob = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
    }
    return clip01(cdf ? prob : 1 - prob);
  }
  if (t >= n - 1) {
    const prob = 2 * (1 - x) ** n;
    return clip01(cdf ? 1 - prob : prob);
  }
  if (x >= 0.5) {
    const prob = 2 * smirnovSf(n, x);
    return clip01(cdf ? 1 - prob : prob);
  }
  const nxsquared = t * x;
  if (n <= 140) {
    if (nxsquared <= 0.754693) {
      const prob = kolmognDMTW(n, x);
      return clip01(cdf ? prob : 1 - prob);
    }
    if (nxsquared <= 4) {
      const prob = kolmognPomeranz(n, x);
      return clip01(cdf ? prob : 1 - prob);
    }
    const prob = 2 * smirnovSf(n, x);
    return clip01(cdf ? 1 - prob : prob);
  }
  if (!cdf) {
    if (nxsquared >= 370) return 0;
    if (nxsquared >= 2.2) return clip01(2 * smirnovSf(n, x));
  }
  let cdfprob: number;
  if (nxsquared >= 18) cdfprob = 1;
  else if (n <= 100000 && n * x ** 1.5 <= 1.4) cdfprob = kolmognDMTW(n, x);
  else cdfprob = kolmognPelzGood(n, x, true);
  return clip01(cdf ? cdfprob : 1 - cdfprob);
}

/** scipy.stats.kstwo.sf(d, n): Pr(D_n ≥ d) for integer n ≥ 1 (support (0.5/n, 1)). */
export function kstwoSf(d: number, n: number): number {
  if (!(n >= 1) || n !== Math.round(n) || Number.isNaN(d)) return NaN;
  if (d <= 0.5 / n) return 1;
  if (d >= 1) return 0;
  return kolmogn(n, d, false);
}

/** scipy.stats.kstwo.cdf(d, n). */
export function kstwoCdf(d: number, n: number): number {
  if (!(n >= 1) || n !== Math.round(n) || Number.isNaN(d)) return NaN;
  if (d <= 0.5 / n) return 0;
  if (d >= 1) return 1;
  return kolmogn(n, d, true);
}
