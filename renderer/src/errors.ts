import { PlumblineError } from '../../core/api/errors';

/** A readable sentence for any error: the engine's message, or what to do about a lost session. */
export function errorMessage(e: unknown): string {
  if (e instanceof PlumblineError && e.code === 'UNAUTHORIZED') {
    return 'This page is not signed in to Plumbline. Open the link that `plumbline serve` printed (it carries the access token), or restart it.';
  }
  if (e instanceof Error) return e.message || 'Something went wrong.';
  return String(e);
}
