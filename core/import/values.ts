/**
 * Parsing of text cells into typed values. Each parser returns undefined when the text is not of
 * its type, so the caller can widen the column and count the contradiction instead of coercing.
 */
export const DEFAULT_NULL_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'null', 'NULL', 'NaN', 'nan', 'None'];

const INTEGER = /^[+-]?(0|[1-9]\d*)$/;
const REAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// Date, optionally a time, optionally an offset. Without an offset a time is read as UTC.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export function parseInteger(s: string): number | undefined {
  if (!INTEGER.test(s)) return undefined;
  const v = Number(s);
  // Beyond 2^53 a double cannot hold the value exactly: keep such ids as text.
  return Number.isSafeInteger(v) ? v : undefined;
}

export function parseReal(s: string): number | undefined {
  if (!REAL.test(s)) return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

export function parseBoolean(s: string): number | undefined {
  switch (s) {
    case 'true': case 'True': case 'TRUE': return 1;
    case 'false': case 'False': case 'FALSE': return 0;
    default: return undefined;
  }
}

/** Epoch milliseconds (UTC), or undefined. */
export function parseTimestamp(s: string): number | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '', off] = m;
  const month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(sec);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  let ms = Date.UTC(Number(y), month - 1, day, hour, minute, second, frac ? Math.round(Number(`0${frac}`) * 1000) : 0);
  // Date.UTC rolls 2026-02-31 over into March: reject instead of silently moving the date.
  if (new Date(ms).getUTCDate() !== day && second < 60) return undefined;
  if (off && off !== 'Z') {
    const sign = off[0] === '-' ? -1 : 1;
    const digits = off.slice(1).replace(':', '');
    const offMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    ms -= sign * offMinutes * 60_000;
  }
  return ms;
}

/** ISO 8601 in UTC; milliseconds only when there are some, so whole-second stamps read as written. */
export function formatTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
