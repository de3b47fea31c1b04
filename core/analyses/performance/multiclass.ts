/**
 * Multiclass: the k×k confusion matrix over the union of label and prediction classes (sorted as
 * sklearn's unique_labels), per-class precision/recall/F1/support with zero_division = 0, macro /
 * weighted / micro averages, accuracy, Cohen's kappa, MCC, and one-vs-rest ROC AUC from per-class
 * score columns.
 */
import { cohenKappaFromMatrix, fbetaFrom, matthewsFromMatrix, normalizeConfusion, safeDivide } from '../../stats/confusion';
import { binaryClfCurve, rocAuc } from '../../stats/ranking';
import { sortFloat64 } from '../../stats/sort';
import type { Coverage } from './binary';
import type { MulticlassPrepared } from './detect';
import type { ConfusionResult, Metrics, PerClass } from './types';

export interface MulticlassOut extends Coverage {
  readonly metrics: Metrics;
  readonly undefined: Record<string, string>;
  readonly confusion: ConfusionResult;
  readonly perClass: PerClass[];
  readonly notes: string[];
}

/** One-vs-rest AUC of class c on the evaluated rows (null: class absent or all present, or no scores). */
function ovrAuc(p: MulticlassPrepared, scores: Float64Array, c: number, rows: Uint32Array | null, n: number): { auc: number | null; missing: number } {
  const pos = new Float64Array(n);
  const neg = new Float64Array(n);
  let np = 0;
  let nn = 0;
  let missing = 0;
  for (let r = 0; r < n; r++) {
    const i = rows ? rows[r] : r;
    if (p.y[i] < 0 || p.predicted[i] < 0) continue;
    const v = scores[i];
    if (!Number.isFinite(v)) {
      missing++;
      continue;
    }
    if (p.y[i] === c) pos[np++] = v;
    else neg[nn++] = v;
  }
  const curve = binaryClfCurve(sortFloat64(pos.subarray(0, np)), sortFloat64(neg.subarray(0, nn)));
  return { auc: rocAuc(curve), missing };
}

export function multiclassMetrics(p: MulticlassPrepared, rows: Uint32Array | null, labelName: string): MulticlassOut {
  const k = p.classes.length;
  const n = rows ? rows.length : p.y.length;
  const cells = new Float64Array(k * k);
  let labelled = 0;
  let missing = 0;
  for (let r = 0; r < n; r++) {
    const i = rows ? rows[r] : r;
    const y = p.y[i];
    if (y < 0) continue;
    labelled++;
    const q = p.predicted[i];
    if (q < 0) missing++;
    else cells[y * k + q]++;
  }
  const matrix = Array.from({ length: k }, (_, i) => Array.from(cells.subarray(i * k, i * k + k)));
  const support = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const predicted = Array.from({ length: k }, (_, j) => matrix.reduce((a, row) => a + row[j], 0));
  const total = support.reduce((a, b) => a + b, 0);
  let correct = 0;
  for (let i = 0; i < k; i++) correct += matrix[i][i];

  const undef: Record<string, string> = {};
  const notes: string[] = [];
  const aucs: (number | null)[] = new Array<number | null>(k).fill(null);
  let scoreMissing = 0;
  if (p.classScores) {
    p.classScores.forEach((s, c) => {
      if (!s) return;
      const a = ovrAuc(p, s, c, rows, n);
      aucs[c] = a.auc;
      scoreMissing = Math.max(scoreMissing, a.missing);
    });
  }
  const perClass: PerClass[] = p.classes.map((label, c) => {
    const precision = safeDivide(matrix[c][c], predicted[c]);
    const recall = safeDivide(matrix[c][c], support[c]);
    return { label, precision, recall, f1: fbetaFrom(precision, recall, 1), support: support[c], roc_auc: aucs[c] };
  });
  const macro = (f: (x: PerClass) => number): number | null => (k === 0 ? null : perClass.reduce((a, x) => a + f(x), 0) / k);
  const weighted = (f: (x: PerClass) => number): number | null => (total === 0 ? null : perClass.reduce((a, x) => a + f(x) * x.support, 0) / total);
  const accuracy = total === 0 ? null : correct / total;
  const metrics: Metrics = {
    accuracy,
    balanced_accuracy: (() => {
      const r = perClass.filter((x) => x.support > 0);
      return r.length === 0 ? null : r.reduce((a, x) => a + x.recall, 0) / r.length;
    })(),
    macro_precision: macro((x) => x.precision),
    macro_recall: macro((x) => x.recall),
    macro_f1: macro((x) => x.f1),
    weighted_precision: weighted((x) => x.precision),
    weighted_recall: weighted((x) => x.recall),
    weighted_f1: weighted((x) => x.f1),
    // Every class is counted, so micro precision = recall = F1 = accuracy (sklearn; 0 with no rows).
    micro_precision: accuracy ?? 0,
    micro_recall: accuracy ?? 0,
    micro_f1: accuracy ?? 0,
    cohen_kappa: cohenKappaFromMatrix(matrix),
    matthews_corrcoef: matthewsFromMatrix(matrix),
  };
  if (total === 0) for (const key of ['accuracy', 'balanced_accuracy', 'weighted_precision', 'weighted_recall', 'weighted_f1']) undef[key] = 'no rows';
  if (k === 0) for (const key of ['macro_precision', 'macro_recall', 'macro_f1']) undef[key] = 'no classes';
  if (metrics.cohen_kappa === null) undef.cohen_kappa = total === 0 ? 'no rows' : 'chance agreement is 1 (one class in labels and predictions): sklearn returns nan';
  if (p.classScores) {
    const defined = perClass.filter((x) => x.roc_auc !== null);
    if (defined.length === 0) {
      metrics.roc_auc_ovr_macro = null;
      metrics.roc_auc_ovr_weighted = null;
      undef.roc_auc_ovr_macro = undef.roc_auc_ovr_weighted = `no class has both its own rows and others' rows with scores in "${labelName}"`;
    } else {
      metrics.roc_auc_ovr_macro = defined.reduce((a, x) => a + x.roc_auc!, 0) / defined.length;
      const w = defined.reduce((a, x) => a + x.support, 0);
      metrics.roc_auc_ovr_weighted = defined.reduce((a, x) => a + x.roc_auc! * x.support, 0) / w;
      if (defined.length < k) {
        const left = perClass.filter((x) => x.roc_auc === null).map((x) => x.label);
        notes.push(`averaged over ${defined.length} of ${k} classes: no score column or no rows for ${left.join(', ')} (sklearn raises)`);
      }
    }
    if (scoreMissing > 0) notes.push(`${scoreMissing} rows without a class score were left out of the one-vs-rest AUC`);
  }
  return {
    rows: n,
    labelled,
    missing,
    metrics,
    undefined: undef,
    perClass,
    notes,
    confusion: {
      labels: [...p.classes],
      matrix,
      normalized: { true: normalizeConfusion(matrix, 'true'), pred: normalizeConfusion(matrix, 'pred'), all: normalizeConfusion(matrix, 'all') },
    },
  };
}
