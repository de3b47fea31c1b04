/**
 * A/B lift (issue #13): rows + options in, a JSON-ready result out. The rows come chunk by chunk
 * (whole columns are one chunk): a first pass counts the variants (and assigns arms, with unit
 * dedupe on whole columns); then one pass sums every metric's column(s) into
 * per-group sums — groups are arms, or segment × arm, or day × arm — and everything else works on
 * those sums: lifts and intervals (frequentist, Bayesian, sequential), CUPED, SRM, multiple-testing
 * adjustment, guardrails, power, decision, cumulative lift over time and the segment breakdown.
 */
import { PlumblineError } from '../../api/errors';
import type { Progress } from '../../api/types';
import type { CategoricalColumn, NumericColumn, TypedColumn } from '../../data/column';
import { columnLength } from '../../data/column';
import { wholeColumns, type RowChunk, type RowChunks } from '../../data/row-chunks';
import { adjustPValues } from '../../stats/multiple-testing';
import { armOf, cupedArms } from './arms';
import { compare, type CompareSettings, type TestName } from './compare';
import { decide } from './decision';
import { checkVariant, defineExperiment, newTally, tallyRows, type Experiment } from './experiment';
import { evaluateGuardrail } from './guardrails';
import type { ArmStat } from './lift';
import { chunkValues, columnIn, columnOf, planMetric, settleKind, zeroOneRows } from './metric-values';
import { collapse, type Moments } from './moments';
import { addChunk, addCodeChunk, cellBlock, DAY_MS, gridMoments, newCodeCells, newGrid, settleCells, tallyFromCodeCells, toArm, toDayArm, toSegmentArm, type CellSource, type CellSumInput, type Grid } from './grid';
import { parseAbOptions, type AbOptions } from './options';
import { powerFor } from './power';
import { bootstrapQuantileArm, quantileArm } from './quantile';
import { armsFromBlocks, groupTable, GroupValues } from './gather';
import { sampleRatioMismatch } from './srm';
import type { AbInput, AbResult, MetricKind, MetricResult, MetricSpec, OverTimeSeries, SegmentBreakdown, SrmResult, VariantSummary } from './types';

export { parseAbOptions } from './options';

function testFor(kind: MetricKind, cuped: boolean): TestName {
  if (kind === 'quantile') return 'quantile_z';
  if (kind === 'ratio') return 'delta_method_t';
  if (cuped) return 'welch_t_cuped';
  return kind === 'mean' ? 'welch_t' : 'two_proportion_z';
}

interface Prepared {
  readonly spec: MetricSpec;
  /** Settled after the pass (an auto metric of 0/1 values is binomial). */
  readonly kind: MetricKind;
  /** Quantile metrics: each arm's values, and each segment × arm's (gathered in the pass). */
  readonly values?: { readonly arms: Float64Array[]; readonly segments?: Float64Array[] };
  readonly covariate?: { readonly name: string };
}

/**
 * Every treatment against control for one metric in each of `blocks` blocks (segments, or 1): from
 * the per-group sums `m` (group = block·k + arm) for means, proportions and ratios, or from each
 * group's values for quantiles. Returns arm statistics too (power needs them).
 */
function compareBlocks(
  p: Prepared,
  exp: Experiment,
  source: { readonly m: Moments } | { readonly values: Float64Array[] },
  blocks: number,
  blockLabel: (b: number) => string | undefined,
  settings: CompareSettings,
  o: AbOptions,
): { results: MetricResult[]; arms: ArmStat[][] } {
  const k = exp.names.length;
  const { kind } = p;
  const lowerIsBetter = p.spec.lowerIsBetter === true;
  const results: MetricResult[] = [];
  const arms: ArmStat[][] = [];
  if ('values' in source) {
    const { values } = source;
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
  const kind = p.kind;
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
        { metric: p.spec.name, kind, variant: exp.names[a], lowerIsBetter: p.spec.lowerIsBetter === true, control: armOf(kind, m, gc), treatment: armOf(kind, m, gt), test: testFor(kind, false), intervalOnly: true },
        { ...settings, engine: 'frequentist' },
      );
      points.push({ day: isoDay(days.first + d), control_n: r.control_n, treatment_n: r.treatment_n, relative_lift: r.relative_lift, ci_low: r.ci_low, ci_high: r.ci_high });
    }
    series.push({ metric: p.spec.name, variant: exp.names[a], points });
  }
  return series;
}

/**
 * Per segment (and rows without one) × metric × treatment, from each metric's segment × arm sums;
 * p-values adjusted across the whole breakdown, and frequentist verdicts taken from them.
 */
function segmentBreakdown(
  column: CategoricalColumn,
  grid: Grid,
  prepared: readonly Prepared[],
  bySegment: readonly ({ readonly m: Moments } | { readonly values: Float64Array[] })[],
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

/** Whole columns in memory: checked to be of one length, then the same passes as a stream of chunks. */
export function analyzeAb(input: AbInput, rawOptions: unknown): AbResult {
  const o = parseAbOptions(rawOptions);
  const variant = columnOf(input.columns, o.variant, 'Variant');
  const rows = columnLength(variant);
  for (const c of Object.values(input.columns)) if (columnLength(c) !== rows) throw new PlumblineError('BAD_REQUEST', `Column ${JSON.stringify(c.name)} has ${columnLength(c)} rows, the variant column ${rows}.`);
  const steps = abSteps(wholeColumns(input.columns), rawOptions);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Whether a run can stream its rows chunk by chunk: unit dedupe and accuracy-type metrics need whole columns. */
export function abStreams(o: AbOptions): boolean {
  return o.unit === undefined && o.metrics.every((m) => m.kind !== 'accuracy' && m.kind !== 'precision' && m.kind !== 'recall');
}

/**
 * A/B over rows chunk by chunk. A first pass tallies the variant codes (rows per variant, each
 * one's time range), which settles the arms and the day axis; a second pass sums every metric into
 * the grid's cells (segment × day × arm) and gathers what quantile metrics need. Memory touched is
 * the chunks' (reused) plus the cells, not whole columns. With a unit column (dedupe keeps each
 * unit's first exposure, which needs every row) `data` must be one chunk of whole columns.
 */
export function* abSteps(data: RowChunks, rawOptions: unknown): Generator<Progress, AbResult> {
  const o = parseAbOptions(rawOptions);
  const describe = (name: string): TypedColumn | undefined => data.describe(name);
  const variant = columnIn(describe, o.variant, 'Variant');
  const unit = o.unit !== undefined ? columnIn(describe, o.unit, 'Unit') : undefined;
  const timestamp = o.timestamp !== undefined ? columnIn(describe, o.timestamp, 'Timestamp') : undefined;
  checkVariant(variant);
  // Everything the columns' descriptions can settle is checked before a row is read.
  const plans = o.metrics.map((spec) => {
    const plan = planMetric(describe, spec);
    const cov = Object.prototype.hasOwnProperty.call(o.cuped, spec.name) ? o.cuped[spec.name] : undefined;
    if (cov === undefined) return { plan };
    if (plan.kind === 'ratio' || plan.kind === 'quantile') throw new PlumblineError('BAD_REQUEST', `CUPED applies to mean and binomial metrics, not to ${plan.kind} metric ${JSON.stringify(spec.name)}.`);
    const c = columnIn(describe, cov, `CUPED covariate of ${JSON.stringify(spec.name)}`);
    if (c.kind !== 'numeric') throw new PlumblineError('BAD_REQUEST', `CUPED covariate ${JSON.stringify(cov)} must be numeric.`);
    return { plan, covariate: cov };
  });
  if (timestamp && timestamp.kind !== 'numeric') throw new PlumblineError('BAD_REQUEST', `Timestamp column ${JSON.stringify(timestamp.name)} must be a timestamp.`);
  let segment: CategoricalColumn | undefined;
  if (o.segment !== undefined) {
    const column = columnIn(describe, o.segment, 'Segment');
    if (column.kind !== 'categorical') throw new PlumblineError('BAD_REQUEST', `Segment column ${JSON.stringify(column.name)} must be categorical.`);
    segment = column;
  }
  const tsName = timestamp?.kind === 'numeric' ? timestamp.name : undefined;
  const summed = plans.filter((p) => p.plan.kind !== 'quantile');
  const quantiles = plans.filter((p) => p.plan.kind === 'quantile');

  // The columns of the summing pass, each once.
  const names: string[] = [];
  const column = (name: string): number => {
    let i = names.indexOf(name);
    if (i < 0) i = names.push(name) - 1;
    return i;
  };
  const at = { variant: column(variant.name), segment: segment ? column(segment.name) : -1, ts: tsName !== undefined ? column(tsName) : -1 };
  for (const { plan, covariate } of plans) {
    for (const n of plan.wholeRows ? [plan.x, plan.y as string] : [plan.x, ...(plan.y !== undefined ? [plan.y] : [])]) column(n);
    if (covariate !== undefined) column(covariate);
  }
  const zeroOne = plans.map(() => true);
  const block = cellBlock();
  /** A chunk's inputs to the summing pass, with `table` turning variant codes into arms (or codes); notes which metrics stay 0/1. */
  const chunkInputs = (chunk: RowChunk, table: Int32Array, dedupedArm: Int32Array | null): { src: CellSource; inputs: CellSumInput[] } => {
    const { offset, rows: n } = chunk;
    const byName: Record<string, TypedColumn> = {};
    names.forEach((name, i) => (byName[name] = chunk.columns[i]));
    const src = {
      variantCodes: (chunk.columns[at.variant] as CategoricalColumn).codes,
      armOfCode1: table,
      dedupedArm: dedupedArm ? dedupedArm.subarray(offset, offset + n) : null,
      segmentCodes: at.segment >= 0 ? (chunk.columns[at.segment] as CategoricalColumn).codes : undefined,
      ts: at.ts >= 0 ? (chunk.columns[at.ts] as NumericColumn).values : undefined,
    };
    const inputs: CellSumInput[] = summed.map(({ plan, covariate }) => {
      const v = chunkValues(plan, byName);
      if (plan.kind === 'ratio') return { x: v.x, y: v.y, missingY: 'skip-row' };
      return { x: v.x, y: covariate !== undefined ? (byName[covariate] as NumericColumn).values : undefined, missingY: 'zero' };
    });
    plans.forEach(({ plan }, i) => {
      if (plan.zeroOne !== 'no' && zeroOne[i]) zeroOne[i] = zeroOneRows((byName[plan.x] as NumericColumn).values, n);
    });
    return { src, inputs };
  };
  /** Adds one chunk of the summing pass to `grid`. */
  const sumChunk = (chunk: RowChunk, grid: Grid, moments: readonly Moments[], table: Int32Array, dedupedArm: Int32Array | null, cells?: Int32Array): void => {
    const { src, inputs } = chunkInputs(chunk, table, dedupedArm);
    addChunk(grid, src, chunk.rows, inputs, moments, block, cells);
  };

  let found: Experiment | undefined;
  let totalRows = 0;
  let summedGrid: { grid: Grid; moments: Moments[] } | undefined;
  if (unit) {
    const chunks = [...data.pass([variant.name, unit.name, ...(timestamp ? [timestamp.name] : [])])];
    if (chunks.length !== 1) throw new Error('unit dedupe needs whole columns: one chunk');
    const [v, u, t] = chunks[0].columns;
    found = defineExperiment({ variant: v, control: o.control, treatments: o.treatments, unit: u, timestamp: t });
    totalRows = chunks[0].rows;
  } else if (quantiles.length === 0) {
    // One pass: sums per variant code, moved to the arms once the tally of the codes settles them.
    const codes = variant.dictionary.length;
    const identity = Int32Array.from({ length: codes + 1 }, (_, i) => i - 1);
    const cc = newCodeCells(codes, segment?.dictionary.length, tsName !== undefined, summed.length);
    let fits = true;
    for (const chunk of data.pass(names)) {
      const { src, inputs } = chunkInputs(chunk, identity, null);
      if (!addCodeChunk(cc, src, chunk.rows, inputs, block)) {
        fits = false; // too many days or cells for one pass: two passes instead
        break;
      }
      totalRows += chunk.rows;
      yield { phase: 'ab: summing metrics', done: totalRows, total: null, unit: 'rows' };
    }
    if (fits) {
      found = defineExperiment({ variant, control: o.control, treatments: o.treatments, timestamp }, tallyFromCodeCells(cc, totalRows));
      summedGrid = settleCells(cc, found, tsName !== undefined);
    } else {
      zeroOne.fill(true);
      totalRows = 0;
    }
  }
  if (!found) {
    const tally = newTally(variant.dictionary.length);
    for (const chunk of data.pass(tsName !== undefined ? [variant.name, tsName] : [variant.name])) {
      const [v, t] = chunk.columns;
      tallyRows(tally, (v as CategoricalColumn).codes, t ? (t as NumericColumn).values : undefined, chunk.rows);
      yield { phase: 'ab: counting variants', done: chunk.offset + chunk.rows, total: null, unit: 'rows' };
    }
    found = defineExperiment({ variant, control: o.control, treatments: o.treatments, timestamp }, tally);
    totalRows = tally.rows;
  }
  const experiment = found;
  const notes = [...experiment.notes];
  const settings: CompareSettings = { alpha: o.alpha, sides: o.sides, engine: o.engine, sequential: o.sequential, sequentialTuning: o.sequentialTuning };
  if (plans.some((p) => p.covariate !== undefined)) notes.push('CUPED: a missing pre-period value counts as 0 (no pre-period activity).');

  const units = experiment.counts.map((c) => c.units);
  const variants: VariantSummary[] = experiment.names.map((name, a) => ({ name, role: a === 0 ? 'control' : 'treatment', units: units[a], counts: experiment.counts[a] }));
  for (const v of variants) if (v.units === 0) notes.push(`Variant ${JSON.stringify(v.name)} has no rows: its comparisons are empty.`);
  const srm = srmFor(experiment, units, o);

  // The summing pass, unless the one pass above made it: every metric into segment × day × arm
  // cells, and each quantile metric's values gathered per arm and per segment × arm.
  let quantileValues: { arms: Float64Array[]; segments?: Float64Array[] }[] = [];
  if (!summedGrid) {
    const grid = newGrid(experiment, segment?.dictionary.length, tsName !== undefined);
    const moments = gridMoments(grid, summed.length);
    const k = experiment.names.length;
    const bootstrap = o.quantileInterval === 'bootstrap';
    const armOfCell = groupTable(grid.cells, toArm(grid));
    const segmentArmOfCell = groupTable(grid.cells, toSegmentArm(grid));
    const gathers = quantiles.map(() => ({ arms: !segment || bootstrap ? new GroupValues(k) : undefined, segments: segment ? new GroupValues(grid.segments * k) : undefined }));
    let cells: Int32Array | undefined;
    for (const chunk of data.pass(names)) {
      if (quantiles.length && !(cells && cells.length >= chunk.rows)) cells = new Int32Array(chunk.rows);
      sumChunk(chunk, grid, moments, experiment.armOfCode1, experiment.dedupedArm, cells);
      quantiles.forEach(({ plan }, i) => {
        const x = (chunk.columns[names.indexOf(plan.x)] as NumericColumn).values;
        gathers[i].arms?.add(cells as Int32Array, armOfCell, x, chunk.rows);
        gathers[i].segments?.add(cells as Int32Array, segmentArmOfCell, x, chunk.rows);
      });
      yield { phase: 'ab: summing metrics', done: chunk.offset + chunk.rows, total: totalRows, unit: 'rows' };
    }
    quantileValues = gathers.map((g) => {
      const segments = g.segments?.values();
      return { arms: g.arms ? g.arms.values() : armsFromBlocks(segments as Float64Array[], k), ...(segments ? { segments } : {}) };
    });
    summedGrid = { grid, moments };
  }
  const { grid, moments } = summedGrid;
  const prepared: Prepared[] = plans.map(({ plan, covariate }, i) => ({
    spec: plan.spec,
    kind: settleKind(plan, zeroOne[i]),
    ...(plan.kind === 'quantile' ? { values: quantileValues[quantiles.findIndex((q) => q.plan === plan)] } : {}),
    ...(covariate !== undefined ? { covariate: { name: covariate } } : {}),
  }));

  const exp = experiment;
  const k = exp.names.length;
  const raw: MetricResult[] = [];
  const power = [];
  const bySegment: ({ m: Moments } | { values: Float64Array[] })[] = [];
  const series: OverTimeSeries[] = [];
  for (const p of prepared) {
    let overall: { m: Moments } | { values: Float64Array[] };
    if (p.values) {
      overall = { values: p.values.arms };
      if (segment) bySegment.push({ values: p.values.segments as Float64Array[] });
    } else {
      const m = moments[summed.findIndex((s) => s.plan.spec === p.spec)];
      overall = { m: grid.cells === k ? m : collapse(m, k, toArm(grid)) };
      if (segment) bySegment.push({ m: collapse(m, grid.segments * k, toSegmentArm(grid)) });
      if (grid.days) series.push(...overTime(p, exp, collapse(m, grid.days.count * k, toDayArm(grid)), grid.days, settings));
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
  const over_time: OverTimeSeries[] | null = tsName !== undefined ? series : null;
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
