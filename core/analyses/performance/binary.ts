/**
 * Binary classification on a set of rows: the rows' scores become the cumulative curve — tallied
 * per distinct score when scores repeat (score-tally.ts), else gathered and sorted — and every
 * metric — at the threshold, ranking, calibration, optimal thresholds, the slider's table — is
 * read from that curve, which holds each class's sorted scores exactly (curve-runs.ts). Rows
 * without a label are counted and left out; labelled rows without a score (or prediction) are
 * counted as `missing` and left out too.
 */
import { binaryConfusionMatrix, binaryRates, normalizeConfusion, undefinedReasons, type BinaryCounts } from '../../stats/confusion';
import { averagePrecision, binaryClfCurve, countsAtOrAbove, rocAuc, type ClfCurve } from '../../stats/ranking';
import { sortFloat64 } from '../../stats/sort';
import { calibrationCurve } from './calibration';
import { sumOverCurve } from './curve-runs';
import type { BinaryPrepared } from './detect';
import { tallyBinary } from './score-tally';
import type { CalibrationResult, ConfusionResult, Metrics } from './types';

export interface Coverage {
  readonly rows: number;
  readonly labelled: number;
  readonly missing: number;
}

export interface BinaryGathered extends Coverage {
  /** The cumulative curve of the scored rows (each class's sorted scores); null when a prediction column decides. */
  readonly curve: ClfCurve | null;
  /** Counts when a prediction column decides (no score). */
  readonly predictedCounts: BinaryCounts | null;
}

/** Where gathering is: after the pass over the rows, after the positives' sort. */
export type GatherStage = 'gathered' | 'positives sorted';

/** The rows' scores gathered, sorted and turned into the curve, synchronously (chunks, segments). */
export function gatherBinary(p: BinaryPrepared, rows: Uint32Array | null): BinaryGathered {
  const steps = gatherBinarySteps(p, rows);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The buffer continuous scores are gathered into, reused between calls: it lives only until the
 * curve is built, and a fresh 8 MB per million rows cost more in first-touch page faults than the
 * pass that fills it. A gather takes it and gives it back when its curve is built, so two runs
 * whose steps interleave (the API runner yields between steps) never share it. Only moderate
 * sizes are kept.
 */
const SCRATCH_KEEP_MAX = 1 << 21;
let scratch: Float64Array | null = null;

function takeScratch(length: number): Float64Array {
  const s = scratch;
  if (s !== null && s.length >= length) {
    scratch = null;
    return s;
  }
  return new Float64Array(length);
}

function giveBack(buffer: Float64Array): void {
  if (buffer.length <= SCRATCH_KEEP_MAX && (scratch === null || scratch.length < buffer.length)) scratch = buffer;
}

/**
 * gatherBinary as steps: it yields after the pass over the rows and after the first of the two
 * sorts, so a Cancel lands between the three pieces of a million-row gather.
 */
export function* gatherBinarySteps(p: BinaryPrepared, rows: Uint32Array | null): Generator<GatherStage, BinaryGathered> {
  if (p.tallied && rows === null) return { rows: p.tallied.rows, labelled: p.tallied.labelled, missing: p.tallied.missing, curve: p.tallied.curve, predictedCounts: null };
  const n = rows ? rows.length : p.y.length;
  let labelled = 0;
  let missing = 0;
  if (p.score) {
    // Repeating scores: one counting pass is the whole curve.
    const tallied = tallyBinary(p.y, p.score, rows);
    if (tallied) return { rows: n, labelled: tallied.labelled, missing: tallied.missing, curve: tallied.curve, predictedCounts: null };
    // One pass, one buffer: positives fill it from the front, negatives from the back.
    // (The whole dataset, rows === null, is the 1M-row case: its loop indexes directly.)
    const ys = p.y;
    const s = p.score;
    const buf = takeScratch(n);
    let np = 0;
    let back = n;
    if (rows) {
      for (let r = 0; r < n; r++) {
        const i = rows[r];
        const y = ys[i];
        if (y === 255) continue;
        labelled++;
        const v = s[i];
        // v - v is 0 for a finite number, NaN for NaN and ±∞.
        if (v - v !== 0) missing++;
        else if (y === 1) buf[np++] = v;
        else buf[--back] = v;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const y = ys[i];
        if (y === 255) continue;
        labelled++;
        const v = s[i];
        if (v - v !== 0) missing++;
        else if (y === 1) buf[np++] = v;
        else buf[--back] = v;
      }
    }
    yield 'gathered';
    const positive = sortFloat64(buf.subarray(0, np));
    yield 'positives sorted';
    const negative = sortFloat64(buf.subarray(back, n));
    const curve = binaryClfCurve(positive, negative);
    giveBack(buf);
    return { rows: n, labelled, missing, curve, predictedCounts: null };
  }
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  const pr = p.predicted!;
  for (let r = 0; r < n; r++) {
    const i = rows ? rows[r] : r;
    const y = p.y[i];
    if (y === 255) continue;
    labelled++;
    const q = pr[i];
    if (q === 255) missing++;
    else if (y === 1) {
      if (q === 1) tp++;
      else fn++;
    } else if (q === 1) fp++;
    else tn++;
  }
  return { rows: n, labelled, missing, curve: null, predictedCounts: { tp, fp, tn, fn } };
}

export function countsAt(g: BinaryGathered, threshold: number): BinaryCounts {
  if (g.predictedCounts) return g.predictedCounts;
  const c = g.curve!;
  const { tp, fp } = countsAtOrAbove(c, threshold);
  return { tp, fp, fn: c.positives - tp, tn: c.negatives - fp };
}

/** brier_score_loss: mean (y − p)². */
function brier(curve: ClfCurve): number {
  const s = sumOverCurve(curve, 'positive', (v) => (1 - v) * (1 - v));
  sumOverCurve(curve, 'negative', (v) => v * v, 0, curve.thresholds.length, s);
  return s.value() / (curve.positives + curve.negatives);
}

/**
 * log_loss as sklearn 1.2 (eps='auto'): p clipped to [ε, 1 − ε] with ε = float64 machine epsilon,
 * the two columns (1 − p, p) renormalised to sum 1, mean of −ln of the true class's column.
 */
function logLoss(curve: ClfCurve): number {
  const eps = Number.EPSILON;
  const term = (v: number, isPositive: boolean): number => {
    const q = Math.min(Math.max(v, eps), 1 - eps);
    const a = 1 - q;
    const sum = a + q;
    return -Math.log((isPositive ? q : a) / sum);
  };
  const s = sumOverCurve(curve, 'positive', (v) => term(v, true));
  sumOverCurve(curve, 'negative', (v) => term(v, false), 0, curve.thresholds.length, s);
  return s.value() / (curve.positives + curve.negatives);
}

export interface BinaryMetricsOut {
  readonly metrics: Metrics;
  readonly undefined: Record<string, string>;
  readonly counts: BinaryCounts;
  readonly calibration: CalibrationResult | null;
}

export interface BinaryMetricOptions {
  readonly threshold: number;
  readonly beta: number;
  readonly calibrationBins: number;
  readonly calibrationStrategy: 'uniform' | 'quantile';
  readonly scoreName: string | null;
  readonly labelName: string;
}

/** Every scalar metric of the binary family (the same function serves chunks and segments). */
export function binaryMetrics(g: BinaryGathered, o: BinaryMetricOptions): BinaryMetricsOut {
  const counts = countsAt(g, o.threshold);
  const rates = binaryRates(counts, o.beta);
  const undef: Record<string, string> = { ...undefinedReasons(counts) };
  const metrics: Metrics = { ...rates };
  let calibration: CalibrationResult | null = null;
  const threshFree = ['roc_auc', 'average_precision', 'brier', 'log_loss', 'expected_calibration_error'];
  if (!g.curve) {
    for (const k of threshFree) {
      metrics[k] = null;
      undef[k] = 'no score column: threshold-free metrics need scores';
    }
    return { metrics, undefined: undef, counts, calibration };
  }
  const curve = g.curve;
  const n = curve.positives + curve.negatives;
  metrics.roc_auc = rocAuc(g.curve);
  if (metrics.roc_auc === null) {
    undef.roc_auc = n === 0 ? 'no rows' : `only one class present in "${o.labelName}": ROC AUC is not defined (sklearn raises)`;
  }
  metrics.average_precision = averagePrecision(g.curve);
  if (metrics.average_precision === null) {
    undef.average_precision = n === 0 ? 'no rows' : `no positive rows in "${o.labelName}": average precision is not defined (sklearn warns and returns 0 or -0)`;
  }
  if (n === 0) {
    for (const k of ['brier', 'log_loss', 'expected_calibration_error']) {
      metrics[k] = null;
      undef[k] = 'no rows';
    }
  } else if (curve.thresholds[curve.thresholds.length - 1] < 0 || curve.thresholds[0] > 1) {
    for (const k of ['brier', 'log_loss', 'expected_calibration_error']) {
      metrics[k] = null;
      undef[k] = `scores in "${o.scoreName}" are outside [0, 1]: not probabilities`;
    }
  } else {
    metrics.brier = brier(curve);
    metrics.log_loss = logLoss(curve);
    calibration = calibrationCurve(curve, o.calibrationBins, o.calibrationStrategy);
    metrics.expected_calibration_error = calibration ? calibration.ece : null;
  }
  return { metrics, undefined: undef, counts, calibration };
}

export function binaryConfusion(c: BinaryCounts, negativeLabel: string, positiveLabel: string): ConfusionResult {
  const matrix = binaryConfusionMatrix(c);
  return {
    labels: [negativeLabel, positiveLabel],
    matrix,
    normalized: { true: normalizeConfusion(matrix, 'true'), pred: normalizeConfusion(matrix, 'pred'), all: normalizeConfusion(matrix, 'all') },
  };
}
