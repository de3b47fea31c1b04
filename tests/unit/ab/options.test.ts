import { describe, expect, it } from 'vitest';
import { parseAbOptions, parseGuardrail, parseMetricSpec } from '../../../core/analyses/ab/options';
import { PlumblineError } from '../../../core/api/errors';

describe('metric and guardrail specs', () => {
  it('reads kinds, quantiles, ratios and model metrics', () => {
    expect(parseMetricSpec('latency_ms:p99')).toMatchObject({ kind: 'quantile', column: 'latency_ms', quantile: 0.99 });
    expect(parseMetricSpec('latency_ms:p50').quantile).toBe(0.5);
    expect(parseMetricSpec('x:q0.9')).toMatchObject({ kind: 'quantile', quantile: 0.9 });
    expect(parseMetricSpec('revenue:mean')).toMatchObject({ kind: 'mean', column: 'revenue' });
    expect(parseMetricSpec('converted')).toMatchObject({ kind: 'mean', column: 'converted', auto: true });
    expect(parseMetricSpec('revenue/sessions')).toMatchObject({ kind: 'ratio', column: 'revenue', denominator: 'sessions' });
    expect(parseMetricSpec('recall(pred,label,yes)')).toMatchObject({ kind: 'recall', column: 'pred', label: 'label', positive: 'yes' });
    // A suffix that is not a kind stays part of the column name.
    expect(parseMetricSpec('a:b')).toMatchObject({ column: 'a:b' });
    expect(() => parseMetricSpec('accuracy(pred)')).toThrow(PlumblineError);
  });

  it('reads absolute and relative guardrails', () => {
    expect(parseGuardrail('latency_ms:p99<=+50')).toEqual({ text: 'latency_ms:p99<=+50', metric: 'latency_ms:p99', op: '<=', limit: 50, relative: false });
    expect(parseGuardrail('converted >= -2%')).toMatchObject({ metric: 'converted', op: '>=', limit: -0.02, relative: true });
    expect(() => parseGuardrail('converted = 3')).toThrow(/Guardrail/);
  });

  it('fills defaults, adds guardrail metrics, rejects clashes', () => {
    const o = parseAbOptions({ variant: 'v', metrics: ['converted'], guardrails: ['latency_ms:p99<=+50'] });
    expect(o).toMatchObject({ engine: 'frequentist', alpha: 0.05, sides: 2, correction: 'holm', srmThreshold: 0.001, minSamplePerVariant: 1000, sequentialTuning: 5000, primary: 'converted' });
    expect(o.metrics.map((m) => m.name)).toEqual(['converted', 'latency_ms:p99']);
    expect(o.metrics[1].lowerIsBetter).toBe(true);
    // Listed as a metric and guarded from above: lower is better too (an increase is not a win).
    const listed = parseAbOptions({ variant: 'v', metrics: ['converted', 'latency_ms:p99'], guardrails: ['latency_ms:p99<=+50'] });
    expect(listed.metrics[1].lowerIsBetter).toBe(true);
    const said = parseAbOptions({ variant: 'v', metrics: ['converted', { column: 'latency_ms', kind: 'quantile', quantile: 0.99, name: 'latency_ms:p99', lowerIsBetter: false }], guardrails: ['latency_ms:p99<=+50'] });
    expect(said.metrics[1].lowerIsBetter).toBe(false);
    expect(() => parseAbOptions({ variant: 'v', metrics: ['a', 'a'] })).toThrow(/twice/);
    expect(() => parseAbOptions({ variant: 'v', metrics: ['a'], primary: 'b' })).toThrow(/Primary/);
    expect(() => parseAbOptions({ variant: 'v', metrics: ['a'], alpha: 0.7 })).toThrow(PlumblineError);
    expect(() => parseAbOptions({ variant: 'v', metrics: ['a'], bogus: 1 })).toThrow(PlumblineError);
    expect(() => parseAbOptions({ variant: 'v', metrics: ['a'], engine: 'bayesian', sequential: true })).toThrow(/frequentist engine/);
  });
});
