import { cliPhrase, readParts, renderParts, type MessagePart } from './controls';

/**
 * Errors that cross every transport. A transport sends `{ code, message, details, parts }` and the
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
  /** When the message points to a setting: the same message with the control as data (see controls.ts). */
  readonly parts?: readonly MessagePart[];
}

export class PlumblineError extends Error {
  /** Set when the message names a control: screens render these with their own labels. */
  readonly parts?: readonly MessagePart[];

  /** `message` as parts (from `guide`) reads with CLI flags as `message`, and keeps the parts. */
  constructor(
    readonly code: ErrorCode,
    message: string | readonly MessagePart[],
    readonly details?: unknown,
  ) {
    super(typeof message === 'string' ? message : renderParts(message, cliPhrase));
    this.name = 'PlumblineError';
    if (typeof message !== 'string') this.parts = message;
  }

  toPayload(): ErrorPayload {
    return {
      code: this.code,
      message: this.message,
      ...(this.details === undefined ? {} : { details: this.details }),
      ...(this.parts === undefined ? {} : { parts: this.parts }),
    };
  }

  static fromPayload(p: ErrorPayload): PlumblineError {
    return new PlumblineError(p.code, readParts(p.parts) ?? p.message, p.details);
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
