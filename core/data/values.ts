/**
 * Parsing of text cells into typed values. Each parser returns undefined when the text is not of
 * its type, so the caller can widen the column and count the contradiction instead of coercing.
 */
export const DEFAULT_NULL_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'null', 'NULL', 'NaN', 'nan', 'None'];

export const INTEGER = /^[+-]?(0|[1-9]\d*)$/;
export const REAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// Date, optionally a time, optionally an offset. Without an offset a time is read as UTC.
export const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

// The parsers below run once per cell of a numeric column, so they test characters directly; the
// regular expressions above are the specification they are tested against (tests/unit/import).
export function parseInteger(s: string): number | undefined {
  const n = s.length;
  if (n === 0 || n > 17) return n > 17 && INTEGER.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : undefined;
  let i = 0;
  const c0 = s.charCodeAt(0);
  if (c0 === 43 || c0 === 45) i = 1; // + -
  if (i === n) return undefined;
  if (s.charCodeAt(i) === 48 && n - i > 1) return undefined; // leading zero
  for (let k = i; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return undefined;
  }
  const v = Number(s);
  // Beyond 2^53 a double cannot hold the value exactly: keep such ids as text.
  return Number.isSafeInteger(v) ? v : undefined;
}

/**
 * An integer that may be zero-padded ("007" = 7), as pandas' astype(int) reads it: for a type the
 * user chose and for join keys. Inference uses parseInteger, so padded codes and ids stay text
 * unless the user says they are numbers.
 */
export function parsePaddedInteger(s: string): number | undefined {
  const v = parseInteger(s);
  if (v !== undefined || !PADDED_INTEGER.test(s)) return v;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

const PADDED_INTEGER = /^[+-]?0\d+$/;

export function parseReal(s: string): number | undefined {
  const n = s.length;
  if (n === 0) return undefined;
  const c0 = s.charCodeAt(0);
  // Number() also accepts hex, binary, octal, Infinity and surrounding whitespace: rule those out
  // by the first and last characters, then let it do the (correctly rounded) conversion.
  if (!((c0 >= 48 && c0 <= 57) || c0 === 43 || c0 === 45 || c0 === 46)) return undefined;
  const cl = s.charCodeAt(n - 1);
  if (!((cl >= 48 && cl <= 57) || cl === 46)) return undefined;
  for (let k = 1; k < n; k++) {
    const c = s.charCodeAt(k);
    if ((c >= 48 && c <= 57) || c === 46) continue;
    if (c === 101 || c === 69 || c === 43 || c === 45) continue; // e E + -
    return undefined;
  }
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
  return fastIsoZ(s, 0, s.length) ?? parseTimestampSlow(s);
}

function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let k = from; k < from + count; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * The form nearly every log writes, 2026-01-02T03:04:05[.fff]Z, read from s[o, o+n) without
 * a regular expression; undefined for anything else (the general parser then decides).
 */
export function fastIsoZ(s: string, o: number, n: number): number | undefined {
  if ((n !== 20 && n !== 24) || s.charCodeAt(o + n - 1) !== 90 || s.charCodeAt(o + 10) !== 84) return undefined;
  if (s.charCodeAt(o + 4) !== 45 || s.charCodeAt(o + 7) !== 45 || s.charCodeAt(o + 13) !== 58 || s.charCodeAt(o + 16) !== 58) return undefined;
  const y = digits(s, o, 4), mo = digits(s, o + 5, 2), d = digits(s, o + 8, 2), h = digits(s, o + 11, 2), mi = digits(s, o + 14, 2), sec = digits(s, o + 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return undefined;
  let frac = 0;
  if (n === 24) {
    if (s.charCodeAt(o + 19) !== 46) return undefined;
    frac = digits(s, o + 20, 3);
    if (frac < 0) return undefined;
  }
  if (d > 28 && d > daysInMonth(y, mo)) return undefined;
  return daysFromCivil(y, mo, d) * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000 + frac;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm): integer math, no Date. */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function parseTimestampSlow(s: string): number | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '', off] = m;
  const month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(sec);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const year = Number(y);
  // 2026-02-31 is refused rather than rolled over into March (Date.UTC would roll it).
  if (day > daysInMonth(year, month)) return undefined;
  let ms = daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + (frac ? Math.round(Number(`0${frac}`) * 1000) : 0);
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
