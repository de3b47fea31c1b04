import { PlumblineError } from '../api/errors';
import { utcMs } from '../data/values';

/**
 * Timestamps written in a format the user names, strptime-style (Python's datetime.strptime,
 * pandas' to_datetime(format=…)). The supported subset:
 *
 * | directive | reads |
 * |---|---|
 * | `%Y` | 4-digit year |
 * | `%y` | 2-digit year: 69–99 → 1969–1999, 00–68 → 2000–2068 (as strptime) |
 * | `%m` `%d` | month, day: 1 or 2 digits |
 * | `%H` `%M` `%S` | hour (0–23), minute, second: 1 or 2 digits |
 * | `%f` | fraction of a second, 1–9 digits |
 * | `%z` | offset: `Z`, `+HH`, `+HHMM`, `+HH:MM` (without one, the time is read as UTC) |
 * | `%%` | a literal `%` |
 *
 * Any other character stands for itself. Day-first dates are `%d/%m/%Y`; compact dates `%Y%m%d`.
 */
export type TimestampParser = (s: string) => number | undefined;

const DIRECTIVES: Record<string, { pattern: string; field: Field }> = {
  Y: { pattern: '(\\d{4})', field: 'year' },
  y: { pattern: '(\\d{2})', field: 'year2' },
  m: { pattern: '(\\d{1,2})', field: 'month' },
  d: { pattern: '(\\d{1,2})', field: 'day' },
  H: { pattern: '(\\d{1,2})', field: 'hour' },
  M: { pattern: '(\\d{1,2})', field: 'minute' },
  S: { pattern: '(\\d{1,2})', field: 'second' },
  f: { pattern: '(\\d{1,9})', field: 'fraction' },
  z: { pattern: '(Z|[+-]\\d{2}(?::?\\d{2})?)', field: 'offset' },
};

type Field = 'year' | 'year2' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'fraction' | 'offset';

/** The parser for a format; a format with an unknown directive, or without a year, month and day, is refused. */
export function compileTimestampFormat(format: string, column = ''): TimestampParser {
  const fields: Field[] = [];
  let pattern = '^';
  // With fixed-width fields back to back (%Y%m%d), 1–2 digit fields would be ambiguous: they read 2.
  const compact = /%[YymdHMS]%[YymdHMS]/.test(format);
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      pattern += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      continue;
    }
    const d = format[++i];
    if (d === '%') {
      pattern += '%';
      continue;
    }
    const directive = d === undefined ? undefined : DIRECTIVES[d];
    if (!directive) {
      throw new PlumblineError(
        'BAD_REQUEST',
        `The timestamp format ${JSON.stringify(format)}${column ? ` for column ${JSON.stringify(column)}` : ''} has ${d === undefined ? 'a lone %' : `%${d}`}, which is not supported. Use %Y %y %m %d %H %M %S %f %z and literal characters, e.g. %Y%m%d or %d/%m/%Y %H:%M.`,
      );
    }
    if (fields.includes(directive.field)) throw new PlumblineError('BAD_REQUEST', `The timestamp format ${JSON.stringify(format)} has %${d} twice.`);
    fields.push(directive.field);
    pattern += compact && directive.pattern === '(\\d{1,2})' ? '(\\d{2})' : directive.pattern;
  }
  if (!(fields.includes('year') || fields.includes('year2')) || !fields.includes('month') || !fields.includes('day')) {
    throw new PlumblineError('BAD_REQUEST', `The timestamp format ${JSON.stringify(format)} needs a year (%Y or %y), a month (%m) and a day (%d).`);
  }
  const re = new RegExp(`${pattern}$`);
  return (s) => {
    const m = re.exec(s.trim());
    if (!m) return undefined;
    const v: Partial<Record<Field, string>> = {};
    fields.forEach((f, k) => (v[f] = m[k + 1]));
    const year = v.year !== undefined ? Number(v.year) : 2000 + Number(v.year2) - (Number(v.year2) >= 69 ? 100 : 0);
    const ms = v.fraction ? Math.round(Number(`0.${v.fraction}`) * 1000) : 0;
    const t = utcMs(year, Number(v.month), Number(v.day), Number(v.hour ?? 0), Number(v.minute ?? 0), Number(v.second ?? 0), ms);
    if (t === undefined || !v.offset || v.offset === 'Z') return t;
    const sign = v.offset[0] === '-' ? -1 : 1;
    const digits = v.offset.slice(1).replace(':', '');
    return t - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
  };
}
