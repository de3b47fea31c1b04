import { cliPhrase, ctl, guide, renderParts, type MessagePart } from '../api/controls';
import { PlumblineError } from '../api/errors';
import type { ImportProblem } from '../api/types';

export const MAX_PROBLEMS = 20;
const SAMPLE_CHARS = 1000;

/**
 * What the import dialog needs to offer the right way out of a failed import (details of the
 * BAD_INPUT error): every bad row is counted, and when every row was bad because of one column's
 * chosen type, that column and type are named.
 */
export interface BadRowsDetails {
  readonly problems: readonly ImportProblem[];
  /** Bad rows in the whole file (not only the listed ones). */
  readonly rejected: number;
  readonly rowsRead: number;
  /** Every data row was bad: importing without them would leave an empty dataset. */
  readonly allRowsBad: boolean;
  /** When one column refused every row: the column and the type chosen for it (the likely cause). */
  readonly column?: string;
  readonly type?: string;
}

/**
 * Bad rows met during an import. Every bad row is counted, whatever the mode, and the first 20
 * are listed. With 'abort' the import fails at the end of the file if there was any; with 'skip'
 * the rows are left out, counted and sampled — unless every row was bad: an empty dataset is never
 * made silently.
 */
export class Problems {
  readonly list: ImportProblem[] = [];
  readonly samples: string[] = [];
  rejected = 0;
  /** Rows refused by each column's chosen type. */
  private readonly byColumn = new Map<string, { rows: number; type?: string }>();

  constructor(
    readonly mode: 'abort' | 'skip',
    private readonly displayName: string,
  ) {}

  /** Records a bad row. The caller leaves the row out. `type`: the chosen type the cell did not fit. */
  reject(line: number, message: string | readonly MessagePart[], raw: string, column?: string, type?: string): void {
    this.rejected++;
    if (column !== undefined) {
      const c = this.byColumn.get(column);
      if (c) c.rows++;
      else this.byColumn.set(column, { rows: 1, type });
    }
    if (this.list.length < MAX_PROBLEMS) this.list.push(problem(line, message, column));
    if (this.samples.length < MAX_PROBLEMS) this.samples.push(raw.length > SAMPLE_CHARS ? `${raw.slice(0, SAMPLE_CHARS)}…` : raw);
  }

  /**
   * At the end of the file, with the number of data rows read (bad ones included): in 'abort'
   * mode any bad row fails the import; in either mode a file whose every row was bad does.
   */
  finish(rowsRead: number): void {
    const allRowsBad = rowsRead > 0 && this.rejected >= rowsRead;
    if (allRowsBad || (this.mode === 'abort' && this.rejected > 0)) throw this.error(rowsRead, allRowsBad);
  }

  private error(rowsRead: number, allRowsBad: boolean): PlumblineError {
    const n = (x: number) => x.toLocaleString('en-US');
    const shown = this.list.flatMap((p) => [`\n  line ${p.line}${p.column !== undefined ? `, column ${JSON.stringify(p.column)}` : ''}: `, ...(p.parts ?? [p.message])]);
    const listed = this.rejected > this.list.length ? ` (the first ${this.list.length} are listed)` : '';
    const culprit = [...this.byColumn].find(([, c]) => c.rows === this.rejected && c.type !== undefined);
    const details: BadRowsDetails = {
      problems: this.list,
      rejected: this.rejected,
      rowsRead,
      allRowsBad,
      ...(culprit ? { column: culprit[0], type: culprit[1].type } : {}),
    };
    let advice: MessagePart[];
    if (allRowsBad && culprit) {
      const [column, { type }] = culprit;
      const q = JSON.stringify(column);
      advice = [
        ...guide`Every row was refused by column ${q} (type ${type ?? ''}, chosen for it): the type is the likely cause, not the rows. Import the column as text ${ctl('type', `${column}=text`)}`,
        ...(type === 'timestamp' ? guide`, or give its format ${ctl('type', `${column}=timestamp:%Y%m%d`)}.` : [', or choose another type.']),
      ];
    } else if (allRowsBad) {
      advice = guide`Leaving the bad rows out would leave no data: check the delimiter (${ctl('delimiter')}) and the format (${ctl('format')}).`;
    } else {
      advice = guide`Fix these rows, or import ${ctl('skipBadRows')} to leave bad rows out (they are counted and sampled).`;
    }
    const what = allRowsBad ? `all ${n(rowsRead)} row${rowsRead === 1 ? ' is' : 's are'} bad` : `${n(this.rejected)} of ${n(rowsRead)} row${rowsRead === 1 ? ' is' : 's are'} bad`;
    return new PlumblineError('BAD_INPUT', [`${this.displayName}: ${what}${listed}; nothing was imported.`, ...shown, '\n', ...advice], details);
  }
}

/** A problem as the API carries it: the CLI wording, and the parts when it names a control. */
function problem(line: number, message: string | readonly MessagePart[], column?: string): ImportProblem {
  const text = typeof message === 'string' ? message : renderParts(message, cliPhrase);
  return {
    line,
    ...(column === undefined ? {} : { column }),
    message: text,
    ...(typeof message === 'string' ? {} : { parts: message }),
  };
}

/** A value that does not fit the type the user chose for its column (import and join alike). */
export function chosenTypeMessage(value: string, type: string, format?: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  const hint =
    type !== 'timestamp' ? '' : format ? ` (format ${JSON.stringify(format)})` : ' (ISO 8601 with T or a space, YYYYMMDD, or integer epoch seconds or milliseconds)';
  return `${JSON.stringify(shown)} is not a ${type} value${hint}, the type chosen for this column. Fix the value, or choose another type.`;
}
