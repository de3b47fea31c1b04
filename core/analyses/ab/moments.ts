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
