import path from 'node:path';
import type { CallContext } from '../api/context';
import { PlumblineError } from '../api/errors';
import type { ImportArgs, ImportResult } from '../api/types';
import type { Workspace } from '../workspace/workspace';
import { DatasetWriter } from './dataset-writer';
import { streamCsv } from './csv-import';
import { openSource } from './source';
import { DEFAULT_NULL_TOKENS } from './values';
import { checkHeader } from './header';

/** Imports a file as a new dataset. Atomic: on any error or cancellation nothing is written. */
export async function importFile(ws: Workspace, args: ImportArgs, ctx: CallContext): Promise<ImportResult> {
  const started = new Date();
  const displayName = path.basename(args.path);
  const name = args.name ?? uniqueName(ws, defaultName(args.path));
  if (args.name && ws.findDataset(args.name)) {
    throw new PlumblineError('CONFLICT', `A dataset named ${JSON.stringify(args.name)} already exists. Choose another name, or delete it first.`);
  }
  const source = openSource(args.path);
  const nullTokens = new Set(DEFAULT_NULL_TOKENS);
  const { writer, rowsRead, delimiter } = await streamCsv(
    source,
    {},
    (header) => new DatasetWriter(ws.path, ws.openOptions, name, checkHeader(header, displayName), nullTokens),
    ctx,
    displayName,
  );
  if (ctx.signal.aborted) {
    writer.abort();
    throw new PlumblineError('CANCELLED', 'Import cancelled: nothing was changed.');
  }
  let columns;
  try {
    columns = writer.commit({
      sourcePath: source.path,
      sizeBytes: source.sizeBytes,
      sha256: source.sha256(),
      modifiedAt: source.modifiedAt,
      format: 'csv',
      parserSettings: { delimiter, nullTokens: [...nullTokens], encoding: 'utf-8' },
      rowsRead,
      rowsRejected: 0,
      startedAt: started.toISOString(),
    });
  } catch (e) {
    writer.abort();
    throw e;
  }
  ws.forgetCaches();
  return {
    dataset: name,
    kind: 'create',
    problems: [],
    rejectedSamples: [],
    rows: rowsRead,
    rejected: 0,
    columns,
    sha256: source.sha256(),
    seconds: (Date.now() - started.getTime()) / 1000,
  };
}

function defaultName(file: string): string {
  const base = path.basename(file).replace(/\.(csv|tsv|txt|jsonl|ndjson|parquet)(\.gz)?$/i, '');
  return base || 'dataset';
}

function uniqueName(ws: Workspace, base: string): string {
  if (!ws.findDataset(base)) return base;
  for (let i = 2; ; i++) if (!ws.findDataset(`${base} (${i})`)) return `${base} (${i})`;
}
