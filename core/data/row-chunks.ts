/**
 * Rows in pieces: an analysis whose answer is sums over rows (A/B's per-cell sums) can take a
 * dataset one stored chunk at a time instead of whole columns. A pass over a chunked source touches
 * a few reused chunk-sized buffers, however many rows there are — on our VMs the first touch of
 * fresh memory (~11 µs per 4 KB page) cost more than the whole computation on whole columns.
 */
import type { Progress } from '../api/types';
import type { TypedColumn } from './column';

/** Consecutive rows of the columns asked for, after the segment filter. */
export interface RowChunk {
  /** Index of the chunk's first row among the rows a pass yields (filtered rows do not count). */
  readonly offset: number;
  readonly rows: number;
  /** The asked columns over these rows, in the order asked. Their arrays are reused by the next chunk. */
  readonly columns: readonly TypedColumn[];
}

/** A dataset's rows, chunk by chunk. */
export interface RowChunks {
  /** A column described without rows (a categorical one with its dictionary); undefined when absent. */
  describe(name: string): TypedColumn | undefined;
  /** One pass over the rows, in row order; a pass may be made more than once. */
  pass(names: readonly string[]): Iterable<RowChunk>;
  /**
   * At least as many rows as a pass yields (the dataset's rows before the segment filter), when
   * known: an analysis that keeps a value per row (performance's scores) sizes its array once.
   */
  readonly maxRows?: number;
}

/**
 * A dataset of the workspace as chunks (core/engine/chunk-stream.ts): it may also refuse to stream
 * (a column whose chunks carry no shared dictionary), then `whole` reads whole columns as before.
 */
export interface ChunkStream extends RowChunks {
  /** Whether `pass` can serve these columns (and the filter's). */
  canStream(names: readonly string[]): boolean;
  /** The named columns read whole, under the filter (the engine's plain column load). */
  whole(names: readonly string[]): Generator<Progress, TypedColumn[]>;
}

/** Whole columns as one chunk: the in-memory callers (tests, the bench's compute) go through the same pass. */
export function wholeColumns(columns: Readonly<Record<string, TypedColumn>>): RowChunks {
  const get = (name: string): TypedColumn | undefined => (Object.prototype.hasOwnProperty.call(columns, name) ? columns[name] : undefined);
  return {
    describe: get,
    pass(names) {
      const cols = names.map((n) => {
        const c = get(n);
        if (!c) throw new Error(`column ${JSON.stringify(n)} is not among the columns given`);
        return c;
      });
      const rows = cols.length ? (cols[0].kind === 'numeric' ? cols[0].values.length : cols[0].codes.length) : 0;
      return [{ offset: 0, rows, columns: cols }];
    },
  };
}
