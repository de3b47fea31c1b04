import type { Db } from '../workspace/open';

/**
 * Settings for the import's own connection. Atomicity comes from the single transaction and WAL,
 * which these leave alone: a bigger page cache keeps the transaction's pages in memory instead of
 * spilling them to the WAL early, and temp data stays in memory.
 */
export function tuneImportConnection(db: Db, maxPageCount?: number): void {
  db.pragma('cache_size = -32768');
  db.pragma('temp_store = MEMORY');
  if (maxPageCount) db.pragma(`max_page_count = ${maxPageCount}`);
}
