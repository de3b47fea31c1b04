/**
 * Runs the fairness analysis through the typed client with progress and Cancel (the bootstrap runs
 * in the engine's worker, which yields between resamples). Only the latest request may change the
 * state; the last good run stays on screen while a new one computes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { PlumblineError } from '../../../core/api/errors';
import type { AnalysisRun, Progress } from '../../../core/api/types';
import type { FairnessResult, FairnessRunOptions } from '../../../core/analyses/fairness/types';
import type { PlumblineClient } from '../../../core/transport/transport';
import { errorMessage } from '../errors';

export type FairnessRun = AnalysisRun<FairnessResult, FairnessRunOptions>;

export interface FairnessRunState {
  readonly status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  readonly run: FairnessRun | null;
  readonly error: string | null;
  readonly progress: Progress | null;
}

const IDLE: FairnessRunState = { status: 'idle', run: null, error: null, progress: null };

export function useFairnessRun(client: PlumblineClient) {
  const [state, setState] = useState<FairnessRunState>(IDLE);
  const generation = useRef(0);
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(
    (dataset: string, options: FairnessRunOptions, where: string) => {
      const g = ++generation.current;
      controller.current?.abort();
      const ac = new AbortController();
      controller.current = ac;
      setState((s) => ({ ...s, status: 'running', error: null, progress: null }));
      client
        .runAnalysis(
          { analysis: 'fairness', datasets: { dataset }, options, ...(where.trim() ? { where: where.trim() } : {}) },
          { signal: ac.signal, onProgress: (p) => g === generation.current && setState((s) => ({ ...s, progress: p })) },
        )
        .then(
          (run) => {
            if (g !== generation.current) return;
            controller.current = null;
            setState({ status: 'done', run: run as FairnessRun, error: null, progress: null });
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

  const cancel = useCallback(() => controller.current?.abort(), []);
  useEffect(() => () => controller.current?.abort(), []);
  return { state, start, cancel };
}
