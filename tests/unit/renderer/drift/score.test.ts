import { describe, expect, it } from 'vitest';
import type { DriftColumnResult } from '../../../../core/analyses/drift/types';
import { driftScore, sortByDrift } from '../../../../renderer/src/drift/score';

function col(over: Partial<DriftColumnResult>): DriftColumnResult {
  return {
    column: 'c',
    role: 'feature',
    kind: 'numerical',
    test: 'wasserstein',
    statistic: 0.05,
    p_value: null,
    threshold: 0.1,
    drifted: false,
    raw_distance: null,
    method: null,
    missing_reference: 0,
    missing_current: 0,
    n_reference: 100,
    n_current: 100,
    reason: '',
    error: null,
    note: null,
    distribution: null,
    ...over,
  };
}

describe('driftScore', () => {
  it('is statistic / threshold for distance tests, 1 at the threshold', () => {
    expect(driftScore(col({ statistic: 0.2, threshold: 0.1 }))).toBeCloseTo(2);
    expect(driftScore(col({ statistic: 0.1, threshold: 0.1 }))).toBeCloseTo(1);
    expect(driftScore(col({ statistic: 0.05, threshold: 0.1 }))).toBeCloseTo(0.5);
  });

  it('is log p / log threshold for p-value tests: smaller p, higher score', () => {
    expect(driftScore(col({ test: 'ks', statistic: 0.3, p_value: 0.05, threshold: 0.05 }))).toBeCloseTo(1);
    expect(driftScore(col({ test: 'ks', p_value: 0.0025, threshold: 0.05 }))).toBeCloseTo(2);
    expect(driftScore(col({ test: 'chisquare', p_value: 0.5, threshold: 0.05 }))).toBeLessThan(1);
    expect(driftScore(col({ test: 'z', p_value: 1, threshold: 0.05 }))).toBe(0);
  });

  it('stays finite for p = 0, threshold 0 and threshold 1', () => {
    for (const c of [col({ test: 'ks', p_value: 0, threshold: 0.05 }), col({ statistic: 0.3, threshold: 0 }), col({ test: 'ks', p_value: 0.2, threshold: 1 })]) {
      const s = driftScore(c);
      expect(Number.isFinite(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
    }
    expect(driftScore(col({ test: 'ks', p_value: 0, threshold: 0.05 }))).toBeGreaterThan(100);
  });

  it('puts untested columns at −1', () => {
    expect(driftScore(col({ error: 'all values missing', statistic: null }))).toBe(-1);
    expect(driftScore(col({ test: null, statistic: null }))).toBe(-1);
    expect(driftScore(col({ test: 'ks', p_value: null }))).toBe(-1);
  });
});

describe('sortByDrift', () => {
  it('sorts drifted first, then by score across test families, then by name, errors last', () => {
    const rows = [
      col({ column: 'err', error: 'no values', statistic: null }),
      col({ column: 'small-dist', statistic: 0.02 }),
      col({ column: 'ks-drift', test: 'ks', p_value: 1e-10, threshold: 0.05, drifted: true }), // score ≈ 7.7
      col({ column: 'w-drift', statistic: 0.3, drifted: true }), // score 3
      col({ column: 'ks-ok', test: 'ks', p_value: 0.2, threshold: 0.05 }), // ≈ 0.54
      col({ column: 'b-tie', statistic: 0.08 }),
      col({ column: 'a-tie', statistic: 0.08 }),
    ];
    expect(sortByDrift(rows).map((r) => r.column.column)).toEqual(['ks-drift', 'w-drift', 'a-tie', 'b-tie', 'ks-ok', 'small-dist', 'err']);
  });

  it('keeps a drifted column above a non-drifted one with a larger score', () => {
    const rows = [col({ column: 'big', statistic: 5, drifted: false }), col({ column: 'flagged', statistic: 0.11, drifted: true })];
    expect(sortByDrift(rows).map((r) => r.column.column)).toEqual(['flagged', 'big']);
  });
});
