/**
 * analyzeAb against tests/reference/ab_reference.json: scipy's Welch t, a hand-written pooled z,
 * chisquare, and GrowthBook's published formulas written out in Python (delta-method relative
 * interval, Bayesian chance to win and risk, confidence sequences, CUPED, ratio, quantile).
 */
import { describe, expect, it } from 'vitest';
import { analyzeAb } from '../../../core/analyses/ab/ab';
import { sampleRatioMismatch } from '../../../core/analyses/ab/srm';
import { sequentialHalfWidth, sequentialPValue, sequentialRho } from '../../../core/analyses/ab/sequential';
import { phi } from '../../../core/analyses/ab/distributions';
import { adjustPValues } from '../../../core/stats/multiple-testing';
import { AB_REFERENCE, close, numeric, twoArms } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Case = any;
const cases: Case[] = AB_REFERENCE.cases;
const byName = (n: string): Case => cases.find((c) => c.name === n);
const base = { variant: 'variant', control: 'control', correction: 'none', minSamplePerVariant: 0 } as const;

function run(c: Case, extra: Record<string, unknown> = {}) {
  const metric = c.kind === 'quantile' ? { column: 'y', kind: 'quantile', quantile: c.quantile } : { column: 'y', kind: c.kind };
  const r = analyzeAb({ columns: twoArms(c.control, c.treatment) }, { ...base, metrics: [metric], ...extra });
  expect(r.results).toHaveLength(1);
  return r.results[0];
}

describe('frequentist lift (GrowthBook delta method, Welch t, pooled z)', () => {
  for (const c of cases.filter((x: Case) => x.kind !== 'ratio' && x.name !== 'cuped')) {
    it(c.name, () => {
      const r = run(c);
      close(r.control_mean, c.control_mean, 'control_mean');
      close(r.treatment_mean, c.treatment_mean, 'treatment_mean');
      if (c.kind !== 'quantile') {
        close(r.statistic, c.statistic, 'statistic', 1e-9);
        close(r.p_value, c.p_value, 'p_value', 1e-8, 1e-14);
        expect(r.test).toBe(c.kind === 'mean' ? 'welch_t' : 'two_proportion_z');
      } else {
        // Normal reference on the absolute difference with the order-statistic variance.
        const z = c.absolute / Math.sqrt(c.abs_var);
        close(r.statistic, z, 'quantile z', 1e-9);
        close(r.p_value, 2 * phi(-Math.abs(z)), 'quantile p', 1e-9, 1e-14);
        expect(r.test).toBe('quantile_z');
      }
      if (c.absolute === undefined) {
        // Both arms constant (no conversions): no interval, but a defined lift and p = 1.
        expect(r.absolute_lift).toBe(0);
        expect(r.ci_low).toBeNull();
        expect(r.absolute_ci_low).toBeNull();
        expect(r.relative_lift).toBeNull();
        expect(r.notes.join(' ')).toMatch(/relative lift is undefined/);
        return;
      }
      close(r.absolute_lift, c.absolute, 'absolute');
      close(r.absolute_ci_low, c.abs_ci[0], 'abs ci low', 1e-8);
      close(r.absolute_ci_high, c.abs_ci[1], 'abs ci high', 1e-8);
      if (c.relative === undefined) {
        expect(r.relative_lift).toBeNull();
        expect(r.ci_low).toBeNull();
      } else {
        close(r.relative_lift, c.relative, 'relative');
        close(r.ci_low, c.rel_ci[0], 'rel ci low', 1e-8);
        close(r.ci_high, c.rel_ci[1], 'rel ci high', 1e-8);
      }
    });
  }

  it('one-sided (treatment greater) matches scipy alternative="greater"', () => {
    for (const name of ['mean_small_ties', 'mean_large_unequal']) {
      const c = byName(name);
      const r = run(c, { sides: 1 });
      close(r.p_value, c.p_value_greater, `${name} p`, 1e-8);
      close(r.absolute_ci_low, c.abs_ci_one_sided_low, `${name} low`, 1e-8);
      expect(r.absolute_ci_high).toBeNull();
    }
  });

  it('ratio metric: delta-method variance of Σa/Σb per arm', () => {
    const c = byName('ratio');
    const columns = twoArms(c.control_a, c.treatment_a, { b: numeric('b', [...c.control_b, ...c.treatment_b]) });
    const r = analyzeAb({ columns }, { ...base, metrics: ['y/b'] }).results[0];
    expect(r.kind).toBe('ratio');
    expect(r.test).toBe('delta_method_t');
    close(r.control_mean, c.control_mean, 'control ratio');
    close(r.treatment_mean, c.treatment_mean, 'treatment ratio');
    close(r.relative_lift, c.relative, 'relative');
    close(r.ci_low, c.rel_ci[0], 'ci low', 1e-8);
    close(r.ci_high, c.rel_ci[1], 'ci high', 1e-8);
    close(r.absolute_ci_low, c.abs_ci[0], 'abs ci low', 1e-8);
  });

  it('CUPED: pooled θ, adjusted means and the variance reduction', () => {
    const c = byName('cuped');
    const columns = twoArms(c.control, c.treatment, { x: numeric('x', [...c.control_x, ...c.treatment_x]) });
    const plain = analyzeAb({ columns }, { ...base, metrics: [{ column: 'y', kind: 'mean' }] }).results[0];
    const r = analyzeAb({ columns }, { ...base, metrics: [{ column: 'y', kind: 'mean' }], cuped: { y: 'x' } }).results[0];
    expect(r.test).toBe('welch_t_cuped');
    close(r.cuped?.theta ?? null, c.theta, 'theta');
    close(r.cuped?.variance_reduction ?? null, c.variance_reduction, 'variance reduction');
    close(r.control_mean, c.control_mean, 'adjusted control');
    close(r.treatment_mean, c.treatment_mean, 'adjusted treatment');
    close(r.ci_low, c.rel_ci[0], 'ci low', 1e-8);
    close(r.ci_high, c.rel_ci[1], 'ci high', 1e-8);
    // The covariate explains most of y here, so the interval must be much narrower than without it.
    expect((r.absolute_ci_high as number) - (r.absolute_ci_low as number)).toBeLessThan(0.6 * ((plain.absolute_ci_high as number) - (plain.absolute_ci_low as number)));
  });
});

describe('Bayesian (Gaussian, uninformative prior)', () => {
  for (const name of ['mean_small_ties', 'mean_large_unequal', 'binomial_small', 'binomial_large', 'ratio']) {
    it(name, () => {
      const c = byName(name);
      if (c.kind === 'ratio') return; // covered by the frequentist ratio test; same posterior code
      const r = run(c, { engine: 'bayesian' });
      close(r.chance_to_win ?? null, c.bayes.chance_to_win, 'chance to win', 1e-9, 1e-14);
      close(r.risk?.treatment ?? null, c.bayes.risk_treatment, 'risk treatment', 1e-7, 1e-12);
      close(r.risk?.control ?? null, c.bayes.risk_control, 'risk control', 1e-7, 1e-12);
      close(r.ci_low, c.bayes.ci[0], 'credible low', 1e-9);
      close(r.ci_high, c.bayes.ci[1], 'credible high', 1e-9);
    });
  }

  it('lower-is-better flips chance to win and risk', () => {
    const c = byName('mean_large_unequal');
    const columns = twoArms(c.control, c.treatment);
    const up = analyzeAb({ columns }, { ...base, engine: 'bayesian', metrics: [{ column: 'y', kind: 'mean' }] }).results[0];
    const down = analyzeAb({ columns }, { ...base, engine: 'bayesian', metrics: [{ column: 'y', kind: 'mean', lowerIsBetter: true }] }).results[0];
    close(down.chance_to_win ?? null, 1 - (up.chance_to_win as number), 'flipped', 1e-12);
    close(down.risk?.treatment ?? null, up.risk?.control ?? null, 'risk swapped', 1e-12);
  });
});

describe('sequential (asymptotic confidence sequences)', () => {
  it('ρ and the half-width match the paper formulas', () => {
    const s = AB_REFERENCE.sequential;
    close(sequentialRho(0.05, 5000), s['rho_0.05_5000'], 'rho', 1e-12);
    close(sequentialHalfWidth(s.var, s.n, 0.05, 5000), s.halfwidth, 'halfwidth', 1e-12);
  });

  for (const name of ['mean_large_unequal', 'binomial_large']) {
    it(name, () => {
      const c = byName(name);
      const r = run(c, { sequential: true });
      close(r.ci_low, c.rel_seq_ci[0], 'low', 1e-9);
      close(r.ci_high, c.rel_seq_ci[1], 'high', 1e-9);
      close(r.absolute_ci_low, c.abs_seq_ci[0], 'abs low', 1e-9);
      close(r.fixed_ci?.low ?? null, c.rel_ci[0], 'fixed low kept', 1e-8);
      // Always-valid intervals are wider than fixed-horizon ones.
      expect((r.ci_high as number) - (r.ci_low as number)).toBeGreaterThan(c.rel_ci[1] - c.rel_ci[0]);
      expect(r.test).toMatch(/\+sequential$/);
    });
  }

  it('the always-valid p-value is the α whose sequence just touches 0', () => {
    const p = sequentialPValue(0.05, 0.0004, 20000, 5000) as number;
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    close(sequentialHalfWidth(0.0004, 20000, p, 5000), 0.05, 'touches', 1e-9);
    expect(sequentialPValue(0, 0.0004, 20000, 5000)).toBe(1);
  });
});

describe('SRM and multiple testing', () => {
  it('chi-square goodness of fit as scipy.stats.chisquare', () => {
    for (const s of AB_REFERENCE.srm) {
      const r = sampleRatioMismatch(s.observed.map((_: number, i: number) => `v${i}`), s.observed, s.weights, 0.001);
      close(r.statistic, s.statistic, 'statistic', 1e-12);
      close(r.p_value, s.p_value, 'p', 1e-9, 1e-300);
      expect(r.flag).toBe(s.p_value < 0.001);
      expect(r.message).toMatch(r.flag ? /cannot be trusted/ : /No sample ratio mismatch/);
    }
  });

  it('Holm and Benjamini–Hochberg as the by-hand versions', () => {
    const m = AB_REFERENCE.multiple;
    adjustPValues(m.p, 'holm').forEach((p, i) => close(p, m.holm[i], `holm ${i}`, 1e-12));
    adjustPValues(m.p, 'bh').forEach((p, i) => close(p, m.bh[i], `bh ${i}`, 1e-12));
    expect(adjustPValues([0.2, null, 0.01], 'holm')).toEqual([0.2, null, 0.02]);
  });

  it('power: MDE at the current size and n for a 5% lift', () => {
    const c = byName('mean_large_unequal');
    const r = analyzeAb({ columns: twoArms(c.control, c.treatment) }, { ...base, metrics: [{ column: 'y', kind: 'mean' }] });
    close(r.power[0].mde_relative, c.mde_relative, 'mde', 1e-9);
    expect(r.power[0].n_per_variant_needed).toBe(c.n_needed);
  });
});
