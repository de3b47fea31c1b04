/**
 * Model performance, the entry point: resolve roles and task, prepare the rows, compute the task's
 * metrics and details, then the same metrics per chunk, per segment and against the baseline.
 */
import { PlumblineError } from '../../api/errors';
import { histogramEdges, linspace } from '../../stats/histogram';
import { binaryConfusion, binaryMetrics, gatherBinarySteps, type BinaryMetricOptions } from './binary';
import { histogramOfCurve } from './curve-runs';
import { prPoints, rocPoints } from './curves';
import { detectTask, prepare, resolveRoles, type Prepared, type Roles } from './detect';
import { degradationFlags } from './degradation';
import { HEADLINE_METRICS, evaluateRows } from './evaluate';
import { multiclassMetrics } from './multiclass';
import { DEFAULTS } from './options';
import { chunkMetrics, overTime } from './over-time';
import { gatherRegression, regressionDetails, regressionMetrics, sortedErrors } from './regression';
import { segmentTable } from './segments';
import { optimalThresholds, thresholdTable } from './thresholds';
import type { BinaryDetails, Metrics, PerformanceInput, PerformanceOptions, PerformanceResult, PerformanceTask, SegmentTable } from './types';

function* binaryDetails(p: Extract<Prepared, { task: 'binary' }>, o: Required<Pick<PerformanceOptions, 'histogramBins' | 'thresholdGrid' | 'maxCurvePoints' | 'costFp' | 'costFn' | 'beta' | 'threshold'>>, bo: BinaryMetricOptions) {
  // Gathering and sorting a million scores is the longest piece: progress inside it.
  const gather = gatherBinarySteps(p, null);
  let step = gather.next();
  while (!step.done) {
    yield step.value === 'gathered' ? { stage: 'sorting scores', done: 0.15 } : { stage: 'sorting scores', done: 0.2 };
    step = gather.next();
  }
  const g = step.value;
  yield { stage: 'binary metrics', done: 0.25 };
  const m = binaryMetrics(g, bo);
  yield { stage: 'curves and threshold table', done: 0.35 };
  let details: BinaryDetails = {
    positive_label: p.positiveLabel,
    negative_label: p.negativeLabel,
    roc: null,
    pr: null,
    calibration: m.calibration,
    score_histograms: null,
    optimal: null,
    table: null,
  };
  if (g.curve) {
    const curve = g.curve;
    const k = curve.thresholds.length;
    let histograms: BinaryDetails['score_histograms'] = null;
    if (k > 0) {
      // The curve's thresholds descend: its last is the lowest score, its first the highest.
      const lo = curve.thresholds[k - 1];
      const hi = curve.thresholds[0];
      const edges = lo >= 0 && hi <= 1 ? linspace(0, 1, o.histogramBins + 1) : histogramEdges(lo, hi, o.histogramBins);
      histograms = { negative: { edges, counts: histogramOfCurve(curve, 'negative', edges) }, positive: { edges, counts: histogramOfCurve(curve, 'positive', edges) } };
    }
    const optimal = optimalThresholds(g.curve, o.costFp, o.costFn);
    const extra = [o.threshold, optimal.f1?.threshold, optimal.youden?.threshold, optimal.cost?.threshold].filter((x): x is number => x !== undefined);
    details = {
      ...details,
      roc: rocPoints(g.curve, o.maxCurvePoints),
      pr: prPoints(g.curve, o.maxCurvePoints),
      score_histograms: histograms,
      optimal,
      table: thresholdTable(g.curve, o.thresholdGrid, extra, o.beta, o.costFp, o.costFn),
    };
  }
  return { g, m, details };
}

/** Where a computation is, between two pieces of work: a stage's name and the share done (0–1). */
export interface PerformanceStage {
  readonly stage: string;
  readonly done: number;
}

/** The same numbers as analyzePerformance, synchronously. */
export function analyzePerformance(input: PerformanceInput, options: PerformanceOptions = {}): PerformanceResult {
  const steps = performanceSteps(input, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Model performance as steps: it yields between pieces of work (preparing the rows, the task's
 * metrics, the reference, each chunk, each segment table), so the engine can report progress and a
 * Cancel can land during a long first computation.
 */
export function* performanceSteps(input: PerformanceInput, options: PerformanceOptions = {}): Generator<PerformanceStage, PerformanceResult> {
  const roles = resolveRoles(input.columns, input.roles, options);
  const task = detectTask(roles, options);
  yield { stage: 'preparing rows', done: 0 };
  const prep = prepare(input.columns, roles, task, options);
  return yield* performanceOfPrepared(input, options, roles, task, prep);
}

/**
 * Everything after the rows are prepared: what `performanceSteps` computes from `prepare`'s flat
 * arrays. The streamed path (stream.ts) prepares a binary run's label bytes and scores from the
 * stored chunks and enters here; `input.columns` is then only read for segments, which it has none of.
 */
export function* performanceOfPrepared(input: PerformanceInput, options: PerformanceOptions, roles: Roles, task: PerformanceTask, prep: Prepared): Generator<PerformanceStage, PerformanceResult> {
  yield { stage: `${task} metrics`, done: 0.1 };
  const o = {
    threshold: options.threshold ?? DEFAULTS.threshold,
    beta: options.beta ?? DEFAULTS.beta,
    costFp: options.costFp ?? DEFAULTS.costFp,
    costFn: options.costFn ?? DEFAULTS.costFn,
    histogramBins: options.histogramBins ?? DEFAULTS.histogramBins,
    thresholdGrid: options.thresholdGrid ?? DEFAULTS.thresholdGrid,
    maxCurvePoints: options.maxCurvePoints ?? DEFAULTS.maxCurvePoints,
  };
  const bo: BinaryMetricOptions = {
    threshold: o.threshold,
    beta: o.beta,
    calibrationBins: options.calibrationBins ?? DEFAULTS.calibrationBins,
    calibrationStrategy: options.calibrationStrategy ?? DEFAULTS.calibrationStrategy,
    scoreName: roles.score?.name ?? null,
    labelName: roles.label.name,
  };
  const notes: string[] = [];
  let base: Omit<PerformanceResult, 'reference' | 'over_time' | 'segments' | 'degradation' | 'notes' | 'task' | 'columns'>;
  if (prep.task === 'binary') {
    const { g, m, details } = yield* binaryDetails(prep, o, bo);
    base = {
      rows: g.rows,
      labelled: g.labelled,
      missing_prediction: g.missing,
      evaluated: g.labelled - g.missing,
      threshold: prep.score ? o.threshold : null,
      metrics: m.metrics,
      undefined_metrics: m.undefined,
      confusion: binaryConfusion(m.counts, prep.negativeLabel, prep.positiveLabel),
      binary: details,
      per_class: null,
      regression: null,
    };
    if (!prep.score) notes.push(`no score column: predictions in "${roles.prediction!.name}" decide, threshold-free metrics are not computed`);
  } else if (prep.task === 'multiclass') {
    const m = multiclassMetrics(prep, null, roles.label.name);
    notes.push(...m.notes);
    base = {
      rows: m.rows,
      labelled: m.labelled,
      missing_prediction: m.missing,
      evaluated: m.labelled - m.missing,
      threshold: null,
      metrics: m.metrics,
      undefined_metrics: m.undefined,
      confusion: m.confusion,
      binary: null,
      per_class: m.perClass,
      regression: null,
    };
  } else {
    const g = gatherRegression(prep, null);
    const errors = sortedErrors(g);
    const m = regressionMetrics(g, errors);
    base = {
      rows: g.rows,
      labelled: g.labelled,
      missing_prediction: g.missing,
      evaluated: g.y.length,
      threshold: null,
      metrics: m.metrics,
      undefined_metrics: m.undefined,
      confusion: null,
      binary: null,
      per_class: null,
      regression: regressionDetails(g, o.histogramBins, errors),
    };
  }
  if (base.labelled === 0) notes.push(`no labelled rows: "${roles.label.name}" is empty in all ${base.rows} rows`);
  if (base.missing_prediction > 0) {
    const what = prep.task === 'binary' && prep.score ? `score "${roles.score!.name}"` : `prediction "${(roles.prediction ?? roles.score)!.name}"`;
    notes.push(`${base.missing_prediction} labelled rows have no ${what} and were left out`);
  }

  // Reference: the same columns and classes, read from the reference dataset.
  yield { stage: 'reference', done: 0.5 };
  let reference: PerformanceResult['reference'] = null;
  let refPrep: Prepared | null = null;
  if (input.reference) {
    const refOptions: PerformanceOptions = {
      ...options,
      task,
      label: roles.label.name,
      score: roles.score?.name,
      prediction: roles.prediction?.name,
      positiveLabel: prep.task === 'binary' ? prep.positiveLabel : options.positiveLabel,
    };
    refPrep = prepare(input.reference, resolveRoles(input.reference, undefined, refOptions), task, refOptions);
    if (refPrep.task === 'multiclass' && prep.task === 'multiclass') {
      // Align the reference's classes to the current ones so per-class numbers compare.
      if (refPrep.classes.join('\u0000') !== prep.classes.join('\u0000')) notes.push('the reference has a different set of classes');
    }
    const e = evaluateRows(refPrep, null, bo);
    reference = { rows: e.rows, labelled: e.labelled, metrics: e.metrics };
  }

  yield { stage: 'over time', done: 0.65 };
  const chunks = input.chunks ? chunkMetrics(prep, input.chunks, bo) : null;
  const refChunks = input.referenceChunks && refPrep ? chunkMetrics(refPrep, input.referenceChunks, bo) : null;
  const segments: SegmentTable[] = [];
  const segmentBy = options.segmentBy ?? [];
  for (const [i, name] of segmentBy.entries()) {
    yield { stage: `segments by ${name}`, done: 0.8 + (0.2 * i) / segmentBy.length };
    segments.push(segmentTable(prep, input.columns.find((c) => c.name === name), name, bo));
  }

  let degradation: PerformanceResult['degradation'] = null;
  const baselineMetrics: Metrics | null = input.baseline ? { ...input.baseline } : reference ? reference.metrics : null;
  if (baselineMetrics || chunks) {
    const d = options.degradation ?? {};
    const relativeDrop = d.relativeDrop ?? DEFAULTS.relativeDrop;
    const trendChunks = d.trendChunks ?? DEFAULTS.trendChunks;
    const watched = d.metrics ?? HEADLINE_METRICS[task];
    for (const m of watched) if (!(m in base.metrics)) throw new PlumblineError('BAD_REQUEST', `"${m}" is not a ${task} metric.`);
    degradation = {
      baseline: input.baseline ? 'pinned' : reference ? 'reference' : null,
      relative_drop: relativeDrop,
      trend_chunks: trendChunks,
      flags: degradationFlags(watched, baselineMetrics, base.metrics, chunks ?? [], relativeDrop, trendChunks),
    };
  }

  return {
    task,
    columns: {
      label: roles.label.name,
      score: prep.task === 'binary' && prep.score ? roles.score!.name : null,
      prediction: roles.prediction?.name ?? (prep.task === 'regression' ? roles.score?.name ?? null : null),
      class_scores: roles.classScores ? { ...roles.classScores } : null,
    },
    ...base,
    reference,
    over_time: chunks ? overTime(chunks, refChunks) : null,
    segments,
    degradation,
    notes,
  };
}
