/**
 * Where a key press moves a slider over a sorted list of stops (the threshold table's distinct
 * thresholds, ascending): arrows one stop, Page Up/Down a tenth of the list, Home/End the ends.
 * Null for a key the slider does not handle.
 */
export function stepIndex(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  const page = Math.max(1, Math.round(count / 10));
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return clamp(index + 1);
    case 'ArrowLeft':
    case 'ArrowDown':
      return clamp(index - 1);
    case 'PageUp':
      return clamp(index + page);
    case 'PageDown':
      return clamp(index - page);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** The stop nearest to `value` in ascending `stops` (binary search). */
export function nearestIndex(stops: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = stops.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (stops[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(stops[lo - 1] - value) <= Math.abs(stops[lo] - value)) return lo - 1;
  return lo;
}

/** The value kept inside [min, max] and on the step grid (no float noise such as 0.30000000000000004). */
export function clampToStep(v: number, min: number, max: number, step: number): number {
  if (!Number.isFinite(v)) return min;
  const snapped = min + Math.round((Math.min(max, Math.max(min, v)) - min) / step) * step;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Number(Math.min(max, snapped).toFixed(decimals));
}

/** Evenly spaced stops from min to max (inclusive), on the step grid. */
export function gridStops(min: number, max: number, step: number): Float64Array {
  const n = Math.round((max - min) / step) + 1;
  return Float64Array.from({ length: n }, (_, i) => clampToStep(min + i * step, min, max, step));
}
