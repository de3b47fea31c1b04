import type { Db } from '../workspace/open';

/**
 * Settings for the import's own connection. Atomicity comes from the single transaction and WAL,
 * which these leave alone. The page cache stays small (8 MB): chunks are written once and never
 * read back, so a bigger cache only adds to peak memory (measured: no faster at 32 MB).
 */
export function tuneImportConnection(db: Db, maxPageCount?: number): void {
  db.pragma('cache_size = -8192');
  db.pragma('temp_store = MEMORY');
  if (maxPageCount) db.pragma(`max_page_count = ${maxPageCount}`);
}

/**
 * Bytes of chunks per committed piece of a new dataset (commit-pieces.ts). Spike, DuckDB 1M and
 * the bench CSV at load 5-6: 16 MB pieces left a final checkpoint of 30-260 ms against 32 MB's
 * 100-200 ms, and no more CPU.
 */
export const PIECE_BYTES = 16 << 20;

/** Chunks held in memory, at most, while the checkpointer catches up with the last piece. */
export const HOLD_BYTES = 16 << 20;
