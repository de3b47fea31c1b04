/**
 * The drift analysis's pass/fail lines — for the report's executive summary and for monitors —
 * read from the result alone. Plain words first ("Column age did not drift."), then the check, its
 * threshold and the value found.
 */
import { int, num, percent, pIs } from '../../format/numbers';
import type { SummaryCheck } from '../module';
import { P_VALUE_TESTS, type ColumnQuality, type DriftColumnResult, type DriftResult, type OverTimeResult } from './types';

export function testName(c: DriftColumnResult): string {
  return c.test ?? '—';
}

export function ruleText(c: Pick<DriftColumnResult, 'test' | 'threshold'>): string {
  if (c.test === null || c.threshold === null) return '—';
  return P_VALUE_TESTS.has(c.test) ? `p < ${num(c.threshold)}` : `${c.test} ≥ ${num(c.threshold)}`;
}

export function valueText(c: DriftColumnResult): string {
  if (c.error !== null) return 'not tested';
  if (c.test !== null && P_VALUE_TESTS.has(c.test)) return `${pIs(c.p_value)} (statistic ${num(c.statistic)})`;
  return `${c.test} = ${num(c.statistic)}`;
}

export function datasetDriftPlain(r: DriftResult): string {
  if (r.n_tested === 0) return 'No column could be tested, so dataset drift cannot be judged.';
  const what = `${r.n_drifted} of ${r.n_tested} tested column${r.n_tested === 1 ? '' : 's'} drifted (${percent(r.share_drifted)})`;
  return r.dataset_drift
    ? `The dataset drifted: ${what}, at or above the ${percent(r.drift_share_threshold, 0)} limit.`
    : `The dataset did not drift: ${what}, below the ${percent(r.drift_share_threshold, 0)} limit.`;
}

/** The Drift screen's words: "6 of 16 columns drifted — dataset drift: no". */
export function datasetDriftHeadline(r: DriftResult): string {
  return `${r.n_drifted} of ${r.n_tested} columns drifted — dataset drift: ${r.dataset_drift ? 'yes' : 'no'}`;
}

export function columnChecks(r: DriftResult): SummaryCheck[] {
  return r.columns.map((c) => ({
    plain:
      c.error !== null
        ? `Column “${c.column}” could not be tested: ${c.error}.`
        : c.drifted
          ? `Column “${c.column}” drifted.`
          : `Column “${c.column}” did not drift.`,
    check: `Drift of ${c.column} (${testName(c)})`,
    threshold: ruleText(c),
    value: valueText(c),
    status: c.error !== null ? 'info' : c.drifted ? 'fail' : 'pass',
    inHeadline: true,
  }));
}

export function datasetChecks(result: DriftResult): SummaryCheck[] {
  const r = result;
  return [
    {
      plain: datasetDriftPlain(r),
      check: 'Dataset drift (share of drifted columns)',
      threshold: `share ≥ ${percent(r.drift_share_threshold, 0)}`,
      value: `${r.n_drifted} / ${r.n_tested} = ${percent(r.share_drifted)}`,
      status: r.n_tested === 0 ? 'info' : r.dataset_drift ? 'fail' : 'pass',
      headline: datasetDriftHeadline(r),
    },
    ...columnChecks(r),
  ];
}

function chunkWord(o: OverTimeResult): string {
  return o.chunk.by === 'period' ? ({ day: 'daily', week: 'weekly', month: 'monthly' } as const)[o.chunk.period] : `${int(o.chunk.size)}-row`;
}

function listNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The plain sentence on columns that vary with the season in the reference itself, or null when
 * none does. Result-derived (not stored), so reports, the CLI and the screen say the same.
 */
export function seasonalSentence(o: OverTimeResult): string | null {
  const seasonal = o.series.filter((s) => s.seasonal);
  if (seasonal.length === 0) return null;
  const names = listNames(seasonal.map((s) => s.column));
  const evidence = seasonal
    .map((s) => `${s.column} ${s.seasonality!.drifted} of ${s.seasonality!.reference_chunks}`)
    .slice(0, 6)
    .join(', ');
  const one = seasonal.length === 1;
  const head = `${names} ${one ? 'varies' : 'vary'} with the season in the reference itself (reference chunks drifting against the whole reference: ${evidence}${seasonal.length > 6 ? ', …' : ''})`;
  if (o.seasonal_reference) {
    return `${head}; so each ${chunkWord(o)} chunk was compared with the reference rows of the same ${o.seasonal_reference === 'month' ? 'months of the year' : 'days of the week'}, like with like.`;
  }
  return `${head}: a whole-period reference flags ${one ? 'its' : 'their'} ${chunkWord(o)} chunks for the season, not for a change; compare like with like — a per-season reference (the over-time option "seasonal reference": month or weekday).`;
}

export function overTimeChecks(result: DriftResult): SummaryCheck[] {
  const o = result.over_time;
  if (!o) return [];
  const sentence = seasonalSentence(o);
  const seasonal: SummaryCheck[] = sentence
    ? [{ plain: sentence, check: 'Seasonal columns (informational)', threshold: 'most reference chunks drift', value: `${o.series.filter((s) => s.seasonal).length} of ${o.series.length} columns`, status: 'info' }]
    : [];
  return [...seasonal, ...o.series.map((s): SummaryCheck => {
    const d = s.points.filter((p) => p.drifted).length;
    return {
      plain: d === 0 ? `“${s.column}” did not drift in any chunk.` : `“${s.column}” drifted in ${d} of ${s.points.length} chunks.`,
      check: `Drift over time of ${s.column} (${s.test ?? '—'})`,
      threshold: s.band ? `outside ${num(s.band.lower)} … ${num(s.band.upper)}` : s.test && P_VALUE_TESTS.has(s.test) ? `p < ${num(s.threshold)}` : `≥ ${num(s.threshold)}`,
      value: `${d} / ${s.points.length} chunks`,
      status: d === 0 ? 'pass' : 'fail',
      tally: { unit: 'column × chunk checks over time', failed: d, total: s.points.length },
    };
  })];
}

export function problems(q: ColumnQuality): string[] {
  const out: string[] = [];
  if (q.new_categories.length > 0) out.push(`${q.new_categories.length} new categor${q.new_categories.length === 1 ? 'y' : 'ies'}`);
  if ((q.out_of_range_share_current ?? 0) > 0) out.push(`${percent(q.out_of_range_share_current)} of current values outside the reference range`);
  if ((q.missing_share_current ?? 0) > (q.missing_share_reference ?? 0)) out.push(`missing values up from ${percent(q.missing_share_reference)} to ${percent(q.missing_share_current)}`);
  if (q.type_violations_current > 0) out.push(`${int(q.type_violations_current)} type violations in current`);
  if (q.constant_current && !q.constant_reference) out.push('constant in current');
  return out;
}

export function qualityChecks(result: DriftResult): SummaryCheck[] {
  const flagged = result.quality.filter((q) => problems(q).length > 0);
  const checks: SummaryCheck[] = [
    {
      plain:
        flagged.length === 0
          ? 'No data-quality change was found in the current data.'
          : `${flagged.length} column${flagged.length === 1 ? '' : 's'} show${flagged.length === 1 ? 's' : ''} a data-quality change worth a look (listed below; these are observations, not pass/fail checks).`,
      check: 'Data quality (informational)',
      threshold: 'no threshold',
      value: `${flagged.length} of ${result.quality.length} columns flagged`,
      status: 'info',
    },
  ];
  for (const q of flagged) {
    checks.push({ plain: `“${q.column}”: ${problems(q).join('; ')}.`, check: `Quality of ${q.column}`, threshold: 'no threshold', value: problems(q).length + ' observation(s)', status: 'info' });
  }
  return checks;
}

/** Every line: dataset and column drift, drift over time (when chunked), data quality. */
export function driftChecks(result: DriftResult): SummaryCheck[] {
  return [...datasetChecks(result), ...overTimeChecks(result), ...qualityChecks(result)];
}
