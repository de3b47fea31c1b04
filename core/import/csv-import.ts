import Papa from 'papaparse';
import { PlumblineError, cancelled } from '../api/errors';
import type { CallContext } from '../api/context';
import type { OpenedSource } from './source';
import type { DatasetWriter } from './dataset-writer';

export interface CsvSettings {
  readonly delimiter?: string;
}

/**
 * Streams a CSV file through papaparse into a writer created once the header is known. Resolves with
 * the number of data rows read; rejects with a BAD_INPUT error naming file, row and what to do.
 */
export function streamCsv(
  source: OpenedSource,
  settings: CsvSettings,
  makeWriter: (header: string[]) => DatasetWriter,
  ctx: CallContext,
  displayName: string,
): Promise<{ writer: DatasetWriter; rowsRead: number; delimiter: string }> {
  return new Promise((resolve, reject) => {
    let writer: DatasetWriter | undefined;
    let header: string[] | undefined;
    let rowsRead = 0;
    let delimiter = settings.delimiter ?? '';
    let lastProgress = 0;
    let failed = false;
    const fail = (e: unknown, parser?: Papa.Parser) => {
      if (failed) return;
      failed = true;
      parser?.abort();
      writer?.abort();
      reject(e);
    };
    Papa.parse<string[]>(source.text as unknown as File, {
      delimiter: settings.delimiter ?? '',
      skipEmptyLines: 'greedy',
      chunk(results, parser) {
        try {
          if (ctx.signal.aborted) throw cancelled();
          if (!delimiter) delimiter = results.meta.delimiter;
          const fatal = results.errors.find((e) => e.type === 'Quotes');
          if (fatal) {
            throw new PlumblineError(
              'BAD_INPUT',
              `${displayName}: row ${rowsRead + (fatal.row ?? 0) + 2}: ${fatal.message}. Close the quote or remove the stray quote character, then import again.`,
            );
          }
          let rows = results.data;
          if (!header) {
            if (rows.length === 0) return;
            header = rows[0];
            rows = rows.slice(1);
            writer = makeWriter(header);
          }
          for (const row of rows) {
            rowsRead++;
            if (row.length !== header.length) {
              throw new PlumblineError(
                'BAD_INPUT',
                `${displayName}: data row ${rowsRead} (line ${rowsRead + 1} if no field spans lines) has ${row.length} fields, the header has ${header.length}. Fix the row or check the delimiter (${JSON.stringify(delimiter)}).`,
                { row: rowsRead, fields: row.length, expected: header.length },
              );
            }
            writer!.addRow(row);
          }
          const now = Date.now();
          if (now - lastProgress > 100) {
            lastProgress = now;
            ctx.progress({ phase: 'import', done: source.bytesRead(), total: source.sizeBytes, unit: 'bytes', rows: rowsRead });
          }
        } catch (e) {
          fail(e, parser);
        }
      },
      complete() {
        if (failed) return;
        if (!header || !writer) {
          fail(new PlumblineError('BAD_INPUT', `${displayName}: the file is empty. A CSV needs a header row naming the columns.`));
          return;
        }
        resolve({ writer, rowsRead, delimiter });
      },
      error(e: Error) {
        fail(new PlumblineError('BAD_INPUT', `${displayName}: cannot be read: ${e.message}`));
      },
    });
    ctx.signal.addEventListener('abort', () => fail(cancelled()), { once: true });
  });
}
