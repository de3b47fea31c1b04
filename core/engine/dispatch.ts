import type { EngineApi, MethodName } from '../api/api';
import { isMethodName } from '../api/api';
import type { CallContext } from '../api/context';
import { PlumblineError } from '../api/errors';
import { ARG_SCHEMAS, loadAnalysesNamedIn } from '../api/schemas';

/**
 * The single entry point every transport calls: checks the method exists and its argument
 * validates, then runs it. Transports stay generic because nothing here is per method.
 */
export async function dispatch(engine: EngineApi, method: unknown, args: unknown, ctx: CallContext): Promise<unknown> {
  if (!isMethodName(method)) throw new PlumblineError('NOT_FOUND', `Unknown API method ${JSON.stringify(method)}.`);
  await loadAnalysesNamedIn(args);
  const parsed = ARG_SCHEMAS[method].safeParse(args ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
    throw new PlumblineError('BAD_REQUEST', `Invalid arguments for ${method}${where}: ${issue?.message ?? 'invalid'}.`);
  }
  const fn = engine[method] as (a: unknown, c: CallContext) => Promise<unknown>;
  return fn(parsed.data, ctx);
}

export type { MethodName };
