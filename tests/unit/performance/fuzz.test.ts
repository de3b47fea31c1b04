import { describe, expect, it } from 'vitest';
import { analyzePerformance } from '../../../core/analyses/performance/performance';
import { chunkByCount } from '../../../core/analyses/shared/chunks';
import type { TypedColumn } from '../../../core/data/column';
import { cat, num, rng } from '../drift/helpers';
import { expectJsonSafe } from './reference';

// Small random inputs with missing labels, NaN scores, ties, single classes and tiny chunks:
// every result is JSON-safe (no NaN/Infinity), coverage adds up, and nothing throws.
describe('random degenerate inputs never crash or leak NaN', () => {
  const u = rng(11);
  for (let trial = 0; trial < 60; trial++) {
    it(`trial ${trial}`, () => {
      const n = Math.floor(u() * 12);
      const pick = <T>(xs: T[]): T => xs[Math.floor(u() * xs.length)];
      const labelP = u();
      const y = Array.from({ length: n }, () => (u() < 0.2 ? null : u() < labelP ? 1 : 0));
      const s = Array.from({ length: n }, () => (u() < 0.15 ? null : pick([0, 0.5, 1, Math.round(u() * 10) / 10])));
      const g = Array.from({ length: n }, () => (u() < 0.2 ? null : pick(['a', 'b'])));
      const kind = trial % 3;
      let columns: TypedColumn[];
      let options = {};
      if (kind === 0) columns = [num('y', y, 'integer'), num('s', s)];
      else if (kind === 1) {
        columns = [cat('y', y.map((v) => (v === null ? null : pick(['p', 'q', 'r'])))), cat('s', s.map((v) => (v === null ? null : pick(['p', 'q', 'z']))))];
        options = { task: 'multiclass' };
      } else {
        columns = [num('y', y.map((v) => (v === null ? null : v * 3 + u()))), num('s', s)];
        options = { task: 'regression' };
      }
      columns.push(cat('g', g));
      const roles = { y: 'label' as const, s: kind === 0 ? ('score' as const) : ('prediction' as const) };
      const r = analyzePerformance(
        { columns, roles, reference: columns, chunks: chunkByCount(n, 3), referenceChunks: chunkByCount(n, 4) },
        { ...options, segmentBy: ['g'] },
      );
      expect(r.rows).toBe(n);
      expect(r.evaluated + r.missing_prediction).toBe(r.labelled);
      for (const [k, v] of Object.entries(r.metrics)) if (v === null) expect(r.undefined_metrics[k], k).toBeTruthy();
      expectJsonSafe(r);
    });
  }
});
