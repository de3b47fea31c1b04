import { describe, expect, it } from 'vitest';
import { performanceAnalysis } from '../../../core/analyses/performance';
import { analyzePerformance } from '../../../core/analyses/performance/performance';
import { cat, num } from '../drift/helpers';

// Current: 8 rows, 2 without a label; reference: all right. Segment column name holds ":" and "=".
const label = [1, 0, 1, 0, 1, 0, null, null];
const score = [0.9, 0.8, 0.3, 0.1, 0.7, 0.2, 0.5, 0.5];
const seg = ['a=b', 'a=b', 'c', 'c', null, 'c', 'a=b', 'c'];
const current = [num('y', label, 'integer'), num('s', score), cat('dev:ice', seg)];
const reference = [num('y', [1, 0, 1, 0], 'integer'), num('s', [0.9, 0.1, 0.8, 0.2]), cat('dev:ice', ['c', 'c', 'c', 'c'])];
const roles = { y: 'label', s: 'score', 'dev:ice': 'feature' } as const;

describe('performance metrics (the flat names monitors read)', () => {
  const r = { ...analyzePerformance({ columns: current, roles, reference }, { segmentBy: ['dev:ice'] }), limits: [] };
  const m = performanceAnalysis.metrics!(r);

  it('every --json metric by its sklearn name, the label counts and coverage', () => {
    for (const [k, v] of Object.entries(r.metrics)) expect(m[k], k).toBe(v);
    expect(m.accuracy).toBeCloseTo(4 / 6, 12); // 0.9✓ 0.8✗ 0.3✗ 0.1✓ 0.7✓ 0.2✓
    expect([m.rows, m.labelled, m.evaluated]).toEqual([8, 6, 6]);
    expect(m.label_coverage).toBe(6 / 8);
  });

  it('degradation against the reference: degraded 0/1 and drop:<metric> relative, positive = worse', () => {
    expect(r.reference!.metrics.accuracy).toBe(1);
    expect(m['drop:accuracy']).toBeCloseTo(1 - 4 / 6, 12);
    expect(m.degraded).toBe(1);
    expect(m.degradation_flags).toBe(r.degradation!.flags.length);
    // Brier is an error: worse = higher, still a positive drop.
    expect(m['drop:brier']).toBeGreaterThan(0);
  });

  it('per segment <metric>:<column>=<value>, verbatim, missing value as (missing)', () => {
    expect(m['accuracy:dev:ice=a=b']).toBe(0.5);
    expect(m['accuracy:dev:ice=c']).toBe(2 / 3); // 0.3✗ 0.1✓ 0.2✓, one unlabelled
    expect(m['labelled:dev:ice=c']).toBe(3);
    expect(m['accuracy:dev:ice=(missing)']).toBe(1);
  });

  it('nothing judged is null, never 0 or NaN', () => {
    const alone = performanceAnalysis.metrics!({ ...analyzePerformance({ columns: current, roles }), limits: [] });
    expect(alone.degraded).toBeNull();
    expect(alone['drop:accuracy']).toBeNull();
    const empty = performanceAnalysis.metrics!({ ...analyzePerformance({ columns: [num('y', [null, null], 'integer'), num('s', [0.1, 0.2])], roles }), limits: [] });
    expect(empty.labelled).toBe(0);
    expect(empty.accuracy).toBeNull();
    for (const v of [...Object.values(m), ...Object.values(empty)]) if (v !== null) expect(Number.isFinite(v)).toBe(true);
  });
});
