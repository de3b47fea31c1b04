import { describe, expect, it } from 'vitest';
import { analyzePerformance } from '../../../core/analyses/performance/performance';
import type { TypedColumn } from '../../../core/data/column';
import { cat, num } from '../drift/helpers';
import { REF, close, closeArray, expectJsonSafe } from './reference';

const MC = [
  'accuracy', 'balanced_accuracy', 'cohen_kappa', 'matthews_corrcoef',
  'macro_precision', 'macro_recall', 'macro_f1', 'weighted_precision', 'weighted_recall', 'weighted_f1',
  'micro_precision', 'micro_recall', 'micro_f1',
];

describe('multiclass vs sklearn 1.2', () => {
  for (const c of REF.multiclass) {
    it(c.name, () => {
      const columns: TypedColumn[] = [cat('y', c.label), cat('p', c.prediction)];
      const classScores: Record<string, string> = {};
      if (c.scores) {
        for (const [k, v] of Object.entries(c.scores)) {
          columns.push(num(`score ${k}`, v as number[]));
          classScores[k] = `score ${k}`;
        }
      }
      const r = analyzePerformance(
        { columns, roles: { y: 'label', p: 'prediction' } },
        c.scores ? { classScores } : {},
      );
      const e = c.expected;
      expect(r.task).toBe('multiclass');
      expect([r.rows, r.labelled, r.evaluated]).toEqual([c.rows, c.labelled, c.evaluated]);
      expect(r.confusion!.labels).toEqual(e.labels);
      expect(r.confusion!.matrix).toEqual(e.matrix);
      for (const k of ['true', 'pred', 'all'] as const) closeArray(r.confusion!.normalized[k].flat(), e.normalized[k], `normalize=${k}`);
      for (const m of MC) close(r.metrics[m], e.metrics[m], m);
      closeArray(r.per_class!.map((x) => x.precision), e.per_class.precision, 'precision');
      closeArray(r.per_class!.map((x) => x.recall), e.per_class.recall, 'recall');
      closeArray(r.per_class!.map((x) => x.f1), e.per_class.f1, 'f1');
      expect(r.per_class!.map((x) => x.support)).toEqual(e.per_class.support);
      if (c.scores) {
        close(r.metrics.roc_auc_ovr_macro, e.metrics.roc_auc_ovr_macro, 'ovr macro');
        close(r.metrics.roc_auc_ovr_weighted, e.metrics.roc_auc_ovr_weighted, 'ovr weighted');
        for (const pc of r.per_class!) close(pc.roc_auc, e.per_class_auc[pc.label] ?? null, `auc ${pc.label}`);
        // A class without rows has no AUC, and the result says the average left it out.
        if (r.per_class!.some((x) => x.roc_auc === null)) expect(r.notes.join(' ')).toMatch(/averaged over/);
      }
      expectJsonSafe(r);
    });
  }
});

const REG = ['mae', 'mse', 'rmse', 'mape', 'median_absolute_error', 'r2', 'explained_variance', 'mean_error'];

describe('regression vs sklearn 1.2', () => {
  for (const c of REF.regression) {
    it(c.name, () => {
      const r = analyzePerformance({ columns: [num('y', c.label), num('p', c.prediction)], roles: { y: 'label', p: 'prediction' } }, { task: 'regression' });
      expect(r.task).toBe('regression');
      expect([r.rows, r.labelled, r.evaluated]).toEqual([c.rows, c.labelled, c.evaluated]);
      for (const m of REG) close(r.metrics[m], c.expected.metrics[m], m);
      expect(r.confusion).toBeNull();
      const d = r.regression!;
      expect(d.residuals.prediction.length).toBe(c.evaluated);
      expect(d.error_histogram.counts.reduce((a, b) => a + b, 0)).toBe(c.evaluated);
      expectJsonSafe(r);
    });
  }

  it('detects regression from a real-valued label and prediction', () => {
    const c = REF.regression[0];
    expect(analyzePerformance({ columns: [num('y', c.label), num('p', c.prediction)], roles: { y: 'label', p: 'prediction' } }).task).toBe('regression');
  });
});
