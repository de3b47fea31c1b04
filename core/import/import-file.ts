import fs from 'node:fs';
import path from 'node:path';
import type { CallContext } from '../api/context';
import { ctl, guide } from '../api/controls';
import { PlumblineError } from '../api/errors';
import type { ColumnType, ImportArgs, ImportFormat, ImportResult, ImportWarning } from '../api/types';
import type { Workspace } from '../workspace/workspace';
import { DatasetWriter, type WriterTarget } from './dataset-writer';
import { capitalise, NotUtf8, type TextEncoding } from './decode';
import { detectFormat } from './formats/detect';
import type { RowSink } from './formats/sink';
import { progressReporter, readSource } from './read-source';
import { statSource } from './source';
import { checkHeader, duplicateWarning } from './header';
import { personalDataWarning } from './personal-data';
import { compileTimestampFormat, type TimestampParser } from './timestamp-format';
import { joinFile } from './join';
import { chosenTypeMessage, Problems } from './problems';
import { translateSqliteError } from './sqlite-errors';
import { DEFAULT_NULL_TOKENS } from '../data/values';

/** Test seams that are not part of the API. */
export interface ImportHooks {
  readonly maxPageCount?: number;
}

/**
 * Imports a file as a new dataset, appends it to one, or joins it onto one by key. Atomic: on any
 * error, cancellation or crash nothing is written.
 */
export async function importFile(ws: Workspace, args: ImportArgs, ctx: CallContext, hooks: ImportHooks = {}): Promise<ImportResult> {
  try {
    if (args.join) return await joinFile(ws, args, ctx, hooks);
    try {
      return await runImport(ws, args, ctx, hooks);
    } catch (e) {
      // Invalid UTF-8 without a byte-order mark: the file is most likely Latin-1 (Excel on Windows).
      if (e instanceof NotUtf8) return await runImport(ws, args, ctx, hooks, e.offset);
      throw e;
    }
  } catch (e) {
    throw translateSqliteError(e, ws.path);
  } finally {
    ws.forgetCaches();
  }
}

/** `invalidUtf8At`: set on the second attempt, which reads the file as Latin-1. */
async function runImport(ws: Workspace, args: ImportArgs, ctx: CallContext, hooks: ImportHooks, invalidUtf8At?: number): Promise<ImportResult> {
  const started = new Date();
  const { abs } = statSource(args.path);
  const displayName = args.uploadedAs ? path.basename(args.uploadedAs) : path.basename(abs);
  const encoding: TextEncoding | undefined = invalidUtf8At === undefined ? undefined : 'latin1';
  const format: ImportFormat = args.format ?? detectFormat(abs);
  if (args.name && args.append) throw new PlumblineError('BAD_REQUEST', guide`Give either a name for a new dataset (${ctl('name')}) or a dataset to add the rows to (${ctl('append')}), not both.`);
  if (args.name && ws.findDataset(args.name)) {
    throw new PlumblineError('CONFLICT', guide`A dataset named ${JSON.stringify(args.name)} already exists. Choose another name ${ctl('name')}, or delete it first.`);
  }
  if (args.append) ws.dataset(args.append);
  const name = args.append ?? args.name ?? uniqueName(ws, defaultName(args.uploadedAs ?? abs));
  const nullTokens = args.nullTokens ?? DEFAULT_NULL_TOKENS;
  const problems = new Problems(args.onError ?? 'abort', displayName);
  const chosen = chosenTimestampFormats(args);
  const target: WriterTarget = {
    workspacePath: ws.path,
    openOptions: ws.openOptions,
    nullTokens,
    maxPageCount: hooks.maxPageCount,
    types: chosen.types,
    timestampParsers: chosen.parsers,
    onBadCell: (bad) => problems.reject(bad.line, chosenTypeMessage(bad.value, bad.type, args.timestampFormats?.[bad.column]), bad.raw, bad.column, bad.type),
  };
  const warnings: ImportWarning[] = [];
  const renamed = (n: string) => (args.rename && Object.prototype.hasOwnProperty.call(args.rename, n) ? args.rename[n] : n);

  let writer: DatasetWriter | undefined;
  const sink: RowSink = {
    columns(names) {
      if (!writer) {
        // JSON Lines name their keys as they come: a rename may name a key met later.
        const checked = checkHeader(names, displayName, 0, format === 'jsonl' ? undefined : args.rename);
        const columns = format === 'jsonl' ? checked.names.map(renamed) : checked.names;
        warnings.push(...duplicateWarning(checked.duplicates));
        writer = args.append ? DatasetWriter.append(target, args.append, columns, displayName, format === 'jsonl') : DatasetWriter.create(target, name, columns);
        // A header names every column up front: a typo in --role or --type is reported before reading on.
        if (format !== 'jsonl') {
          writer.checkNamed('role', args.roles ?? {});
          writer.checkNamed('type', chosen.types ?? {});
        }
      } else writer.addColumns(names.map((n, i) => renamed(n.trim() === '' ? `column_${writer!.columnCount + i + 1}` : n)));
    },
    row(cells, line) {
      (writer as DatasetWriter).addRow(cells, line);
    },
    fields(row) {
      (writer as DatasetWriter).addFields(row);
    },
    batches() {
      return (writer as DatasetWriter).batches();
    },
    window(w) {
      (writer as DatasetWriter).addWindow(w);
    },
    columnar() {
      return (writer as DatasetWriter).columnar();
    },
  };
  const sizeBytes = fs.statSync(abs).size;
  const { rc, onBytes } = progressReporter({ ctx, problems, displayName }, () => sizeBytes);

  try {
    const read = await readSource(abs, { format, delimiter: args.delimiter, encoding, invalidUtf8At }, sink, rc, onBytes);
    problems.finish(read.rowsRead);
    if (!writer) throw new PlumblineError('BAD_INPUT', `${displayName}: no columns found.`);
    if (format === 'jsonl') writer.checkNamed('rename', Object.fromEntries(Object.values(args.rename ?? {}).map((n) => [n, true])));
    if (ctx.signal.aborted) throw new PlumblineError('CANCELLED', 'Import cancelled: nothing was changed.');
    const columns = writer.commit(
      {
        // Browser mode: the analyst's own file name, not the server's copy of the upload.
        sourcePath: args.uploadedAs ?? abs,
        sizeBytes: read.sizeBytes,
        sha256: read.sha256,
        modifiedAt: read.modifiedAt,
        format,
        parserSettings: {
          ...read.settings,
          nullTokens: [...nullTokens],
          onError: problems.mode,
          ...(args.rename ? { rename: args.rename } : {}),
          ...(args.timestampFormats ? { timestampFormats: args.timestampFormats } : {}),
          ...(args.uploadedAs ? { uploaded: true } : {}),
        },
        rowsRead: read.rowsRead,
        rowsRejected: problems.rejected,
        startedAt: started.toISOString(),
        problems: problems.list,
        rejectedSamples: problems.samples,
      },
      args.roles,
    );
    ctx.progress({ phase: 'import', done: read.sizeBytes, total: read.sizeBytes, unit: 'bytes', rows: read.rowsRead });
    if (encoding === 'latin1') warnings.push({ code: 'encoding', message: `${capitalise(String(read.settings.encodingReason))}.` });
    if (read.rowsRead === 0) warnings.push({ code: 'no-rows', message: `${displayName} has a header but no data rows: "${name}" has ${columns.length} column${columns.length === 1 ? '' : 's'} and 0 rows, and analyses of it will fail until rows are appended.` });
    warnings.push(...personalDataWarning(writer.personal));
    return {
      dataset: name,
      kind: args.append ? 'append' : 'create',
      rows: read.rowsRead - problems.rejected,
      rejected: problems.rejected,
      columns,
      sha256: read.sha256,
      seconds: (Date.now() - started.getTime()) / 1000,
      problems: problems.list,
      rejectedSamples: problems.samples,
      warnings,
    };
  } catch (e) {
    (writer as DatasetWriter | undefined)?.abort();
    if (ctx.signal.aborted && !(e instanceof PlumblineError && e.code === 'CANCELLED')) throw new PlumblineError('CANCELLED', 'Import cancelled: nothing was changed.');
    throw e;
  }
}

/**
 * Types with the formats of chosen timestamps compiled (a bad format is refused before reading):
 * a format implies the timestamp type, and contradicts any other type chosen for its column.
 */
function chosenTimestampFormats(args: ImportArgs): { types?: Record<string, ColumnType>; parsers?: Record<string, TimestampParser> } {
  const formats = args.timestampFormats ?? {};
  if (Object.keys(formats).length === 0) return { types: args.types ? { ...args.types } : undefined };
  if (args.append) throw new PlumblineError('BAD_REQUEST', 'A timestamp format cannot be chosen for an append: the file takes the dataset\'s types.');
  const types: Record<string, ColumnType> = { ...(args.types ?? {}) };
  const parsers: Record<string, TimestampParser> = {};
  for (const [column, format] of Object.entries(formats)) {
    if (types[column] !== undefined && types[column] !== 'timestamp') {
      throw new PlumblineError('BAD_REQUEST', `Column ${JSON.stringify(column)} has a timestamp format but the type ${types[column]}.`);
    }
    types[column] = 'timestamp';
    parsers[column] = compileTimestampFormat(format, column);
  }
  return { types, parsers };
}

function defaultName(file: string): string {
  const base = path.basename(file).replace(/\.(csv|tsv|tab|txt|jsonl|ndjson|json|parquet|pq)?(\.gz)?$/i, '');
  return base || 'dataset';
}

/** `base`, or `base (2)`, `base (3)` …: the first name no dataset holds, pending imports' included. */
export function uniqueName(ws: Workspace, base: string): string {
  if (!ws.nameTaken(base)) return base;
  for (let i = 2; ; i++) if (!ws.nameTaken(`${base} (${i})`)) return `${base} (${i})`;
}
