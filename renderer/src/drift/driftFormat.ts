/** Number formatting for the drift screen: short, honest, never "NaN". */
import type { OverTimeResult, OverTimeSeries } from '../../../core/analyses/drift/types';
import { TEST_NAMES } from '../../../core/format/drift-series';

// What an over-time series plots is decided once, for the chart spec and the sparklines alike.
export { seriesView, testName, type SeriesView } from '../../../core/format/drift-series';

export function formatStat(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2);
  if (a >= 100) return v.toFixed(1);
  return String(Number(v.toPrecision(3)));
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** A data value (quantile, range): grouped digits for large numbers, 4 significant digits for small ones. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a >= 1e12 || (a > 0 && a < 1e-3)) return v.toExponential(2);
  if (a >= 1000) return grouped.format(v);
  return String(Number(v.toPrecision(4)));
}

export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  if (p < 1e-16) return '< 1e-16';
  if (p < 1e-3) return p.toExponential(1);
  return p.toFixed(3);
}

/** 0.1234 → "12.3%"; tiny non-zero shares are not rounded to 0. */
export function formatShare(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (v === 0) return '0%';
  const pct = v * 100;
  if (pct < 0.1) return '< 0.1%';
  return `${pct < 10 ? pct.toFixed(1) : pct.toFixed(0)}%`;
}

const SHORT_NAMES: Readonly<Record<string, string>> = { jensenshannon: 'JS', wasserstein: 'Wasserstein', chisquare: 'χ²' };

/** For the table's narrow Test column; the full name goes in a tooltip. */
export function shortTestName(t: string | null): string {
  return t === null ? '—' : (SHORT_NAMES[t] ?? TEST_NAMES[t] ?? t);
}

/** The seasonal marker's tooltip: the evidence, in one line. */
export function seasonalTitle(s: OverTimeSeries): string {
  const e = s.seasonality;
  return e ? `Varies with the season in the reference itself: ${e.drifted} of ${e.reference_chunks} reference chunks drift against the whole reference.` : '';
}

/**
 * Under a column's over-time chart: whether it is seasonal and what the chunks were compared with.
 * Null for a column that is not seasonal, compared with the whole reference.
 */
export function seasonalText(s: OverTimeSeries, o: OverTimeResult): string | null {
  const same = o.seasonal_reference === 'month' ? 'the same months of the year' : o.seasonal_reference === 'weekday' ? 'the same days of the week' : null;
  if (!s.seasonal) return same ? `Each chunk was compared with the reference rows of ${same}.` : null;
  const head = seasonalTitle(s);
  return same
    ? `${head} Each chunk was compared with the reference rows of ${same}, like with like.`
    : `${head} A whole-period reference flags chunks for the season, not for a change: set “Seasonal reference” in the settings to compare like with like.`;
}
