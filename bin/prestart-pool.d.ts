/** bin/prestart-pool.js: starts drift's column-pool threads before the CLI's code loads. */
export function prestartPool(dist: string, argv: readonly string[]): void;
