import { describe, expect, it } from 'vitest';
import { gatherBinary, gatherBinarySteps } from '../../../core/analyses/performance/binary';
import { countAt, histogramOfCurve, quantileOfCurve, sumOverCurve } from '../../../core/analyses/performance/curve-runs';
import { tallyBinary } from '../../../core/analyses/performance/score-tally';
import { histogramSorted, linspace } from '../../../core/stats/histogram';
import { quantileSorted } from '../../../core/stats/quantile';
import { binaryClfCurve } from '../../../core/stats/ranking';
import { sumOverRuns } from '../../../core/stats/summation';
import { rng } from '../../helpers/rng';

// The tally (score-tally.ts) must build exactly the curve that sorting the two classes' scores
// builds (binaryClfCurve, tested against sklearn in primitives.test.ts), and the curve's runs
// (curve-runs.ts) must give exactly what the sorted arrays give — the same additions in the same order.

interface Rows {
  y: Uint8Array;
  score: Float64Array;
}

function make(n: number, seed: number, score: (u: () => number) => number): Rows {
  const u = rng(seed);
  const y = new Uint8Array(n);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = u();
    y[i] = r < 0.1 ? 255 : r < 0.55 ? 1 : 0;
    const m = u();
    s[i] = m < 0.02 ? NaN : m < 0.025 ? Infinity : score(u);
  }
  return { y, score: s };
}

/** The classes' finite scores, sorted: what the sort path gathers. */
function sortedClasses({ y, score }: Rows, rows: Uint32Array | null): { pos: Float64Array; neg: Float64Array; labelled: number; missing: number } {
  const pos: number[] = [];
  const neg: number[] = [];
  let labelled = 0;
  let missing = 0;
  const n = rows ? rows.length : y.length;
  for (let r = 0; r < n; r++) {
    const i = rows ? rows[r] : r;
    if (y[i] === 255) continue;
    labelled++;
    if (!Number.isFinite(score[i])) missing++;
    else (y[i] === 1 ? pos : neg).push(score[i]);
  }
  return { pos: Float64Array.from(pos).sort(), neg: Float64Array.from(neg).sort(), labelled, missing };
}

const round = (d: number) => (u: () => number) => Math.round(u() * 10 ** d) / 10 ** d;

const cases: [string, Rows][] = [
  ['4 decimals in [0, 1] (counted by decimal)', make(50_000, 1, round(4))],
  ['2 decimals with −0 among the zeros', make(20_000, 2, (u) => (u() < 0.05 ? -0 : round(2)(u)))],
  ['repeating logits outside [0, 1] (counted by hashing)', make(30_000, 3, (u) => Math.round((u() - 0.5) * 400) / 37)],
  ['3 decimals then a stray 5-decimal value (the decimal count gives up, hashing takes over)', (() => {
    const r = make(20_000, 4, round(3));
    r.score[15_001] = 0.12345;
    return r;
  })()],
];

describe('the tallied curve is the sorted scores’ curve', () => {
  for (const [name, rows] of cases) {
    it(name, () => {
      for (const subset of [null, Uint32Array.from({ length: rows.y.length / 2 }, (_, k) => 2 * k + 1)]) {
        const t = tallyBinary(rows.y, rows.score, subset);
        expect(t).not.toBeNull();
        const s = sortedClasses(rows, subset);
        expect({ labelled: t!.labelled, missing: t!.missing }).toEqual({ labelled: s.labelled, missing: s.missing });
        const ref = binaryClfCurve(s.pos, s.neg);
        expect(Array.from(t!.curve.thresholds)).toEqual(Array.from(ref.thresholds).map((v) => v + 0)); // −0 is reported as 0
        expect(Array.from(t!.curve.tps)).toEqual(Array.from(ref.tps));
        expect(Array.from(t!.curve.fps)).toEqual(Array.from(ref.fps));
        expect([t!.curve.positives, t!.curve.negatives]).toEqual([ref.positives, ref.negatives]);
      }
    });
  }

  it('gives up (null) on continuous scores and on few rows, where sorting is the way', () => {
    const continuous = make(50_000, 5, (u) => u());
    expect(tallyBinary(continuous.y, continuous.score, null)).toBeNull();
    const few = make(1000, 6, round(1));
    expect(tallyBinary(few.y, few.score, null)).toBeNull();
  });
});

describe('sums, bins and quantiles over the curve’s runs equal those over the sorted arrays', () => {
  const rows = make(40_000, 7, (u) => (u() < 0.3 ? Math.round(u() * 100) / 100 : u()));
  const s = sortedClasses(rows, null);
  const curve = binaryClfCurve(s.pos, s.neg);
  const all = Float64Array.from([...s.pos, ...s.neg]).sort();
  it('run counts add up to each class', () => {
    let p = 0;
    let q = 0;
    for (let k = 0; k < curve.thresholds.length; k++) {
      p += countAt(curve, 'positive', k);
      q += countAt(curve, 'negative', k);
    }
    expect([p, q]).toEqual([s.pos.length, s.neg.length]);
  });
  it('sumOverCurve is sumOverRuns, bit for bit, whole and in part', () => {
    const f = (v: number) => Math.log1p(v) * (1 - v);
    expect(sumOverCurve(curve, 'positive', f).value()).toBe(sumOverRuns(s.pos, 0, s.pos.length, f).value());
    expect(sumOverCurve(curve, 'negative', f).value()).toBe(sumOverRuns(s.neg, 0, s.neg.length, f).value());
    // Positions [100, 900) of the curve are the scores in [thresholds[899], thresholds[100]].
    const lo = curve.thresholds[899];
    const hi = curve.thresholds[100];
    const from = s.pos.findIndex((v) => v >= lo);
    const to = s.pos.findIndex((v) => v > hi);
    expect(sumOverCurve(curve, 'positive', f, 100, 900).value()).toBe(sumOverRuns(s.pos, from, to, f).value());
  });
  it('histogramOfCurve is histogramSorted, edges inside and outside the scores', () => {
    for (const edges of [linspace(0, 1, 21), linspace(0.25, 0.75, 8), [0.5, 0.5, 0.5], [-1, 0.01, 0.02, 2]]) {
      expect(histogramOfCurve(curve, 'positive', edges)).toEqual(histogramSorted(s.pos, edges));
      expect(histogramOfCurve(curve, 'negative', edges)).toEqual(histogramSorted(s.neg, edges));
    }
  });
  it('quantileOfCurve is quantileSorted of the merged scores', () => {
    for (const q of [0, 0.001, 0.1, 0.25, 0.3333, 0.5, 0.9, 0.999, 1]) expect(quantileOfCurve(curve, q)).toBe(quantileSorted(all, q));
  });
});

describe('the sort path’s reused buffer', () => {
  it('two gathers whose steps interleave (as two API runs do) each get their own curve', () => {
    const a = make(30_000, 8, (u) => u());
    const b = make(20_000, 9, (u) => u() * 0.5);
    const prep = (r: Rows) => ({ task: 'binary' as const, positiveLabel: '1', negativeLabel: '0', y: r.y, score: r.score, predicted: null });
    const alone = gatherBinary(prep(a), null).curve!;
    const first = gatherBinarySteps(prep(a), null);
    expect(first.next().value).toBe('gathered'); // a's scores sit in the buffer, unsorted
    const other = gatherBinary(prep(b), null).curve!; // b gathers and sorts meanwhile
    let step = first.next();
    while (!step.done) step = first.next();
    const interleaved = step.value.curve!;
    expect(Array.from(interleaved.thresholds)).toEqual(Array.from(alone.thresholds));
    expect(Array.from(interleaved.tps)).toEqual(Array.from(alone.tps));
    const s = sortedClasses(b, null);
    expect(Array.from(other.thresholds)).toEqual(Array.from(binaryClfCurve(s.pos, s.neg).thresholds));
  });
});
