/**
 * Command-line and file helpers: `--db PATH`, file paths handed to the app by the OS or a second
 * launch, and the Open… dialog's filters.
 */
import type { FileFilter } from 'electron';
import fs from 'node:fs';
import path from 'node:path';

export const OPEN_FILTERS: FileFilter[] = [
  { name: 'Data files', extensions: ['csv', 'tsv', 'tab', 'txt', 'jsonl', 'ndjson', 'parquet', 'gz'] },
  { name: 'CSV', extensions: ['csv'] },
  { name: 'TSV', extensions: ['tsv', 'tab'] },
  { name: 'JSON Lines', extensions: ['jsonl', 'ndjson'] },
  { name: 'Parquet', extensions: ['parquet'] },
  { name: 'Gzip-compressed', extensions: ['gz'] },
  { name: 'All files', extensions: ['*'] },
];

const IMPORTABLE = /\.(csv|tsv|tab|txt|jsonl|ndjson|parquet)(\.gz)?$/i;

export function isImportableFile(p: string): boolean {
  return IMPORTABLE.test(p);
}

/** `--db PATH` or `--db=PATH`; the last one wins. */
export function dbPathFromArgv(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db' && i + 1 < argv.length) found = argv[++i];
    else if (a.startsWith('--db=')) found = a.slice('--db='.length);
  }
  return found || undefined;
}

/**
 * Data files named on a command line (`plumbline data.csv`, "Open with…", or a second launch):
 * positional arguments that are importable, existing files. Options and their values, the
 * executable and the app entry are skipped.
 */
export function filePathsFromArgv(
  argv: readonly string[],
  cwd: string,
  isFile: (p: string) => boolean = (p) => {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  },
): string[] {
  const out: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db') {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    if (!isImportableFile(a)) continue;
    const abs = path.resolve(cwd, a);
    if (isFile(abs) && !out.includes(abs)) out.push(abs);
  }
  return out;
}
