import { describe, expect, it } from 'vitest';
import { abRequest, barGeometry, emptyForm, formProblem, signed, splitSpecs } from '../../../../renderer/src/ab/abForm';

describe('A/B form → request', () => {
  it('splits specs on ; and new lines, not inside accuracy(pred,label)', () => {
    expect(splitSpecs(' revenue ; latency_ms:p99\naccuracy(prediction,label); ')).toEqual(['revenue', 'latency_ms:p99', 'accuracy(prediction,label)']);
    expect(splitSpecs('precision(a;b,c)')).toEqual(['precision(a;b,c)']);
    expect(splitSpecs('')).toEqual([]);
  });

  it('an untouched form asks for the analysis’s defaults only', () => {
    expect(abRequest(emptyForm('log'))).toEqual({ analysis: 'ab', datasets: { dataset: 'log' }, options: {} });
  });

  it('sends what plumbline ab would for the same choices', () => {
    const f = { ...emptyForm('log'), variant: 'v', control: 'A', primary: 'converted', secondary: 'revenue; latency_ms:p99', guardrails: 'latency_ms:p99<=+50', engine: 'frequentist' as const, sequential: true, cuped: 'revenue=pre_revenue', correction: 'bh' as const, by: 'region', unit: 'user', where: " device = 'mobile' " };
    expect(abRequest(f)).toEqual({
      analysis: 'ab',
      datasets: { dataset: 'log' },
      options: { variant: 'v', control: 'A', metrics: ['converted', 'revenue', 'latency_ms:p99'], guardrails: ['latency_ms:p99<=+50'], sequential: true, cuped: { revenue: 'pre_revenue' }, correction: 'bh', segment: 'region', unit: 'user' },
      where: "device = 'mobile'",
    });
  });

  it('sequential is not sent with the Bayesian engine (the analysis refuses the mix)', () => {
    expect(abRequest({ ...emptyForm('d'), engine: 'bayesian', sequential: true }).options).toEqual({ engine: 'bayesian' });
  });

  it('names what stops a run', () => {
    expect(formProblem({ ...emptyForm('d'), cuped: 'revenue' })).toMatch(/metric=covariate/);
    expect(formProblem({ ...emptyForm('d'), secondary: 'revenue' })).toMatch(/primary/);
    expect(formProblem({ ...emptyForm('d'), primary: 'x', cuped: 'x=y' })).toBeNull();
  });

  it('interval bar geometry on a scale including 0', () => {
    expect(barGeometry(0.1, 0.2, 0.3, -0.5, 0.5)).toEqual({ left: 60, width: 20, point: 70, zero: 50 });
    expect(barGeometry(null, 0.2, 0.3, -1, 1)).toBeNull();
    expect(signed(-0.5, (v) => String(v))).toBe('−0.5');
    expect(signed(0.5, (v) => String(v))).toBe('+0.5');
    expect(signed(null, String)).toBe('—');
  });
});
