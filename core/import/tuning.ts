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
