import type { EngineApi, MethodName } from '../api/api';
import { PlumblineError, toErrorPayload } from '../api/errors';
import { dispatch } from '../engine/dispatch';
import type { CallOptions, Transport } from './transport';

/** In-process calls, for the CLI and tests: same validation and errors as the other transports. */
export function directTransport(engine: EngineApi): Transport {
  return {
    async call(method: MethodName, args: unknown, opts: CallOptions) {
      const signal = opts.signal ?? new AbortController().signal;
      try {
        return await dispatch(engine, method, args, { signal, progress: opts.onProgress ?? (() => undefined) });
      } catch (e) {
        // Normalise exactly as the wire transports do, so callers see one error shape everywhere.
        throw PlumblineError.fromPayload(toErrorPayload(e));
      }
    },
  };
}
