import { describe, expect, it } from 'vitest';
import { analyzeDrift } from '../../../core/analyses/drift/drift';
import { cat, num } from './helpers';

describe('data quality beside drift', () => {
  it('numeric: missing shares, out-of-range share, constant flags, type violations', () => {
    const r = analyzeDrift(
      { reference: [num('x', [1, 2, 3, 4, 5, 6, 7, NaN])], current: [num('x', [0, 1, 7, 8, NaN, NaN, 3, 3])] },
      { typeViolations: { x: { current: 4 } } },
    );
    const q = r.quality[0];
    expect(q.missing_share_reference).toBe(1 / 8);
    expect(q.missing_share_current).toBe(2 / 8);
    expect(q.out_of_range_share_current).toBe(2 / 6);
    expect(q.reference_min).toBe(1);
    expect(q.reference_max).toBe(7);
    expect(q.type_violations_reference).toBe(0);
    expect(q.type_violations_current).toBe(4);
    expect(q.constant_reference).toBe(false);
    expect(q.new_categories).toEqual([]);
  });

  it('categorical: new categories with counts, constant flags', () => {
    const r = analyzeDrift({ reference: [cat('c', ['a', 'a', 'b', null])], current: [cat('c', ['z', 'a', 'y', 'z', 'z', null])] });
    const q = r.quality[0];
    expect(q.new_categories).toEqual([{ value: 'z', count: 3 }, { value: 'y', count: 1 }]);
    expect(q.out_of_range_share_current).toBeNull();
    const c = analyzeDrift({ reference: [cat('c', ['k', 'k'])], current: [cat('c', ['k', 'j'])] }).quality[0];
    expect(c.constant_reference).toBe(true);
    expect(c.constant_current).toBe(false);
  });

  it('numeric analysed as categorical still reports range and new values', () => {
    const q = analyzeDrift({ reference: [num('n', [1, 2, 2])], current: [num('n', [2, 9])] }).quality[0];
    expect(q.kind).toBe('categorical');
    expect(q.out_of_range_share_current).toBe(0.5);
    expect(q.new_categories).toEqual([{ value: '9', count: 1 }]);
  });
});
