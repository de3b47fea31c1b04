import type { Progress } from './types';
import { cancelled } from './errors';

/**
 * What a long operation receives besides its argument: a way to report progress and to notice
 * cancellation. Every transport builds one per call; direct callers may pass their own.
 */
export interface CallContext {
  readonly signal: AbortSignal;
  readonly progress: (p: Progress) => void;
}

export function noContext(): CallContext {
  return { signal: new AbortController().signal, progress: () => undefined };
}

export function throwIfCancelled(ctx: CallContext): void {
  if (ctx.signal.aborted) throw cancelled();
}
