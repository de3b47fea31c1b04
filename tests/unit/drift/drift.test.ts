import { describe, expect, it } from 'vitest';
import { analyzeDrift } from '../../../core/analyses/drift/drift';
import type { DriftColumnResult, DriftTest } from '../../../core/analyses/drift/types';
import { REFERENCE, expectClose } from '../stats/reference';
import { cat, normals, num } from './helpers';

function only(result: ReturnType<typeof analyzeDrift>, name = 'x'): DriftColumnResult {
  const c = result.columns.find((r) => r.column === name);
  if (!c) throw new Error(`no row for ${name}`);
  return c;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const numericCases: any[] = REFERENCE.numeric.filter((c: any) => new Set([...c.reference, ...c.current].filter((v: unknown) => v !== null)).size > 5);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const categoricalCases: any[] = REFERENCE.categorical;

describe('analyzeDrift reproduces scipy through the whole pipeline', () => {
  for (const c of numericCases) {
    it(`numerical ${c.name}`, () => {
      const input = { reference: [num('x', c.reference)], current: [num('x', c.current)] };
      const expected: Record<string, [number | null, number | null]> = {
        ks: [c.ks.statistic, c.ks.p_value],
        wasserstein: [c.wasserstein, null],
        psi: [c.binned.psi, null],
        jensenshannon: [c.binned.jensenshannon, null],
        hellinger: [c.binned.hellinger, null],
      };
      for (const [test, [stat, p]] of Object.entries(expected)) {
        const row = only(analyzeDrift(input, { test: test as DriftTest }));
        expect(row.kind).toBe('numerical');
        expect(row.test).toBe(test);
        expect(row.error).toBeNull();
        expectClose(row.statistic!, stat, `${test} statistic`, 1e-9, 1e-12);
        if (p !== null) expectClose(row.p_value!, p, `${test} p`);
        else expect(row.p_value).toBeNull();
        if (test === 'wasserstein') expectClose(row.raw_distance!, c.wasserstein_raw, 'raw', 1e-9, 1e-14);
      }
      const row = only(analyzeDrift(input));
      expect(row.missing_reference).toBe(c.missing_reference);
      expect(row.missing_current).toBe(c.missing_current);
      expect(row.distribution?.edges).toEqual(c.binned.edges);
      expect(row.distribution?.reference_counts).toEqual(c.binned.reference_counts);
      expect(row.distribution?.current_counts).toEqual(c.binned.current_counts);
    });
  }
  for (const c of categoricalCases) {
    it(`categorical ${c.name} (independent dictionaries)`, () => {
      const input = { reference: [cat('x', c.reference)], current: [cat('x', c.current, true)] };
      const expected: Record<string, [number, number | null] | undefined> = {
        chisquare: [c.chisquare.statistic, c.chisquare.p_value],
        z: c.z ? [c.z.statistic, c.z.p_value] : undefined,
        psi: [c.psi, null],
        jensenshannon: [c.jensenshannon, null],
        hellinger: [c.hellinger, null],
      };
      for (const [test, e] of Object.entries(expected)) {
        if (!e) continue;
        const row = only(analyzeDrift(input, { test: test as DriftTest }));
        expect(row.test).toBe(test);
        expectClose(row.statistic!, e[0], `${test} statistic`);
        if (e[1] !== null) expectClose(row.p_value!, e[1], `${test} p`);
      }
    });
  }
});

describe('default test choice', () => {
  it('≤ 1000 reference values → ks (p < 0.05); 1001 → wasserstein (≥ 0.1)', () => {
    const small = only(analyzeDrift({ reference: [num('x', normals(1000, 1))], current: [num('x', normals(500, 2))] }));
    expect(small.test).toBe('ks');
    expect(small.threshold).toBe(0.05);
    expect(small.p_value).not.toBeNull();
    expect(small.reason).toMatch(/1000/);
    const large = only(analyzeDrift({ reference: [num('x', normals(1001, 1))], current: [num('x', normals(500, 2))] }));
    expect(large.test).toBe('wasserstein');
    expect(large.threshold).toBe(0.1);
    expect(large.p_value).toBeNull();
    expect(large.raw_distance).not.toBeNull();
  });

  it('missing values do not count towards the 1000', () => {
    const ref = [...normals(1000, 1), NaN, NaN];
    const row = only(analyzeDrift({ reference: [num('x', ref)], current: [num('x', normals(50, 2))] }));
    expect(row.test).toBe('ks');
    expect(row.missing_reference).toBe(2);
    expect(row.n_reference).toBe(1000);
  });

  it('categorical: binary → z, more categories → chisquare, large → jensenshannon', () => {
    const bin = only(analyzeDrift({ reference: [cat('x', ['a', 'b', 'a'])], current: [cat('x', ['b', 'b'])] }));
    expect(bin.test).toBe('z');
    const three = only(analyzeDrift({ reference: [cat('x', ['a', 'b', 'c'])], current: [cat('x', ['b', 'b'])] }));
    expect(three.test).toBe('chisquare');
    const big = Array.from({ length: 1001 }, (_, i) => (i % 2 ? 'a' : 'b'));
    const large = only(analyzeDrift({ reference: [cat('x', big)], current: [cat('x', ['a', 'b'])] }));
    expect(large.test).toBe('jensenshannon');
    expect(large.threshold).toBe(0.1);
  });

  it('a numeric column with ≤ 5 distinct values is categorical, labelled by its numbers', () => {
    const row = only(analyzeDrift({ reference: [num('x', [1, 2, 3, 4, 5, 1, 2])], current: [num('x', [1, 1, 2, 5, 5])] }));
    expect(row.kind).toBe('categorical');
    expect(row.test).toBe('chisquare');
    expect(row.distribution?.labels.sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(row.note).toMatch(/analysed as categorical/);
    const six = only(analyzeDrift({ reference: [num('x', [1, 2, 3, 4, 5, 6])], current: [num('x', [1, 2])] }));
    expect(six.kind).toBe('numerical');
  });

  it('0.5 stays distinct from 1 and binary 0/1 gets the z-test', () => {
    const row = only(analyzeDrift({ reference: [num('x', [0, 1, 1, 0, 1])], current: [num('x', [1, 1, 1])] }));
    expect(row.test).toBe('z');
    expect(row.distribution?.labels).toEqual(['0', '1']);
  });

  it('per-column choice wins over the global one; inapplicable tests fall back with a reason', () => {
    const input = {
      reference: [num('a', normals(100, 1)), cat('b', ['u', 'v', 'w', 'u'])],
      current: [num('a', normals(100, 2, 0.5)), cat('b', ['u', 'w', 'w'])],
    };
    const r = analyzeDrift(input, { test: 'psi', threshold: 0.2, perColumn: { a: { test: 'hellinger' } } });
    expect(only(r, 'a').test).toBe('hellinger');
    expect(only(r, 'a').threshold).toBe(0.1);
    expect(only(r, 'b').test).toBe('psi');
    expect(only(r, 'b').threshold).toBe(0.2);
    const ks = analyzeDrift(input, { test: 'ks' });
    expect(only(ks, 'b').test).toBe('chisquare');
    expect(only(ks, 'b').reason).toMatch(/ks .*does not apply/);
  });
});

describe('edge cases do not crash', () => {
  it('all-missing column: clear error, not drifted, not counted', () => {
    const r = analyzeDrift({
      reference: [num('x', [NaN, NaN, NaN]), num('y', normals(50, 1))],
      current: [num('x', [1, 2]), num('y', normals(50, 2, 3))],
    });
    const x = only(r, 'x');
    expect(x.drifted).toBe(false);
    expect(x.statistic).toBeNull();
    expect(x.error).toMatch(/all 3 reference values are missing/);
    expect(r.n_tested).toBe(1);
    expect(r.share_drifted).toBe(1);
    expect(r.dataset_drift).toBe(true);
    const bothMissing = only(analyzeDrift({ reference: [cat('x', [null, null])], current: [cat('x', [null])] }));
    expect(bothMissing.error).toMatch(/missing in both/);
  });

  it('constant columns, one-row current, one-sided categories, empty current', () => {
    const constant = only(analyzeDrift({ reference: [num('x', [2, 2, 2])], current: [num('x', [2, 2])] }));
    expect(constant.kind).toBe('categorical');
    expect(constant.p_value).toBe(1);
    expect(constant.drifted).toBe(false);
    expect(constant.note).toMatch(/constant in both/);

    const oneRow = only(analyzeDrift({ reference: [num('x', normals(30, 3))], current: [num('x', [0.25])] }));
    expect(oneRow.error).toBeNull();
    expect(oneRow.n_current).toBe(1);
    expect(oneRow.note).toMatch(/single value/);

    const oneSided = only(analyzeDrift({ reference: [cat('x', [...'aaaaaaaabbbb'])], current: [cat('x', [...'ccccccdddddd'])] }));
    expect(oneSided.drifted).toBe(true);
    expect(oneSided.distribution?.labels.sort()).toEqual(['a', 'b', 'c', 'd']);

    const empty = only(analyzeDrift({ reference: [num('x', normals(30, 3))], current: [num('x', [])] }));
    expect(empty.error).toMatch(/current dataset is empty/);
    expect(empty.drifted).toBe(false);

    const noColumn = analyzeDrift({ reference: [num('x', [1])], current: [num('y', [1])] }, { columns: ['x'] });
    expect(only(noColumn).error).toMatch(/not in the current dataset/);
  });

  it('a column numeric on one side and text on the other is compared as categories by string', () => {
    const row = only(analyzeDrift({ reference: [num('x', [1, 2, 2, 10, 1.5, 7, 8])], current: [cat('x', ['2', '2', '10', 'n/a'])] }));
    expect(row.kind).toBe('categorical');
    expect(row.error).toBeNull();
    expect(row.distribution?.labels).toContain('1.5');
    expect(row.distribution?.labels).toContain('n/a');
  });

  it('infinities count as missing', () => {
    const row = only(analyzeDrift({ reference: [num('x', [...normals(20, 1), Infinity])], current: [num('x', [-Infinity, ...normals(20, 2)])] }));
    expect(row.missing_reference).toBe(1);
    expect(row.missing_current).toBe(1);
    expect(row.statistic).not.toBeNull();
  });

  it('the result survives JSON unchanged (no NaN or Infinity)', () => {
    const r = analyzeDrift({
      reference: [num('x', [NaN, NaN]), num('y', [1, 1, 1]), cat('z', ['a', null])],
      current: [num('x', [1]), num('y', [1]), cat('z', [null])],
    });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('dataset drift and roles', () => {
  it('share of drifted columns against an editable threshold; roles carried on rows', () => {
    const ref = [num('a', normals(200, 1)), num('b', normals(200, 2)), num('c', normals(200, 3)), num('id', normals(200, 4)), num('p', normals(200, 5))];
    const cur = [num('a', normals(200, 6, 2)), num('b', normals(200, 7)), num('c', normals(200, 8)), num('id', normals(200, 9)), num('p', normals(200, 10, 2))];
    const roles = { id: 'id', p: 'prediction' } as const;
    const r = analyzeDrift({ reference: ref, current: cur, roles });
    expect(r.columns.map((c) => c.column)).toEqual(['a', 'b', 'c', 'p']);
    expect(only(r, 'p').role).toBe('prediction');
    expect(only(r, 'a').role).toBeNull();
    expect(r.n_drifted).toBe(2);
    expect(r.share_drifted).toBe(0.5);
    expect(r.dataset_drift).toBe(true);
    expect(analyzeDrift({ reference: ref, current: cur, roles }, { driftShareThreshold: 0.6 }).dataset_drift).toBe(false);
  });
});

describe('distribution for charts', () => {
  it('bin shares, quantile table and at most 200 ECDF points per side', () => {
    const row = only(analyzeDrift({ reference: [num('x', normals(5000, 1))], current: [num('x', normals(300, 2))] }));
    const d = row.distribution!;
    expect(d.reference_shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(d.labels.length).toBe(d.reference_counts.length);
    expect(d.reference_quantiles?.q).toEqual([0, 0.05, 0.25, 0.5, 0.75, 0.95, 1]);
    expect(d.reference_ecdf?.values.length).toBe(200);
    expect(d.current_ecdf?.values.length).toBe(200);
    const tiny = only(analyzeDrift({ reference: [num('x', normals(5000, 1))], current: [num('x', normals(7, 2))] }));
    expect(tiny.distribution?.current_ecdf?.values.length).toBe(7);
  });
});

describe('bin labels', () => {
  it('format edges compactly without dropping integer digits', async () => {
    const { formatEdge } = await import('../../../core/analyses/drift/drift');
    expect(formatEdge(1000.25)).toBe('1000.25');
    expect(formatEdge(123456.789)).toBe('123457');
    expect(formatEdge(0.1)).toBe('0.1');
    expect(formatEdge(1.5e-7)).toBe('1.5e-7');
    expect(formatEdge(-2)).toBe('-2');
    expect(formatEdge(2.5e20)).toBe('2.5e+20');
  });
});
