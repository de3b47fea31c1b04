import { describe, expect, it } from 'vitest';
import { prPoints, rocPoints } from '../../../core/analyses/performance/curves';
import { medianAbsSorted } from '../../../core/analyses/performance/regression';
import { binaryRates, cohenKappaFromMatrix, matthewsFromMatrix } from '../../../core/stats/confusion';
import { binaryClfCurve, prCurve, rocCurve } from '../../../core/stats/ranking';
import { rng } from '../drift/helpers';
import { REF } from './reference';

describe('binaryClfCurve (two sorted arrays merged) equals sklearn _binary_clf_curve', () => {
  for (const c of REF.binary) {
    it(c.name, () => {
      const pos: number[] = [];
      const neg: number[] = [];
      c.label.forEach((y: number | null, i: number) => {
        const s = c.score[i];
        if (y === null || s === null) return;
        (y === 1 ? pos : neg).push(s);
      });
      const curve = binaryClfCurve(Float64Array.from(pos).sort(), Float64Array.from(neg).sort());
      expect(Array.from(curve.thresholds)).toEqual(c.expected.clf_curve.thresholds);
      expect(Array.from(curve.tps)).toEqual(c.expected.clf_curve.tps);
      expect(Array.from(curve.fps)).toEqual(c.expected.clf_curve.fps);
    });
  }
});

describe('display curves', () => {
  const u = rng(7);
  const pos = Float64Array.from({ length: 3000 }, () => u() * 0.8 + 0.2).sort();
  const neg = Float64Array.from({ length: 3000 }, () => u() * 0.8).sort();
  const curve = binaryClfCurve(pos, neg);
  it('unthinned, they are sklearn\'s arrays', () => {
    const roc = rocCurve(curve);
    const r = rocPoints(curve, 1e9)!;
    expect([r.x, r.y, r.thresholds, r.thinned]).toEqual([roc.fpr, roc.tpr, roc.thresholds, false]);
    const pr = prCurve(curve, true);
    const p = prPoints(curve, 1e9)!;
    expect([p.x, p.y, p.thresholds.slice(0, -1), p.thinned]).toEqual([pr.recall, pr.precision, pr.thresholds, false]);
  });
  it('PR drop_intermediate leaves out only points inside a vertical run: each lies between kept points of its recall', () => {
    const full = prCurve(curve);
    const kept = prCurve(curve, true);
    expect(kept.recall.length).toBeLessThan(full.recall.length);
    const keptPoints = new Set(kept.recall.map((r, i) => `${r},${kept.precision[i]}`));
    full.recall.forEach((r, i) => {
      if (keptPoints.has(`${r},${full.precision[i]}`)) return;
      const same = kept.precision.filter((_, j) => kept.recall[j] === r);
      expect(same.length).toBeGreaterThanOrEqual(2);
      expect(full.precision[i]).toBeGreaterThanOrEqual(Math.min(...same));
      expect(full.precision[i]).toBeLessThanOrEqual(Math.max(...same));
    });
  });
  it('thinned, they keep both ends and only points of the full curve', () => {
    const roc = rocCurve(curve);
    const r = rocPoints(curve, 100)!;
    expect(r.thinned).toBe(true);
    expect(r.x.length).toBe(100);
    expect([r.x[0], r.y[0], r.x[99], r.y[99]]).toEqual([0, 0, 1, 1]);
    const full = new Set(roc.fpr!.map((x, i) => `${x},${roc.tpr![i]}`));
    r.x.forEach((x, i) => expect(full.has(`${x},${r.y[i]}`)).toBe(true));
    const p = prPoints(curve, 50)!;
    expect([p.x[49], p.y[49], p.x[0]]).toEqual([0, 1, 1]);
  });
});

describe('median absolute error from sorted signed errors', () => {
  const brute = (e: number[]): number => {
    const a = e.map(Math.abs).sort((x, y) => x - y);
    const h = a.length >> 1;
    return a.length % 2 ? a[h] : (a[h - 1] + a[h]) / 2;
  };
  const cases = [[-3, -1, 2, 5], [-3, -1, 0.5], [1, 2, 3], [-4, -2, -1], [0], [-1, 1], [-2, -2, 0, 1, 2, 2, 3]];
  const u = rng(3);
  cases.push(Array.from({ length: 1001 }, () => u() * 10 - 6));
  for (const e of cases) {
    it(`${e.length} values`, () => {
      const s = Float64Array.from(e).sort();
      expect(medianAbsSorted(s)).toBe(brute(e));
    });
  }
});

describe('confusion primitives (shared with fairness)', () => {
  it('zero_division gives 0; F-score denominator 0 gives 0; MCC 0 on a constant marginal', () => {
    const r = binaryRates({ tp: 0, fp: 0, tn: 5, fn: 3 });
    expect([r.precision, r.recall, r.f1, r.matthews_corrcoef]).toEqual([0, 0, 0, 0]);
    expect(r.specificity).toBe(1);
  });
  it('kappa is null when chance agreement is total, MCC of a perfect 3-class matrix is 1', () => {
    expect(cohenKappaFromMatrix([[4, 0], [0, 0]])).toBeNull();
    expect(matthewsFromMatrix([[2, 0, 0], [0, 3, 0], [0, 0, 1]])).toBe(1);
  });
});
