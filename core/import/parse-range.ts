import { fastIsoZ, parseBoolean, parseInteger, parseReal, parseTimestamp } from '../data/values';

/**
 * The value parsers of values.ts applied to text[start, end) without cutting a substring first:
 * the CSV reader hands numeric cells over as ranges of the decoded chunk, so a million-row import
 * allocates no string per number. Each must return exactly what its values.ts twin returns for
 * text.slice(start, end) (property-tested).
 */
export type RangeParser = (text: string, start: number, end: number) => number | undefined;

// Exact powers of ten: m / 10^k is then correctly rounded whenever m < 2^53 (Clinger's fast path).
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

export function parseIntegerRange(text: string, start: number, end: number): number | undefined {
  const n = end - start;
  if (n === 0 || n > 16) return n > 16 ? parseInteger(text.slice(start, end)) : undefined;
  let i = start;
  let neg = false;
  const c0 = text.charCodeAt(i);
  if (c0 === 45 || c0 === 43) {
    neg = c0 === 45;
    i++;
    if (i === end) return undefined;
  }
  if (text.charCodeAt(i) === 48 && end - i > 1) return undefined;
  let v = 0;
  for (; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  // Beyond 2^53 a double cannot hold the value exactly: such ids stay text.
  if (v > Number.MAX_SAFE_INTEGER) return undefined;
  return neg ? -v : v;
}

export function parseRealRange(text: string, start: number, end: number): number | undefined {
  if (start === end) return undefined;
  let i = start;
  let neg = false;
  const c0 = text.charCodeAt(i);
  if (c0 === 45 || c0 === 43) {
    neg = c0 === 45;
    i++;
  }
  let m = 0;
  let digits = 0;
  let frac = 0;
  let dot = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
      if (dot) frac++;
    } else if (c === 46 && !dot) dot = true;
    else break;
  }
  // Plain decimals with at most 15 digits take the exact path; exponents and longer ones go
  // through Number(), which rounds correctly too.
  if (i === end && digits > 0 && digits <= 15) {
    const v = m / POW10[frac];
    return neg ? -v : v;
  }
  if (digits === 0 && i === end) return undefined;
  return parseReal(text.slice(start, end));
}

export function parseTimestampRange(text: string, start: number, end: number): number | undefined {
  return fastIsoZ(text, start, end - start) ?? parseTimestamp(text.slice(start, end));
}

export function parseBooleanRange(text: string, start: number, end: number): number | undefined {
  return end - start > 5 || end === start ? undefined : parseBoolean(text.slice(start, end));
}

export const RANGE_PARSERS = {
  boolean: parseBooleanRange,
  integer: parseIntegerRange,
  real: parseRealRange,
  timestamp: parseTimestampRange,
} as const;
