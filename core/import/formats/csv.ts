import Papa from 'papaparse';
import type { Readable } from 'node:stream';
import { PlumblineError, cancelled } from '../../api/errors';
import { NotUtf8 } from '../decode';
import type { ReadContext, ReadOutcome, RowSink } from './sink';

export interface CsvOptions {
  /** Detected from the first rows when not given. */
  readonly delimiter?: string;
}

/**
 * Streams CSV/TSV text through papaparse (its fast path is taken for chunks without quotes). Bad
 * rows go to the problem list with their line number; an unclosed quote is fatal, since
 * everything after it would be one field.
 */
export function readCsv(text: Readable, options: CsvOptions, sink: RowSink, rc: ReadContext): Promise<ReadOutcome> {
  const { ctx, problems, displayName } = rc;
  return new Promise((resolve, reject) => {
    let header: string[] | undefined;
    let width = 0;
    let rowsRead = 0;
    // 1-based line where the next row starts. Fields can hold newlines only once a quote has been
    // seen, so until then a row is exactly one line and no field needs scanning.
    let line = 1;
    let quoteSeen = false;
    let blanks = 0;
    let delimiter = options.delimiter ?? '';
    let failed = false;
    let parserRef: Papa.Parser | undefined;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      parserRef?.abort();
      text.destroy();
      reject(e);
    };
    text.on('data', (s: string) => {
      if (!quoteSeen && s.indexOf('"') >= 0) quoteSeen = true;
    });
    const onAbort = () => fail(cancelled());
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    Papa.parse<string[]>(text as unknown as File, {
      delimiter: options.delimiter ?? '',
      skipEmptyLines: false,
      chunk(results, parser) {
        parserRef = parser;
        if (failed) return parser.abort();
        try {
          if (ctx.signal.aborted) throw cancelled();
          if (!delimiter) delimiter = results.meta.delimiter;
          const errors = new Map<number, Papa.ParseError>();
          for (const e of results.errors) if (e.row !== undefined && e.code !== 'UndetectableDelimiter') errors.set(e.row, e);
          const rows = results.data;
          for (let k = 0; k < rows.length; k++) {
            const row = rows[k];
            const start = line;
            if (quoteSeen) for (let f = 0; f < row.length; f++) line += countNewlines(row[f]);
            line++;
            const err = errors.get(k);
            if (err?.code === 'MissingQuotes') {
              throw new PlumblineError(
                'BAD_INPUT',
                `${displayName}: line ${start}: a quoted field starts on this line and is never closed, so the rest of the file would be one value. Close the quote (a quote inside a quoted field is written twice: ""), then import again.`,
                { line: start },
              );
            }
            if (row.length === 1 && row[0] === '' && !err) {
              // A blank line is a missing value in a one-column file, else nothing. papaparse
              // drops the empty line after the final newline when streaming.
              if (width === 1) blanks++;
              continue;
            }
            for (; blanks > 0; blanks--) emit([null]);
            if (!header) {
              header = row;
              width = row.length;
              sink.columns(row);
              continue;
            }
            rowsRead++;
            if (err) {
              problems.reject(start, `${err.message}. A quote inside a quoted field is written twice ("").`, row.join(delimiter));
            } else if (row.length !== width) {
              problems.reject(
                start,
                `${row.length} field${row.length === 1 ? '' : 's'} where the header has ${width}. Fix the row, or check the delimiter (${JSON.stringify(delimiter)}; choose another with --delimiter).`,
                row.join(delimiter),
              );
            } else sink.row(row);
          }
          function emit(cells: (string | null)[]) {
            rowsRead++;
            sink.row(cells);
          }
          rc.progress(rowsRead);
        } catch (e) {
          fail(e);
        }
      },
      complete() {
        ctx.signal.removeEventListener('abort', onAbort);
        if (failed) return;
        if (!header) {
          fail(new PlumblineError('BAD_INPUT', `${displayName}: the file is empty. A CSV file needs a header row naming the columns, then one row per record.`));
          return;
        }
        try {
          for (; blanks > 0; blanks--) {
            rowsRead++;
            sink.row([null]);
          }
        } catch (e) {
          fail(e);
          return;
        }
        resolve({ rowsRead, settings: { delimiter, quoteChar: '"' } });
      },
      error(e: Error) {
        fail(e instanceof PlumblineError || e instanceof NotUtf8 ? e : new PlumblineError('BAD_INPUT', `${displayName}: cannot be read: ${e.message}`));
      },
    });
  });
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
