/** numpy.histogram over sorted values: equal-width bins, each [a, b) except the last [a, b]. */
import { searchLeft } from './quantile';

/** numpy.linspace(start, stop, num): start + k·step, the last value exactly stop. */
export function linspace(start: number, stop: number, num: number): number[] {
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  const out = new Array<number>(num);
  for (let k = 0; k < num; k++) out[k] = step === 0 ? (k / div) * delta + start : k * step + start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

/** Counts of sorted (ascending, finite) values in the bins between `edges`. */
export function histogramSorted(sorted: Float64Array, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length - 1);
  let prev = searchLeft(sorted, edges[0]);
  for (let k = 1; k < edges.length; k++) {
    const last = k === edges.length - 1;
    let at = searchLeft(sorted, edges[k]);
    if (last) while (at < sorted.length && sorted[at] === edges[k]) at++;
    counts[k - 1] = at - prev;
    prev = at;
  }
  return counts;
}

/** numpy's default range: [min, max], widened by ±0.5 when they are equal. */
export function histogramEdges(min: number, max: number, bins: number): number[] {
  if (min === max) return linspace(min - 0.5, max + 0.5, bins + 1);
  return linspace(min, max, bins + 1);
}
