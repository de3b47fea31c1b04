import { describe, expect, it } from 'vitest';
import { analyzePerformance } from '../../../core/analyses/performance/performance';
import { chunkByCount } from '../../../core/analyses/shared/chunks';
import type { TypedColumn } from '../../../core/data/column';
import { cat, num } from '../drift/helpers';
import { REF, close, closeArray, expectJsonSafe } from './reference';

const OPTIONS = { beta: 2, costFp: 1, costFn: 5, calibrationBins: 10 };
const METRICS = [
  'accuracy', 'balanced_accuracy', 'precision', 'recall', 'specificity', 'f1', 'fbeta', 'matthews_corrcoef', 'cohen_kappa',
  'prevalence', 'predicted_positive_rate', 'roc_auc', 'average_precision', 'brier', 'log_loss', 'expected_calibration_error',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function run(c: any, extra: Record<string, unknown> = {}, chunks = false) {
  const columns: TypedColumn[] = [num('y', c.label, 'integer'), num('s', c.score)];
  if (c.group) columns.push(cat('g', c.group));
  return analyzePerformance(
    { columns, roles: { y: 'label', s: 'score' }, chunks: chunks ? chunkByCount(c.label.length, c.chunk) : undefined },
    { ...OPTIONS, threshold: c.threshold, ...extra },
  );
}

describe('binary classification vs sklearn 1.2', () => {
  for (const c of REF.binary) {
    describe(c.name, () => {
      const e = c.expected;
      const r = run(c);
      it('coverage, task, confusion counts and normalisations', () => {
        expect(r.task).toBe('binary');
        expect([r.rows, r.labelled, r.evaluated]).toEqual([c.rows, c.labelled, c.evaluated]);
        expect(r.threshold).toBe(c.threshold);
        expect(r.confusion!.labels).toEqual(['0', '1']);
        expect(r.confusion!.matrix).toEqual(e.matrix);
        for (const k of ['true', 'pred', 'all'] as const) closeArray(r.confusion!.normalized[k].flat(), e.normalized[k], `normalize=${k}`);
        expectJsonSafe(r);
      });
      it('every metric', () => {
        for (const m of METRICS) {
          close(r.metrics[m], e.metrics[m], m);
          if (e.metrics[m] === null) expect(r.undefined_metrics[m], `${m} reason`).toBeTruthy();
        }
      });
      it('ROC and PR curves, point for point', () => {
        if (e.roc) {
          closeArray(r.binary!.roc!.x, e.roc.fpr, 'fpr');
          closeArray(r.binary!.roc!.y, e.roc.tpr, 'tpr');
          closeArray(r.binary!.roc!.thresholds, e.roc.thresholds, 'roc thresholds');
        } else expect(r.binary!.roc).toBeNull();
        if (e.pr) {
          closeArray(r.binary!.pr!.y, e.pr.precision, 'precision');
          closeArray(r.binary!.pr!.x, e.pr.recall, 'recall');
          closeArray(r.binary!.pr!.thresholds.slice(0, -1), e.pr.thresholds, 'pr thresholds');
        } else expect(r.binary!.pr).toBeNull();
      });
      it('calibration curves (uniform and quantile) and ECE', () => {
        for (const strategy of ['uniform', 'quantile'] as const) {
          const cal = strategy === 'uniform' ? r.binary!.calibration : run(c, { calibrationStrategy: strategy }).binary!.calibration;
          const x = e.calibration[strategy];
          closeArray(cal!.prob_true, x.prob_true, `${strategy} prob_true`);
          closeArray(cal!.prob_pred, x.prob_pred, `${strategy} prob_pred`);
          expect(cal!.counts, strategy).toEqual(x.counts);
          closeArray(cal!.edges, x.edges, `${strategy} edges`);
          close(cal!.ece, x.ece, `${strategy} ece`);
        }
      });
      it('optimal thresholds: max F1, max Youden J, min cost', () => {
        const o = r.binary!.optimal!;
        for (const k of ['f1', 'youden', 'cost'] as const) {
          if (!e.optimal[k]) {
            expect(o[k], k).toBeNull();
            continue;
          }
          close(o[k]!.threshold, e.optimal[k].threshold, `${k} threshold`);
          close(o[k]!.value, e.optimal[k].value, `${k} value`);
        }
      });
      it('score histograms hold every evaluated row, by class', () => {
        const h = r.binary!.score_histograms!;
        const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
        expect(sum(h.positive.counts)).toBe(e.counts.tp + e.counts.fn);
        expect(sum(h.negative.counts)).toBe(e.counts.tn + e.counts.fp);
      });
    });
  }

  it('metrics per chunk equal sklearn on each chunk; segments equal sklearn per group, worst first', () => {
    const c = REF.binary.find((x: { name: string }) => x.name === 'small_ties_nan');
    const r = run(c, { segmentBy: ['g'] }, true);
    expect(r.over_time!.chunks.length).toBe(c.chunks.length);
    r.over_time!.chunks.forEach((ch, i) => {
      for (const m of METRICS) close(ch.metrics[m], c.chunks[i][m], `chunk ${i} ${m}`);
    });
    const seg = r.segments[0];
    expect(seg.column).toBe('g');
    expect(seg.rows.map((s) => s.value).sort()).toEqual(Object.keys(c.segments).sort());
    for (const s of seg.rows) for (const m of METRICS) close(s.metrics[m], c.segments[s.value!][m], `segment ${s.value} ${m}`);
    const acc = seg.rows.map((s) => s.metrics.accuracy!);
    expect([...acc].sort((a, b) => a - b)).toEqual(acc);
  });
});
