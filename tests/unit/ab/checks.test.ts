/** The A/B checks' value column reads as a sentence: "p < 0.0001", never "p = < 0.0001". */
import { describe, expect, it } from 'vitest';
import { analyzeAb } from '../../../core/analyses/ab/ab';
import { abChecks } from '../../../core/analyses/ab/checks';
import { pIs } from '../../../core/format/numbers';
import { twoArms } from './helpers';

describe('A/B checks', () => {
  it('a relative guardrail’s estimate and interval are in percent, as in the guardrail table', () => {
    const control = Array.from({ length: 2000 }, (_, i) => (i % 10) + 10);
    const treatment = Array.from({ length: 2000 }, (_, i) => (i % 10) + 10.5);
    const r = analyzeAb({ columns: twoArms(control, treatment) }, { variant: 'variant', control: 'control', metrics: [{ column: 'y', kind: 'mean' }], guardrails: ['y>=-5%'] });
    const guard = abChecks(r).find((c) => c.check.startsWith('Guardrail'))!;
    expect(guard.value).toMatch(/^\+?3\.\d\d% \[\+?\d\.\d\d%, \+?\d\.\d\d%\]$/);
  });

  it('p-values below 0.0001 read "p < 0.0001"; others "p = x"', () => {
    expect([pIs(1e-9), pIs(0.0123), pIs(1), pIs(null)]).toEqual(['p < 0.0001', 'p = 0.0123', 'p = 1', 'p = —']);
    const control = Array.from({ length: 2000 }, (_, i) => (i % 10) + 0);
    const treatment = Array.from({ length: 2000 }, (_, i) => (i % 10) + 3);
    const r = analyzeAb({ columns: twoArms(control, treatment) }, { variant: 'variant', control: 'control', metrics: [{ column: 'y', kind: 'mean' }] });
    const [srm, primary] = abChecks(r);
    expect(srm.value).toBe('p = 1');
    expect(primary.value).toMatch(/; p < 0\.0001$/);
  });
});
