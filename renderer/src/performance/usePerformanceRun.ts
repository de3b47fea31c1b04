/**
 * Runs the performance analysis through the shared analysis runner, keeping the request beside
 * the result (the screen shows which datasets and options made it).
 */
import { useCallback } from 'react';
import type { PerformanceOptions, PerformanceRunResult } from '../../../core/analyses/performance/types';
import type { ChartSpec } from '../../../core/api/types';
import type { PlumblineClient } from '../../../core/transport/transport';
import { useAnalysisRun, type AnalysisRunState } from '../shared/useAnalysisRun';

export interface PerformanceRequest {
  readonly current: string;
  readonly reference: string | null;
  readonly options: PerformanceOptions;
  readonly where: string;
}

export interface PerformanceRun {
  readonly result: PerformanceRunResult;
  readonly request: PerformanceRequest;
  /** The module's chart specs of this result (performance/charts.ts), the figures the report draws. */
  readonly charts: readonly ChartSpec[];
}

export type PerformanceRunState = AnalysisRunState<PerformanceRun>;

export function usePerformanceRun(client: PlumblineClient) {
  const { state, start: run, cancel } = useAnalysisRun<PerformanceRun>(client);
  const start = useCallback(
    (request: PerformanceRequest) => {
      const datasets: Record<string, string> = { current: request.current, ...(request.reference ? { reference: request.reference } : {}) };
      run(
        { analysis: 'performance', datasets, options: request.options, ...(request.where.trim() ? { where: request.where.trim() } : {}) },
        (r) => ({ result: r.result as PerformanceRunResult, request, charts: r.charts ?? [] }),
      );
    },
    [run],
  );
  return { state, start, cancel };
}
