/**
 * Runs one analysis of the registry through the typed client, with progress and Cancel. Only the
 * latest request may change the state (an older answer is dropped); the last good run stays on
 * screen while a new one computes. `toRun` keeps what the screen needs of the engine's run.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { PlumblineError } from '../../../core/api/errors';
import type { AnalysisArgs, AnalysisRun, Progress } from '../../../core/api/types';
import type { PlumblineClient } from '../../../core/transport/transport';
import { errorMessage } from '../errors';

export interface AnalysisRunState<T> {
  readonly status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  readonly run: T | null;
  readonly error: string | null;
  readonly progress: Progress | null;
}

export function useAnalysisRun<T>(client: PlumblineClient) {
  const [state, setState] = useState<AnalysisRunState<T>>({ status: 'idle', run: null, error: null, progress: null });
  const generation = useRef(0);
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(
    (args: AnalysisArgs, toRun: (run: AnalysisRun) => T) => {
      const g = ++generation.current;
      controller.current?.abort();
      const ac = new AbortController();
      controller.current = ac;
      setState((s) => ({ ...s, status: 'running', error: null, progress: null }));
      client
        .runAnalysis(args, { signal: ac.signal, onProgress: (p) => g === generation.current && setState((s) => ({ ...s, progress: p })) })
        .then(
          (run) => {
            if (g !== generation.current) return;
            controller.current = null;
            setState({ status: 'done', run: toRun(run), error: null, progress: null });
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

  // The engine is told to stop; the screen says "cancelled" at once and ignores a late answer.
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
