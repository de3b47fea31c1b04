/**
 * A/B lift (issue #13): typed columns + options in, a JSON-ready result out. The rows are read
 * once to assign arms (with unit dedupe); then one pass sums every metric's column(s) into
 * per-group sums — groups are arms, or segment × arm, or day × arm — and everything else works on
 * those sums: lifts and intervals (frequentist, Bayesian, sequential), CUPED, SRM, multiple-testing
 * adjustment, guardrails, power, decision, cumulative lift over time and the segment breakdown.
 */
import { PlumblineError } from '../../api/errors';
import type { CategoricalColumn } from '../../data/column';
import { columnLength } from '../../data/column';
import { adjustPValues } from '../../stats/multiple-testing';
import { armOf, cupedArms } from './arms';
import { compare, type CompareSettings, type TestName } from './compare';
import { decide } from './decision';
import { defineExperiment, rowArms, type Experiment } from './experiment';
import { evaluateGuardrail } from './guardrails';
import type { ArmStat } from './lift';
import { columnOf, metricValues, type MetricValues } from './metric-values';
import { collapse, type Moments } from './moments';
import { buildGrid, DAY_MS, rowCells, toArm, toDayArm, toSegmentArm, type Grid } from './grid';
import { parseAbOptions, type AbOptions } from './options';
import { powerFor } from './power';
import { bootstrapQuantileArm, quantileArm, valuesByGroup } from './quantile';
import { sampleRatioMismatch } from './srm';
import type { AbInput, AbResult, MetricResult, MetricSpec, OverTimeSeries, SegmentBreakdown, SrmResult, VariantSummary } from './types';

export { parseAbOptions } from './options';

function testFor(kind: MetricValues['kind'], cuped: boolean): TestName {
  if (kind === 'quantile') return 'quantile_z';
  if (kind === 'ratio') return 'delta_method_t';
  if (cuped) return 'welch_t_cuped';
  return kind === 'mean' ? 'welch_t' : 'two_proportion_z';
}

interface Prepared {
  readonly spec: MetricSpec;
  readonly values: MetricValues;
  readonly covariate?: { readonly name: string; readonly values: Float64Array };
}

/**
 * Every treatment against control for one metric in each of `blocks` blocks (segments, or 1): from
 * the per-group sums `m` (group = block·k + arm) for means, proportions and ratios, or from each
 * group's values (`group` per row) for quantiles. Returns arm statistics too (power needs them).
 */
function compareBlocks(
  p: Prepared,
  exp: Experiment,
  source: { readonly m: Moments } | { readonly group: Int32Array },
  blocks: number,
  blockLabel: (b: number) => string | undefined,
  settings: CompareSettings,
  o: AbOptions,
): { results: MetricResult[]; arms: ArmStat[][] } {
  const k = exp.names.length;
  const groups = blocks * k;
  const { kind } = p.values;
  const lowerIsBetter = p.spec.lowerIsBetter === true;
  const results: MetricResult[] = [];
  const arms: ArmStat[][] = [];
  if ('group' in source) {
    const values = valuesByGroup(source.group, groups, p.values.x);
    for (let b = 0; b < blocks; b++) {
      const q = p.spec.quantile as number;
      const armStats = exp.names.map((_, a) =>
        o.quantileInterval === 'bootstrap' ? bootstrapQuantileArm(values[b * k + a], q, o.bootstrapResamples, o.seed + a) : quantileArm(values[b * k + a], q),
      );
      arms.push(armStats);
      for (let a = 1; a < k; a++) {
        results.push(compare({ metric: p.spec.name, kind, variant: exp.names[a], segment: blockLabel(b), lowerIsBetter, control: armStats[0], treatment: armStats[a], test: o.quantileInterval === 'bootstrap' ? 'quantile_bootstrap_z' : 'quantile_z', normal: true }, settings));
      }
    }
    return { results, arms };
  }
  const { m } = source;
  for (let b = 0; b < blocks; b++) {
    const armStats = exp.names.map((_, a) => armOf(kind, m, [b * k + a]));
    arms.push(armStats);
    for (let a = 1; a < k; a++) {
      let control = armStats[0];
      let treatment = armStats[a];
      let cuped;
      if (p.covariate) {
        const pair = cupedArms(m, b * k, b * k + a, p.covariate.name, { c: control, t: treatment });
        ({ control, treatment } = pair);
        cuped = pair.summary;
      }
      results.push(
        compare(
          {
            metric: p.spec.name,
            kind,
            variant: exp.names[a],
            segment: blockLabel(b),
            lowerIsBetter,
            control,
            treatment,
            test: testFor(kind, cuped !== undefined),
            cuped,
            impact: kind !== 'ratio',
          },
          settings,
        ),
      );
    }
  }
  return { results, arms };
}

function withAdjusted(results: MetricResult[], correction: AbOptions['correction']): MetricResult[] {
  const adjusted = adjustPValues(results.map((r) => r.p_value), correction);
  return results.map((r, i) => ({ ...r, p_value_adjusted: adjusted[i] }));
}

function srmFor(exp: Experiment, units: readonly number[], o: AbOptions): SrmResult {
  const weights = exp.names.map((n) => {
    if (!o.weights) return 1;
    const w = Object.prototype.hasOwnProperty.call(o.weights, n) ? o.weights[n] : undefined;
    if (w === undefined) throw new PlumblineError('BAD_REQUEST', `Expected weights name no weight for variant ${JSON.stringify(n)}.`);
    return w;
  });
  return sampleRatioMismatch(exp.names, units, weights, o.srmThreshold);
}

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Cumulative lift per UTC day for one non-quantile metric × every treatment, from day × arm sums (CUPED not applied). */
function overTime(p: Prepared, exp: Experiment, m: Moments, days: { first: number; count: number }, settings: CompareSettings): OverTimeSeries[] {
  const k = exp.names.length;
  const kind = p.values.kind;
  const series: OverTimeSeries[] = [];
  for (let a = 1; a < k; a++) {
    const points = [];
    const gc: number[] = [];
    const gt: number[] = [];
    for (let d = 0; d < days.count; d++) {
      gc.push(d * k);
      gt.push(d * k + a);
      if (m.n[d * k] === 0 && m.n[d * k + a] === 0) continue;
      const r = compare(
        { metric: p.spec.name, kind, variant: exp.names[a], lowerIsBetter: p.spec.lowerIsBetter === true, control: armOf(kind, m, gc), treatment: armOf(kind, m, gt), test: testFor(kind, false) },
        { ...settings, engine: 'frequentist' },
      );
      points.push({ day: isoDay(days.first + d), control_n: r.control_n, treatment_n: r.treatment_n, relative_lift: r.relative_lift, ci_low: r.ci_low, ci_high: r.ci_high });
    }
    series.push({ metric: p.spec.name, variant: exp.names[a], points });
  }
  return series;
}

function segmentColumn(cols: AbInput['columns'], name: string, rows: number): CategoricalColumn {
  const column = columnOf(cols, name, 'Segment');
  if (column.kind !== 'categorical') throw new PlumblineError('BAD_REQUEST', `Segment column ${JSON.stringify(column.name)} must be categorical.`);
  if (column.codes.length !== rows) throw new PlumblineError('BAD_REQUEST', 'The segment column has a different length from the variant column.');
  return column;
}

/**
 * Per segment (and rows without one) × metric × treatment, from each metric's segment × arm sums;
 * p-values adjusted across the whole breakdown, and frequentist verdicts taken from them.
 */
function segmentBreakdown(
  column: CategoricalColumn,
  grid: Grid,
  prepared: readonly Prepared[],
  bySegment: readonly ({ readonly m: Moments } | { readonly group: Int32Array })[],
  exp: Experiment,
  o: AbOptions,
  settings: CompareSettings,
): SegmentBreakdown {
  const k = exp.names.length;
  const blocks = grid.segments; // the last block holds rows without a segment value
  const units = new Float64Array(blocks * k);
  const toSegment = toSegmentArm(grid);
  for (let c = 0; c < grid.cells; c++) units[toSegment(c)] += grid.rows[c];
  const present: number[] = [];
  for (let b = 0; b < blocks; b++) {
    let total = 0;
    for (let a = 0; a < k; a++) total += units[b * k + a];
    if (total > 0) present.push(b);
  }
  const label = (b: number): string => (b === blocks - 1 ? '(missing)' : column.dictionary[b]);
  const presentSet = new Set(present);
  const results: MetricResult[] = [];
  prepared.forEach((p, i) => {
    const r = compareBlocks(p, exp, bySegment[i], blocks, label, settings, o);
    results.push(...r.results.filter((_, j) => presentSet.has(Math.floor(j / (k - 1)))));
  });
  const segments = present.map((b) => {
    const u = exp.names.map((_, a) => units[b * k + a]);
    const variants: VariantSummary[] = exp.names.map((name, a) => ({ name, role: a === 0 ? 'control' : 'treatment', units: u[a], counts: { rows: u[a], units: u[a], duplicates_dropped: 0 } }));
    return { segment: label(b), variants, srm: srmFor(exp, u, o) };
  });
  const adjusted = withAdjusted(results, o.correction);
  if (o.engine === 'bayesian') {
    // GrowthBook corrects only frequentist results: chance to win is a posterior probability, not a test.
    return { column: column.name, segments, significance: 'Better or worse when the chance to win is at least 1 − α or at most α (Bayesian: not adjusted for multiple testing; the adjusted p-values are shown for reference).', results: adjusted };
  }
  // A breakdown tests many segments at once: one of twenty is "significant" at 5% by chance alone,
  // so a segment is better or worse only when its adjusted p-value is below α.
  const lowerIsBetter = new Map(prepared.map((p) => [p.spec.name, p.spec.lowerIsBetter === true]));
  const how = o.correction === 'holm' ? 'Holm-adjusted' : o.correction === 'bh' ? 'Benjamini–Hochberg-adjusted' : 'unadjusted (correction: none)';
  return {
    column: column.name,
    segments,
    significance: `Better or worse when the ${how} p-value across all ${adjusted.length} segment × metric × treatment rows is below α = ${o.alpha}.`,
    results: adjusted.map((r) => ({ ...r, verdict: adjustedVerdict(r, o.alpha, lowerIsBetter.get(r.metric) === true) })),
  };
}

/**
 * A verdict from the adjusted p-value: significant when it is below α, in the direction of the lift
 * (a one-sided p-value already looks only the good way). No p-value: inconclusive.
 */
export function adjustedVerdict(r: MetricResult, alpha: number, lowerIsBetter: boolean): MetricResult['verdict'] {
  if (r.p_value_adjusted === null || r.absolute_lift === null || !(r.p_value_adjusted < alpha) || r.absolute_lift === 0) return 'inconclusive';
  return r.absolute_lift > 0 !== lowerIsBetter ? 'better' : 'worse';
}

/** Per row: segment block × arm (quantile metrics need each group's values, not sums). */
function segmentArmGroups(grid: Grid): Int32Array {
  const to = toSegmentArm(grid);
  return rowCells(grid).map((g) => (g < 0 ? -1 : to(g)));
}

export function analyzeAb(input: AbInput, rawOptions: unknown): AbResult {
  const o = parseAbOptions(rawOptions);
  const cols = input.columns;
  const variant = columnOf(cols, o.variant, 'Variant');
  const unit = o.unit !== undefined ? columnOf(cols, o.unit, 'Unit') : undefined;
  const timestamp = o.timestamp !== undefined ? columnOf(cols, o.timestamp, 'Timestamp') : undefined;
  const rows = columnLength(variant);
  for (const c of Object.values(cols)) if (columnLength(c) !== rows) throw new PlumblineError('BAD_REQUEST', `Column ${JSON.stringify(c.name)} has ${columnLength(c)} rows, the variant column ${rows}.`);
  const exp = defineExperiment({ variant, control: o.control, treatments: o.treatments, unit, timestamp });
  const notes = [...exp.notes];
  const settings: CompareSettings = { alpha: o.alpha, sides: o.sides, engine: o.engine, sequential: o.sequential, sequentialTuning: o.sequentialTuning };

  const prepared: Prepared[] = o.metrics.map((spec) => {
    const values = metricValues(cols, spec);
    const cov = Object.prototype.hasOwnProperty.call(o.cuped, spec.name) ? o.cuped[spec.name] : undefined;
    if (cov === undefined) return { spec, values };
    if (values.kind === 'ratio' || values.kind === 'quantile') throw new PlumblineError('BAD_REQUEST', `CUPED applies to mean and binomial metrics, not to ${values.kind} metric ${JSON.stringify(spec.name)}.`);
    const c = columnOf(cols, cov, `CUPED covariate of ${JSON.stringify(spec.name)}`);
    if (c.kind !== 'numeric') throw new PlumblineError('BAD_REQUEST', `CUPED covariate ${JSON.stringify(cov)} must be numeric.`);
    return { spec, values, covariate: { name: cov, values: c.values } };
  });
  if (prepared.some((p) => p.covariate)) notes.push('CUPED: a missing pre-period value counts as 0 (no pre-period activity).');

  const units = exp.counts.map((c) => c.units);
  const variants: VariantSummary[] = exp.names.map((name, a) => ({ name, role: a === 0 ? 'control' : 'treatment', units: units[a], counts: exp.counts[a] }));
  for (const v of variants) if (v.units === 0) notes.push(`Variant ${JSON.stringify(v.name)} has no rows: its comparisons are empty.`);
  const srm = srmFor(exp, units, o);

  let ts: Float64Array | undefined;
  if (timestamp) {
    if (timestamp.kind !== 'numeric') throw new PlumblineError('BAD_REQUEST', `Timestamp column ${JSON.stringify(timestamp.name)} must be a timestamp.`);
    ts = timestamp.values;
  }
  const segment = o.segment !== undefined ? segmentColumn(cols, o.segment, rows) : undefined;
  // One pass over the rows sums every metric into segment × day × arm cells; everything else reads those sums.
  const summed = prepared.filter((p) => p.values.kind !== 'quantile');
  const { grid, sums } = buildGrid(
    exp,
    segment,
    ts,
    summed.map((p) => ({ x: p.values.x, y: p.values.kind === 'ratio' ? p.values.y : p.covariate?.values, missingY: p.values.kind === 'ratio' ? 'skip-row' : 'zero' })),
  );
  const k = exp.names.length;
  const raw: MetricResult[] = [];
  const power = [];
  const bySegment: ({ m: Moments } | { group: Int32Array })[] = [];
  const series: OverTimeSeries[] = [];
  let segmentGroups: Int32Array | undefined;
  let armPerRow: Int32Array | undefined;
  for (const p of prepared) {
    let overall: { m: Moments } | { group: Int32Array };
    if (p.values.kind === 'quantile') {
      overall = { group: (armPerRow ??= rowArms(exp)) };
      if (segment) bySegment.push({ group: (segmentGroups ??= segmentArmGroups(grid)) });
    } else {
      const cells = sums[summed.indexOf(p)];
      overall = { m: grid.cells === k ? cells : collapse(cells, k, toArm(grid)) };
      if (segment) bySegment.push({ m: collapse(cells, grid.segments * k, toSegmentArm(grid)) });
      if (grid.days) series.push(...overTime(p, exp, collapse(cells, grid.days.count * k, toDayArm(grid)), grid.days, settings));
    }
    const r = compareBlocks(p, exp, overall, 1, () => undefined, settings, o);
    raw.push(...r.results);
    if (p.spec.name === o.primary) {
      const [arms] = r.arms;
      for (let a = 1; a < arms.length; a++) power.push(powerFor(p.spec.name, exp.names[a], arms[0], arms[a], o));
    }
  }
  const results = withAdjusted(raw, o.correction);
  const guardrails = o.guardrails.flatMap((g) => results.filter((r) => r.metric === g.metric).map((r) => evaluateGuardrail(g, r)));
  const decision = decide(o.primary, results, guardrails, srm, power);
  const over_time: OverTimeSeries[] | null = ts ? series : null;
  const segments = segment ? segmentBreakdown(segment, grid, prepared, bySegment, exp, o, settings) : null;

  return {
    variant_column: o.variant,
    control: exp.control,
    treatments: exp.treatments,
    engine: o.engine,
    sequential: o.sequential,
    alpha: o.alpha,
    sides: o.sides,
    correction: o.correction,
    primary: o.primary,
    variants,
    rows_without_variant: exp.rowsWithoutVariant,
    rows_without_unit: exp.rowsWithoutUnit,
    srm,
    results,
    guardrails,
    power,
    decision,
    over_time,
    segments,
    notes,
  };
}
