/**
 * Runs the A/B analysis with progress and cancel, then asks the engine for the module's chart specs
 * of the result. Only the latest request may change the state; the last good run stays on screen
 * (marked stale) while a new one computes.
 */
import { useCallback, useRef, useState } from 'react';
import { PlumblineError } from '../../../core/api/errors';
import type { AnalysisArgs, AnalysisRun, ChartSpec, Progress } from '../../../core/api/types';
import type { PlumblineClient } from '../../../core/transport/transport';
import type { AbResult } from '../../../core/analyses/ab/types';
import { errorMessage } from '../errors';

export interface AbRunState {
  readonly status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  readonly run: AnalysisRun<AbResult> | null;
  readonly charts: readonly ChartSpec[];
  readonly error: string | null;
  readonly progress: Progress | null;
  readonly startedAt: number | null;
}

const IDLE: AbRunState = { status: 'idle', run: null, charts: [], error: null, progress: null, startedAt: null };

export function useAbRun(client: PlumblineClient) {
  const [state, setState] = useState<AbRunState>(IDLE);
  const generation = useRef(0);
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(
    (args: AnalysisArgs) => {
      const g = ++generation.current;
      controller.current?.abort();
      const ac = new AbortController();
      controller.current = ac;
      setState((s) => ({ ...s, status: 'running', error: null, progress: null, startedAt: performance.now() }));
      const onProgress = (p: Progress) => {
        if (g === generation.current) setState((s) => ({ ...s, progress: p }));
      };
      client
        .runAnalysis(args, { signal: ac.signal, onProgress })
        .then(async (run) => {
          const charts = await client.analysisCharts({ analysis: 'ab', result: run.result });
          return { run: run as AnalysisRun<AbResult>, charts };
        })
        .then(
          ({ run, charts }) => {
            if (g !== generation.current) return;
            controller.current = null;
            setState({ status: 'done', run, charts, error: null, progress: null, startedAt: null });
          },
          (e: unknown) => {
            if (g !== generation.current) return;
            controller.current = null;
            const cancelled = e instanceof PlumblineError && e.code === 'CANCELLED';
            setState((s) => ({ ...s, status: cancelled ? 'cancelled' : 'error', error: cancelled ? null : errorMessage(e), progress: null, startedAt: null }));
          },
        );
    },
    [client],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { state, start, cancel };
}
