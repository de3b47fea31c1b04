/**
 * The client side of the one API. A Transport moves one call (method, argument) and brings back
 * progress and the result; `createClient` turns any transport into a typed object whose methods
 * are generated from API_METHODS — the VS Code ProxyChannel idea without a Proxy.
 *
 * This file is shared with the renderer: no Node, no DOM.
 */
import { METHOD_NAMES, type ArgsOf, type MethodName, type ResultOf } from '../api/api';
import type { ErrorPayload } from '../api/errors';
import type { Progress } from '../api/types';

export interface CallOptions {
  readonly onProgress?: (p: Progress) => void;
  /** Aborting cancels the operation in the engine; the call then rejects with code CANCELLED. */
  readonly signal?: AbortSignal;
}

export interface Transport {
  call(method: MethodName, args: unknown, opts: CallOptions): Promise<unknown>;
}

export type PlumblineClient = {
  [M in MethodName]: (args: ArgsOf<M>, opts?: CallOptions) => Promise<ResultOf<M>>;
};

export function createClient(transport: Transport): PlumblineClient {
  const client = {} as Record<MethodName, (args: unknown, opts?: CallOptions) => Promise<unknown>>;
  for (const m of METHOD_NAMES) client[m] = (args, opts = {}) => transport.call(m, args ?? {}, opts);
  return client as PlumblineClient;
}

/** Messages of one call, the same on every wire (worker port, IPC, HTTP NDJSON lines). */
export type WireEvent =
  | { readonly type: 'progress'; readonly id: string; readonly progress: Progress }
  | { readonly type: 'result'; readonly id: string; readonly ok: true; readonly value: unknown }
  | { readonly type: 'result'; readonly id: string; readonly ok: false; readonly error: ErrorPayload };

export type WireRequest =
  | { readonly type: 'call'; readonly id: string; readonly method: string; readonly args: unknown }
  | { readonly type: 'cancel'; readonly id: string };

let counter = 0;
/** Unique enough within one process; call ids never leave the machine. */
export function newCallId(): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `${Date.now().toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
