import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CallContext } from '../api/context';
import { PlumblineError } from '../api/errors';
import type { ImportArgs, ImportFormat, ImportResult } from '../api/types';
import type { Workspace } from '../workspace/workspace';
import { DatasetWriter, type WriterTarget } from './dataset-writer';
import { decodeText, NotUtf8, type TextEncoding } from './decode';
import { readCsv } from './formats/csv';
import { detectFormat } from './formats/detect';
import { readJsonl } from './formats/jsonl';
import { readParquet } from './formats/parquet';
import type { ReadContext, ReadOutcome, RowSink } from './formats/sink';
import { checkHeader } from './header';
import { joinFile } from './join';
import { Problems } from './problems';
import { openSource, statSource } from './source';
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
  const target: WriterTarget = { workspacePath: ws.path, openOptions: ws.openOptions, nullTokens, maxPageCount: hooks.maxPageCount };
  const problems = new Problems(args.onError ?? 'abort', displayName);

  let writer: DatasetWriter | undefined;
  const sink: RowSink = {
    columns(names) {
      if (!writer) {
        const checked = checkHeader(names, displayName);
        writer = args.append ? DatasetWriter.append(target, args.append, checked, displayName) : DatasetWriter.create(target, name, checked);
      } else writer.addColumns(names.map((n, i) => (n.trim() === '' ? `column_${writer!.columnCount + i + 1}` : n)));
    },
    row(cells) {
      (writer as DatasetWriter).addRow(cells);
    },
  };
  let bytesDone = 0;
  let lastProgress = 0;
  let sizeBytes = fs.statSync(abs).size;
  const rc: ReadContext = {
    ctx,
    problems,
    displayName,
    progress(rows) {
      const now = Date.now();
      if (now - lastProgress < 100) return;
      lastProgress = now;
      ctx.progress({ phase: 'import', done: bytesDone, total: sizeBytes, unit: 'bytes', rows });
    },
  };

  try {
    let outcome: ReadOutcome;
    let sha256: string;
    let modifiedAt: string;
    let settings: Record<string, unknown>;
    if (format === 'parquet') {
      const stat = fs.statSync(abs);
      sha256 = await hashFile(abs);
      outcome = await readParquet(abs, sink, rc, (done) => (bytesDone = done));
      if (fs.statSync(abs).mtimeMs !== stat.mtimeMs || (await hashFile(abs)) !== sha256) {
        throw new PlumblineError('BAD_INPUT', `${displayName} changed while it was being read. Nothing was imported. Import it again once it is written completely.`);
      }
      modifiedAt = stat.mtime.toISOString();
      settings = outcome.settings;
    } else {
      const source = openSource(abs);
      sizeBytes = source.sizeBytes;
      const decoded = decodeText(source.bytes, displayName, encoding);
      const sampleBytes = () => (bytesDone = source.bytesRead());
      const rcBytes: ReadContext = { ...rc, progress: (rows) => (sampleBytes(), rc.progress(rows)) };
      outcome =
        format === 'jsonl'
          ? await readJsonl(decoded.text, sink, rcBytes)
          : await readCsv(decoded.text, { delimiter: args.delimiter ?? (format === 'tsv' ? '\t' : undefined) }, sink, rcBytes);
      source.checkUnchanged();
      sha256 = source.sha256();
      modifiedAt = source.modifiedAt;
      settings = { ...outcome.settings, encoding: decoded.encoding(), gzip: source.gzip };
    }
    problems.finish();
    if (!writer) throw new PlumblineError('BAD_INPUT', `${displayName}: no columns found.`);
    if (ctx.signal.aborted) throw new PlumblineError('CANCELLED', 'Import cancelled: nothing was changed.');
    const columns = writer.commit(
      {
        sourcePath: abs,
        sizeBytes,
        sha256,
        modifiedAt,
        format,
        parserSettings: { ...settings, nullTokens: [...nullTokens], onError: problems.mode },
        rowsRead: outcome.rowsRead,
        rowsRejected: problems.rejected,
        startedAt: started.toISOString(),
      },
      args.roles,
    );
    ctx.progress({ phase: 'import', done: sizeBytes, total: sizeBytes, unit: 'bytes', rows: outcome.rowsRead });
    return {
      dataset: name,
      kind: args.append ? 'append' : 'create',
      rows: outcome.rowsRead - problems.rejected,
      rejected: problems.rejected,
      columns,
      sha256,
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

export function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    fs.createReadStream(file, { highWaterMark: 1 << 20 })
      .on('data', (b) => hash.update(b))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

function defaultName(file: string): string {
  const base = path.basename(file).replace(/\.(csv|tsv|tab|txt|jsonl|ndjson|json|parquet|pq)?(\.gz)?$/i, '');
  return base || 'dataset';
}

export function uniqueName(ws: Workspace, base: string): string {
  if (!ws.findDataset(base)) return base;
  for (let i = 2; ; i++) if (!ws.findDataset(`${base} (${i})`)) return `${base} (${i})`;
}
