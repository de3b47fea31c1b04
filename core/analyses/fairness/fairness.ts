/**
 * Fairness audit entry point: label + decision + attribute columns in, the JSON result of issue
 * #12 out — Aequitas's group table, disparities and parity, Fairlearn's summaries, intervals,
 * disparities over time. The rows are read once (groups.ts); everything after works on counts.
 */
import { columnLength, type TypedColumn } from '../../data/column';
import { cancelled } from '../../api/errors';
import type { RowChunks } from '../../data/row-chunks';
import { bootstrapSteps, BOOTSTRAP_SCHEME, type BootstrapIntervals, type StepProgress } from './bootstrap';
import { chooseReference, disparityMatrix, disparityReason, judgedSize, N_RATES, RATE_INDEX, rateMatrix, totalPredictedPositive, type ReferenceChoice } from './disparities';
import { parityOf, rollUpAttribute, unjudgedParities, type JudgedGroup } from './determination';
import { codeColumn, confusionAt, CELLS, defaultPositive, intersectAll, MISSING_DECISION, MISSING_LABEL, outcomeCells, type GroupTable } from './groups';
import { groupTables, tablesFromJoint, type GroupTables } from './group-tables';
import { wilson, zFor } from './intervals';
import { DEFAULTS, fairnessOptionsSchema } from './options';
import { fairnessOverTime } from './over-time';
import { tallyChunks } from './stream-tally';
import { RATE_NAMES, rateParts, UNDEFINED_REASON, type RateName } from './rates';
import { summaryOf } from './summary-result';
import {
  DISPARITY_RATES,
  type AttributeResult,
  type BootstrapInterval,
  type DisparityField,
  type DisparityRate,
  type FairnessInput,
  type FairnessOptions,
  type FairnessOverTime,
  type FairnessProgress,
  type FairnessResult,
  type GroupResult,
  type Interval,
} from './types';

function columnNamed(columns: readonly TypedColumn[], name: string, role: string): TypedColumn {
  const c = columns.find((x) => x.name === name);
  if (!c) throw new Error(`${role} column "${name}" is not among the columns`);
  return c;
}

interface Settings {
  readonly tau: number;
  readonly minGroupSize: number;
  readonly minDenominator: number;
  readonly z: number;
}

/** The denominator a rate's small-sample check looks at (ppr: the group's size, like pprev). */
function judgingDenominator(r: DisparityRate, counts: Float64Array, g: number): number {
  const c = confusionAt(counts, g);
  return rateParts(r === 'ppr' ? 'pprev' : r, c, 0).n;
}

function groupRows(t: GroupTable, rates: Float64Array, reference: ReferenceChoice, disparities: Float64Array, boot: BootstrapIntervals | null, s: Settings): { rows: GroupResult[]; judged: JudgedGroup[]; referenceTooSmall: boolean } {
  const n = t.labels.length;
  const nd = DISPARITY_RATES.length;
  const ppTotal = totalPredictedPositive(t.counts, n);
  const refTooSmall = reference.group >= 0 && judgedSize(t.counts, reference.group) < s.minGroupSize;
  const rows: GroupResult[] = [];
  const judged: JudgedGroup[] = [];
  for (let g = 0; g < n; g++) {
    const c = confusionAt(t.counts, g);
    const size = c.tp + c.fp + c.tn + c.fn;
    const rateValues = {} as Record<RateName, number | null>;
    const undefinedRates: Partial<Record<RateName, string>> = {};
    const rateIntervals: Partial<Record<RateName, Interval>> = {};
    for (const r of RATE_NAMES) {
      const v = rates[g * N_RATES + RATE_INDEX[r]];
      rateValues[r] = Number.isNaN(v) ? null : v;
      if (Number.isNaN(v)) undefinedRates[r] = UNDEFINED_REASON[r];
      const { k, n: den } = rateParts(r, c, ppTotal);
      const iv = wilson(k, den, s.z);
      if (iv) rateIntervals[r] = iv;
    }
    const disparityValues = {} as Record<DisparityField, number | null>;
    const disparityByRate = {} as Record<DisparityRate, number | null>;
    const undefinedDisparities: Partial<Record<DisparityRate, string>> = {};
    const disparityIntervals: Partial<Record<DisparityRate, BootstrapInterval>> = {};
    const referenceGroups = {} as Record<DisparityRate, string | null>;
    const small: DisparityRate[] = [];
    DISPARITY_RATES.forEach((r, d) => {
      const ref = reference.byRate[r];
      referenceGroups[r] = ref >= 0 ? t.labels[ref] : null;
      const v = disparities[g * nd + d];
      disparityValues[`${r}_disparity`] = Number.isNaN(v) ? null : v;
      disparityByRate[r] = Number.isNaN(v) ? null : v;
      if (Number.isNaN(v)) {
        const ri = RATE_INDEX[r];
        undefinedDisparities[r] = disparityReason(rates[g * N_RATES + ri], ref >= 0 ? rates[ref * N_RATES + ri] : NaN, ref >= 0) ?? 'undefined';
      }
      const iv = boot?.disparities[g * nd + d];
      if (iv) disparityIntervals[r] = iv;
      if (judgingDenominator(r, t.counts, g) < s.minDenominator || (ref >= 0 && judgingDenominator(r, t.counts, ref) < s.minDenominator)) small.push(r);
    });
    const parity = parityOf(disparityByRate, s.tau);
    const tooSmall = size < s.minGroupSize;
    judged.push({ parity, tooSmall: tooSmall || refTooSmall, unjudged: unjudgedParities(small) });
    rows.push({
      attribute: t.attribute,
      group: t.labels[g],
      values: t.values[g],
      pooled: t.pooled[g],
      size,
      group_label_pos: c.tp + c.fn,
      group_label_neg: c.fp + c.tn,
      pp: c.tp + c.fp,
      pn: c.tn + c.fn,
      tp: c.tp,
      fp: c.fp,
      tn: c.tn,
      fn: c.fn,
      missing_label: t.counts[g * CELLS + MISSING_LABEL],
      missing_decision: t.counts[g * CELLS + MISSING_DECISION],
      ...rateValues,
      ...disparityValues,
      undefined_rates: undefinedRates,
      rate_intervals: rateIntervals,
      reference_groups: referenceGroups,
      undefined_disparities: undefinedDisparities,
      disparity_intervals: disparityIntervals,
      parity,
      flags: { too_small: tooSmall, small_denominator: small, is_reference: g === reference.group },
    });
  }
  return { rows, judged, referenceTooSmall: refTooSmall };
}

function methodsText(o: { tau: number; minGroupSize: number; minDenominator: number; confidence: number; resamples: number; seed: number }): string {
  const pct = Math.round(o.confidence * 1000) / 10;
  return [
    'Rows missing the label or the decision are left out of the rates and counted per group; rows missing an attribute value are left out of that attribute and counted.',
    `Group rates follow Aequitas: tpr = TP/(TP+FN), tnr = TN/(TN+FP), fpr = FP/(FP+TN), fnr = FN/(FN+TP), fdr = FP/(TP+FP), for = FN/(FN+TN), npv = TN/(TN+FN), precision = TP/(TP+FP), ppr = the group's share of all predicted positives of the attribute, pprev = (TP+FP)/size, prev = (TP+FN)/size, accuracy = (TP+TN)/size; a rate with a zero denominator is undefined (blank), never 0.`,
    `A disparity is the group's rate divided by the reference group's (undefined when either rate is undefined or the reference rate is 0). The reference group is the one chosen, else the largest group (Aequitas "majority"), or per rate the group with the smallest rate ("min_metric").`,
    `Parity holds when ${o.tau} ≤ disparity ≤ ${Math.round((1 / o.tau) * 1e6) / 1e6} (τ = ${o.tau}). Aequitas's roll-ups: Type I parity = FPR and FDR parity; Type II = FNR and FOR; Equalized Odds = FPR and TPR; Unsupervised fairness = Statistical (ppr) and Impact (pprev) parity; Supervised = Type I and Type II. A roll-up fails if any part fails and is undefined if a part is undefined and none fails.`,
    `Groups under ${o.minGroupSize} rows, verdicts against such a reference group, and rates whose denominator (the group's or the reference's) is under ${o.minDenominator} are flagged too small to judge: their verdicts are shown but never counted as failures of the attribute; they are counted apart.`,
    `Summaries follow Fairlearn: demographic parity, equal opportunity and equalized odds differences are the largest minus the smallest group value of the selection rate, the true positive rate, and the worse of the true and false positive rates; the ratios are smallest over largest. Groups with an undefined rate (e.g. no label positives for the true positive rate) are left out of that summary and named; Fairlearn itself would count them as 0, because scikit-learn's normalised confusion matrix turns 0/0 into 0.`,
    `Rate intervals are ${pct}% Wilson score intervals.`,
    o.resamples > 0 ? `Disparity and summary intervals: ${o.resamples} bootstrap resamples (seed ${o.seed}), ${pct}% percentile intervals. ${BOOTSTRAP_SCHEME}` : 'No bootstrap was run.',
  ].join(' ');
}

export function analyzeFairness(input: FairnessInput, options: FairnessOptions, progress: FairnessProgress = {}): FairnessResult {
  if (progress.isCancelled?.()) throw cancelled();
  const steps = fairnessSteps(input, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    progress.onProgress?.(step.value.done, step.value.stage);
    if (progress.isCancelled?.()) throw cancelled();
  }
}

/** The options with their defaults, checked. */
function settingsOf(options: FairnessOptions) {
  fairnessOptionsSchema.parse(options);
  const tau = options.tau ?? DEFAULTS.tau;
  const minGroupSize = options.minGroupSize ?? DEFAULTS.minGroupSize;
  const minDenominator = options.minDenominator ?? DEFAULTS.minDenominator;
  const confidence = options.confidence ?? DEFAULTS.confidence;
  return {
    tau,
    minGroupSize,
    minDenominator,
    maxGroups: options.maxGroups ?? DEFAULTS.maxGroups,
    confidence,
    resamples: options.bootstrap?.resamples ?? DEFAULTS.resamples,
    seed: options.bootstrap?.seed ?? DEFAULTS.seed,
    method: options.referenceMethod ?? DEFAULTS.referenceMethod,
    settings: { tau, minGroupSize, minDenominator, z: zFor(confidence) } satisfies Settings,
    /** Each table's attribute columns: every attribute alone, then every intersection. */
    sets: [...options.attributes.map((a) => [a]), ...(options.intersections ?? []).map((x) => [...x])],
  };
}

/** What the rows were counted into: every table, and what was left out. */
interface Counted extends GroupTables {
  readonly rows: number;
  readonly positiveLabel: number | string;
}

/** Disparities over time need each row's groups: made from the prepared tables by the whole-column path. */
type OverTimeOf = (prepared: readonly { table: GroupTable; reference: ReferenceChoice }[]) => FairnessOverTime;

/**
 * The analysis as steps that yield progress (share done, stage) between pieces of work — mostly
 * between bootstrap resamples — so the engine reports it and lets a Cancel arrive.
 */
export function* fairnessSteps(input: FairnessInput, options: FairnessOptions): Generator<StepProgress, FairnessResult> {
  const o = settingsOf(options);
  const label = columnNamed(input.columns, options.label, 'label');
  const decisionColumn = columnNamed(input.columns, options.decision.column, options.decision.kind === 'score' ? 'score' : 'prediction');
  const positiveLabel = options.positiveLabel ?? defaultPositive(label);
  const cell = outcomeCells(label, positiveLabel, decisionColumn, options.decision);
  const nRows = cell.length;
  yield { done: 0, stage: 'groups' };

  const coded = new Map<string, ReturnType<typeof codeColumn>>();
  const codedColumn = (name: string) => {
    let c = coded.get(name);
    if (!c) {
      const col = columnNamed(input.columns, name, 'attribute');
      if (columnLength(col) !== nRows) throw new Error(`attribute column "${name}" has ${columnLength(col)} rows, the label ${nRows}`);
      c = codeColumn(col);
      coded.set(name, c);
    }
    return c;
  };
  const counted = groupTables(o.sets, codedColumn, cell, o.maxGroups);
  const overTime: OverTimeOf | null = options.overTime
    ? (prepared) => fairnessOverTime(options.overTime!.chunk, input.columns, nRows, cell, prepared.map((p, i) => ({ table: p.table, codes: intersectAll(o.sets[i].map(codedColumn)).codes, reference: p.reference })), o.minGroupSize)
    : null;
  return yield* fromCounts(options, o, { ...counted, rows: nRows, positiveLabel }, overTime);
}

/**
 * The same analysis from rows chunk by chunk (stream-tally.ts): byte for byte the result of
 * `fairnessSteps` on the same rows as whole columns. Null when it cannot stream — disparities over
 * time (they need each row's groups) or attribute values too many to count jointly — and the
 * caller runs `fairnessSteps` on whole columns instead.
 */
export function* fairnessStreamSteps(data: RowChunks, options: FairnessOptions): Generator<StepProgress, FairnessResult | null> {
  if (options.overTime) return null;
  const o = settingsOf(options);
  const label = data.describe(options.label);
  if (!label) throw new Error(`label column "${options.label}" is not among the columns`);
  if (!data.describe(options.decision.column)) throw new Error(`${options.decision.kind === 'score' ? 'score' : 'prediction'} column "${options.decision.column}" is not among the columns`);
  const positiveLabel = options.positiveLabel ?? defaultPositive(label);
  const names = [...new Set(o.sets.flat())];
  const pass = tallyChunks(data, { label: options.label, positiveLabel, decision: options.decision, attributes: names });
  let tally;
  for (;;) {
    const step = pass.next();
    if (step.done) {
      tally = step.value;
      break;
    }
    yield { done: 0, stage: 'groups' };
  }
  if (!tally) return null;
  const counted = tablesFromJoint(o.sets, names, tally.joint, o.maxGroups);
  return yield* fromCounts(options, o, { ...counted, rows: tally.rows, positiveLabel }, null);
}

/** Everything after the rows: references, disparities, the bootstrap (through the counts), verdicts. */
function* fromCounts(options: FairnessOptions, o: ReturnType<typeof settingsOf>, counted: Counted, overTimeOf: OverTimeOf | null): Generator<StepProgress, FairnessResult> {
  const { tau, minGroupSize, minDenominator, maxGroups, confidence, resamples, seed, method, settings } = o;
  const { tables, missingLabel, missingDecision, rows: nRows, positiveLabel } = counted;

  for (const key of Object.keys(options.referenceGroups ?? {})) {
    if (!tables.some((t) => t.attribute === key)) throw new Error(`a reference group is chosen for "${key}", which is not an attribute or intersection of this analysis`);
  }
  const prepared = tables.map((t) => {
    const n = t.labels.length;
    const rates = rateMatrix(t.counts, n);
    const chosen = options.referenceGroups?.[t.attribute];
    if (chosen !== undefined && !t.labels.includes(chosen)) {
      const known = t.labels.slice(0, 20).join(', ');
      throw new Error(`reference group "${chosen}" of "${t.attribute}" has no rows; its groups are: ${known}${n > 20 ? ', …' : ''}`);
    }
    const reference = chooseReference(t.labels, t.counts, rates, method, chosen);
    return { table: t, rates, reference, disparities: disparityMatrix(rates, n, reference) };
  });
  yield { done: 0.05, stage: 'groups' };

  let boot: BootstrapIntervals[] | null = null;
  if (resamples > 0) {
    const steps = bootstrapSteps(prepared.map((p) => ({ nGroups: p.table.labels.length, counts: p.table.counts, rows: nRows, reference: p.reference })), resamples, seed, confidence);
    for (;;) {
      const step = steps.next();
      if (step.done) {
        boot = step.value;
        break;
      }
      yield { done: 0.05 + 0.85 * step.value.done, stage: step.value.stage };
    }
  }

  const groups: GroupResult[] = [];
  const attributes: AttributeResult[] = [];
  const tooSmallLabels = (t: GroupTable, counts: Float64Array) => t.labels.filter((_, g) => judgedSize(counts, g) < minGroupSize);
  const summary = prepared.map((p, i) => summaryOf(p.table.attribute, p.rates, p.table.labels, boot?.[i] ?? null, tooSmallLabels(p.table, p.table.counts)));
  prepared.forEach((p, i) => {
    const t = p.table;
    const { rows, judged, referenceTooSmall } = groupRows(t, p.rates, p.reference, p.disparities, boot?.[i] ?? null, settings);
    groups.push(...rows);
    const { verdicts, parity } = rollUpAttribute(judged);
    const notes: string[] = [];
    if (t.labels.length === 0) notes.push('no rows with this attribute: nothing to compare');
    if (t.labels.length === 1) notes.push(`only one group ("${t.labels[0]}"): every disparity is 1 and there is nothing to compare`);
    if (t.pooledInfo) notes.push(`${t.pooledInfo.groups} smallest groups (${t.pooledInfo.rows} rows) pooled as "${t.labels[t.labels.length - 1]}" to keep ${maxGroups} groups`);
    if (referenceTooSmall) notes.push(`the reference group "${t.labels[p.reference.group]}" has fewer than ${minGroupSize} rows: no verdict against it is counted`);
    if (p.reference.method === 'min_metric') {
      for (const r of DISPARITY_RATES) if (p.reference.byRate[r] < 0) notes.push(`${r}: undefined in every group, no reference`);
    }
    attributes.push({
      attribute: t.attribute,
      columns: t.columns,
      reference_method: p.reference.method,
      reference_group: p.reference.group >= 0 ? t.labels[p.reference.group] : null,
      groups: t.labels.length,
      missing_attribute: t.missingAttribute,
      pooled: t.pooledInfo,
      verdicts,
      parity,
      too_small_groups: rows.filter((r) => r.flags.too_small).map((r) => r.group),
      notes,
    });
  });

  const over_time = overTimeOf ? overTimeOf(prepared) : null;
  yield { done: 1, stage: 'done' };

  const notes: string[] = [];
  if (missingLabel > 0) notes.push(`${missingLabel} rows without a label left out`);
  if (missingDecision > 0) notes.push(`${missingDecision} rows without a decision left out`);
  if (nRows - missingLabel - missingDecision === 0) notes.push('no row has both a label and a decision: every rate is undefined');

  return {
    label: { column: options.label, positive: positiveLabel },
    decision: options.decision,
    tau,
    min_group_size: minGroupSize,
    min_denominator: minDenominator,
    confidence,
    rows: { total: nRows, used_any: nRows - missingLabel - missingDecision, missing_label: missingLabel, missing_decision: missingDecision },
    attributes,
    groups,
    summary,
    bootstrap: resamples > 0 ? { resamples, seed, scheme: BOOTSTRAP_SCHEME } : null,
    over_time,
    notes,
    methods: methodsText({ tau, minGroupSize, minDenominator, confidence, resamples, seed }),
  };
}
