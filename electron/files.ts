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

const MAX_FILTERS = 10;
const EXTENSION = /^(\*|[A-Za-z0-9]{1,10})$/;

/** Dialog filters from the renderer, or null when they are not a short list of plain names and extensions. */
export function dialogFilters(raw: unknown): FileFilter[] | null {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_FILTERS) return null;
  const out: FileFilter[] = [];
  for (const f of raw as unknown[]) {
    if (typeof f !== 'object' || f === null) return null;
    const { name, extensions } = f as { name?: unknown; extensions?: unknown };
    if (typeof name !== 'string' || name.length === 0 || name.length > 100) return null;
    if (!Array.isArray(extensions) || extensions.length === 0 || extensions.length > 20) return null;
    if (!extensions.every((e): e is string => typeof e === 'string' && EXTENSION.test(e))) return null;
    out.push({ name, extensions: [...extensions] });
  }
  return out;
}

/** The Open… dialog a renderer asked for, or null for the import dialog (also for anything malformed). */
export function openDialogRequest(raw: unknown): { title: string; filters: FileFilter[] } | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { title, filters } = raw as { title?: unknown; filters?: unknown };
  const valid = dialogFilters(filters);
  if (!valid) return null;
  return { title: typeof title === 'string' && title.length > 0 && title.length <= 200 ? title : 'Open', filters: valid };
}

/** The folder chooser's title from the renderer: a short plain string, or the default. */
export function folderDialogTitle(raw: unknown): string {
  return typeof raw === 'string' && raw.length > 0 && raw.length <= 200 ? raw : 'Choose a folder';
}

/** A Save… request: the suggested name reduced to a plain file name (no folders), and its filters. */
export function saveDialogRequest(raw: unknown): { defaultName: string; filters: FileFilter[] } | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { defaultName, filters } = raw as { defaultName?: unknown; filters?: unknown };
  const valid = dialogFilters(filters);
  if (!valid || typeof defaultName !== 'string') return null;
  const name = path.basename(defaultName.replace(/\\/g, '/')).replace(/[\u0000-\u001f<>:"|?*]/g, '_').slice(0, 200);
  if (name === '' || name === '.' || name === '..') return null;
  return { defaultName: name, filters: valid };
}
