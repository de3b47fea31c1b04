import fs from 'node:fs';
import path from 'node:path';
import type { CallContext } from '../api/context';
import { PlumblineError } from '../api/errors';
import type { ImportArgs, ImportFormat, ImportResult } from '../api/types';
import type { Workspace } from '../workspace/workspace';
import { DatasetWriter, type WriterTarget } from './dataset-writer';
import { NotUtf8, type TextEncoding } from './decode';
import { detectFormat } from './formats/detect';
import type { RowSink } from './formats/sink';
import { progressReporter, readSource } from './read-source';
import { statSource } from './source';
import { checkHeader } from './header';
import { joinFile } from './join';
import { chosenTypeMessage, Problems } from './problems';
import { translateSqliteError } from './sqlite-errors';
import { DEFAULT_NULL_TOKENS } from './values';

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
      if (e instanceof NotUtf8) return await runImport(ws, args, ctx, hooks, 'latin1');
      throw e;
    }
  } catch (e) {
    throw translateSqliteError(e, ws.path);
  } finally {
    ws.forgetCaches();
  }
}

async function runImport(ws: Workspace, args: ImportArgs, ctx: CallContext, hooks: ImportHooks, encoding?: TextEncoding): Promise<ImportResult> {
  const started = new Date();
  const { abs } = statSource(args.path);
  const displayName = path.basename(abs);
  const format: ImportFormat = args.format ?? detectFormat(abs);
  if (args.name && args.append) throw new PlumblineError('BAD_REQUEST', 'Give either a name for a new dataset or --append DATASET, not both.');
  if (args.name && ws.findDataset(args.name)) {
    throw new PlumblineError('CONFLICT', `A dataset named ${JSON.stringify(args.name)} already exists. Choose another name, or delete it first.`);
  }
  if (args.append) ws.dataset(args.append);
  const name = args.append ?? args.name ?? uniqueName(ws, defaultName(abs));
  const nullTokens = args.nullTokens ?? DEFAULT_NULL_TOKENS;
  const problems = new Problems(args.onError ?? 'abort', displayName);
  const target: WriterTarget = {
    workspacePath: ws.path,
    openOptions: ws.openOptions,
    nullTokens,
    maxPageCount: hooks.maxPageCount,
    types: args.types,
    onBadCell: (bad) => problems.reject(bad.line, chosenTypeMessage(bad.value, bad.type), bad.raw, bad.column),
  };

  let writer: DatasetWriter | undefined;
  const sink: RowSink = {
    columns(names) {
      if (!writer) {
        const checked = checkHeader(names, displayName);
        writer = args.append ? DatasetWriter.append(target, args.append, checked, displayName, format === 'jsonl') : DatasetWriter.create(target, name, checked);
        // A header names every column up front: a typo in --role or --type is reported before reading on.
        if (format !== 'jsonl') {
          writer.checkNamed('--role', args.roles ?? {});
          writer.checkNamed('--type', args.types ?? {});
        }
      } else writer.addColumns(names.map((n, i) => (n.trim() === '' ? `column_${writer!.columnCount + i + 1}` : n)));
    },
    row(cells, line) {
      (writer as DatasetWriter).addRow(cells, line);
    },
    fields(row) {
      (writer as DatasetWriter).addFields(row);
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
    const read = await readSource(abs, { format, delimiter: args.delimiter, encoding }, sink, rc, onBytes);
    problems.finish();
    if (!writer) throw new PlumblineError('BAD_INPUT', `${displayName}: no columns found.`);
    if (ctx.signal.aborted) throw new PlumblineError('CANCELLED', 'Import cancelled: nothing was changed.');
    const columns = writer.commit(
      {
        sourcePath: abs,
        sizeBytes: read.sizeBytes,
        sha256: read.sha256,
        modifiedAt: read.modifiedAt,
        format,
        parserSettings: { ...read.settings, nullTokens: [...nullTokens], onError: problems.mode },
        rowsRead: read.rowsRead,
        rowsRejected: problems.rejected,
        startedAt: started.toISOString(),
        problems: problems.list,
        rejectedSamples: problems.samples,
      },
      args.roles,
    );
    ctx.progress({ phase: 'import', done: read.sizeBytes, total: read.sizeBytes, unit: 'bytes', rows: read.rowsRead });
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
    };
  } catch (e) {
    (writer as DatasetWriter | undefined)?.abort();
    if (ctx.signal.aborted && !(e instanceof PlumblineError && e.code === 'CANCELLED')) throw new PlumblineError('CANCELLED', 'Import cancelled: nothing was changed.');
    throw e;
  }
}

function defaultName(file: string): string {
  const base = path.basename(file).replace(/\.(csv|tsv|tab|txt|jsonl|ndjson|json|parquet|pq)?(\.gz)?$/i, '');
  return base || 'dataset';
}

export function uniqueName(ws: Workspace, base: string): string {
  if (!ws.findDataset(base)) return base;
  for (let i = 2; ; i++) if (!ws.findDataset(`${base} (${i})`)) return `${base} (${i})`;
}
