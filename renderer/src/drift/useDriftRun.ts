/**
 * Runs a drift analysis with cancel and progress. Only the latest request may change the state:
 * an answer to an older request (the user changed the pair or the settings meanwhile) is dropped.
 * The last good result stays on screen while a new one is computed, marked as stale.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { PlumblineError } from '../../../core/api/errors';
import type { DriftArgs, DriftRun, Progress } from '../../../core/api/types';
import type { PlumblineClient } from '../../../core/transport/transport';
import { errorMessage } from '../errors';

export interface DriftRunError {
  readonly message: string;
  /** Set for a segment-filter error: the 1-based position the engine pointed at. */
  readonly filterPosition: number | null;
}

export interface DriftRunState {
  readonly status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  /** The last successful run (possibly for older arguments while status is running or error). */
  readonly run: DriftRun | null;
  /** The arguments `run` was computed from. */
  readonly runArgs: DriftArgs | null;
  readonly error: DriftRunError | null;
  readonly progress: Progress | null;
  /** performance.now() when the current request started. */
  readonly startedAt: number | null;
}

const IDLE: DriftRunState = { status: 'idle', run: null, runArgs: null, error: null, progress: null, startedAt: null };

export function toRunError(e: unknown): DriftRunError {
  const details = e instanceof PlumblineError ? (e.details as { position?: unknown } | undefined) : undefined;
  const pos = details && typeof details.position === 'number' ? details.position : null;
  return { message: errorMessage(e), filterPosition: pos };
}

export function useDriftRun(client: PlumblineClient) {
  const [state, setState] = useState<DriftRunState>(IDLE);
  const generation = useRef(0);
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(
    (args: DriftArgs) => {
      const g = ++generation.current;
      controller.current?.abort();
      const ac = new AbortController();
      controller.current = ac;
      setState((s) => ({ ...s, status: 'running', error: null, progress: null, startedAt: performance.now() }));
      client
        .runDrift(args, {
          signal: ac.signal,
          onProgress: (p) => {
            if (g === generation.current) setState((s) => ({ ...s, progress: p }));
          },
        })
        .then(
          (run) => {
            if (g !== generation.current) return;
            controller.current = null;
            setState({ status: 'done', run, runArgs: args, error: null, progress: null, startedAt: null });
          },
          (e: unknown) => {
            if (g !== generation.current) return;
            controller.current = null;
            const cancelled = e instanceof PlumblineError && e.code === 'CANCELLED';
            setState((s) => ({
              ...s,
              status: cancelled ? 'cancelled' : 'error',
              error: cancelled ? null : toRunError(e),
              progress: null,
              startedAt: null,
            }));
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
    setState((s) => ({ ...s, status: 'cancelled', progress: null, startedAt: null }));
  }, []);

  /** Forget everything (a new pair was chosen). */
  const reset = useCallback(() => {
    generation.current++;
    controller.current?.abort();
    controller.current = null;
    setState(IDLE);
  }, []);

  useEffect(
    () => () => {
      generation.current++;
      controller.current?.abort();
    },
    [],
  );

  return { state, start, cancel, reset };
}
