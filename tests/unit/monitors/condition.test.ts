import { describe, expect, it } from 'vitest';
import { evaluateCondition, formatCondition, needsBaseline, parseCondition } from '../../../core/monitors/condition';

const holds = (cond: string, value: number | null, baseline: number | null = null) => {
  const o = evaluateCondition(parseCondition(cond), value, baseline);
  if (!o.ok) throw new Error(o.error);
  return o.holds;
};

describe('parseCondition', () => {
  it('reads every form and prints it back canonically', () => {
    expect(formatCondition(parseCondition('<0.85'))).toBe('< 0.85');
    expect(formatCondition(parseCondition('  >=   0.5 '))).toBe('>= 0.5');
    expect(formatCondition(parseCondition('= 1'))).toBe('== 1');
    expect(formatCondition(parseCondition('!= -2e-3'))).toBe('!= -0.002');
    expect(formatCondition(parseCondition('outside [0.8,1.25]'))).toBe('outside [0.8, 1.25]');
    expect(formatCondition(parseCondition('BETWEEN [ .2 , .4 ]'))).toBe('between [0.2, 0.4]');
    expect(formatCondition(parseCondition('drop > 5%'))).toBe('drop > 5%');
    expect(formatCondition(parseCondition('rise >= 0.02'))).toBe('rise >= 0.02');
    expect(parseCondition('drop > 5%')).toEqual({ kind: 'change', direction: 'drop', op: '>', amount: 0.05, relative: true });
  });

  it('refuses what it cannot read, saying why', () => {
    expect(() => parseCondition('')).toThrow(/empty/);
    expect(() => parseCondition('< abc')).toThrow(/no known form/);
    expect(() => parseCondition('accuracy < 0.85')).toThrow(/give the metric separately/);
    expect(() => parseCondition('outside [2, 1]')).toThrow(/low end/);
    expect(() => parseCondition('drop > -5%')).toThrow(/rise/);
    expect(() => parseCondition('< 1e999')).toThrow(/finite/);
    expect(() => parseCondition('drop < 5%')).toThrow(/no known form/);
  });

  it('only changes need a baseline', () => {
    expect(needsBaseline(parseCondition('drop > 5%'))).toBe(true);
    expect(needsBaseline(parseCondition('< 5'))).toBe(false);
  });
});

describe('evaluateCondition', () => {
  it('compares, with the boundary on the right side', () => {
    expect(holds('< 0.85', 0.84)).toBe(true);
    expect(holds('< 0.85', 0.85)).toBe(false);
    expect(holds('<= 0.85', 0.85)).toBe(true);
    expect(holds('>= 0.5', 0.5)).toBe(true);
    expect(holds('> 0.5', 0.5)).toBe(false);
    expect(holds('== 1', 1)).toBe(true);
    expect(holds('== 1', 0)).toBe(false);
    expect(holds('!= 0', 0)).toBe(false);
  });

  it('ranges are closed: a bound is inside', () => {
    expect(holds('outside [0.8, 1.25]', 0.8)).toBe(false);
    expect(holds('outside [0.8, 1.25]', 1.25)).toBe(false);
    expect(holds('outside [0.8, 1.25]', 0.79)).toBe(true);
    expect(holds('outside [0.8, 1.25]', 1.3)).toBe(true);
    expect(holds('between [0.2, 0.4]', 0.2)).toBe(true);
    expect(holds('between [0.2, 0.4]', 0.5)).toBe(false);
  });

  it('drop and rise: relative to |baseline| with %, absolute without', () => {
    // accuracy 0.90 → 0.80 is an 11.1% relative drop, 0.10 absolute.
    expect(holds('drop > 5%', 0.8, 0.9)).toBe(true);
    expect(holds('drop > 20%', 0.8, 0.9)).toBe(false);
    expect(holds('drop > 0.05', 0.8, 0.9)).toBe(true);
    expect(holds('drop > 0.2', 0.8, 0.9)).toBe(false);
    // A rise is not a drop.
    expect(holds('drop > 5%', 0.95, 0.9)).toBe(false);
    expect(holds('rise > 5%', 0.95, 0.9)).toBe(true);
    // A negative baseline: the change is measured against its magnitude.
    expect(holds('drop > 10%', -1.2, -1)).toBe(true);
    const o = evaluateCondition(parseCondition('drop > 5%'), 0.8, 1);
    expect(o.ok && o.change).toBeCloseTo(0.2, 12);
  });

  it('a missing value or baseline is an error, never a pass', () => {
    for (const [cond, value, baseline] of [['< 1', null, null], ['< 1', NaN, null], ['drop > 5%', 0.8, null], ['drop > 5%', 0.8, 0]] as const) {
      const o = evaluateCondition(parseCondition(cond), value, baseline);
      expect(o.ok, `${cond} ${value} ${baseline}`).toBe(false);
    }
    // An absolute change from a baseline of 0 is defined.
    expect(evaluateCondition(parseCondition('drop > 0.1'), -0.2, 0)).toEqual({ ok: true, holds: true, change: 0.2 });
  });
});
