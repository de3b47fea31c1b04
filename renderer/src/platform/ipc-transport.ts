/**
 * A Transport over the Electron preload bridge. One progress listener serves every call; results
 * come back as the call's promise. Aborting the signal asks the engine to cancel; the engine then
 * answers the call with a CANCELLED error, which is what the caller sees.
 */
import type { MethodName } from '../../../core/api/api';
import { readParts } from '../../../core/api/controls';
import { PlumblineError, type ErrorCode } from '../../../core/api/errors';
import type { Progress } from '../../../core/api/types';
import { newCallId, type CallOptions, type Transport } from '../../../core/transport/transport';
import type { PlumblineBridge } from './electron-bridge';

export function ipcTransport(bridge: PlumblineBridge): Transport {
  const listeners = new Map<string, (p: Progress) => void>();
  bridge.onProgress((callId, progress) => listeners.get(callId)?.(progress));

  return {
    async call(method: MethodName, args: unknown, opts: CallOptions) {
      if (opts.signal?.aborted) throw new PlumblineError('CANCELLED', 'Cancelled.');
      const callId = newCallId();
      const onAbort = () => bridge.cancel(callId);
      if (opts.onProgress) listeners.set(callId, opts.onProgress);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        let reply;
        try {
          reply = await bridge.call(method, callId, args);
        } catch (e) {
          // The bridge itself failed (e.g. the main process went away), not the operation.
          throw new PlumblineError('INTERNAL', `The Plumbline engine cannot be reached: ${e instanceof Error ? e.message : String(e)}`);
        }
        if (reply.ok) return reply.value;
        const { code, message, details, parts } = reply.error;
        throw PlumblineError.fromPayload({ code: code as ErrorCode, message, details, parts: readParts(parts) });
      } finally {
        listeners.delete(callId);
        opts.signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
