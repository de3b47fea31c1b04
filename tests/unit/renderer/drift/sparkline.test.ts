import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sparkline } from '../../../../renderer/src/drift/sparklinePath';

const coords = (path: string) => [...path.matchAll(/[ML](-?[\d.e+-]+) (-?[\d.e+-]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe('sparkline', () => {
  it('draws one segment through every point, larger values higher', () => {
    const g = sparkline({ values: [0, 1, 2], width: 100, height: 20, pad: 0 });
    expect(g.path.startsWith('M')).toBe(true);
    expect(g.path.match(/M/g)).toHaveLength(1);
    const pts = coords(g.path);
    expect(pts.map((p) => p[0])).toEqual([0, 50, 100]);
    expect(pts[0][1]).toBeGreaterThan(pts[1][1]);
    expect(pts[1][1]).toBeGreaterThan(pts[2][1]);
  });

  it('leaves a gap at a null and starts a new segment after it', () => {
    const g = sparkline({ values: [1, null, 2, 3], width: 90, height: 20 });
    expect(g.path.match(/M/g)).toHaveLength(2);
    expect(coords(g.path)).toHaveLength(3);
    // The isolated first point is drawn as a dot.
    expect(g.dots.some((d) => !d.drifted)).toBe(true);
  });

  it('marks drifted chunks with dots and places the threshold line', () => {
    const g = sparkline({ values: [0.05, 0.2], drifted: [false, true], threshold: 0.1, width: 100, height: 20, pad: 0 });
    expect(g.dots).toHaveLength(1);
    expect(g.dots[0].drifted).toBe(true);
    expect(g.thresholdY).not.toBeNull();
    const [a, b] = coords(g.path);
    expect(g.thresholdY!).toBeLessThan(a[1]);
    expect(g.thresholdY!).toBeGreaterThan(b[1]);
  });

  it('draws a band instead of the line when there is one', () => {
    const g = sparkline({ values: [1, 2], band: { lower: 0.5, upper: 1.5 }, threshold: 1, width: 100, height: 20 });
    expect(g.band).not.toBeNull();
    expect(g.thresholdY).toBeNull();
    expect(g.band!.height).toBeGreaterThan(0);
  });

  it('is empty, not broken, with no values, all nulls or one point', () => {
    expect(sparkline({ values: [], width: 50, height: 10 }).path).toBe('');
    expect(sparkline({ values: [null, null], width: 50, height: 10 }).path).toBe('');
    const one = sparkline({ values: [3], width: 50, height: 10 });
    expect(coords(one.path)).toHaveLength(1);
    expect(one.dots).toHaveLength(1);
  });

  it('only ever produces finite coordinates inside the box', () => {
    const value = fc.oneof(fc.constant(null), fc.double({ noNaN: false }), fc.constant(Number.POSITIVE_INFINITY), fc.constant(0));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true })), (values, threshold) => {
        const g = sparkline({ values, threshold, width: 96, height: 24, pad: 2 });
        for (const [x, y] of coords(g.path)) {
          expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(96);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(24);
        }
        expect(g.path).not.toMatch(/NaN|Infinity/);
        if (g.thresholdY !== null) expect(Number.isFinite(g.thresholdY)).toBe(true);
      }),
    );
  });
});
