/**
 * Compensated (Neumaier) summation. numpy sums pairwise; a plain left-to-right loop over a million
 * values drifts from it by ~1e-10 relative, compensated summation stays within a few ulps of the
 * exact sum, which is what keeps our numbers within 1e-9 of scipy's.
 *
 * Each step is written with the two operands picked by a comparison and the arithmetic outside it
 * (`(big − t) + small`): the same operations in the same order as `if (…) c += sum − t + x; else
 * c += x − t + sum`, so the same bits, but V8's optimised loop has no arithmetic that the first
 * values never ran. With the branch form, the rarely taken side had no type feedback, and the
 * first value to take it threw the optimised loop away mid-column ("insufficient type feedback"),
 * back to the interpreter, which boxes every double: profiled at ~220 MB of garbage and ~110 ms
 * of CPU for the 13 reference standard deviations of the 1M-row drift bench.
 */
export class CompensatedSum {
  private sum = 0;
  private c = 0;

  add(x: number): void {
    const sum = this.sum;
    const t = sum + x;
    const sumBigger = Math.abs(sum) >= Math.abs(x);
    this.c += (sumBigger ? sum : x) - t + (sumBigger ? x : sum);
    this.sum = t;
  }

  value(): number {
    return this.sum + this.c;
  }
}

export function compensatedSum(values: ArrayLike<number>): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    const t = sum + x;
    const sumBigger = Math.abs(sum) >= Math.abs(x);
    c += (sumBigger ? sum : x) - t + (sumBigger ? x : sum);
    sum = t;
  }
  return sum + c;
}

export function mean(values: ArrayLike<number>): number {
  return values.length === 0 ? NaN : compensatedSum(values) / values.length;
}

/** Population standard deviation (numpy.std, ddof=0), two-pass. */
export function stdPopulation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  const m = mean(values);
  let sum = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - m;
    const x = d * d;
    const t = sum + x;
    const sumBigger = sum >= x;
    c += (sumBigger ? sum : x) - t + (sumBigger ? x : sum);
    sum = t;
  }
  return Math.sqrt((sum + c) / n);
}

/**
 * Σ f(v) over sorted[from, to), f evaluated once per run of equal values and weighted by the run's
 * length: rounded scores repeat each value hundreds of times, so a million-row Brier score or log
 * loss costs a few thousand logarithms, and continuous scores cost what they did.
 */
export function sumOverRuns(sorted: Float64Array, from: number, to: number, f: (v: number) => number, into = new CompensatedSum()): CompensatedSum {
  let i = from;
  while (i < to) {
    const v = sorted[i];
    let j = i + 1;
    while (j < to && sorted[j] === v) j++;
    into.add(j - i === 1 ? f(v) : (j - i) * f(v));
    i = j;
  }
  return into;
}
