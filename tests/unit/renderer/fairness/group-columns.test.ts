// The group table's metric columns: the four key metrics by default, the chart's metric always
// (it cannot be unticked), others added by the chooser, in one fixed order.
import { describe, expect, it } from 'vitest';
import { KEY_METRICS } from '../../../../core/analyses/fairness/charts';
import { DEFAULT_TABLE_METRICS, tableMetrics, toggleMetric } from '../../../../renderer/src/fairness/groupColumns';

describe('fairness group table columns', () => {
  it('defaults to the report’s key metrics, in the table’s order', () => {
    expect(new Set(DEFAULT_TABLE_METRICS)).toEqual(new Set(KEY_METRICS));
    expect(tableMetrics(new Set(DEFAULT_TABLE_METRICS), 'fpr')).toEqual(['fpr', 'fnr', 'precision', 'pprev']);
  });

  it('adds the chart’s metric, and a chosen one, in the same order whatever the order of choosing', () => {
    expect(tableMetrics(new Set(DEFAULT_TABLE_METRICS), 'tpr')).toEqual(['tpr', 'fpr', 'fnr', 'precision', 'pprev']);
    const a = toggleMetric(toggleMetric(new Set(DEFAULT_TABLE_METRICS), 'npv'), 'tnr');
    const b = toggleMetric(toggleMetric(new Set(DEFAULT_TABLE_METRICS), 'tnr'), 'npv');
    expect(tableMetrics(a, 'fpr')).toEqual(tableMetrics(b, 'fpr'));
    expect(tableMetrics(a, 'fpr')).toEqual(['tnr', 'fpr', 'fnr', 'npv', 'precision', 'pprev']);
  });

  it('removes an unticked metric, but the chart’s stays', () => {
    const without = toggleMetric(new Set(DEFAULT_TABLE_METRICS), 'fnr');
    expect(tableMetrics(without, 'fpr')).toEqual(['fpr', 'precision', 'pprev']);
    expect(tableMetrics(toggleMetric(without, 'fpr'), 'fpr')).toContain('fpr');
  });
});
