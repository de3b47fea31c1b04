import fs from 'node:fs';
import path from 'node:path';
import { PlumblineError } from '../api/errors';
import type { ImportFormat } from '../api/types';
import { decodeText, encodingReason, type TextEncoding } from './decode';
import { readCsv } from './formats/csv';
import { readJsonl } from './formats/jsonl';
import { readParquet } from './formats/parquet';
import type { ReadContext, RowSink } from './formats/sink';
import { hashFileInBackground } from './hash-file';
import { openSource } from './source';

export interface SourceRead {
  readonly rowsRead: number;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly modifiedAt: string;
  /** Parser settings for the provenance. */
  readonly settings: Record<string, unknown>;
}

export interface ReadOptions {
  readonly format: ImportFormat;
  readonly delimiter?: string;
  /** Forced after a first attempt found invalid UTF-8. */
  readonly encoding?: TextEncoding;
  /** With a forced Latin-1: the first byte offset that was not UTF-8, for the provenance. */
  readonly invalidUtf8At?: number;
}

/**
 * Reads a whole file of any supported format into a sink, checking at the end that the file did
 * not change while it was read. `onBytes` receives bytes read so far, for progress.
 */
export async function readSource(abs: string, opts: ReadOptions, sink: RowSink, rc: ReadContext, onBytes: (done: number) => void): Promise<SourceRead> {
  const displayName = path.basename(abs);
  if (opts.format === 'parquet') {
    const stat = fs.statSync(abs);
    const hash = hashFileInBackground(abs);
    try {
      const outcome = await readParquet(abs, sink, rc, onBytes);
      const hashed = await hash.result;
      const now = fs.statSync(abs);
      if (now.mtimeMs !== stat.mtimeMs || now.size !== stat.size || hashed.bytes !== stat.size) {
        throw new PlumblineError('BAD_INPUT', `${displayName} changed while it was being read. Nothing was imported. Import it again once it is written completely.`);
      }
      return { rowsRead: outcome.rowsRead, sizeBytes: stat.size, sha256: hashed.sha256, modifiedAt: stat.mtime.toISOString(), settings: outcome.settings };
    } finally {
      hash.stop();
    }
  }
  const source = openSource(abs);
  try {
    const decoded = decodeText(source.bytes, displayName, opts.encoding);
    const rcBytes: ReadContext = { ...rc, progress: (rows) => (onBytes(source.bytesRead()), rc.progress(rows)) };
    const outcome =
      opts.format === 'jsonl'
        ? await readJsonl(decoded.text, sink, rcBytes)
        : await readCsv(decoded.text, { delimiter: opts.delimiter ?? (opts.format === 'tsv' ? '\t' : undefined) }, sink, rcBytes);
    source.checkUnchanged();
    return {
      rowsRead: outcome.rowsRead,
      sizeBytes: source.sizeBytes,
      sha256: await source.sha256(),
      modifiedAt: source.modifiedAt,
      settings: {
        ...outcome.settings,
        encoding: decoded.encoding(),
        encodingReason: encodingReason(decoded.encoding(), decoded.hadBom(), opts.invalidUtf8At),
        gzip: source.gzip,
      },
    };
  } finally {
    source.close();
  }
}

/** Throttled progress reporting shared by every kind of import. */
export function progressReporter(rcBase: Omit<ReadContext, 'progress'>, total: () => number): { rc: ReadContext; onBytes: (b: number) => void; bytes: () => number } {
  let done = 0;
  let last = 0;
  const rc: ReadContext = {
    ...rcBase,
    progress(rows) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      rcBase.ctx.progress({ phase: 'import', done, total: total(), unit: 'bytes', rows });
    },
  };
  return { rc, onBytes: (b) => (done = b), bytes: () => done };
}
