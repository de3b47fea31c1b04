import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_FORM, defaultChunkRows, formToSettings, settingsToForm, type SettingsForm } from '../../../../renderer/src/shared/settingsForm';
import { defaultPair, pairContext } from '../../../../renderer/src/shared/pair';
import type { DatasetDetail, DatasetSummary } from '../../../../core/api/types';

const withTs = { timestamp: 'timestamp', currentRows: 12_000 };
const noTs = { timestamp: null, currentRows: 12_345 };

describe('formToSettings', () => {
  it('defaults: auto tests, weekly chunks on the timestamp column, no filter', () => {
    const { settings, errors } = formToSettings(DEFAULT_FORM, withTs);
    expect(errors).toEqual({});
    expect(settings).toEqual({ options: { overTime: { chunk: { by: 'period', timestamp: 'timestamp', period: 'week' }, thresholds: 'fixed' } } });
  });

  it('without a timestamp column, ten chunks by row count (rounded up)', () => {
    expect(defaultChunkRows(12_345)).toBe(1235);
    expect(formToSettings(DEFAULT_FORM, noTs).settings.options.overTime).toEqual({ chunk: { by: 'count', size: 1235 }, thresholds: 'fixed' });
    expect(defaultChunkRows(0)).toBe(1);
  });

  it('maps every field', () => {
    const form: SettingsForm = {
      test: 'psi',
      threshold: '0.2',
      driftShare: '30',
      chunk: 'rows',
      chunkRows: '500',
      referenceChunks: true,
      seasonalReference: 'month',
      perColumn: { age: { test: 'ks', threshold: '' }, income: { test: 'auto', threshold: '0.3' }, untouched: { test: 'auto', threshold: '' } },
      where: "  device = 'mobile'  ",
    };
    const { settings, errors } = formToSettings(form, withTs);
    expect(errors).toEqual({});
    expect(settings).toEqual({
      options: {
        test: 'psi',
        threshold: 0.2,
        driftShareThreshold: 0.3,
        perColumn: { age: { test: 'ks' }, income: { threshold: 0.3 } },
        overTime: { chunk: { by: 'count', size: 500 }, thresholds: 'reference_chunks' },
      },
      where: "device = 'mobile'",
    });
  });

  it('a seasonal reference goes with chunks by period only', () => {
    const weekly = formToSettings({ ...DEFAULT_FORM, chunk: 'week', seasonalReference: 'month' }, withTs).settings.options.overTime;
    expect(weekly).toEqual({ chunk: { by: 'period', timestamp: 'timestamp', period: 'week' }, thresholds: 'fixed', seasonalReference: 'month' });
    expect(formToSettings({ ...DEFAULT_FORM, chunk: 'week', seasonalReference: 'month' }, noTs).settings.options.overTime).not.toHaveProperty('seasonalReference');
    expect(formToSettings({ ...DEFAULT_FORM, seasonalReference: 'off' }, withTs).settings.options.overTime).not.toHaveProperty('seasonalReference');
    expect(settingsToForm({ options: { overTime: { chunk: { by: 'period', timestamp: 'timestamp', period: 'day' }, seasonalReference: 'weekday' } } }, withTs).seasonalReference).toBe('weekday');
  });

  it('reports invalid fields instead of sending them', () => {
    const { errors } = formToSettings(
      { ...DEFAULT_FORM, test: 'ks', threshold: '2', driftShare: '120', chunk: 'rows', chunkRows: '1.5', perColumn: { a: { test: 'psi', threshold: '-1' } } },
      withTs,
    );
    expect(Object.keys(errors).sort()).toEqual(['chunkRows', 'column:a', 'driftShare', 'threshold']);
    expect(formToSettings({ ...DEFAULT_FORM, threshold: 'abc' }, withTs).errors.threshold).toBeTruthy();
  });
});

describe('settingsToForm', () => {
  it('gives the defaults when nothing was saved', () => {
    expect(settingsToForm(null, withTs)).toEqual(DEFAULT_FORM);
    expect(settingsToForm(null, noTs).chunk).toBe('rows');
  });

  it('round-trips: form → settings → form → settings is stable', () => {
    const test = fc.constantFrom('auto', 'ks', 'psi', 'wasserstein', 'jensenshannon', 'hellinger', 'chisquare', 'z') as fc.Arbitrary<SettingsForm['test']>;
    const thr = fc.oneof(fc.constant(''), fc.double({ min: 0.001, max: 0.999, noNaN: true }).map((v) => String(Number(v.toFixed(3)))));
    const form = fc.record<SettingsForm>({
      test,
      threshold: thr,
      driftShare: fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 100 }).map(String)),
      chunk: fc.constantFrom('day', 'week', 'month', 'rows'),
      chunkRows: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 10_000 }).map(String)),
      referenceChunks: fc.boolean(),
      seasonalReference: fc.constantFrom('off', 'month', 'weekday'),
      perColumn: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.record({ test, threshold: thr })),
      where: fc.string({ maxLength: 20 }),
    });
    fc.assert(
      fc.property(form, fc.constantFrom(withTs, noTs), (f, ctx) => {
        const a = formToSettings(f, ctx);
        fc.pre(Object.keys(a.errors).length === 0);
        const back = settingsToForm(a.settings, ctx);
        expect(formToSettings(back, ctx).settings).toEqual(a.settings);
      }),
    );
  });

  it('falls back to row chunks when the saved period has no timestamp column any more', () => {
    const saved = { options: { overTime: { chunk: { by: 'period' as const, timestamp: 'ts', period: 'month' as const } } } };
    expect(settingsToForm(saved, withTs).chunk).toBe('month');
    expect(settingsToForm(saved, noTs).chunk).toBe('rows');
  });
});

describe('pair', () => {
  const ds = (name: string, importedAt: string, id: number): DatasetSummary => ({ id, name, rows: 10, columns: 2, importedAt });
  it('prefers the last pair, then the demo pair, then the two most recent (older = reference)', () => {
    const list = [ds('a', '2026-01-01T00:00:00Z', 1), ds('demo-reference', '2026-01-02T00:00:00Z', 2), ds('demo-current', '2026-01-02T00:00:00Z', 3), ds('b', '2026-01-05T00:00:00Z', 4)];
    expect(defaultPair(list, { reference: 'a', current: 'b' })).toEqual({ reference: 'a', current: 'b' });
    expect(defaultPair(list, { reference: 'gone', current: 'b' })).toEqual({ reference: 'demo-reference', current: 'demo-current' });
    expect(defaultPair([list[0], list[3], ds('c', '2026-01-03T00:00:00Z', 5)])).toEqual({ reference: 'c', current: 'b' });
    expect(defaultPair([list[0]])).toBeNull();
  });
  it('finds the timestamp-role column of the current dataset', () => {
    const detail = (role: 'timestamp' | 'feature'): DatasetDetail => ({
      ...ds('cur', '2026-01-01T00:00:00Z', 1),
      rows: 500,
      imports: [],
      columnInfo: [{ index: 0, name: 'when', type: 'timestamp', role, nullCount: 0, widenedCount: 0 }],
    });
    expect(pairContext(detail('timestamp'))).toEqual({ timestamp: 'when', currentRows: 500 });
    expect(pairContext(detail('feature'))).toEqual({ timestamp: null, currentRows: 500 });
  });
});
