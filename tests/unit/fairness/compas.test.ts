// COMPAS with ProPublica's filters, high risk = decile_score ≥ 5 against two_year_recid: the group
// FPR/FNR by race against tests/reference/compas_fairness_reference.py (pandas).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFairness } from '../../../core/analyses/fairness/fairness';
import { close, csvColumns, FIXTURES, finiteEverywhere, readJson } from './helpers';

const REF = readJson('compas_fairness_reference.json');

const columns = csvColumns(join(FIXTURES, 'compas_propublica_columns.csv'), (r) => {
  const days = r.days_b_screening_arrest === '' ? NaN : Number(r.days_b_screening_arrest);
  return days >= -30 && days <= 30 && r.is_recid !== '-1' && r.c_charge_degree !== 'O' && r.score_text !== 'N/A';
});

const result = analyzeFairness(
  { columns },
  {
    label: 'two_year_recid',
    decision: { kind: 'score', column: 'decile_score', threshold: 5 },
    attributes: ['race'],
    referenceGroups: { race: 'Caucasian' },
    bootstrap: { resamples: 200, seed: 7 },
  },
);

describe('COMPAS (ProPublica filters, decile ≥ 5)', () => {
  it('keeps the rows ProPublica kept', () => {
    expect(result.rows.total).toBe(REF.rows_after_filters);
    expect(REF.rows_after_filters).toBe(6172);
  });

  it('matches pandas: confusion counts, FPR, FNR, TPR, precision and selection rate by race', () => {
    const races = Object.keys(REF.by_race);
    expect(result.groups.map((g) => g.group).sort()).toEqual(races.sort());
    for (const race of races) {
      const e = REF.by_race[race];
      const g = result.groups.find((x) => x.group === race)!;
      expect([g.size, g.tp, g.fp, g.tn, g.fn], race).toEqual([e.size, e.tp, e.fp, e.tn, e.fn]);
      for (const m of ['fpr', 'fnr', 'tpr', 'precision', 'pprev'] as const) close(g[m], e[m], `${race} ${m}`);
    }
  });

  it('shows the published gap: Black defendants ~2× the FPR and ~0.6× the FNR of white defendants', () => {
    const black = result.groups.find((g) => g.group === 'African-American')!;
    close(black.fpr_disparity, REF.by_race['African-American'].fpr / REF.by_race.Caucasian.fpr, 'fpr disparity');
    expect(black.fpr_disparity!).toBeGreaterThan(1.9);
    expect(black.fnr_disparity!).toBeLessThan(0.6);
    expect(black.parity['FPR Parity']).toBe(false);
    expect(black.parity['FNR Parity']).toBe(false);
    expect(black.parity['TypeI Parity']).toBe(false);
    expect(black.flags.too_small).toBe(false);
    // The interval is wide enough to be honest and narrow enough to exclude parity.
    const iv = black.disparity_intervals.fpr!;
    expect(iv.low).toBeLessThan(black.fpr_disparity!);
    expect(iv.high).toBeGreaterThan(black.fpr_disparity!);
    expect(iv.low).toBeGreaterThan(1.25);
  });

  it('flags Native American (11 people) as too small and does not count its failures', () => {
    const na = result.groups.find((g) => g.group === 'Native American')!;
    expect(na.flags.too_small).toBe(true);
    expect(na.parity['FPR Parity']).toBe(false); // 0.5 / 0.22: shown …
    const race = result.attributes[0];
    expect(race.too_small_groups).toEqual(['Native American']);
    expect(race.verdicts['FPR Parity'].too_small_fail).toBeGreaterThanOrEqual(1); // … but counted apart
    expect(race.parity['FPR Parity']).toBe(false); // African-American fails on its own
    // Fairlearn's summaries take every group; the note says one of them is too small to judge.
    expect(result.summary[0].notes.join(' ')).toMatch(/too small to judge: Native American/);
  });

  it('is plain JSON: no NaN or Infinity', () => {
    expect(finiteEverywhere(result)).toBe(true);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
