// The Fairness screen's logic: its row status equals the CLI/report's judgement on every group of
// real results (COMPAS by race, sex and race × sex, with too-small groups and a too-small
// reference), and its form builds the options `plumbline fairness` builds from the same choices.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fairnessOptionsFromCli } from '../../../../core/analyses/fairness/cli';
import { analyzeFairness } from '../../../../core/analyses/fairness/fairness';
import { judgeGroup } from '../../../../core/analyses/fairness/judgement';
import type { ColumnInfo, DatasetDetail } from '../../../../core/api/types';
import { groupStatus } from '../../../../renderer/src/fairness/groupStatus';
import { defaultForm, formOptions, formProblem } from '../../../../renderer/src/fairness/fairnessForm';
import { clampToStep } from '../../../../renderer/src/shared/sliderKeys';
import { csvColumns, FIXTURES } from '../../fairness/helpers';

const columns = csvColumns(join(FIXTURES, 'adult_rf_binary_columns.csv'));

describe('fairness screen logic', () => {
  for (const minGroupSize of [30, 100, 1000]) {
    it(`row status equals judgeGroup on every group (minimum group size ${minGroupSize})`, () => {
      const r = analyzeFairness({ columns }, { label: 'label_value', decision: { kind: 'prediction', column: 'score' }, attributes: ['race', 'gender'], intersections: [['race', 'gender']], minGroupSize, bootstrap: { resamples: 0 } });
      const statuses = new Set<string>();
      for (const g of r.groups) {
        const j = judgeGroup(r, g);
        const s = groupStatus(r, g);
        expect({ status: s.status, failed: s.failed, unjudged: s.unjudgedFailed }, `${g.attribute}=${g.group}`).toEqual({ status: j.status, failed: j.failed, unjudged: j.unjudgedFailed });
        statuses.add(s.status);
      }
      expect(statuses.has('reference')).toBe(true);
      if (minGroupSize === 1000) expect(statuses.has('too_small')).toBe(true);
    });
  }

  const info = (name: string, role: ColumnInfo['role'], type: ColumnInfo['type'] = 'categorical'): ColumnInfo => ({ index: 0, name, type, role, nullCount: 0, widenedCount: 0 });
  const cols = [info('y', 'label', 'integer'), info('p', 'score', 'real'), info('race', 'group'), info('sex', 'group'), info('ts', 'timestamp', 'timestamp')];

  it('defaults from roles, and says what is missing', () => {
    const f = defaultForm(cols);
    expect(f).toMatchObject({ label: 'y', decisionKind: 'score', score: 'p', attributes: ['race', 'sex'], tau: 0.8, bootstrap: 0 });
    expect(formProblem(f, cols)).toBeNull();
    expect(formProblem({ ...f, attributes: [] }, cols)).toMatch(/attribute/);
    expect(formProblem(defaultForm([info('race', 'group')]), [])).toMatch(/label/);
  });

  it('builds the options the CLI builds from the same choices', async () => {
    const f = { ...defaultForm(cols), threshold: 0.7, intersect: true, referenceGroups: { race: 'A', 'race × sex': '' }, tau: 0.9, bootstrap: 200, seed: 5, chunk: 'week' as const };
    const dataset = async () => ({ name: 'd', columnInfo: cols }) as unknown as DatasetDetail;
    const fromCli = await fairnessOptionsFromCli(
      { label: 'y', score: 'p', threshold: '0.7', attribute: ['race', 'sex'], intersect: true, referenceGroup: ['race=A'], tau: '0.9', bootstrap: '200', seed: '5', chunk: 'week', minGroupSize: '30' },
      dataset,
    );
    expect(formOptions(f, cols)).toEqual(fromCli);
  });

  it('the slider keeps values on its grid and inside its range', () => {
    expect(clampToStep(0.1 + 0.2, 0, 1, 0.01)).toBe(0.3);
    expect(clampToStep(1.7, 0, 1, 0.01)).toBe(1);
    expect(clampToStep(-3, 0, 1, 0.05)).toBe(0);
    expect(clampToStep(Number.NaN, 0, 1, 0.01)).toBe(0);
  });
});
