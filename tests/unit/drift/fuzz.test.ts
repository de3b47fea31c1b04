import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeDrift } from '../../../core/analyses/drift/drift';
import { DRIFT_TESTS } from '../../../core/analyses/drift/types';
import { cat, num } from './helpers';

const value = fc.oneof(
  fc.double({ noNaN: false }),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(NaN, Infinity, -Infinity, 0, -0),
);
const label = fc.oneof(fc.constantFrom('a', 'b', 'c', '', ' ', '1', '`', "'", '"'), fc.string(), fc.constant(null));

/** Every number in the result is finite (JSON would turn NaN/Infinity into null silently). */
function allFinite(x: unknown): boolean {
  if (typeof x === 'number') return Number.isFinite(x);
  if (Array.isArray(x)) return x.every(allFinite);
  if (x !== null && typeof x === 'object') return Object.values(x).every(allFinite);
  return true;
}

describe('analyzeDrift never throws and always returns plain JSON', () => {
  it('random numeric and categorical columns, every test, over time', () => {
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 60 }),
        fc.array(value, { maxLength: 60 }),
        fc.array(label, { maxLength: 40 }),
        fc.array(label, { maxLength: 40 }),
        fc.constantFrom(undefined, ...DRIFT_TESTS),
        fc.integer({ min: 1, max: 7 }),
        (rv, cv, rl, cl, test, size) => {
          const r = analyzeDrift(
            { reference: [num('x', rv), cat('c', rl)], current: [num('x', cv), cat('c', cl, true)] },
            { test, overTime: { chunk: { by: 'count', size }, thresholds: 'reference_chunks' } },
          );
          expect(allFinite(r)).toBe(true);
          for (const c of r.columns) {
            if (c.p_value !== null) expect(c.p_value >= 0 && c.p_value <= 1).toBe(true);
            if (c.error !== null) expect(c.drifted).toBe(false);
          }
          expect(r.share_drifted >= 0 && r.share_drifted <= 1).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('statistics are symmetric where they should be and distances stay in range', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 80 }), fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 80 }), (a, b) => {
        const ab = analyzeDrift({ reference: [num('x', a)], current: [num('x', b)] }, { test: 'ks', categoricalMaxDistinct: 0 }).columns[0];
        const ba = analyzeDrift({ reference: [num('x', b)], current: [num('x', a)] }, { test: 'ks', categoricalMaxDistinct: 0 }).columns[0];
        expect(ab.statistic).toBe(ba.statistic);
        expect(ab.p_value).toBe(ba.p_value);
        for (const test of ['jensenshannon', 'hellinger'] as const) {
          const s = analyzeDrift({ reference: [num('x', a)], current: [num('x', b)] }, { test, categoricalMaxDistinct: 0 }).columns[0].statistic!;
          expect(s >= 0 && s <= 1 + 1e-12).toBe(true);
        }
        const psi = analyzeDrift({ reference: [num('x', a)], current: [num('x', b)] }, { test: 'psi', categoricalMaxDistinct: 0 }).columns[0].statistic!;
        expect(psi >= 0).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
