import { describe, expect, it } from 'vitest';
import { formatP, formatShare, formatStat, seasonalText, seasonalTitle, seriesView } from '../../../../renderer/src/drift/driftFormat';
import type { OverTimeResult, OverTimeSeries } from '../../../../core/analyses/drift/types';

describe('drift formatting', () => {
  it('never prints NaN', () => {
    for (const f of [formatStat, formatP, formatShare]) {
      expect(f(null)).toBe('—');
      expect(f(Number.NaN)).toBe('—');
    }
    expect(formatP(0)).toBe('< 1e-16');
    expect(formatShare(0.00001)).toBe('< 0.1%');
    expect(formatShare(0.1234)).toBe('12%');
  });
  it('plots p-value tests as −log10 p so that up means more drift', () => {
    const s: OverTimeSeries = {
      column: 'a',
      role: 'feature',
      kind: 'numerical',
      test: 'ks',
      threshold: 0.01,
      band: null,
      note: null,
      seasonal: false,
      seasonality: null,
      points: [
        { key: '1', label: '1', start: 0, end: 1, rows: 5, statistic: 0.3, p_value: 0.1, drifted: false },
        { key: '2', label: '2', start: 1, end: 2, rows: 5, statistic: null, p_value: null, drifted: false },
        { key: '3', label: '3', start: 2, end: 3, rows: 5, statistic: 0.9, p_value: 0, drifted: true },
      ],
    };
    const v = seriesView(s);
    expect(v.values[0]).toBeCloseTo(1);
    expect(v.values[1]).toBeNull();
    expect(v.values[2]).toBeCloseTo(300);
    expect(v.threshold).toBeCloseTo(2);
    expect(seriesView({ ...s, test: 'psi', threshold: 0.1 }).values).toEqual([0.3, null, 0.9]);
  });
});


describe('seasonal columns on the drift screen', () => {
  const base: OverTimeSeries = { column: 'mnth', role: 'feature', kind: 'numerical', test: 'wasserstein', threshold: 0.1, band: null, note: null, points: [], seasonal: true, seasonality: { reference_chunks: 53, drifted: 53 } };
  const whole = { chunk: { by: 'period', timestamp: 'ts', period: 'week' }, unit: 'ms', thresholds: 'fixed', rows_without_timestamp: 0, series: [base] } as OverTimeResult;
  it('says what the evidence is and points to the setting, or what the chunks were compared with', () => {
    expect(seasonalTitle(base)).toBe('Varies with the season in the reference itself: 53 of 53 reference chunks drift against the whole reference.');
    expect(seasonalText(base, whole)).toMatch(/set “Seasonal reference” in the settings/);
    expect(seasonalText(base, { ...whole, seasonal_reference: 'month' })).toMatch(/reference rows of the same months of the year, like with like/);
    expect(seasonalText({ ...base, seasonal: false }, whole)).toBeNull();
    expect(seasonalText({ ...base, seasonal: false }, { ...whole, seasonal_reference: 'weekday' })).toBe('Each chunk was compared with the reference rows of the same days of the week.');
  });
});
