/**
 * Per-group sums, added block by block of rows (grid.ts runs the one pass): count, Σx, Σx² and,
 * with a second column y, Σy, Σy², Σxy. Groups are arms, or segment × arm, or day × arm — whatever
 * `group` (−1 = skip) encodes, so every breakdown costs one pass and no per-row allocation. Sums are taken around a per-group shift
 * (the group's first value) so the variance does not cancel catastrophically on large means.
 */
export interface Moments {
  readonly groups: number;
  readonly n: Float64Array;
  readonly kx: Float64Array;
  readonly sx: Float64Array;
  readonly sxx: Float64Array;
  readonly ky: Float64Array;
  readonly sy: Float64Array;
  readonly syy: Float64Array;
  readonly sxy: Float64Array;
}

export type MissingY = 'skip-row' | 'zero';

/** Zero sums over `groups` groups, for accumulateBlock. */
export function emptyMoments(groups: number): Moments {
  const z = () => new Float64Array(groups);
  return { groups, n: z(), kx: z(), sx: z(), sxx: z(), ky: z(), sy: z(), syy: z(), sxy: z() };
}

/**
 * Adds rows offset … offset + count − 1 into `m`: group[j] is the group of row offset + j (−1 = skip).
 * `x` NaN skips the row; `y` NaN skips it or counts as 0 (CUPED: no pre-period activity).
 * A group's shift is its first value, whichever block it comes in.
 */
export function accumulateBlock(m: Moments, group: Int32Array, count: number, offset: number, x: Float64Array, y: Float64Array | undefined, missingY: MissingY): void {
  const { n, kx, sx, sxx, ky, sy, syy, sxy } = m;
  if (!y) {
    for (let j = 0; j < count; j++) {
      const g = group[j];
      const v = x[offset + j];
      if (g < 0 || v !== v) continue;
      if (n[g] === 0) kx[g] = v;
      const d = v - kx[g];
      n[g]++;
      sx[g] += d;
      sxx[g] += d * d;
    }
    return;
  }
  const zero = missingY === 'zero';
  for (let j = 0; j < count; j++) {
    const g = group[j];
    const v = x[offset + j];
    if (g < 0 || v !== v) continue;
    let w = y[offset + j];
    if (w !== w) {
      if (!zero) continue;
      w = 0;
    }
    if (n[g] === 0) {
      kx[g] = v;
      ky[g] = w;
    }
    const d = v - kx[g];
    const e = w - ky[g];
    n[g]++;
    sx[g] += d;
    sxx[g] += d * d;
    sy[g] += e;
    syy[g] += e * e;
    sxy[g] += d * e;
  }
}

/**
 * accumulateBlock for three metrics without y at once (no ratio, no CUPED): one loop reads each
 * row's group once and adds the row to the three metrics' sums, where three calls read the block
 * three times and three hot loops each wait for the compiler in a fresh process. Each metric's sums
 * are added in row order, as accumulateBlock adds them: the same bits.
 */
export function accumulateBlock3(m0: Moments, x0: Float64Array, m1: Moments, x1: Float64Array, m2: Moments, x2: Float64Array, group: Int32Array, count: number, offset: number): void {
  const n0 = m0.n, k0 = m0.kx, s0 = m0.sx, q0 = m0.sxx;
  const n1 = m1.n, k1 = m1.kx, s1 = m1.sx, q1 = m1.sxx;
  const n2 = m2.n, k2 = m2.kx, s2 = m2.sx, q2 = m2.sxx;
  for (let j = 0; j < count; j++) {
    const g = group[j];
    if (g < 0) continue;
    const i = offset + j;
    const a = x0[i];
    if (a === a) {
      if (n0[g] === 0) k0[g] = a;
      const d = a - k0[g];
      n0[g]++;
      s0[g] += d;
      q0[g] += d * d;
    }
    const b = x1[i];
    if (b === b) {
      if (n1[g] === 0) k1[g] = b;
      const d = b - k1[g];
      n1[g]++;
      s1[g] += d;
      q1[g] += d * d;
    }
    const c = x2[i];
    if (c === c) {
      if (n2[g] === 0) k2[g] = c;
      const d = c - k2[g];
      n2[g]++;
      s2[g] += d;
      q2[g] += d * d;
    }
  }
}

/** Adds a block's rows to every metric's sums: three metrics without y at a time, the others one by one. */
export function accumulateMetrics(moments: readonly Moments[], sums: readonly { readonly x: Float64Array; readonly y?: Float64Array; readonly missingY: MissingY }[], group: Int32Array, count: number, offset: number): void {
  let plain0 = -1;
  let plain1 = -1;
  for (let m = 0; m < sums.length; m++) {
    const s = sums[m];
    if (s.y) accumulateBlock(moments[m], group, count, offset, s.x, s.y, s.missingY);
    else if (plain0 < 0) plain0 = m;
    else if (plain1 < 0) plain1 = m;
    else {
      accumulateBlock3(moments[plain0], sums[plain0].x, moments[plain1], sums[plain1].x, moments[m], s.x, group, count, offset);
      plain0 = plain1 = -1;
    }
  }
  if (plain0 >= 0) accumulateBlock(moments[plain0], group, count, offset, sums[plain0].x, undefined, sums[plain0].missingY);
  if (plain1 >= 0) accumulateBlock(moments[plain1], group, count, offset, sums[plain1].x, undefined, sums[plain1].missingY);
}

/** Sums of several groups merged (e.g. control + treatment for CUPED's pooled θ, or days). */
export interface GroupSummary {
  readonly n: number;
  readonly meanX: number;
  readonly meanY: number;
  /** ddof 1 (n − 1 divisor); NaN below two rows. */
  readonly varX: number;
  readonly varY: number;
  readonly covXY: number;
}

/** Summary of the union of `gs` (their raw sums re-centred on one shift). */
export function summarize(m: Moments, gs: readonly number[]): GroupSummary {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  // Re-centre every group on the first non-empty group's shift: Σ(x−K) = Σ(x−k) + n(k−K), etc.
  let K = NaN;
  let L = NaN;
  for (const g of gs) {
    const ng = m.n[g];
    if (ng === 0) continue;
    if (K !== K) {
      K = m.kx[g];
      L = m.ky[g];
    }
    const a = m.kx[g] - K;
    const b = m.ky[g] - L;
    n += ng;
    sx += m.sx[g] + ng * a;
    sy += m.sy[g] + ng * b;
    sxx += m.sxx[g] + 2 * a * m.sx[g] + ng * a * a;
    syy += m.syy[g] + 2 * b * m.sy[g] + ng * b * b;
    sxy += m.sxy[g] + a * m.sy[g] + b * m.sx[g] + ng * a * b;
  }
  if (n === 0) return { n: 0, meanX: NaN, meanY: NaN, varX: NaN, varY: NaN, covXY: NaN };
  const dx = sx / n;
  const dy = sy / n;
  const d = n - 1;
  return {
    n,
    meanX: K + dx,
    meanY: L + dy,
    varX: d > 0 ? Math.max(0, (sxx - sx * dx) / d) : NaN,
    varY: d > 0 ? Math.max(0, (syy - sy * dy) / d) : NaN,
    covXY: d > 0 ? (sxy - sx * dy) / d : NaN,
  };
}

/**
 * The sums of `m` merged into `targets` groups (`targetOf(g)`, −1 = dropped), re-centred on each
 * target's first source shift as `summarize` does: one pass over the rows into fine cells
 * (segment × day × arm) then serves the arms, the segments and the days without another pass.
 */
export function collapse(m: Moments, targets: number, targetOf: (g: number) => number): Moments {
  const n = new Float64Array(targets);
  const kx = new Float64Array(targets);
  const sx = new Float64Array(targets);
  const sxx = new Float64Array(targets);
  const ky = new Float64Array(targets);
  const sy = new Float64Array(targets);
  const syy = new Float64Array(targets);
  const sxy = new Float64Array(targets);
  for (let g = 0; g < m.groups; g++) {
    const ng = m.n[g];
    if (ng === 0) continue;
    const t = targetOf(g);
    if (t < 0) continue;
    if (n[t] === 0) {
      kx[t] = m.kx[g];
      ky[t] = m.ky[g];
    }
    const a = m.kx[g] - kx[t];
    const b = m.ky[g] - ky[t];
    n[t] += ng;
    sx[t] += m.sx[g] + ng * a;
    sy[t] += m.sy[g] + ng * b;
    sxx[t] += m.sxx[g] + 2 * a * m.sx[g] + ng * a * a;
    syy[t] += m.syy[g] + 2 * b * m.sy[g] + ng * b * b;
    sxy[t] += m.sxy[g] + a * m.sy[g] + b * m.sx[g] + ng * a * b;
  }
  return { groups: targets, n, kx, sx, sxx, ky, sy, syy, sxy };
}
