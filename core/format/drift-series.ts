/**
 * How drift over time is shown, wherever it is drawn: the over-time chart spec (screen and report,
 * core/analyses/drift/charts.ts) and the drift table's sparklines. One place decides what is
 * plotted, so a sparkline and its chart always tell the same story.
 */
import { P_VALUE_TESTS, type DriftTest, type OverTimeSeries } from '../analyses/drift/types';

export const TEST_NAMES: Readonly<Record<string, string>> = {
  ks: 'KS',
  wasserstein: 'Wasserstein',
  psi: 'PSI',
  jensenshannon: 'Jensen–Shannon',
  hellinger: 'Hellinger',
  chisquare: 'Chi-square',
  z: 'z-test',
};

export function testName(t: string | null): string {
  return t === null ? '—' : (TEST_NAMES[t] ?? t);
}

export function isPValueTest(test: string | null): boolean {
  return test !== null && P_VALUE_TESTS.has(test as DriftTest);
}

/**
 * What to plot for one column over time, so that "up" always means "more drift":
 * - a band (reference-chunk thresholds): the statistic, with the band;
 * - a band per chunk (per-season reference with bands): the statistic, with each chunk's band;
 * - a p-value test: −log10(p), with −log10(threshold) as the line;
 * - a distance test: the statistic, with the threshold as the line.
 */
export interface SeriesView {
  readonly values: (number | null)[];
  readonly threshold: number | null;
  readonly band: { lower: number; upper: number } | null;
  /** Per-season reference with bands: each chunk's own band (null where a fixed threshold was used). */
  readonly bands: ({ lower: number; upper: number } | null)[] | null;
  readonly measure: 'statistic' | 'neglog10p';
  readonly yTitle: string;
}

const P_FLOOR = 1e-300;
/** −log10 p, p floored at 1e-300 so that p = 0 is a large finite height rather than Infinity. */
export const neglog10 = (p: number) => -Math.log10(Math.min(1, Math.max(P_FLOOR, p)));

const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);

export function seriesView(s: OverTimeSeries): SeriesView {
  const statistics = () => s.points.map((p) => finite(p.statistic));
  // A per-season reference with bands gives each chunk its own band: plot the statistic against it.
  if (!s.band && s.points.some((p) => p.band)) {
    return {
      values: statistics(),
      threshold: null,
      band: null,
      bands: s.points.map((p) => (p.band ? { lower: p.band.lower, upper: p.band.upper } : null)),
      measure: 'statistic',
      yTitle: `${testName(s.test)} statistic`,
    };
  }
  if (s.band) {
    return { values: statistics(), threshold: null, band: { lower: s.band.lower, upper: s.band.upper }, bands: null, measure: 'statistic', yTitle: `${testName(s.test)} statistic` };
  }
  if (isPValueTest(s.test)) {
    return {
      values: s.points.map((p) => (finite(p.p_value) === null ? null : neglog10(p.p_value!))),
      threshold: s.threshold !== null && s.threshold > 0 ? neglog10(s.threshold) : null,
      band: null,
      bands: null,
      measure: 'neglog10p',
      yTitle: `−log10 p (${testName(s.test)})`,
    };
  }
  return { values: statistics(), threshold: s.threshold, band: null, bands: null, measure: 'statistic', yTitle: `${testName(s.test)} distance` };
}
