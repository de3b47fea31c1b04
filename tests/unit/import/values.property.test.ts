import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INTEGER, ISO, REAL, parseBoolean, parseInteger, parsePaddedInteger, parseReal, parseTimestamp } from '../../../core/data/values';
import { parseBooleanRange, parseIntegerRange, parseRealRange, parseTimestampRange } from '../../../core/import/parse-range';

// The hand-written parsers must accept exactly what the regular expressions specify.
const numberish = fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '.', 'e', 'E', '+', '-', 'x', 'b', ' ', 'I', '_'), maxLength: 10 });
const reference = {
  integer: (s: string) => (INTEGER.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : undefined),
  real: (s: string) => (REAL.test(s) && Number.isFinite(Number(s)) ? Number(s) : undefined),
};

describe('fast value parsers agree with their specification', () => {
  it('integers', () => {
    fc.assert(fc.property(fc.oneof(numberish, fc.integer().map(String), fc.bigInt().map(String)), (s) => {
      expect(parseInteger(s)).toBe(reference.integer(s));
    }), { numRuns: 5000 });
  });

  it('reals', () => {
    fc.assert(fc.property(fc.oneof(numberish, fc.double().map(String)), (s) => {
      expect(parseReal(s)).toBe(reference.real(s));
    }), { numRuns: 5000 });
    for (const s of ['0x10', '0b1', '0o7', 'Infinity', '-Infinity', ' 1', '1 ', '', '.', '1e', '1.e5', '.5', '5.', '+.5', '1e999']) {
      expect(parseReal(s), s).toBe(reference.real(s));
    }
  });

  it('timestamps: the fast path equals the general one', () => {
    const date = fc.date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true });
    fc.assert(
      fc.property(date, fc.boolean(), (d, ms) => {
        const iso = ms ? d.toISOString() : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
        expect(parseTimestamp(iso)).toBe(ISO.test(iso) ? (ms ? d.getTime() : Math.floor(d.getTime() / 1000) * 1000) : undefined);
      }),
      { numRuns: 3000 },
    );
    for (const s of ['2026-02-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:00:00.1Z', '2026-01-01 00:00:00Z', '2026-01-01T00:00:00+01:00']) {
      expect(parseTimestamp(s), s).toBe(s.startsWith('2026-02-31') || s.includes('-13-') || s.includes('T24') ? undefined : parseTimestamp(s));
    }
    expect(parseTimestamp('2026-02-31T00:00:00Z')).toBeUndefined();
    expect(parseTimestamp('2026-01-01T00:00:00+01:00')).toBe(Date.UTC(2025, 11, 31, 23));
  });
});

describe('range parsers equal the string parsers on the same text', () => {
  const pad = fc.string({ unit: fc.constantFrom('-', '1', ',', 'x'), maxLength: 3 });
  const cell = fc.oneof(
    fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '.', 'e', 'E', '+', '-', 'x', ' ', 'T', 'Z', ':'), maxLength: 18 }),
    fc.double().map(String),
    fc.integer().map(String),
    fc.bigInt().map(String),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom('true', 'FALSE', 'yes', '2026-02-31T00:00:00Z', '2026-01-01T00:00:00.5Z', '9007199254740993', '-0', '-0.0', '007.5'),
  );
  const pairs = [
    [parseIntegerRange, parseInteger],
    [parseRealRange, parseReal],
    [parseTimestampRange, parseTimestamp],
    [parseBooleanRange, parseBoolean],
  ] as const;
  it('for every parser, with text around the range', () => {
    fc.assert(
      fc.property(pad, cell, pad, (before, s, after) => {
        const text = before + s + after;
        for (const [range, plain] of pairs) expect(range(text, before.length, before.length + s.length)).toBe(plain(s));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('timestamps agree with Date for every form', () => {
  it('date only, space separator, offsets, years before 100', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        expect(parseTimestamp(iso)).toBe(d.getTime());
        expect(parseTimestamp(iso.replace('T', ' ').replace('Z', '+00:00'))).toBe(d.getTime());
        expect(parseTimestamp(iso.slice(0, 10))).toBe(Date.parse(iso.slice(0, 10)));
      }),
      { numRuns: 3000 },
    );
    expect(parseTimestamp('2016-12-31T23:59:60Z')).toBe(Date.UTC(2017, 0, 1));
    expect(parseTimestamp('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseTimestamp('2023-02-29')).toBeUndefined();
  });
});

describe('parsePaddedInteger (chosen integer types, join keys)', () => {
  it('reads zero-padded integers as pandas astype(int) does, and nothing parseInteger refuses otherwise', () => {
    expect([parsePaddedInteger('007'), parsePaddedInteger('-012'), parsePaddedInteger('+00'), parsePaddedInteger('0'), parsePaddedInteger('42')]).toEqual([7, -12, 0, 0, 42]);
    for (const bad of ['1.0', '0x10', ' 7', '', '-', '007a', '00900719925474099300']) expect(parsePaddedInteger(bad)).toBeUndefined();
    fc.assert(fc.property(numberish, (s) => parseInteger(s) === undefined || parsePaddedInteger(s) === parseInteger(s)));
  });
});
