/**
 * Requests from the engine (worker thread) to its host (the thread that started it). The engine
 * cannot do everything itself: in the app only Electron main can print with `webContents.printToPDF`
 * and hold the Chromium page report charts are drawn in.
 * The worker posts `{ type: 'host-request', id, kind, … }` and awaits `{ type: 'host-response', id,
 * ok, data | error }`; the host answers with whatever handler it registered for `kind`.
 */
import type { PrintOptions } from '../report/pdf';

export interface HostRequestMap {
  'print-pdf': { readonly payload: { readonly html: string; readonly options: PrintOptions }; readonly result: Uint8Array };
  /** Runs a script in the host's chart page (core/report/charts.ts decides what); its JSON value comes back. */
  'chart-script': { readonly payload: { readonly script: string }; readonly result: unknown };
  /** A system notification (new monitor alerts), shown by the host: Electron main's Notification. */
  notify: { readonly payload: { readonly title: string; readonly body: string }; readonly result: { readonly shown: boolean } };
}
export type HostRequestKind = keyof HostRequestMap;

export type HostRequestMessage = {
  readonly [K in HostRequestKind]: { readonly type: 'host-request'; readonly id: string; readonly kind: K } & HostRequestMap[K]['payload'];
}[HostRequestKind];

export type HostResponseMessage =
  | { readonly type: 'host-response'; readonly id: string; readonly ok: true; readonly data: unknown }
  | { readonly type: 'host-response'; readonly id: string; readonly ok: false; readonly error: string };

export type HostHandlers = {
  readonly [K in HostRequestKind]?: (req: Extract<HostRequestMessage, { kind: K }>) => Promise<HostRequestMap[K]['result']>;
};

export function isHostRequest(m: unknown): m is HostRequestMessage {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'host-request';
}

export function isHostResponse(m: unknown): m is HostResponseMessage {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'host-response';
}

/** Worker side: `request` posts and waits; feed every incoming host-response to `receive`. */
export function hostRequester(post: (m: HostRequestMessage) => void, timeoutMs = 120_000) {
  let counter = 0;
  const pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();
  return {
    request<K extends HostRequestKind>(kind: K, payload: HostRequestMap[K]['payload']): Promise<HostRequestMap[K]['result']> {
      const id = `h${++counter}`;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`The host did not answer the ${kind} request within ${Math.round(timeoutMs / 1000)} s.`));
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
        post({ type: 'host-request', id, kind, ...payload } as HostRequestMessage);
      });
    },
    receive(m: HostResponseMessage): void {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.ok) p.resolve(m.data);
      else p.reject(new Error(m.error));
    },
  };
}

/** Host side: answers one request with the registered handler; never throws. */
export async function answerHostRequest(req: HostRequestMessage, handlers: HostHandlers, post: (m: HostResponseMessage) => void): Promise<void> {
  const handler = handlers[req.kind] as ((r: HostRequestMessage) => Promise<unknown>) | undefined;
  if (!handler) {
    post({ type: 'host-response', id: req.id, ok: false, error: `This host cannot handle ${req.kind} requests.` });
    return;
  }
  try {
    post({ type: 'host-response', id: req.id, ok: true, data: await handler(req) });
  } catch (e) {
    post({ type: 'host-response', id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
}
