import Papa from 'papaparse';
import type { Readable } from 'node:stream';
import { ctl, guide } from '../../api/controls';
import { PlumblineError, cancelled } from '../../api/errors';
import { fieldStrings, type FieldBatch, type FieldRow, type ReadContext, type ReadOutcome, type RowSink } from './sink';

export interface CsvOptions {
  /** Detected from the first rows (by papaparse's guesser) when not given. */
  readonly delimiter?: string;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** Cells per batch of rows handed on to be typed by column: two Int32Arrays of this size stay in cache. */
const BATCH_CELLS = 65_536;

/**
 * Streams CSV/TSV text (RFC 4180: quoted fields may hold delimiters, doubled quotes and
 * newlines; CRLF or LF). Rows go to the sink as ranges of the decoded text: papaparse's arrays of
 * strings cost more in garbage collection than the whole parse on a million rows, so the tokenizer
 * is our own (the import dialog's preview uses it too); papaparse still guesses the delimiter.
 * Bad rows go to the problem list with their line number; an unclosed quote is fatal, since
 * everything after it would be one field.
 */
export async function readCsv(text: Readable, options: CsvOptions, sink: RowSink, rc: ReadContext): Promise<ReadOutcome> {
  const { ctx, problems, displayName } = rc;
  if (options.delimiter !== undefined && options.delimiter.length !== 1) {
    throw new PlumblineError('BAD_REQUEST', guide`The delimiter is one character, not ${JSON.stringify(options.delimiter)}: choose one ${ctl('delimiter')}.`);
  }
  let delimiter = options.delimiter ?? '';
  let delim = delimiter ? delimiter.charCodeAt(0) : -1;
  const row = { text: '', line: 0, count: 0, starts: new Int32Array(64), ends: new Int32Array(64), unescaped: [] as (string | undefined)[], quoted: new Uint8Array(64), escaped: false };
  let toBatch: ((batch: FieldBatch) => void) | undefined;
  /** With a sink that takes batches: the good rows so far share row's arrays, one after another; the row being read starts at `base`. */
  let batch: { text: string; width: number; rows: number; starts: Int32Array; ends: Int32Array } | undefined;
  let capacity = 0;
  let base = 0;
  /** Hands on the rows batched so far (before any other call to the sink, and before the text they point into is dropped); the row being read moves to the front. */
  const flushBatch = (rowCells: number) => {
    if (!batch || batch.rows === 0) return;
    batch.starts = row.starts;
    batch.ends = row.ends;
    (toBatch as (b: FieldBatch) => void)(batch);
    batch.rows = 0;
    if (rowCells > 0) {
      row.starts.copyWithin(0, base, base + rowCells);
      row.ends.copyWithin(0, base, base + rowCells);
      row.quoted.copyWithin(0, base, base + rowCells);
    }
    base = 0;
  };
  let header = false;
  let width = 0;
  let rowsRead = 0;
  let line = 1;
  let blanks = 0;
  let crOnly = false;
  let first = true;

  const emitRow = (buf: string, rowStart: number, rowEnd: number, rowLine: number, bad: string | undefined) => {
    row.text = buf;
    row.line = rowLine;
    if (row.count === 1 && row.starts[base] === row.ends[base] && !row.quoted[base]) {
      // A blank line is a missing value in a one-column file, else nothing.
      if (header && width === 1) blanks++;
      return;
    }
    if (!header) {
      header = true;
      width = row.count;
      sink.columns(fieldStrings(row));
      toBatch = sink.batches?.();
      if (toBatch) {
        capacity = Math.max(1, Math.floor(BATCH_CELLS / width));
        batch = { text: '', width, rows: 0, starts: row.starts, ends: row.ends };
      }
      return;
    }
    if (blanks > 0) flushBatch(row.count);
    for (; blanks > 0; blanks--) {
      rowsRead++;
      sink.row([null], rowLine - blanks);
    }
    rowsRead++;
    if (bad) problems.reject(rowLine, bad, buf.slice(rowStart, rowEnd));
    else if (row.count !== width) {
      problems.reject(
        rowLine,
        guide`${row.count} field${row.count === 1 ? '' : 's'} where the header has ${width}. Fix the row, or check the delimiter (${JSON.stringify(delimiter)}; choose another ${ctl('delimiter')}).`,
        buf.slice(rowStart, rowEnd),
      );
    } else if (batch && !row.escaped) {
      if (batch.rows++ === 0) batch.text = buf;
      base += width;
      if (batch.rows === capacity) flushBatch(0);
    } else {
      flushBatch(row.count);
      sink.fields(row);
    }
  };

  /** Parses the complete rows of buf; returns where the first incomplete one starts. */
  const parseRows = (buf: string, final: boolean): number => {
    const n = buf.length;
    let pos = 0;
    let nextLf = -1;
    let nextDelim = -1;
    while (pos < n) {
      const rowStart = pos;
      const rowLine = line;
      let innerLines = 0;
      let bad: string | undefined;
      let count = 0;
      let i = pos;
      let rowEnd: number;
      row.escaped = false;
      for (;;) {
        if (base + count === row.starts.length) grow(row);
        if (i < n && buf.charCodeAt(i) === QUOTE) {
          let j = i + 1;
          let escaped = false;
          let q: number;
          for (;;) {
            q = buf.indexOf('"', j);
            if (q < 0 || (q + 1 >= n && !final)) {
              if (!final) return rowStart;
              throw new PlumblineError(
                'BAD_INPUT',
                `${displayName}: line ${rowLine + countLf(buf, rowStart, i)}: a quoted field starts on this line and is never closed, so the rest of the file would be one value. Close the quote (a quote inside a quoted field is written twice: ""), then import again.`,
                { line: rowLine + countLf(buf, rowStart, i) },
              );
            }
            if (buf.charCodeAt(q + 1) === QUOTE) {
              escaped = true;
              j = q + 2;
              continue;
            }
            break;
          }
          row.starts[base + count] = i + 1;
          row.ends[base + count] = q;
          row.unescaped[count] = escaped ? buf.slice(i + 1, q).replaceAll('""', '"') : undefined;
          if (escaped) row.escaped = true;
          row.quoted[base + count] = 1;
          count++;
          innerLines += countLf(buf, i + 1, q);
          i = q + 1;
          const c = i < n ? buf.charCodeAt(i) : -1;
          if (c === delim) {
            i++;
            continue;
          }
          if (c !== LF && c !== CR && c !== -1) {
            bad ??= 'text follows the closing quote of a quoted field. A quote inside a quoted field is written twice ("").';
            // Read on to the end of this field, as text.
            while (i < n) {
              const d = buf.charCodeAt(i);
              if (d === delim || d === LF || d === CR) break;
              i++;
            }
            if (i >= n && !final) return rowStart;
            if (i < n && buf.charCodeAt(i) === delim) {
              i++;
              continue;
            }
          }
        } else {
          let j: number;
          let c: number;
          if (crOnly) {
            j = i;
            c = -1;
            while (j < n) {
              c = buf.charCodeAt(j);
              if (c === delim || c === LF || c === CR) break;
              j++;
            }
          } else {
            // Native searches for the next line end and delimiter beat a loop over characters.
            if (nextLf < i) {
              nextLf = buf.indexOf('\n', i);
              if (nextLf < 0) nextLf = n;
            }
            if (nextDelim < i) {
              nextDelim = buf.indexOf(delimiter, i);
              if (nextDelim < 0) nextDelim = n;
            }
            j = nextDelim < nextLf ? nextDelim : nextLf;
            c = j < n ? buf.charCodeAt(j) : -1;
            if (c === LF && j > i && buf.charCodeAt(j - 1) === CR) {
              j--;
              c = CR;
            }
          }
          if (j >= n) {
            if (!final) return rowStart;
            c = -1;
            // The file's last line ends with a lone CR.
            if (j > i && buf.charCodeAt(j - 1) === CR) {
              j--;
              c = CR;
            }
          }
          row.starts[base + count] = i;
          row.ends[base + count] = j;
          row.unescaped[count] = undefined;
          row.quoted[base + count] = 0;
          count++;
          i = j;
          if (c === delim) {
            i++;
            continue;
          }
        }
        // End of the row: i is at its terminator (or the end of the text).
        rowEnd = i;
        if (i < n) {
          if (buf.charCodeAt(i) === CR) {
            if (i + 1 >= n && !final) return rowStart;
            i += buf.charCodeAt(i + 1) === LF ? 2 : 1;
          } else i++;
        }
        break;
      }
      row.count = count;
      line += 1 + innerLines;
      pos = i;
      emitRow(buf, rowStart, rowEnd, rowLine, bad);
    }
    return pos;
  };

  let buf = '';
  for await (const piece of text as AsyncIterable<string>) {
    if (ctx.signal.aborted) throw cancelled();
    buf = buf.length ? buf + piece : piece;
    if (delim < 0) {
      delimiter = guessDelimiter(buf);
      delim = delimiter.charCodeAt(0);
    }
    if (first) {
      first = false;
      // Classic Mac files end lines with CR alone; they take the character-by-character path.
      crOnly = buf.indexOf('\n') < 0 && buf.indexOf('\r') >= 0;
    }
    const parsed = parseRows(buf, false);
    flushBatch(0);
    buf = buf.slice(parsed);
    rc.progress(rowsRead);
  }
  if (ctx.signal.aborted) throw cancelled();
  if (delim < 0) {
    delimiter = ',';
    delim = 44;
  }
  parseRows(buf, true);
  flushBatch(0);
  if (!header) throw new PlumblineError('BAD_INPUT', `${displayName}: the file is empty. A CSV file needs a header row naming the columns, then one row per record.`);
  for (; blanks > 0; blanks--) {
    rowsRead++;
    sink.row([null], line - blanks);
  }
  return { rowsRead, settings: { delimiter, quoteChar: '"' } };
}

/** papaparse's guess among , tab | ; from the first rows; ',' when it cannot tell. */
export function guessDelimiter(sample: string): string {
  const head = sample.length > 65_536 ? sample.slice(0, 65_536) : sample;
  const guessed = Papa.parse<string[]>(head, { preview: 50, delimiter: '' }).meta.delimiter;
  return guessed && guessed.length === 1 ? guessed : ',';
}

function countLf(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function grow(row: { starts: Int32Array; ends: Int32Array; quoted: Uint8Array }): void {
  const size = row.starts.length * 2;
  const starts = new Int32Array(size);
  starts.set(row.starts);
  const ends = new Int32Array(size);
  ends.set(row.ends);
  const quoted = new Uint8Array(size);
  quoted.set(row.quoted);
  row.starts = starts;
  row.ends = ends;
  row.quoted = quoted;
}

export type { FieldRow };
