/**
 * Running an analysis as a sequence of steps. The work is a generator that yields progress between
 * steps, so one body serves both runners: the API's (which pauses between steps to report progress
 * and let a cancel message arrive) and report assembly's (which needs the answer now).
 */
import type { Progress } from '../api/types';
import { noContext, throwIfCancelled, type CallContext } from '../api/context';

export type Steps<T> = Generator<Progress, T>;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs every step without pausing. */
export function runStepsSync<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Between steps: report progress, let a cancel message arrive, and honour it. */
export async function runSteps<T>(steps: Steps<T>, ctx: CallContext = noContext()): Promise<T> {
  for (;;) {
    await yieldToEventLoop();
    throwIfCancelled(ctx);
    const step = steps.next();
    if (step.done) return step.value;
    ctx.progress(step.value);
  }
}
