// Fairlearn's summary functions, every Aequitas rate, majority disparities and Wilson intervals on
// Aequitas's adult_rf_binary.csv sample, against tests/reference/fairness_reference.py (pandas +
// scipy.stats.norm, following Fairlearn's documented definitions).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFairness } from '../../../core/analyses/fairness/fairness';
import { wilson, zFor } from '../../../core/analyses/fairness/intervals';
import { RATE_NAMES } from '../../../core/analyses/fairness/rates';
import { SUMMARY_NAMES } from '../../../core/analyses/fairness/summaries';
import { DISPARITY_RATES } from '../../../core/analyses/fairness/types';
import { close, csvColumns, FIXTURES, readJson } from './helpers';

const REF = readJson('fairness_reference.json');
const columns = csvColumns(join(FIXTURES, 'adult_rf_binary_columns.csv'));
const result = analyzeFairness(
  { columns },
  {
    label: 'label_value',
    decision: { kind: 'prediction', column: 'score' },
    attributes: ['race', 'gender'],
    intersections: [['race', 'gender']],
    bootstrap: { resamples: 0 },
  },
);

describe('adult_rf_binary: Fairlearn summaries and Aequitas tables', () => {
  it('reads every row', () => {
    expect(result.rows.total).toBe(REF.rows);
  });

  for (const attribute of ['race', 'gender', 'race × gender']) {
    it(`${attribute}: summaries by Fairlearn's names`, () => {
      const s = result.summary.find((x) => x.attribute === attribute)!;
      for (const name of SUMMARY_NAMES) close(s[name], REF.attributes[attribute].summary[name], `${attribute} ${name}`, 1e-12);
    });

    it(`${attribute}: counts, rates, Wilson intervals, majority reference and disparities`, () => {
      const ref = REF.attributes[attribute];
      expect(result.attributes.find((a) => a.attribute === attribute)!.reference_group).toBe(ref.majority);
      const groups = result.groups.filter((g) => g.attribute === attribute);
      expect(groups.map((g) => g.group).sort()).toEqual(Object.keys(ref.groups).sort());
      for (const g of groups) {
        const e = ref.groups[g.group];
        expect([g.size, g.tp, g.fp, g.tn, g.fn]).toEqual([e.size, e.tp, e.fp, e.tn, e.fn]);
        for (const r of RATE_NAMES) {
          close(g[r], e.rates[r], `${g.group} ${r}`);
          const iv = g.rate_intervals[r];
          if (e.wilson[r] === null) expect(iv).toBeUndefined();
          else {
            close(iv!.low, e.wilson[r][0], `${g.group} ${r} low`, 1e-10);
            close(iv!.high, e.wilson[r][1], `${g.group} ${r} high`, 1e-10);
          }
        }
        for (const r of DISPARITY_RATES) close(g[`${r}_disparity`], e.disparity[r], `${g.group} ${r}_disparity`);
      }
    });
  }

  it('names intersections by both values and keeps the parts', () => {
    const g = result.groups.find((x) => x.attribute === 'race × gender' && x.group === 'White × Male')!;
    expect(g.values).toEqual(['White', 'Male']);
  });
});

describe('Wilson score interval', () => {
  it('matches scipy.stats.norm-based formula at the edges and in the middle', () => {
    const z = zFor(0.95);
    close(z, REF.z, 'z', 1e-14);
    for (const { k, n, interval } of REF.wilson) {
      const iv = wilson(k, n, z)!;
      close(iv.low, interval[0], `${k}/${n} low`, 1e-12);
      close(iv.high, interval[1], `${k}/${n} high`, 1e-12);
    }
    expect(wilson(0, 0, z)).toBeNull();
  });
});
