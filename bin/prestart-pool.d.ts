/** bin/prestart-pool.js: starts drift's column-pool threads before the CLI's code loads. */
export function prestartPool(dist: string, argv: readonly string[]): void;
/** bin/prestart-pool.js: starts a Parquet import's decoding thread before the CLI's code loads. */
export function prestartParquetDecoder(dist: string, argv: readonly string[]): void;
