/**
 * What crosses between the engine and a column-pool thread. A job names its workspace by path:
 * each thread opens the file itself and reads its own columns, so no column is copied between
 * threads (measured against transferring typed arrays read here: see the drift-pool commits).
 */
import type { ErrorPayload } from '../../api/errors';

/** One part of an analysis run: the analysis computes the columns its part options name. */
export interface PartJob {
  readonly kind: 'part';
  readonly analysis: string;
  readonly datasets: Readonly<Record<string, string>>;
  readonly options: unknown;
  readonly where: string | null;
}

/** Sort one numeric column and store its sorted values in the workspace's column cache. */
export interface SortJob {
  readonly kind: 'sort';
  readonly dataset: string;
  readonly column: string;
}

export type PoolJob = PartJob | SortJob;

/**
 * A run's jobs, sent to every thread of the pool: each thread claims jobs on the shared board
 * (./board.ts) until none is left, so a thread never waits for the engine's thread to hand it
 * the next one.
 */
export interface PoolBatch {
  readonly batch: number;
  readonly db: string;
  /** The better-sqlite3 addon to load (Electron's ABI), as the engine's own workspace does. */
  readonly nativeBinding?: string;
  readonly jobs: readonly PoolJob[];
  readonly board: SharedArrayBuffer;
  /** This thread's lane number on the board. */
  readonly lane: number;
}

export type PoolReply =
  | { readonly batch: number; readonly index: number; readonly ok: true; readonly value: unknown }
  | { readonly batch: number; readonly index: number; readonly ok: false; readonly error: ErrorPayload };
