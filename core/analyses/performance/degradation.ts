/**
 * Degradation against a baseline (the reference's metrics or a pinned earlier result's):
 * - drop: the current value is worse than the baseline by more than `relativeDrop` (relative to
 *   |baseline|); `since` = the first chunk of the latest unbroken run of chunks that breach too;
 * - trend: over the last `trendChunks` chunks the least-squares line worsens, and its change
 *   across the window exceeds `relativeDrop` of the baseline (or of the line's start without one).
 */
import type { ChunkMetrics, DegradationFlag, Metrics } from './types';
import { LOWER_IS_BETTER } from './evaluate';

/** How much worse `value` is than `baseline`, relative (positive = worse); null when undefined. */
export function relativeWorsening(metric: string, baseline: number, value: number): number | null {
  if (baseline === 0) return null;
  const d = LOWER_IS_BETTER.has(metric) ? value - baseline : baseline - value;
  return d / Math.abs(baseline);
}

/** Least-squares slope of y against 0, 1, 2, … */
export function slope(y: readonly number[]): number {
  const n = y.length;
  const xm = (n - 1) / 2;
  const ym = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - xm) * (y[i] - ym);
    sxx += (i - xm) * (i - xm);
  }
  return sxx === 0 ? 0 : sxy / sxx;
}

export function degradationFlags(
  metrics: readonly string[],
  baseline: Metrics | null,
  current: Metrics,
  chunks: readonly ChunkMetrics[],
  relativeDrop: number,
  trendChunks: number,
): DegradationFlag[] {
  const flags: DegradationFlag[] = [];
  for (const m of metrics) {
    const base = baseline ? (baseline[m] ?? null) : null;
    const value = current[m];
    const breaches = (v: number | null | undefined): boolean => {
      if (base === null || v === null || v === undefined) return false;
      const r = relativeWorsening(m, base, v);
      return r !== null && r > relativeDrop;
    };
    if (base !== null && value !== null && value !== undefined && breaches(value)) {
      let since: string | null = null;
      for (let i = chunks.length - 1; i >= 0 && breaches(chunks[i].metrics[m]); i--) since = chunks[i].label;
      flags.push({ metric: m, kind: 'drop', baseline: base, value, relative: relativeWorsening(m, base, value)!, slope: null, since });
    }
    if (chunks.length >= trendChunks) {
      const window = chunks.slice(chunks.length - trendChunks);
      const ys = window.map((c) => c.metrics[m]);
      if (ys.some((v) => v === null || v === undefined)) continue;
      const y = ys as number[];
      const s = slope(y);
      const worse = LOWER_IS_BETTER.has(m) ? s > 0 : s < 0;
      const start = y.reduce((a, b) => a + b, 0) / y.length - (s * (y.length - 1)) / 2;
      const ref = base ?? start;
      if (!worse || ref === 0) continue;
      const relative = (Math.abs(s) * (y.length - 1)) / Math.abs(ref);
      if (relative > relativeDrop) {
        flags.push({ metric: m, kind: 'trend', baseline: base, value: y[y.length - 1], relative, slope: s, since: window[0].label });
      }
    }
  }
  return flags;
}
