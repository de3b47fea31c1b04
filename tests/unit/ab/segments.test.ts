/**
 * The segment breakdown's multiple-testing adjustment against tests/reference/ab_segments_reference.json
 * (scipy's Welch t, a hand-written pooled z, Holm and Benjamini–Hochberg written out in Python):
 * every segment × metric × treatment row's raw and adjusted p-value, and its verdict taken from
 * the adjusted p-value — rows that are significant only before the adjustment are inconclusive.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeAb } from '../../../core/analyses/ab/ab';
import type { TypedColumn } from '../../../core/data/column';
import { categorical, close, numeric } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const REF: any = JSON.parse(readFileSync(join(__dirname, '..', '..', 'reference', 'ab_segments_reference.json'), 'utf8'));
const columns: Record<string, TypedColumn> = {
  variant: categorical('variant', REF.data.variant, ['control', 't1', 't2']),
  segment: categorical('segment', REF.data.segment, ['a', 'b', 'c']),
  converted: numeric('converted', REF.data.converted, 'boolean'),
  revenue: numeric('revenue', REF.data.revenue.map((v: number | null) => (v === null ? NaN : v))),
};
const opts = {
  variant: 'variant',
  control: 'control',
  treatments: ['t1', 't2'],
  metrics: [{ column: 'converted', kind: 'binomial' }, { column: 'revenue', kind: 'mean' }],
  segment: 'segment',
  minSamplePerVariant: 0,
} as const;

describe('segment breakdown with the multiple-testing adjustment', () => {
  for (const correction of ['holm', 'bh'] as const) {
    it(`${correction}: raw and adjusted p-values and verdicts from the adjusted p, as the reference`, () => {
      const seg = analyzeAb({ columns }, { ...opts, correction }).segments;
      if (!seg) throw new Error('no breakdown');
      expect(seg.results).toHaveLength(REF.rows.length);
      seg.results.forEach((r, i) => {
        const ref = REF.rows[i];
        const at = `${ref.metric} ${ref.segment} ${ref.variant}`;
        expect([r.metric, r.segment, r.variant, r.control_n, r.treatment_n], at).toEqual([ref.metric, ref.segment, ref.variant, ref.control_n, ref.treatment_n]);
        close(r.p_value, ref.p_value, `${at} p`, 1e-8, 1e-14);
        close(r.p_value_adjusted, ref[correction], `${at} adjusted p`, 1e-8, 1e-14);
        expect(r.verdict, at).toBe(ref[`verdict_${correction}`]);
      });
      expect(seg.significance).toMatch(correction === 'holm' ? /Holm-adjusted p-value across all 16/ : /Benjamini–Hochberg-adjusted/);
    });
  }

  it('rows significant before the adjustment but not after are inconclusive, though their interval excludes 0', () => {
    const seg = analyzeAb({ columns }, { ...opts, correction: 'holm' }).segments;
    const flipped = REF.rows.map((ref: { verdict_raw?: string; verdict_holm: string }, i: number) => ({ ref, r: seg?.results[i] })).filter((x: { ref: { verdict_raw?: string; verdict_holm: string } }) => x.ref.verdict_raw === 'better' && x.ref.verdict_holm === 'inconclusive');
    expect(flipped.length).toBeGreaterThan(0);
    for (const { r } of flipped) {
      expect(r.verdict).toBe('inconclusive');
      expect(r.p_value).toBeLessThan(0.05);
    }
    // At least one of them has an unadjusted interval above 0: the interval alone would have called it a win.
    expect(flipped.some((x: { r: { ci_low: number | null } }) => (x.r.ci_low ?? 0) > 0)).toBe(true);
  });

  it('correction none: verdicts from the raw p-value; the overall results are not affected by the breakdown', () => {
    const none = analyzeAb({ columns }, { ...opts, correction: 'none' });
    none.segments?.results.forEach((r, i) => {
      expect(r.p_value_adjusted).toBe(r.p_value);
      if (REF.rows[i].p_value !== null) expect(r.verdict).toBe(REF.rows[i].verdict_raw);
    });
    // The overall sums are merged from the segment cells: the same numbers up to rounding.
    const without = analyzeAb({ columns }, { ...opts, segment: undefined, correction: 'none' });
    none.results.forEach((r, i) => {
      const w = without.results[i];
      expect([r.metric, r.variant, r.control_n, r.treatment_n, r.verdict]).toEqual([w.metric, w.variant, w.control_n, w.treatment_n, w.verdict]);
      for (const key of ['control_mean', 'treatment_mean', 'relative_lift', 'ci_low', 'ci_high', 'p_value', 'statistic'] as const) close(r[key], w[key], `${r.metric} ${r.variant} ${key}`, 1e-12);
    });
  });

  it('lower is better: a significant increase is worse', () => {
    const seg = analyzeAb({ columns }, { ...opts, metrics: [{ column: 'revenue', kind: 'mean', lowerIsBetter: true }], correction: 'holm' }).segments;
    const b2 = seg?.results.find((r) => r.segment === 'b' && r.variant === 't2');
    expect(b2?.absolute_lift).toBeLessThan(0);
    expect(b2?.verdict).toBe('better');
  });

  it('Bayesian: verdicts stay on chance to win, said so', () => {
    const seg = analyzeAb({ columns }, { ...opts, engine: 'bayesian', correction: 'holm' }).segments;
    expect(seg?.significance).toMatch(/chance to win/);
    for (const r of seg?.results ?? []) {
      if (r.chance_to_win == null) continue;
      expect(r.verdict).toBe(r.chance_to_win >= 0.95 ? 'better' : r.chance_to_win <= 0.05 ? 'worse' : 'inconclusive');
    }
  });
});
