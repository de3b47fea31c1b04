import { describe, expect, it } from 'vitest';
import {
  RateMeter,
  datasetNameFor,
  formatBytes,
  formatCell,
  formatCount,
  formatDateTime,
  formatPercent,
  formatRate,
  formatSeconds,
  progressFraction,
  uniqueName,
} from '../../../renderer/src/format';
import { hrefFor, parseHash } from '../../../renderer/src/app/routes';

describe('formatting', () => {
  it('groups counts and sizes bytes in decimal units', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(NaN)).toBe('—');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1.00 KB');
    expect(formatBytes(12_345_678)).toBe('12.3 MB');
    expect(formatBytes(123_456_789)).toBe('123 MB');
    expect(formatBytes(-1)).toBe('—');
  });

  it('formats rates per unit and hides unknown rates', () => {
    expect(formatRate(8_200_000, 'bytes')).toBe('8.20 MB/s');
    expect(formatRate(38211.4, 'rows')).toBe('38,211 rows/s');
    expect(formatRate(null, 'bytes')).toBe('');
  });

  it('formats durations, dates, percentages', () => {
    expect(formatSeconds(0.25)).toBe('250 ms');
    expect(formatSeconds(3.456)).toBe('3.46 s');
    expect(formatSeconds(125)).toBe('2 min 5 s');
    expect(formatDateTime('2026-11-23T08:49:00.000Z', 'UTC')).toBe('23 Nov 2026, 08:49');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('not a date');
    expect(formatPercent(0.456)).toBe('45%');
    expect(formatPercent(1)).toBe('99%');
    expect(progressFraction(5, 10)).toBe(0.5);
    expect(progressFraction(5, null)).toBeNull();
    expect(progressFraction(5, 0)).toBeNull();
  });

  it('shows cells verbatim as text', () => {
    expect(formatCell(null)).toBe('');
    expect(formatCell(3)).toBe('3');
    expect(formatCell(0.1 + 0.2)).toBe('0.3');
    expect(formatCell(true)).toBe('true');
    expect(formatCell('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });

  it('names datasets as the engine does', () => {
    expect(datasetNameFor('preds.csv')).toBe('preds');
    expect(datasetNameFor('a.b.CSV.gz')).toBe('a.b');
    expect(datasetNameFor('.csv')).toBe('dataset');
    expect(datasetNameFor('log.parquet')).toBe('log');
    expect(datasetNameFor('events.jsonl.gz')).toBe('events');
    expect(uniqueName('preds', new Set())).toBe('preds');
    expect(uniqueName('preds', new Set(['preds', 'preds (2)']))).toBe('preds (3)');
  });
});

describe('RateMeter', () => {
  it('measures over a sliding window and restarts when the count goes back', () => {
    const m = new RateMeter(1000);
    m.add(0, 0);
    expect(m.rate()).toBeNull();
    m.add(500, 500);
    expect(m.rate()).toBe(1000);
    m.add(1000, 1000);
    m.add(1100, 2000); // slowed down: the window forgets the fast start
    expect(m.rate()).toBeCloseTo(100, 0);
    m.add(10, 2100);
    expect(m.rate()).toBeNull();
  });
});

describe('routes', () => {
  it('round-trips hostile dataset names through the hash', () => {
    const name = 'a/b #?<img src=x onerror=alert(1)> 名前';
    expect(parseHash(hrefFor({ screen: 'datasets', dataset: name }))).toEqual({ screen: 'datasets', dataset: name });
    expect(parseHash('#/drift')).toEqual({ screen: 'drift' });
    expect(parseHash('')).toEqual({ screen: 'datasets' });
    expect(parseHash('#/nonsense')).toEqual({ screen: 'datasets' });
    expect(parseHash('#/datasets/%E0%A4%A')).toEqual({ screen: 'datasets' });
  });
});
