/**
 * Multiple-testing adjustments, as statsmodels.stats.multitest.multipletests: Holm–Bonferroni
 * (family-wise error) and Benjamini–Hochberg (false discovery rate). Null entries (tests that could
 * not be computed) are not part of the family and stay null.
 */
export type Adjustment = 'holm' | 'bh' | 'none';

export function adjustPValues(p: readonly (number | null)[], method: Adjustment): (number | null)[] {
  const idx: number[] = [];
  for (let i = 0; i < p.length; i++) if (p[i] !== null) idx.push(i);
  const out: (number | null)[] = p.map(() => null);
  const m = idx.length;
  if (m === 0) return out;
  if (method === 'none') {
    for (const i of idx) out[i] = p[i];
    return out;
  }
  // Stable ascending order so ties keep their input order (same as numpy's mergesort).
  idx.sort((a, b) => (p[a] as number) - (p[b] as number) || a - b);
  if (method === 'holm') {
    let running = 0;
    for (let k = 0; k < m; k++) {
      running = Math.max(running, Math.min(1, (m - k) * (p[idx[k]] as number)));
      out[idx[k]] = running;
    }
  } else {
    let running = 1;
    for (let k = m - 1; k >= 0; k--) {
      running = Math.min(running, ((p[idx[k]] as number) * m) / (k + 1));
      out[idx[k]] = Math.min(1, running);
    }
  }
  return out;
}
