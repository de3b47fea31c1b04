/**
 * Runs the performance analysis with progress and cancel. Only the latest request may change the
 * state (an older answer is dropped); the last good result stays on screen, marked stale, while a
 * new one is computed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { PlumblineError } from '../../../core/api/errors';
import type { Progress } from '../../../core/api/types';
import type { PerformanceOptions, PerformanceRunResult } from '../../../core/analyses/performance/types';
import type { PlumblineClient } from '../../../core/transport/transport';
import { errorMessage } from '../errors';

export interface PerformanceRequest {
  readonly current: string;
  readonly reference: string | null;
  readonly options: PerformanceOptions;
  readonly where: string;
}

export interface PerformanceRun {
  readonly result: PerformanceRunResult;
  readonly request: PerformanceRequest;
}

export interface PerformanceRunState {
  readonly status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  readonly run: PerformanceRun | null;
  readonly error: string | null;
  readonly progress: Progress | null;
}

const IDLE: PerformanceRunState = { status: 'idle', run: null, error: null, progress: null };

export function usePerformanceRun(client: PlumblineClient) {
  const [state, setState] = useState<PerformanceRunState>(IDLE);
  const generation = useRef(0);
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(
    (request: PerformanceRequest) => {
      const g = ++generation.current;
      controller.current?.abort();
      const ac = new AbortController();
      controller.current = ac;
      setState((s) => ({ ...s, status: 'running', error: null, progress: null }));
      const datasets: Record<string, string> = { current: request.current, ...(request.reference ? { reference: request.reference } : {}) };
      client
        .runAnalysis(
          { analysis: 'performance', datasets, options: request.options, ...(request.where.trim() ? { where: request.where.trim() } : {}) },
          { signal: ac.signal, onProgress: (p) => g === generation.current && setState((s) => ({ ...s, progress: p })) },
        )
        .then(
          (run) => {
            if (g !== generation.current) return;
            controller.current = null;
            setState({ status: 'done', run: { result: run.result as PerformanceRunResult, request }, error: null, progress: null });
          },
          (e: unknown) => {
            if (g !== generation.current) return;
            controller.current = null;
            const cancelled = e instanceof PlumblineError && e.code === 'CANCELLED';
            setState((s) => ({ ...s, status: cancelled ? 'cancelled' : 'error', error: cancelled ? null : errorMessage(e), progress: null }));
          },
        );
    },
    [client],
  );

  const cancel = useCallback(() => {
    if (!controller.current) return;
    generation.current++;
    controller.current.abort();
    controller.current = null;
    setState((s) => ({ ...s, status: 'cancelled', progress: null }));
  }, []);

  useEffect(
    () => () => {
      generation.current++;
      controller.current?.abort();
    },
    [],
  );

  return { state, start, cancel };
}
