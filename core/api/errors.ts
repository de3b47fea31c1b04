/**
 * Errors that cross every transport. A transport sends `{ code, message, details }` and the
 * client rebuilds a PlumblineError, so callers catch one type whatever the transport.
 */
export type ErrorCode =
  | 'BAD_REQUEST' // arguments did not validate
  | 'NOT_FOUND' // dataset, file or method does not exist
  | 'CONFLICT' // e.g. a dataset name already taken
  | 'BAD_INPUT' // the file's content cannot be imported as asked
  | 'NO_DATA' // an analysis was asked of a dataset (or segment) with no rows
  | 'CANCELLED'
  | 'UNAUTHORIZED'
  | 'INTERNAL';

export interface ErrorPayload {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: unknown;
}

export class PlumblineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'PlumblineError';
  }

  toPayload(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromPayload(p: ErrorPayload): PlumblineError {
    return new PlumblineError(p.code, p.message, p.details);
  }
}

/** Anything thrown by the engine becomes a payload; unknown errors keep their message, not their stack. */
export function toErrorPayload(e: unknown): ErrorPayload {
  if (e instanceof PlumblineError) return e.toPayload();
  if (e instanceof Error && e.name === 'AbortError') return { code: 'CANCELLED', message: 'Cancelled.' };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: message || 'Internal error.' };
}

export function cancelled(): PlumblineError {
  return new PlumblineError('CANCELLED', 'Cancelled: nothing was changed.');
}
