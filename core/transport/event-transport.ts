import type { MethodName } from '../api/api';
import { PlumblineError } from '../api/errors';
import { newCallId, type CallOptions, type Transport, type WireEvent, type WireRequest } from './transport';

/**
 * A Transport over any message wire that carries WireRequests out and WireEvents back (a worker
 * port, Electron IPC). Matches results and progress to calls by id.
 */
export function eventTransport(send: (req: WireRequest) => void, subscribe: (on: (e: WireEvent) => void) => void): Transport {
  const pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: unknown) => void; opts: CallOptions }>();
  subscribe((e) => {
    const p = pending.get(e.id);
    if (!p) return;
    if (e.type === 'progress') {
      p.opts.onProgress?.(e.progress);
      return;
    }
    pending.delete(e.id);
    if (e.ok) p.resolve(e.value);
    else p.reject(PlumblineError.fromPayload(e.error));
  });
  return {
    call(method: MethodName, args: unknown, opts: CallOptions) {
      const id = newCallId();
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, opts });
        if (opts.signal?.aborted) {
          pending.delete(id);
          reject(new PlumblineError('CANCELLED', 'Cancelled.'));
          return;
        }
        opts.signal?.addEventListener('abort', () => send({ type: 'cancel', id }), { once: true });
        send({ type: 'call', id, method, args });
      });
    },
  };
}
