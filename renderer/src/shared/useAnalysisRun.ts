/**
 * Runs one analysis of the registry through the typed client, with progress and Cancel. Only the
 * latest request may change the state (an older answer is dropped); the last good run stays on
 * screen while a new one computes. Every screen runs its analysis through this one hook. `toRun` keeps what the screen needs of the engine's run.
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
  /** Set for a segment-filter error: the 1-based position in the filter the engine pointed at. */
  readonly filterPosition: number | null;
  readonly progress: Progress | null;
  /** performance.now() when the current request started (running only), for the elapsed time. */
  readonly startedAt: number | null;
}

const IDLE = { status: 'idle', run: null, error: null, filterPosition: null, progress: null, startedAt: null } as const;

/** Where in the filter the engine found an error, if it said. */
function filterPositionOf(e: unknown): number | null {
  const details = e instanceof PlumblineError ? (e.details as { position?: unknown } | undefined) : undefined;
  return details && typeof details.position === 'number' ? details.position : null;
}

export function useAnalysisRun<T>(client: PlumblineClient) {
  const [state, setState] = useState<AnalysisRunState<T>>(IDLE);
  const generation = useRef(0);
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(
    (args: AnalysisArgs, toRun: (run: AnalysisRun) => T) => {
      const g = ++generation.current;
      controller.current?.abort();
      const ac = new AbortController();
      controller.current = ac;
      setState((s) => ({ ...s, status: 'running', error: null, filterPosition: null, progress: null, startedAt: performance.now() }));
      client
        .runAnalysis(args, { signal: ac.signal, onProgress: (p) => g === generation.current && setState((s) => ({ ...s, progress: p })) })
        .then(
          (run) => {
            if (g !== generation.current) return;
            controller.current = null;
            setState({ ...IDLE, status: 'done', run: toRun(run) });
          },
          (e: unknown) => {
            if (g !== generation.current) return;
            controller.current = null;
            const cancelled = e instanceof PlumblineError && e.code === 'CANCELLED';
            setState((s) => ({
              ...s,
              status: cancelled ? 'cancelled' : 'error',
              error: cancelled ? null : errorMessage(e),
              filterPosition: cancelled ? null : filterPositionOf(e),
              progress: null,
              startedAt: null,
            }));
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
    setState((s) => ({ ...s, status: 'cancelled', progress: null, startedAt: null }));
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
