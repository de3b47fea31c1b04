import { describe, expect, it } from 'vitest';
import { analyzeDrift } from '../../../core/analyses/drift/drift';
import { driftAnalysis } from '../../../core/analyses/drift';
import { cat, num } from './helpers';

describe('drift metrics (the flat names monitors read)', () => {
  const reference = [num('age', [20, 21, 22, 23, 24, 25, 26, 27, 28, 29]), cat('dev:ice', ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']), num('empty', [null, null, null])];
  const current = [num('age', [60, 61, 62, 63, 64, 65, 66, 67, 68, 69]), cat('dev:ice', ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'c']), num('empty', [null, null])];
  const r = analyzeDrift({ reference, current });
  const m = driftAnalysis.metrics!(r);

  it('mirrors the result: dataset figures, booleans as 0/1', () => {
    expect(m.share_drifted).toBe(r.share_drifted);
    expect(m.drifted_columns).toBe(r.n_drifted);
    expect(m.tested_columns).toBe(r.n_tested);
    expect(m.dataset_drift).toBe(r.dataset_drift ? 1 : 0);
    expect(m.current_rows).toBe(10);
  });

  it('names per-column figures "<figure>:<column>", with colons in the column kept verbatim', () => {
    const age = r.columns.find((c) => c.column === 'age')!;
    expect(age.drifted).toBe(true);
    expect(m['drift_score:age']).toBe(age.statistic);
    expect(m['p_value:age']).toBe(age.p_value);
    expect(m['drifted:age']).toBe(1);
    expect(m['new_categories:dev:ice']).toBe(1);
    expect(Object.keys(m)).toContain('drift_score:dev:ice');
  });

  it('a column that could not be tested has null figures, never NaN', () => {
    expect(m['drift_score:empty']).toBeNull();
    expect(m['drifted:empty']).toBeNull();
    for (const v of Object.values(m)) if (v !== null) expect(Number.isFinite(v)).toBe(true);
  });
});
