import { formatBytes } from './bytes';

/** Number, date and size formatting for reports: one place, so the PDF and HTML read the same. */

/** Four significant digits, plain notation for ordinary magnitudes; '—' for null. */
export function num(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-4) return x.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  const rounded = Number(x.toPrecision(digits));
  return rounded.toLocaleString('en-US', { maximumFractionDigits: 20, useGrouping: a >= 1e4 });
}

/** p-values: '< 0.0001' below that, else 4 significant digits. */
export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  if (p < 1e-4) return '< 0.0001';
  return num(p);
}

/** "p = 0.0123", or "p < 0.0001" below that: not "p = < 0.0001". */
export function pIs(p: number | null | undefined): string {
  const text = pValue(p);
  return text.startsWith('<') ? `p ${text}` : `p = ${text}`;
}

/** Percent with `digits` decimals; a small non-zero share keeps two significant digits instead of printing 0.0%. */
export function percent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const pct = share * 100;
  if (pct !== 0 && Math.abs(pct) < Math.pow(10, -digits)) return `${Number(pct.toPrecision(2))}%`;
  return `${pct.toFixed(digits)}%`;
}

export function int(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString('en-US');
}

export function bytes(n: number): string {
  return `${formatBytes(n)} (${n.toLocaleString('en-US')} bytes)`;
}

/** "2026-11-23 09:14:05 UTC+01:00 (Europe/Paris)": local wall time with its offset and zone name. */
export function dateTime(iso: string | Date, timeZone: string): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return String(iso);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const offset = get('timeZoneName').replace('GMT', 'UTC') || 'UTC';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')} ${offset === 'UTC' ? 'UTC+00:00' : offset} (${timeZone})`;
}

export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
