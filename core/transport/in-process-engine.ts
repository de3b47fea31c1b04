import type { EngineApi } from '../api/api';
import type { EngineWorker } from './engine-worker';
import { createCallServer } from './serve-calls';
import type { WireEvent } from './transport';

/**
 * An EngineWorker without the thread: the same message protocol served in this process. For tests
 * of the wires around the engine (HTTP server, Electron routing) that should not depend on a build.
 */
export function inProcessEngine(engine: EngineApi): EngineWorker {
  const listeners = new Set<(e: WireEvent) => void>();
  const serve = createCallServer(engine, (e) => queueMicrotask(() => listeners.forEach((l) => l(e))));
  return {
    send: (req) => serve(req),
    onEvent(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    ready: Promise.resolve(),
    async terminate() {},
  };
}
