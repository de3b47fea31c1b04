/** Experiment set-up, edge cases and the parts built on top of the statistics. */
import { describe, expect, it } from 'vitest';
import { analyzeAb } from '../../../core/analyses/ab/ab';
import { decide } from '../../../core/analyses/ab/decision';
import { PlumblineError } from '../../../core/api/errors';
import type { TypedColumn } from '../../../core/data/column';
import { rng } from '../../helpers/rng';
import { categorical, close, expectAllFinite, numeric, twoArms } from './helpers';

const base = { variant: 'variant', control: 'control', correction: 'none', minSamplePerVariant: 0 } as const;

describe('experiment definition', () => {
  it('chooses the most frequent variant as control, with a note', () => {
    const columns = { variant: categorical('variant', ['b', 'a', 'a', 'b', 'a']), y: numeric('y', [1, 2, 3, 4, 5]) };
    const r = analyzeAb({ columns }, { variant: 'variant', metrics: [{ column: 'y', kind: 'mean' }], minSamplePerVariant: 0 });
    expect(r.control).toBe('a');
    expect(r.treatments).toEqual(['b']);
    expect(r.notes[0]).toMatch(/most frequent/);
  });

  it('refuses a single variant and an unknown control with PlumblineError', () => {
    const columns = { variant: categorical('variant', ['a', 'a', null]), y: numeric('y', [1, 2, 3]) };
    expect(() => analyzeAb({ columns }, { variant: 'variant', metrics: ['y'] })).toThrow(/Only one variant/);
    expect(() => analyzeAb({ columns }, { variant: 'variant', control: 'zz', metrics: ['y'] })).toThrow(PlumblineError);
    expect(() => analyzeAb({ columns }, { variant: 'y', metrics: ['y'] })).toThrow(/categorical/);
    const two = { variant: categorical('variant', ['a', 'b']), y: numeric('y', [1, 2]) };
    expect(() => analyzeAb({ columns: two }, { variant: 'variant', metrics: ['nope'] })).toThrow(/does not exist/);
  });

  it('a listed treatment with no rows gives empty, explained comparisons and an SRM flag', () => {
    const n = 3000;
    const columns = {
      variant: categorical('variant', Array.from({ length: n }, () => 'control'), ['control', 'treatment']),
      y: numeric('y', Array.from({ length: n }, (_, i) => i % 7)),
    };
    const r = analyzeAb({ columns }, { ...base, treatments: ['treatment'], metrics: [{ column: 'y', kind: 'mean' }] });
    expect(r.results[0]).toMatchObject({ treatment_n: 0, absolute_lift: null, p_value: null, ci_low: null });
    expect(r.results[0].notes[0]).toMatch(/no rows/);
    expect(r.srm.flag).toBe(true);
    expect(r.decision.action).not.toBe('ship');
    expectAllFinite(r);
  });

  it('dedupes units to their first exposure (row order, or by timestamp) and counts the dropped rows', () => {
    // unit u1 first seen in treatment at row 2 by timestamp, though row 0 (control) comes first.
    const columns: Record<string, TypedColumn> = {
      variant: categorical('variant', ['control', 'treatment', 'treatment', 'control', 'control', 'treatment']),
      unit: categorical('unit', ['u1', 'u2', 'u1', 'u3', 'u2', null]),
      ts: numeric('ts', [50, 10, 5, 20, 30, 1], 'timestamp'),
      y: numeric('y', [1, 2, 3, 4, 5, 6]),
    };
    const metrics = [{ column: 'y', kind: 'mean' }];
    const byRow = analyzeAb({ columns }, { ...base, unit: 'unit', metrics });
    expect(byRow.variants.map((v) => [v.name, v.units, v.counts.rows, v.counts.duplicates_dropped])).toEqual([
      ['control', 2, 3, 1],
      ['treatment', 1, 3, 1],
    ]);
    expect(byRow.rows_without_unit).toBe(1);
    expect(byRow.results[0].control_mean).toBe(2.5); // rows 0 and 3
    const byTime = analyzeAb({ columns }, { ...base, unit: 'unit', timestamp: 'ts', metrics });
    expect(byTime.variants.map((v) => v.units)).toEqual([1, 2]);
    expect(byTime.results[0].treatment_mean).toBe(2.5); // rows 1 and 2
    expect(byTime.results[0].control_mean).toBe(4); // row 3
  });

  it('the over-time days span only the analysed rows: not a variant left out, a row without one, or a dropped repeat exposure', () => {
    const day = (d: number) => Date.UTC(2026, 10, d, 12);
    const columns: Record<string, TypedColumn> = {
      variant: categorical('variant', ['control', 'treatment', 'other', null, 'control', 'treatment', 'control', 'treatment']),
      unit: categorical('unit', ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u1', 'u7']),
      ts: numeric('ts', [day(3), day(4), day(1), day(2), day(4), day(5), day(9), NaN], 'timestamp'),
      y: numeric('y', [1, 2, 3, 4, 5, 6, 7, 8]),
    };
    const metrics = [{ column: 'y', kind: 'mean' }];
    const days = (o: object) => analyzeAb({ columns }, { ...base, treatments: ['treatment'], timestamp: 'ts', metrics, ...o }).over_time?.[0].points.map((p) => p.day);
    // Row 2 (a variant not compared) and row 3 (no variant) are before; row 7 has no timestamp.
    expect(days({})).toEqual(['2026-11-03', '2026-11-04', '2026-11-05', '2026-11-09']);
    // u1's second exposure (day 9) is dropped with a unit column: the axis ends on day 5.
    expect(days({ unit: 'unit' })).toEqual(['2026-11-03', '2026-11-04', '2026-11-05']);
    // Only rows not analysed have a timestamp: no day axis at all.
    const none = analyzeAb({ columns: { ...columns, ts: numeric('ts', [NaN, NaN, day(1), day(2), NaN, NaN, NaN, NaN], 'timestamp') } }, { ...base, treatments: ['treatment'], timestamp: 'ts', metrics });
    expect(none.over_time).toEqual([]);
  });
});

describe('metrics', () => {
  it('a 0/1 column is a binomial (pooled z); a boolean column too', () => {
    const columns = twoArms([0, 1, 0, 0, 1], [1, 1, 0, 1, 1]);
    const r = analyzeAb({ columns }, { ...base, metrics: ['y'] }).results[0];
    expect(r.kind).toBe('binomial');
    expect(r.test).toBe('two_proportion_z');
    expect(() => analyzeAb({ columns: twoArms([0, 2], [1, 1]) }, { ...base, metrics: ['y:binomial'] })).toThrow(/0\/1/);
  });

  it('accuracy, precision and recall compare model versions as binomials', () => {
    // control: 3/4 right; treatment: 4/4 right. Labels text, predictions numbers: "1" matches 1.
    const columns = {
      variant: categorical('variant', ['control', 'control', 'control', 'control', 'treatment', 'treatment', 'treatment', 'treatment']),
      pred: numeric('pred', [1, 0, 1, 1, 1, 0, 0, 1]),
      label: categorical('label', ['1', '0', '0', '1', '1', '0', '0', '1']),
    };
    const r = analyzeAb({ columns }, { ...base, metrics: ['accuracy(pred,label)', 'precision(pred,label)', 'recall(pred,label)'] }).results;
    const expected = [
      ['accuracy(pred,label)', 0.75, 1, 4],
      ['precision(pred,label)', 2 / 3, 1, 3],
      ['recall(pred,label)', 1, 1, 2],
    ] as const;
    expected.forEach(([metric, c, t, n], i) => {
      expect([r[i].metric, r[i].control_n]).toEqual([metric, n]);
      close(r[i].control_mean, c, `${metric} control`, 1e-15);
      close(r[i].treatment_mean, t, `${metric} treatment`, 1e-15);
    });
    expect(r[0].test).toBe('two_proportion_z');
  });

  it('zero variance in both arms: lift defined, no interval, explained', () => {
    const r = analyzeAb({ columns: twoArms([5, 5, 5], [7, 7, 7]) }, { ...base, metrics: [{ column: 'y', kind: 'mean' }] }).results[0];
    expect(r).toMatchObject({ absolute_lift: 2, ci_low: null, p_value: null });
    expectAllFinite(r);
    close(r.relative_lift, 0.4, 'relative', 1e-12);
    expect(r.notes.join(' ')).toMatch(/Zero variance/);
  });

  it('NaN metric values are missing, not zero', () => {
    const r = analyzeAb({ columns: twoArms([1, NaN, 3], [2, 4, NaN, 6]) }, { ...base, metrics: [{ column: 'y', kind: 'mean' }] }).results[0];
    expect([r.control_n, r.treatment_n, r.control_mean, r.treatment_mean]).toEqual([2, 3, 2, 4]);
  });
});

describe('multiple testing, guardrails, decision, segments, over time', () => {
  const n = 4000;
  const r = rng(7);
  const variant: string[] = [];
  const converted: number[] = [];
  const latency: number[] = [];
  const device: string[] = [];
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = i % 2 === 1;
    variant.push(t ? 'treatment' : 'control');
    converted.push(r() < (t ? 0.16 : 0.1) ? 1 : 0);
    latency.push(100 + 20 * r() + (t ? 2 : 0));
    device.push(r() < 0.5 ? 'mobile' : 'desktop');
    ts.push(Date.UTC(2026, 10, 1) + Math.floor((i / n) * 5) * 86_400_000 + 1000);
  }
  const columns: Record<string, TypedColumn> = {
    variant: categorical('variant', variant),
    converted: numeric('converted', converted, 'boolean'),
    latency_ms: numeric('latency_ms', latency),
    device: categorical('device', device),
    ts: numeric('ts', ts, 'timestamp'),
  };
  const opts = { variant: 'variant', control: 'control', metrics: ['converted', 'latency_ms:mean'], minSamplePerVariant: 1000 };

  it('adjusted p-values sit beside the raw ones', () => {
    const holm = analyzeAb({ columns }, { ...opts, correction: 'holm' }).results;
    const ps = holm.map((x) => x.p_value as number);
    const lo = Math.min(...ps);
    const i = ps.indexOf(lo);
    close(holm[i].p_value_adjusted, Math.min(1, 2 * lo), 'holm smallest', 1e-12);
    const none = analyzeAb({ columns }, { ...opts, correction: 'none' }).results;
    expect(none.map((x) => x.p_value_adjusted)).toEqual(none.map((x) => x.p_value));
  });

  it('ships a clear winner whose guardrails pass; never ships with a failed guardrail', () => {
    const ok = analyzeAb({ columns }, { ...opts, guardrails: ['latency_ms:mean<=+5'] });
    expect(ok.guardrails[0]).toMatchObject({ status: 'passed', passed: true, variant: 'treatment' });
    expect(ok.decision).toMatchObject({ action: 'ship', variant: 'treatment' });
    expect(ok.decision.reason).toMatch(/^Ship "treatment": converted improved/);
    const bad = analyzeAb({ columns }, { ...opts, guardrails: ['latency_ms:mean<=+1'] });
    expect(bad.guardrails[0]).toMatchObject({ status: 'failed', passed: false });
    expect(bad.decision.action).toBe('roll back');
    const relative = analyzeAb({ columns }, { ...opts, guardrails: ['converted>=-2%'] });
    expect(relative.guardrails[0].status).toBe('passed');
  });

  it('with two treatments, one failing a guardrail, the other winner still ships', () => {
    // A second treatment: same conversion gain as "treatment" but 10 ms slower.
    const v3 = variant.map((v, i) => (v === 'treatment' && i % 4 === 3 ? 'slow' : v));
    const lat3 = latency.map((x, i) => (v3[i] === 'slow' ? x + 10 : x));
    const cols3 = { ...columns, variant: categorical('variant', v3), latency_ms: numeric('latency_ms', lat3) };
    const res = analyzeAb({ columns: cols3 }, { ...opts, minSamplePerVariant: 500, weights: { control: 2, treatment: 1, slow: 1 }, guardrails: ['latency_ms:mean<=+5'] });
    expect(res.guardrails.map((g) => [g.variant, g.status])).toEqual([['treatment', 'passed'], ['slow', 'failed']]);
    expect(res.decision).toMatchObject({ action: 'ship', variant: 'treatment' });
    expect(res.decision.reason).toMatch(/"slow" failed guardrail/);
    const onlySlow = analyzeAb({ columns: cols3 }, { ...opts, treatments: ['slow'], minSamplePerVariant: 500, weights: { control: 2, slow: 1 }, guardrails: ['latency_ms:mean<=+5'] });
    expect(onlySlow.decision).toMatchObject({ action: 'roll back', variant: 'slow' });
  });

  it('an SRM flag blocks shipping; a small sample keeps it running', () => {
    const res = analyzeAb({ columns }, { ...opts, weights: { control: 1, treatment: 3 } });
    expect(res.srm.flag).toBe(true);
    expect(res.decision.action).toBe('keep running');
    expect(res.decision.reason).toMatch(/sample ratio mismatch/);
    const small = analyzeAb({ columns }, { ...opts, minSamplePerVariant: 5000 });
    expect(small.power[0].insufficient_sample).toBe(true);
    expect(small.decision.action).toBe('keep running');
    const fake = decide('m', [], [], { ...res.srm, flag: false }, []);
    expect(fake.action).toBe('keep running');
  });

  it('segment breakdown equals the analysis of each segment alone, adjusted across the breakdown', () => {
    const res = analyzeAb({ columns }, { ...opts, segment: 'device', correction: 'bh' });
    const seg = res.segments;
    expect(seg?.segments.map((s) => s.segment).sort()).toEqual(['desktop', 'mobile']);
    const keep = device.map((d) => d === 'mobile');
    const sub: Record<string, TypedColumn> = {
      variant: categorical('variant', variant.filter((_, i) => keep[i])),
      converted: numeric('converted', converted.filter((_, i) => keep[i]), 'boolean'),
      latency_ms: numeric('latency_ms', latency.filter((_, i) => keep[i])),
    };
    const alone = analyzeAb({ columns: sub }, opts).results;
    const mobile = seg?.results.filter((x) => x.segment === 'mobile') ?? [];
    expect(mobile).toHaveLength(2);
    mobile.forEach((m, i) => {
      close(m.relative_lift, alone[i].relative_lift, 'lift', 1e-12);
      close(m.p_value, alone[i].p_value, 'p', 1e-12);
      close(m.ci_low, alone[i].ci_low, 'ci', 1e-12);
    });
    expect(seg?.results.every((x) => (x.p_value_adjusted as number) >= (x.p_value as number))).toBe(true);
  });

  it('cumulative lift per day ends at the overall result and narrows', () => {
    const res = analyzeAb({ columns }, { ...opts, timestamp: 'ts', sequential: true });
    const series = res.over_time?.find((s) => s.metric === 'converted');
    expect(series?.points.map((p) => p.day)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']);
    const last = series?.points[4];
    close(last?.relative_lift ?? null, res.results[0].relative_lift, 'last = overall', 1e-12);
    close(last?.ci_low ?? null, res.results[0].ci_low, 'sequential ci', 1e-12);
    const width = (p: { ci_low: number | null; ci_high: number | null }) => (p.ci_high as number) - (p.ci_low as number);
    expect(width(series!.points[4])).toBeLessThan(width(series!.points[0]));
  });

  it('every number in a full result is finite (Bayesian, sequential, CUPED, segments, over time, guardrails)', () => {
    for (const engine of ['frequentist', 'bayesian'] as const) {
      const res = analyzeAb(
        { columns: { ...columns, pre: numeric('pre', latency.map((x, i) => (i % 10 === 0 ? NaN : x))) } },
        { ...opts, engine, sequential: engine === 'frequentist', timestamp: 'ts', segment: 'device', metrics: ['converted', 'latency_ms:mean', 'latency_ms:p99'], cuped: { 'latency_ms:mean': 'pre' }, guardrails: ['latency_ms:p99<=+10'] },
      );
      expectAllFinite(res);
      expect(res.results).toHaveLength(3);
      expect(res.results[1].cuped?.covariate).toBe('pre');
    }
  });

  it('impact per 1,000 units scales the absolute lift and its interval', () => {
    const x = analyzeAb({ columns }, opts).results[0];
    close(x.impact?.per_1000_units ?? null, (x.absolute_lift as number) * 1000, 'per 1000', 1e-12);
    close(x.impact?.over_observed_ci.low ?? null, (x.absolute_ci_low as number) * x.treatment_n, 'over observed', 1e-12);
  });
});
