/** Number formatting for the drift screen: short, honest, never "NaN". */
import type { OverTimeResult, OverTimeSeries } from '../../../core/analyses/drift/types';
import { isPValueTest } from './score';

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

/** Compact numbers for axis labels: 29033.3 → "29k", 0.41 → "0.41". */
export function formatCompact(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a >= 1e9) return `${Number((v / 1e9).toPrecision(3))}G`;
  if (a >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  if (a === 0) return '0';
  if (a < 1e-3) return v.toExponential(1);
  return String(Number(v.toPrecision(3)));
}

/** Short bin labels from decile edges (outer bins open), e.g. "< 29k", "29k–36k", "≥ 104k". */
export function binLabels(edges: readonly number[], count: number): string[] {
  const interior = edges.slice(1, -1);
  if (interior.length === 0 || interior.length + 1 !== count) return Array.from({ length: count }, (_, i) => `bin ${i + 1}`);
  const out = [`< ${formatCompact(interior[0])}`];
  for (let i = 1; i < interior.length; i++) out.push(`${formatCompact(interior[i - 1])}–${formatCompact(interior[i])}`);
  out.push(`≥ ${formatCompact(interior[interior.length - 1])}`);
  return out;
}

/** Plotly renders its own small HTML subset in labels: escape data so it shows as text. */
export function plotlyText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Tick labels for a category axis: escaped for Plotly, shortened, and kept distinct (two long
 * categories that shorten alike would otherwise share one bar slot) with invisible suffixes.
 */
export function tickLabels(labels: readonly string[], max: number): string[] {
  const seen = new Set<string>();
  return labels.map((l) => {
    let t = plotlyText(truncate(l, max));
    while (seen.has(t)) t += '\u200b';
    seen.add(t);
    return t;
  });
}

export function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export const TEST_NAMES: Readonly<Record<string, string>> = {
  ks: 'KS',
  wasserstein: 'Wasserstein',
  psi: 'PSI',
  jensenshannon: 'Jensen–Shannon',
  hellinger: 'Hellinger',
  chisquare: 'Chi-square',
  z: 'z-test',
};

const SHORT_NAMES: Readonly<Record<string, string>> = { jensenshannon: 'JS', wasserstein: 'Wasserstein', chisquare: 'χ²' };

/** For the table's narrow Test column; the full name goes in a tooltip. */
export function shortTestName(t: string | null): string {
  return t === null ? '—' : (SHORT_NAMES[t] ?? TEST_NAMES[t] ?? t);
}

export function testName(t: string | null): string {
  return t === null ? '—' : (TEST_NAMES[t] ?? t);
}

/**
 * What to plot for one column over time, so that "up" always means "more drift":
 * - a band (reference-chunk thresholds): the statistic, with the band;
 * - a p-value test: −log10(p), with −log10(threshold) as the line;
 * - a distance test: the statistic, with the threshold as the line.
 */
export interface SeriesView {
  readonly values: (number | null)[];
  readonly threshold: number | null;
  readonly band: { lower: number; upper: number } | null;
  readonly measure: 'statistic' | 'neglog10p';
  readonly yTitle: string;
}

const P_FLOOR = 1e-300;
const neglog10 = (p: number) => -Math.log10(Math.min(1, Math.max(P_FLOOR, p)));

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

export function seriesView(s: OverTimeSeries): SeriesView {
  // A per-season reference with bands gives each chunk its own band: plot the statistic, flags mark the drift.
  if (!s.band && s.points.some((p) => p.band)) {
    return {
      values: s.points.map((p) => (p.statistic !== null && Number.isFinite(p.statistic) ? p.statistic : null)),
      threshold: null,
      band: null,
      measure: 'statistic',
      yTitle: `${testName(s.test)} statistic (band per chunk)`,
    };
  }
  if (s.band) {
    return {
      values: s.points.map((p) => (p.statistic !== null && Number.isFinite(p.statistic) ? p.statistic : null)),
      threshold: null,
      band: { lower: s.band.lower, upper: s.band.upper },
      measure: 'statistic',
      yTitle: `${testName(s.test)} statistic`,
    };
  }
  if (isPValueTest(s.test)) {
    return {
      values: s.points.map((p) => (p.p_value !== null && Number.isFinite(p.p_value) ? neglog10(p.p_value) : null)),
      threshold: s.threshold !== null && s.threshold > 0 ? neglog10(s.threshold) : null,
      band: null,
      measure: 'neglog10p',
      yTitle: `−log10 p (${testName(s.test)})`,
    };
  }
  return {
    values: s.points.map((p) => (p.statistic !== null && Number.isFinite(p.statistic) ? p.statistic : null)),
    threshold: s.threshold,
    band: null,
    measure: 'statistic',
    yTitle: `${testName(s.test)} distance`,
  };
}
