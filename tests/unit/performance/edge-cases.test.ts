import { describe, expect, it } from 'vitest';
import { PlumblineError } from '../../../core/api/errors';
import { chunkByCount } from '../../../core/analyses/shared/chunks';
import { analyzePerformance } from '../../../core/analyses/performance/performance';
import { degradationFlags, slope } from '../../../core/analyses/performance/degradation';
import { performanceOptionsSchema } from '../../../core/analyses/performance/options';
import type { ChunkMetrics } from '../../../core/analyses/performance/types';
import type { TypedColumn } from '../../../core/data/column';
import { cat, num } from '../drift/helpers';
import { expectJsonSafe } from './reference';

function errorOf(f: () => unknown): PlumblineError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PlumblineError);
    return e as PlumblineError;
  }
  throw new Error('expected an error');
}

describe('labels, coverage and degenerate inputs', () => {
  it('no labelled rows: counts, nulls with reasons, a note naming the label', () => {
    const r = analyzePerformance({ columns: [num('y', [null, null, null]), num('s', [0.1, 0.9, 0.5])], roles: { y: 'label', s: 'score' } }, { task: 'binary' });
    expect([r.rows, r.labelled, r.evaluated]).toEqual([3, 0, 0]);
    expect(r.metrics.accuracy).toBeNull();
    expect(r.metrics.roc_auc).toBeNull();
    expect(r.undefined_metrics.accuracy).toBe('no rows');
    expect(r.notes.join(' ')).toContain('"y"');
    expectJsonSafe(r);
  });

  it('labelled rows without a score are left out and counted', () => {
    const r = analyzePerformance({ columns: [num('y', [0, 1, 1, null]), num('s', [0.2, null, 0.8, 0.4])], roles: { y: 'label', s: 'score' } });
    expect([r.rows, r.labelled, r.missing_prediction, r.evaluated]).toEqual([4, 3, 1, 2]);
    expect(r.notes.join(' ')).toContain('score "s"');
  });

  it('scores outside [0, 1]: ranking metrics kept, probability metrics null naming the column', () => {
    const r = analyzePerformance({ columns: [num('y', [0, 1, 0, 1]), num('margin', [-2, 3, 0.5, 1.5])], roles: { y: 'label', margin: 'score' } }, { threshold: 1 });
    expect(r.metrics.roc_auc).toBe(1);
    expect(r.metrics.brier).toBeNull();
    expect(r.undefined_metrics.log_loss).toContain('"margin"');
    expect(r.binary!.calibration).toBeNull();
    expectJsonSafe(r);
  });

  it('binary from text labels and a prediction column (no score): positive = the later class', () => {
    const r = analyzePerformance({ columns: [cat('y', ['no', 'yes', 'yes', 'no', 'yes']), cat('p', ['no', 'yes', 'no', 'yes', 'yes'])], roles: { y: 'label', p: 'prediction' } });
    expect(r.task).toBe('binary');
    expect(r.threshold).toBeNull();
    expect(r.confusion!.labels).toEqual(['no', 'yes']);
    expect(r.confusion!.matrix).toEqual([[1, 1], [1, 2]]);
    expect(r.metrics.precision).toBeCloseTo(2 / 3, 15);
    expect(r.metrics.roc_auc).toBeNull();
    expect(r.undefined_metrics.roc_auc).toContain('no score');
    expect(r.binary!.table).toBeNull();
    expectJsonSafe(r);
  });

  it('positiveLabel chooses the positive class', () => {
    const r = analyzePerformance({ columns: [cat('y', ['no', 'yes', 'yes']), cat('p', ['no', 'yes', 'no'])], roles: { y: 'label', p: 'prediction' } }, { positiveLabel: 'no' });
    expect(r.binary!.positive_label).toBe('no');
    expect(r.confusion!.labels).toEqual(['yes', 'no']);
    expect(r.metrics.recall).toBe(1);
  });

  it('task detection: integers with ≤ 2 classes binary, more multiclass, reals regression; options win', () => {
    const roles = { y: 'label' as const, p: 'prediction' as const };
    expect(analyzePerformance({ columns: [num('y', [0, 1, 1]), num('p', [0, 1, 0])], roles }).task).toBe('binary');
    expect(analyzePerformance({ columns: [num('y', [0, 1, 2]), num('p', [0, 2, 1])], roles }).task).toBe('multiclass');
    expect(analyzePerformance({ columns: [num('y', [0.5, 1.5, 2]), num('p', [0.4, 1.6, 2])], roles }).task).toBe('regression');
    expect(analyzePerformance({ columns: [num('y', [0, 1, 2]), num('p', [0, 2, 1])], roles }, { task: 'regression' }).task).toBe('regression');
  });

  it('errors name the column', () => {
    expect(errorOf(() => analyzePerformance({ columns: [num('s', [0.1])], roles: { s: 'score' } })).message).toMatch(/label/);
    expect(errorOf(() => analyzePerformance({ columns: [num('y', [1])] }, { label: 'y' })).message).toContain('"y"');
    expect(errorOf(() => analyzePerformance({ columns: [num('y', [1])] }, { label: 'y', score: 'nope' })).message).toContain('"nope"');
    expect(errorOf(() => analyzePerformance({ columns: [num('y', [1]), cat('s', ['a'])] }, { label: 'y', score: 's' })).message).toContain('"s"');
    expect(errorOf(() => analyzePerformance({ columns: [cat('y', ['a', 'b', 'c']), num('s', [0.1, 0.2, 0.3])] }, { label: 'y', score: 's', task: 'binary' })).message).toContain('"y"');
    expect(errorOf(() => analyzePerformance({ columns: [cat('y', ['a']), cat('p', ['a'])] }, { label: 'y', prediction: 'p', task: 'regression' })).message).toContain('"y"');
    expect(
      errorOf(() => analyzePerformance({ columns: [num('y', [0, 1]), num('s', [0.1, 0.9]), num('g', [1, 2])], roles: { y: 'label', s: 'score' } }, { segmentBy: ['g'] })).message,
    ).toContain('"g"');
  });

  it('hostile column names and values pass through as data', () => {
    const name = '<img src=x onerror=alert(1)>"\'';
    const r = analyzePerformance({ columns: [cat(name, ['<b>', 'x', 'x']), cat('p', ['<b>', 'x', '<b>'])] }, { label: name, prediction: 'p' });
    expect(r.columns.label).toBe(name);
    expect(r.confusion!.labels).toEqual(['<b>', 'x']);
  });

  it('the options schema accepts the documented options and rejects unknown ones', () => {
    expect(performanceOptionsSchema.safeParse({ threshold: 0.3, costFn: 5, degradation: { relativeDrop: 0.1 } }).success).toBe(true);
    expect(performanceOptionsSchema.safeParse({ treshold: 0.3 }).success).toBe(false);
    expect(performanceOptionsSchema.safeParse({ calibrationStrategy: 'kmeans' }).success).toBe(false);
  });
});

describe('over time, reference band and degradation', () => {
  // 40 rows in 4 chunks of 10: the model gets worse chunk by chunk.
  const y: number[] = [];
  const s: number[] = [];
  for (let c = 0; c < 4; c++) {
    for (let i = 0; i < 10; i++) {
      const label = i % 2;
      y.push(label);
      // the first (4 - c) rows of the chunk are scored right, the rest wrong.
      s.push(i < 10 - 2 * c ? (label ? 0.9 : 0.1) : label ? 0.2 : 0.8);
    }
  }
  const columns: TypedColumn[] = [num('y', y, 'integer'), num('s', s)];
  const refColumns: TypedColumn[] = [num('y', [0, 1, 0, 1, 0, 1, 0, 1]), num('s', [0.1, 0.9, 0.2, 0.8, 0.4, 0.6, 0.6, 0.7])];

  it('metrics per chunk with coverage, band from the reference chunks, drop and trend flags since when', () => {
    const r = analyzePerformance(
      { columns, roles: { y: 'label', s: 'score' }, reference: refColumns, chunks: chunkByCount(40, 10), referenceChunks: chunkByCount(8, 4) },
      { degradation: { metrics: ['accuracy'], trendChunks: 3 } },
    );
    const acc = r.over_time!.chunks.map((c) => c.metrics.accuracy);
    expect(acc).toEqual([1, 0.8, 0.6, 0.4]);
    expect(r.over_time!.chunks.map((c) => c.labelled)).toEqual([10, 10, 10, 10]);
    // reference chunks: accuracies 1 and 0.75 → mean 0.875, σ 0.125
    const band = r.over_time!.band.accuracy!;
    expect(band.mean).toBeCloseTo(0.875, 15);
    expect(band.std).toBeCloseTo(0.125, 15);
    expect(r.reference!.metrics.accuracy).toBeCloseTo(0.875, 15);
    const flags = r.degradation!.flags;
    const drop = flags.find((f) => f.kind === 'drop')!;
    expect(drop.value).toBeCloseTo(0.7, 15);
    expect(drop.relative).toBeCloseTo((0.875 - 0.7) / 0.875, 12);
    expect(drop.since).toBe('rows 11–20'); // chunks 2–4 are all below 0.875·0.95
    const trend = flags.find((f) => f.kind === 'trend')!;
    expect(trend.slope).toBeCloseTo(-0.2, 12);
    expect(trend.since).toBe('rows 11–20');
    expectJsonSafe(r);
  });

  it('a pinned baseline replaces the reference; no flag when within the allowed drop; nothing without a baseline or chunks', () => {
    expect(analyzePerformance({ columns, roles: { y: 'label', s: 'score' } }).degradation).toBeNull();
    const r = analyzePerformance({ columns, roles: { y: 'label', s: 'score' }, baseline: { accuracy: 0.9 } }, { degradation: { metrics: ['accuracy'], relativeDrop: 0.5 } });
    expect(r.degradation!.flags).toEqual([]);
    const p = analyzePerformance({ columns, roles: { y: 'label', s: 'score' }, baseline: { accuracy: 0.9 } }, { degradation: { metrics: ['accuracy'] } });
    expect(p.degradation!.baseline).toBe('pinned');
    expect(p.degradation!.flags.map((f) => f.kind)).toEqual(['drop']);
  });

  it('errors (lower is better) are flagged when they rise; slope is least squares', () => {
    expect(slope([1, 2, 4])).toBeCloseTo(1.5, 15);
    const ch = (v: number, i: number): ChunkMetrics => ({ key: `${i}`, label: `c${i}`, start: i, end: i + 1, rows: 1, labelled: 1, metrics: { mae: v } });
    const flags = degradationFlags(['mae'], { mae: 1 }, { mae: 1.2 }, [1, 1.1, 1.2].map(ch), 0.05, 3);
    expect(flags.map((f) => [f.kind, f.since])).toEqual([['drop', 'c1'], ['trend', 'c0']]);
  });
});

describe('multiclass without any value', () => {
  it('has null metrics with reasons', () => {
    const r = analyzePerformance({ columns: [cat('y', [null, null]), cat('p', [null, null])], roles: { y: 'label', p: 'prediction' } }, { task: 'multiclass' });
    expect(r.confusion!.labels).toEqual([]);
    for (const [k, v] of Object.entries(r.metrics)) if (v === null) expect(r.undefined_metrics[k], k).toBeTruthy();
    expectJsonSafe(r);
  });
});
