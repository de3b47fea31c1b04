import { Option, type Command } from 'commander';
import { PlumblineError } from '../../api/errors';
import type { ImportArgs, ImportFormat, ImportResult, ImportWarning } from '../../api/types';
import { COLUMN_ROLES, COLUMN_TYPES } from '../../data/column';
import { progressPrinter } from '../output';
import { cancelOnSigint, printJson, withClient } from './context';
import { evaluationLine } from './monitor';

interface ImportOptions {
  name?: string;
  format?: ImportFormat;
  delimiter?: string;
  role: string[];
  type: string[];
  onError: 'abort' | 'skip';
  append?: string;
  join?: string;
  on?: string;
  nullToken?: string[];
  rename: string[];
  json?: boolean;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import a CSV, TSV, JSON Lines or Parquet file (.gz too) as a new dataset, appended to one, or joined onto one by key')
    .argument('<file>', 'file to import')
    .option('--name <name>', 'dataset name (default: the file name)')
    .addOption(new Option('--format <format>', 'file format (default: from the extension and content)').choices(['csv', 'tsv', 'jsonl', 'parquet']))
    .option('--delimiter <c>', 'CSV field delimiter (default: detected); \\t for tab')
    .option('--role <column=role>', `set a column's role (${COLUMN_ROLES.join(', ')}); repeatable`, collect, [])
    .option(
      '--type <column=type>',
      `choose a column's type (${COLUMN_TYPES.join(', ')}) instead of inferring it; values that do not fit are bad rows; timestamp:FORMAT reads a strptime-style format (%Y%m%d, %d/%m/%Y %H:%M); repeatable`,
      collect,
      [],
    )
    .option('--rename <old=new>', 'rename a column before anything is written (a repeated header name is old as imported, e.g. decile_score.1); repeatable', collect, [])
    .addOption(new Option('--on-error <mode>', 'abort: bad rows fail the import; skip: leave them out, counted').choices(['abort', 'skip']).default('abort'))
    .option('--append <dataset>', 'add the rows to this dataset (same column names)')
    .option('--join <dataset>', 'attach the file\'s other columns (e.g. a delayed label) to this dataset by key (needs --on)')
    .option('--on <column>', 'key column for --join, present in both the file and the dataset')
    .option('--null-token <text>', 'a cell value read as missing; repeatable (replaces the defaults)', collect, undefined)
    .option('--json', 'print JSON')
    .action(async (file: string, opts: ImportOptions, cmd: Command) => {
      const args = toArgs(file, opts);
      await withClient(cmd, async (client) => {
        const progress = progressPrinter();
        const cancel = cancelOnSigint();
        try {
          const result = await client.importFile(args, { onProgress: (p) => progress.update(p.done, p.total, p.rows), signal: cancel.signal });
          progress.end();
          if (opts.json) return printJson(result);
          process.stdout.write(summary(result));
        } finally {
          progress.end();
          cancel.dispose();
        }
      });
    });
}

function toArgs(file: string, opts: ImportOptions): ImportArgs {
  if (opts.join && !opts.on) throw new PlumblineError('BAD_REQUEST', '--join needs --on KEY: the column that identifies a row in both the file and the dataset.');
  if (opts.on && !opts.join) throw new PlumblineError('BAD_REQUEST', '--on goes with --join DATASET.');
  if (opts.append && opts.join) throw new PlumblineError('BAD_REQUEST', 'Use --append or --join, not both.');
  const roles = assignments('--role', 'role', opts.role, COLUMN_ROLES);
  // timestamp:%Y%m%d — the type, then the format of a chosen timestamp.
  const timestampFormats: Record<string, string> = {};
  const plainTypes = opts.type.map((t) => {
    const m = /^(.*)=timestamp:(.+)$/s.exec(t);
    if (!m) return t;
    timestampFormats[m[1]] = m[2];
    return `${m[1]}=timestamp`;
  });
  const types = assignments('--type', 'type', plainTypes, COLUMN_TYPES);
  const rename: Record<string, string> = {};
  for (const r of opts.rename) {
    // The first '=' splits here: the new name is what the user types freshly, the old may hold anything but '='.
    const eq = r.indexOf('=');
    if (eq <= 0 || eq === r.length - 1) throw new PlumblineError('BAD_REQUEST', `--rename takes old=new; got ${JSON.stringify(r)}.`);
    rename[r.slice(0, eq)] = r.slice(eq + 1);
  }
  const delimiter = opts.delimiter === '\\t' || opts.delimiter === 'tab' ? '\t' : opts.delimiter;
  return {
    path: file,
    ...(opts.name ? { name: opts.name } : {}),
    ...(opts.format ? { format: opts.format } : {}),
    ...(delimiter ? { delimiter } : {}),
    ...(opts.role.length ? { roles } : {}),
    ...(opts.type.length ? { types } : {}),
    onError: opts.onError,
    ...(opts.append ? { append: opts.append } : {}),
    ...(opts.join && opts.on ? { join: { dataset: opts.join, on: opts.on } } : {}),
    ...(opts.nullToken ? { nullTokens: opts.nullToken } : {}),
    ...(opts.rename.length ? { rename } : {}),
    ...(Object.keys(timestampFormats).length ? { timestampFormats } : {}),
  };
}

function summary(r: ImportResult): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines: string[] = [];
  if (r.kind === 'join' && r.join) {
    lines.push(
      `Joined onto "${r.dataset}": ${n(r.join.matched)} rows matched, coverage ${(100 * r.join.coverage).toFixed(1)}%, ${n(r.join.orphans)} orphan key(s), ${n(r.join.duplicateKeys)} duplicate key(s) in ${r.seconds.toFixed(2)} s`,
    );
  } else {
    lines.push(`${r.kind === 'append' ? 'Appended' : 'Imported'} ${n(r.rows)} rows × ${r.columns.length} columns ${r.kind === 'append' ? 'to' : 'into'} "${r.dataset}" in ${r.seconds.toFixed(2)} s`);
  }
  if (r.rejected) lines.push(`${n(r.rejected)} bad row(s) left out:`, ...r.problems.map((p) => `  line ${p.line}${p.column ? `, column ${JSON.stringify(p.column)}` : ''}: ${p.message}`));
  const widened = r.columns.filter((c) => c.widenedCount > 0);
  for (const c of widened) lines.push(`column ${JSON.stringify(c.name)}: ${n(c.widenedCount)} value(s) did not fit the first type seen; stored as ${c.type}`);
  for (const w of r.warnings) lines.push(`warning: ${w.message}${WARNING_HINTS[w.code](w.columns ?? [])}`);
  lines.push(`sha256 ${r.sha256}`);
  if (r.monitors?.length) lines.push(`Monitors reading "${r.dataset}":`, ...r.monitors.map((e) => `  ${evaluationLine(e)}`));
  return `${lines.join('\n')}\n`;
}

/** How to act on each import warning, in this command's flags (the import dialog names its controls). */
const WARNING_HINTS: Record<ImportWarning['code'], (columns: readonly string[]) => string> = {
  'duplicate-names': (c) => ` Give ${c.length === 1 ? 'it' : 'them'} other names with --rename ${c[0] ?? 'OLD'}=NEW.`,
  encoding: () => ' If that is wrong, save the file as UTF-8 and import it again.',
  'no-rows': () => ' Append rows with --append.',
  'personal-data': (c) => ` To analyse one anyway: --role ${c[0] ?? 'COLUMN'}=feature.`,
};

/** column=value pairs; the last '=' splits, so a column name may itself contain '='. */
function assignments<T extends string>(option: string, what: string, given: readonly string[], allowed: readonly T[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const r of given) {
    const eq = r.lastIndexOf('=');
    const value = r.slice(eq + 1) as T;
    if (eq <= 0 || !allowed.includes(value)) {
      throw new PlumblineError('BAD_REQUEST', `${option} takes column=${what} with a ${what} among ${allowed.join(', ')}; got ${JSON.stringify(r)}.`);
    }
    out[r.slice(0, eq)] = value;
  }
  return out;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
