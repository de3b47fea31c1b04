/**
 * Runs the fairness analysis (the bootstrap runs in the engine's worker, which yields between
 * resamples, so Cancel reaches it) through the shared analysis runner.
 */
import { useCallback } from 'react';
import type { AnalysisRun } from '../../../core/api/types';
import type { FairnessResult, FairnessRunOptions } from '../../../core/analyses/fairness/types';
import type { PlumblineClient } from '../../../core/transport/transport';
import { useAnalysisRun, type AnalysisRunState } from '../shared/useAnalysisRun';

export type FairnessRun = AnalysisRun<FairnessResult, FairnessRunOptions>;
export type FairnessRunState = AnalysisRunState<FairnessRun>;

export function useFairnessRun(client: PlumblineClient) {
  const { state, start: run, cancel } = useAnalysisRun<FairnessRun>(client);
  const start = useCallback(
    (dataset: string, options: FairnessRunOptions, where: string) =>
      run({ analysis: 'fairness', datasets: { dataset }, options, ...(where.trim() ? { where: where.trim() } : {}) }, (r) => r as FairnessRun),
    [run],
  );
  return { state, start, cancel };
}
