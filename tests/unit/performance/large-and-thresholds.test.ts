import { describe, expect, it } from 'vitest';
import { analyzePerformance } from '../../../core/analyses/performance/performance';
import { metricsAtThreshold } from '../../../core/analyses/performance/thresholds';
import { binaryRates } from '../../../core/stats/confusion';
import type { NumericColumn } from '../../../core/data/column';
import { REF, close, closeArray, largeColumns } from './reference';

const col = (name: string, values: Float64Array, type: NumericColumn['type'] = 'real'): NumericColumn => ({ name, kind: 'numeric', type, values });
const L = REF.large;

describe('100,000 rows vs sklearn 1.2', () => {
  const d = largeColumns();
  it('binary: metrics, counts, calibration, optimal thresholds, curve sizes', () => {
    const r = analyzePerformance(
      { columns: [col('yb', d.yb, 'integer'), col('sb', d.sb)], roles: { yb: 'label', sb: 'score' } },
      { beta: 2, costFp: 1, costFn: 5 },
    );
    const e = L.binary;
    expect(r.rows).toBe(L.rows);
    const [[tn, fp], [fn, tp]] = r.confusion!.matrix;
    expect({ tp, fp, tn, fn }).toEqual(e.counts);
    for (const [m, v] of Object.entries(e.metrics)) close(r.metrics[m], v as number | null, m);
    closeArray(r.binary!.calibration!.prob_true, e.calibration.uniform.prob_true, 'prob_true');
    closeArray(r.binary!.calibration!.prob_pred, e.calibration.uniform.prob_pred, 'prob_pred');
    for (const k of ['f1', 'youden', 'cost'] as const) close(r.binary!.optimal![k]!.threshold, e.optimal[k].threshold, k);
    expect(r.binary!.roc!.x.length).toBe(e.roc_points);
    expect(r.binary!.pr!.x.length).toBe(e.pr_points);
  });

  it('multiclass from integer columns with one-vs-rest scores', () => {
    const r = analyzePerformance(
      { columns: [col('ym', d.ym, 'integer'), col('pm', d.pm, 'integer'), col('s0', d.s0), col('s1', d.s1), col('s2', d.s2), col('s3', d.s3)], roles: { ym: 'label', pm: 'prediction' } },
      { classScores: { '0': 's0', '1': 's1', '2': 's2', '3': 's3' } },
    );
    expect(r.task).toBe('multiclass');
    expect(r.confusion!.labels).toEqual(L.multiclass.labels);
    expect(r.confusion!.matrix).toEqual(L.multiclass.matrix);
    for (const [m, v] of Object.entries(L.multiclass.metrics)) close(r.metrics[m], v as number | null, m);
  });

  it('regression (MAE, RMSE, MAPE, R², … to 1e-9)', () => {
    const r = analyzePerformance({ columns: [col('yr', d.yr), col('pr', d.pr)], roles: { yr: 'label', pr: 'prediction' } });
    expect(r.task).toBe('regression');
    for (const [m, v] of Object.entries(L.regression.metrics)) close(r.metrics[m], v as number | null, m);
    expect(r.regression!.residuals.prediction.length).toBe(2000);
    expect(r.regression!.residuals.sampled).toBe(true);
  });

  it('the slider table reproduces a full recount of the rows at every listed threshold (reduced grid)', () => {
    const r = analyzePerformance(
      { columns: [col('yb', d.yb, 'integer'), col('sb', d.sb)], roles: { yb: 'label', sb: 'score' } },
      { thresholdGrid: 101, threshold: 0.4321 },
    );
    const table = r.binary!.table!;
    expect(table.complete).toBe(false);
    expect(table.thresholds).toContain(0.4321);
    for (const t of table.thresholds) {
      let tp = 0;
      let fp = 0;
      for (let i = 0; i < d.yb.length; i++) {
        if (d.sb[i] < t) continue;
        if (d.yb[i] === 1) tp++;
        else fp++;
      }
      const at = metricsAtThreshold(table, t);
      expect(at.exact).toBe(true);
      expect(at.counts.tp, `tp at ${t}`).toBe(tp);
      expect(at.counts.fp, `fp at ${t}`).toBe(fp);
      expect(at.rates).toEqual(binaryRates(at.counts, table.beta));
    }
    // Between two listed thresholds the counts come from the next listed one above, marked inexact.
    const between = (table.thresholds[10] + table.thresholds[11]) / 2;
    const at = metricsAtThreshold(table, between);
    expect(at.listed).toBe(table.thresholds[10]);
    expect(at.exact).toBe(false);
    // At the chosen threshold the table agrees with the analysis' own confusion matrix.
    const [[tn, fp], [fn, tp]] = r.confusion!.matrix;
    expect(metricsAtThreshold(table, 0.4321).counts).toEqual({ tp, fp, tn, fn });
    for (const m of ['accuracy', 'precision', 'recall', 'f1', 'matthews_corrcoef']) {
      expect(metricsAtThreshold(table, 0.4321).rates[m as 'accuracy']).toBe(r.metrics[m]);
    }
  });
});

describe('the slider table on few distinct scores is complete: exact at any threshold', () => {
  it('equals the whole analysis at every listed threshold and in between', () => {
    const c = REF.binary.find((x: { name: string }) => x.name === 'small_ties_nan');
    const columns = [
      { name: 'y', kind: 'numeric' as const, type: 'integer' as const, values: Float64Array.from(c.label, (v: number | null) => v ?? NaN) },
      { name: 's', kind: 'numeric' as const, type: 'real' as const, values: Float64Array.from(c.score, (v: number | null) => v ?? NaN) },
    ];
    const table = analyzePerformance({ columns, roles: { y: 'label', s: 'score' } }).binary!.table!;
    expect(table.complete).toBe(true);
    const ts = [...table.thresholds, 0.25, 0.55, 2, -1];
    for (const t of ts) {
      const full = analyzePerformance({ columns, roles: { y: 'label', s: 'score' } }, { threshold: t });
      const at = metricsAtThreshold(table, t);
      expect(at.exact).toBe(true);
      const [[tn, fp], [fn, tp]] = full.confusion!.matrix;
      expect(at.counts, `t=${t}`).toEqual({ tp, fp, tn, fn });
      for (const [k, v] of Object.entries(at.rates)) expect(v, `${k} at ${t}`).toBe(full.metrics[k]);
    }
  });
});
