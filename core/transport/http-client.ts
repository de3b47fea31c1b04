/**
 * Browser mode's transport: one POST per call to the loopback server, answered by a stream of
 * NDJSON WireEvents (progress lines, then one result line). Aborting the fetch cancels the
 * operation: the server notices the closed connection. No Node, no DOM beyond fetch.
 */
import type { MethodName } from '../api/api';
import { PlumblineError } from '../api/errors';
import type { CallOptions, Transport, WireEvent } from './transport';

export interface HttpTransportOptions {
  /** Base URL of the server, e.g. '' for same origin or 'http://127.0.0.1:4173'. */
  readonly baseUrl?: string;
  /** Sent as a bearer token by non-browser clients; the browser authenticates with its cookie. */
  readonly token?: string;
  readonly fetch?: typeof fetch;
}

export function httpTransport(options: HttpTransportOptions = {}): Transport {
  const doFetch = options.fetch ?? fetch;
  return {
    async call(method: MethodName, args: unknown, opts: CallOptions) {
      let res: Response;
      try {
        res = await doFetch(`${options.baseUrl ?? ''}/api/call`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: {
            'content-type': 'application/json',
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
          body: JSON.stringify({ method, args }),
          signal: opts.signal,
        });
      } catch (e) {
        if (opts.signal?.aborted) throw new PlumblineError('CANCELLED', 'Cancelled.');
        throw new PlumblineError('INTERNAL', `Plumbline's local server cannot be reached: ${(e as Error).message}`);
      }
      if (!res.ok || !res.body) {
        const text = await res.text().catch(() => '');
        const code = res.status === 401 || res.status === 403 ? 'UNAUTHORIZED' : 'INTERNAL';
        throw new PlumblineError(code, text || `HTTP ${res.status}`);
      }
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (value) buffer += decoder.decode(value, { stream: true });
          let nl: number;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, nl);
            buffer = buffer.slice(nl + 1);
            if (!line.trim()) continue;
            const e = JSON.parse(line) as WireEvent;
            if (e.type === 'progress') opts.onProgress?.(e.progress);
            else if (e.ok) return e.value;
            else throw PlumblineError.fromPayload(e.error);
          }
          if (done) break;
        }
      } catch (e) {
        if (opts.signal?.aborted) throw new PlumblineError('CANCELLED', 'Cancelled.');
        throw e;
      }
      throw new PlumblineError('INTERNAL', 'The server closed the connection before answering.');
    },
  };
}
