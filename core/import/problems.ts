import { cliPhrase, ctl, guide, renderParts, type MessagePart } from '../api/controls';
import { PlumblineError } from '../api/errors';
import type { ImportProblem } from '../api/types';

export const MAX_PROBLEMS = 20;
const SAMPLE_CHARS = 1000;

/**
 * Bad rows met during an import. With 'abort' the import fails once 20 problems are known (or at
 * the end of the file), listing them all; with 'skip' the rows are left out, counted and sampled.
 */
export class Problems {
  readonly list: ImportProblem[] = [];
  readonly samples: string[] = [];
  rejected = 0;

  constructor(
    readonly mode: 'abort' | 'skip',
    private readonly displayName: string,
  ) {}

  /** Records a bad row. The caller leaves the row out; in 'abort' mode this may throw. */
  reject(line: number, message: string | readonly MessagePart[], raw: string, column?: string): void {
    this.rejected++;
    if (this.list.length < MAX_PROBLEMS) this.list.push(problem(line, message, column));
    if (this.samples.length < MAX_PROBLEMS) this.samples.push(raw.length > SAMPLE_CHARS ? `${raw.slice(0, SAMPLE_CHARS)}…` : raw);
    if (this.mode === 'abort' && this.list.length >= MAX_PROBLEMS) throw this.error();
  }

  /** At the end of the file: in 'abort' mode any problem fails the import. */
  finish(): void {
    if (this.mode === 'abort' && this.rejected > 0) throw this.error();
  }

  private error(): PlumblineError {
    const shown = this.list.flatMap((p) => [`\n  line ${p.line}${p.column !== undefined ? `, column ${JSON.stringify(p.column)}` : ''}: `, ...(p.parts ?? [p.message])]);
    const more = this.rejected >= MAX_PROBLEMS ? ` (stopped after the first ${MAX_PROBLEMS})` : '';
    return new PlumblineError(
      'BAD_INPUT',
      [
        `${this.displayName}: ${this.rejected} bad row${this.rejected === 1 ? '' : 's'}${more}; nothing was imported.`,
        ...shown,
        ...guide`\nFix these rows, or import ${ctl('skipBadRows')} to leave bad rows out (they are counted and sampled).`,
      ],
      { problems: this.list },
    );
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
export function chosenTypeMessage(value: string, type: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  const hint = type === 'timestamp' ? ' (ISO 8601, or integer epoch seconds or milliseconds)' : '';
  return `${JSON.stringify(shown)} is not a ${type} value${hint}, the type chosen for this column. Fix the value, or choose another type.`;
}
