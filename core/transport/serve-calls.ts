import type { EngineApi } from '../api/api';
import { toErrorPayload } from '../api/errors';
import type { Progress } from '../api/types';
import { dispatch } from '../engine/dispatch';
import type { WireEvent, WireRequest } from './transport';

/**
 * The engine side of every wire: takes call/cancel requests and emits progress/result events.
 * The worker thread uses it; a test can use it directly.
 */
export function createCallServer(engine: EngineApi, emit: (e: WireEvent) => void): (req: WireRequest) => void {
  const running = new Map<string, AbortController>();
  return (req) => {
    if (req.type === 'cancel') {
      running.get(req.id)?.abort();
      return;
    }
    const controller = new AbortController();
    running.set(req.id, controller);
    const ctx = {
      signal: controller.signal,
      progress: (progress: Progress) => emit({ type: 'progress', id: req.id, progress }),
    };
    dispatch(engine, req.method, req.args, ctx)
      .then(
        (value) => emit({ type: 'result', id: req.id, ok: true, value }),
        (e: unknown) => emit({ type: 'result', id: req.id, ok: false, error: toErrorPayload(e) }),
      )
      .finally(() => running.delete(req.id));
  };
}
