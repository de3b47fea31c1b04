import { describe, expect, it } from 'vitest';
import { performanceAnalysis } from '../../../core/analyses/performance';
import type { AnalysisColumns } from '../../../core/analyses/module';
import type { ColumnInfo, Progress } from '../../../core/api/types';
import { cat, num } from '../drift/helpers';
import { runSteps } from '../../../core/engine/steps';

const n = 400;
const label = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : (i * 37) % 3 === 0 ? 1 : 0));
const score = Array.from({ length: n }, (_, i) => ((i * 53) % 101) / 100);
const region = Array.from({ length: n }, (_, i) => ['n', 's', 'e'][i % 3]);
const info = (name: string, role: ColumnInfo['role']) => ({ name, role }) as ColumnInfo;
const columns: AnalysisColumns = {
  columns: { current: [num('y', label, 'integer'), num('s', score), cat('region', region)], reference: [num('y', label.slice(0, 200), 'integer'), num('s', score.slice(0, 200)), cat('region', region.slice(0, 200))] },
  info: { current: [info('y', 'label'), info('s', 'score'), info('region', 'feature')], reference: [info('y', 'label'), info('s', 'score'), info('region', 'feature')] },
};

describe('performance computeSteps (progress and Cancel during a long first run)', () => {
  const options = { segmentBy: ['region'], chunk: { by: 'count' as const, size: 100 } };

  it('yields progress between the pieces of work, in order, and returns what compute returns', () => {
    const steps = performanceAnalysis.computeSteps!(columns, options);
    const seen: Progress[] = [];
    let step = steps.next();
    while (!step.done) {
      seen.push(step.value);
      step = steps.next();
    }
    expect(seen.map((p) => p.phase)).toEqual([
      'performance: preparing rows',
      'performance: binary metrics',
      'performance: sorting scores',
      'performance: sorting scores',
      'performance: binary metrics',
      'performance: curves and threshold table',
      'performance: reference',
      'performance: over time',
      'performance: segments by region',
    ]);
    for (let i = 1; i < seen.length; i++) expect(seen[i].done).toBeGreaterThanOrEqual(seen[i - 1].done);
    expect(seen.every((p) => p.total === 1000 && p.done <= 1000)).toBe(true);
    expect(step.value).toEqual(performanceAnalysis.compute(columns, options));
  });

  it('stops where it is told to: closing the generator computes nothing more', () => {
    const steps = performanceAnalysis.computeSteps!(columns, options);
    steps.next();
    expect(steps.return(undefined as never).done).toBe(true);
    expect(steps.next().done).toBe(true);
  });

  it('a Cancel during the gather and sort of the scores stops the run there', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const progress = (p: Progress) => {
      seen.push(p.phase);
      // The first progress inside the gather: the rows are gathered, neither class is sorted yet.
      if (p.phase === 'performance: sorting scores') controller.abort();
    };
    const run = runSteps(performanceAnalysis.computeSteps!(columns, options), { signal: controller.signal, progress });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen).toEqual(['performance: preparing rows', 'performance: binary metrics', 'performance: sorting scores']);
  });
});
