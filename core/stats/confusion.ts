/**
 * Confusion counts and the rates read from them, with sklearn's conventions (version 1.2):
 * `zero_division` gives 0 (sklearn's default, after its warning), the F-score divides by 1 where
 * β²·precision + recall is 0, MCC is 0 when a marginal is constant, and Cohen's kappa is undefined
 * (null) when chance agreement is total. Shared by performance and fairness: everything here is a
 * pure function of integer counts, so a caller can produce the counts however it likes (a sort, a
 * scan of rows in a group, a precomputed cumulative table).
 */

/** Binary counts at one threshold: positive = the positive class. */
export interface BinaryCounts {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

/** The binary rates; `null` only where sklearn itself has no number (see `undefinedReasons`). */
export interface BinaryRates {
  readonly accuracy: number | null;
  readonly balanced_accuracy: number | null;
  readonly precision: number;
  readonly recall: number;
  readonly specificity: number;
  readonly f1: number;
  readonly fbeta: number;
  readonly matthews_corrcoef: number;
  readonly cohen_kappa: number | null;
  readonly prevalence: number | null;
  readonly predicted_positive_rate: number | null;
  readonly false_positive_rate: number;
  readonly false_negative_rate: number;
}

/** x / d, or 0 when d is 0 — sklearn's zero_division default. */
export function safeDivide(x: number, d: number): number {
  return d === 0 ? 0 : x / d;
}

/** sklearn 1.2's F-beta from precision and recall: the denominator 0 is replaced by 1. */
export function fbetaFrom(precision: number, recall: number, beta: number): number {
  const b2 = beta * beta;
  let denom = b2 * precision + recall;
  if (denom === 0) denom = 1;
  return ((1 + b2) * precision * recall) / denom;
}

export function binaryConfusionMatrix(c: BinaryCounts): number[][] {
  // sklearn's order: labels sorted, negative first; rows = actual, columns = predicted.
  return [
    [c.tn, c.fp],
    [c.fn, c.tp],
  ];
}

export function binaryRates(c: BinaryCounts, beta = 1): BinaryRates {
  const n = c.tp + c.fp + c.tn + c.fn;
  const pos = c.tp + c.fn;
  const neg = c.tn + c.fp;
  const precision = safeDivide(c.tp, c.tp + c.fp);
  const recall = safeDivide(c.tp, pos);
  const specificity = safeDivide(c.tn, neg);
  const m = binaryConfusionMatrix(c);
  // balanced_accuracy: mean recall over the classes present in y_true (sklearn drops the nan ones).
  const perClass: number[] = [];
  if (neg > 0) perClass.push(c.tn / neg);
  if (pos > 0) perClass.push(c.tp / pos);
  return {
    accuracy: n === 0 ? null : (c.tp + c.tn) / n,
    balanced_accuracy: perClass.length === 0 ? null : perClass.reduce((a, b) => a + b, 0) / perClass.length,
    precision,
    recall,
    specificity,
    f1: fbetaFrom(precision, recall, 1),
    fbeta: fbetaFrom(precision, recall, beta),
    matthews_corrcoef: matthewsFromMatrix(m),
    cohen_kappa: n === 0 ? null : cohenKappaFromMatrix(m),
    prevalence: n === 0 ? null : pos / n,
    predicted_positive_rate: n === 0 ? null : (c.tp + c.fp) / n,
    false_positive_rate: safeDivide(c.fp, neg),
    false_negative_rate: safeDivide(c.fn, pos),
  };
}

/** Why a binary rate is null, for the result's `undefined` notes. */
export function undefinedReasons(c: BinaryCounts): Record<string, string> {
  const out: Record<string, string> = {};
  const n = c.tp + c.fp + c.tn + c.fn;
  if (n === 0) {
    for (const k of ['accuracy', 'balanced_accuracy', 'cohen_kappa', 'prevalence', 'predicted_positive_rate']) out[k] = 'no rows';
    return out;
  }
  if (cohenKappaFromMatrix(binaryConfusionMatrix(c)) === null) {
    out.cohen_kappa = 'chance agreement is 1 (a single class in both labels and predictions): sklearn returns nan';
  }
  return out;
}

/**
 * Matthews correlation from a k×k matrix, sklearn's covariance form; 0 when either marginal is
 * constant (sklearn's convention).
 */
export function matthewsFromMatrix(m: readonly (readonly number[])[]): number {
  const k = m.length;
  const t = new Float64Array(k);
  const p = new Float64Array(k);
  let n = 0;
  let correct = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      t[i] += m[i][j];
      p[j] += m[i][j];
      n += m[i][j];
    }
    correct += m[i][i];
  }
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let i = 0; i < k; i++) {
    tp += t[i] * p[i];
    pp += p[i] * p[i];
    tt += t[i] * t[i];
  }
  const covYtYp = correct * n - tp;
  const covYpYp = n * n - pp;
  const covYtYt = n * n - tt;
  if (covYpYp * covYtYt === 0) return 0;
  return covYtYp / Math.sqrt(covYtYt * covYpYp);
}

/** Cohen's kappa (unweighted) from a k×k matrix, as sklearn; null when chance agreement is 1. */
export function cohenKappaFromMatrix(m: readonly (readonly number[])[]): number | null {
  const k = m.length;
  const rows = new Float64Array(k);
  const cols = new Float64Array(k);
  let n = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      rows[i] += m[i][j];
      cols[j] += m[i][j];
      n += m[i][j];
    }
  }
  if (n === 0) return null;
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      if (i === j) continue;
      observed += m[i][j];
      expected += (cols[i] * rows[j]) / n;
    }
  }
  if (expected === 0) return null;
  return 1 - observed / expected;
}

export type Normalize = 'true' | 'pred' | 'all';

/** sklearn's confusion_matrix(normalize=…): rows, columns or total sum to 1; 0/0 becomes 0. */
export function normalizeConfusion(m: readonly (readonly number[])[], by: Normalize): number[][] {
  const k = m.length;
  const rows = m.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = Array.from({ length: k }, (_, j) => m.reduce((a, r) => a + r[j], 0));
  const all = rows.reduce((a, b) => a + b, 0);
  return m.map((r, i) => r.map((v, j) => safeDivide(v, by === 'true' ? rows[i] : by === 'pred' ? cols[j] : all)));
}
