import { describe, expect, it } from 'vitest';
import { ctl, guide, type Control } from '../../../core/api/controls';
import { PlumblineError } from '../../../core/api/errors';
import { errorMessage, onScreen } from '../../../renderer/src/errors';
import { problemsIn } from '../../../renderer/src/datasets/useImporter';

const ALL: readonly Control[] = ['delimiter', 'format', 'name', 'append', 'skipBadRows', 'workspace', 'role', 'type', 'joinOn'];

describe('messages on screen name the control, not the CLI flag', () => {
  it('every control has an on-screen name without a flag in it', () => {
    for (const c of ALL) {
      const shown = onScreen(ctl(c, 'parquet'));
      expect(shown, c).not.toMatch(/--/);
      expect(shown.length, c).toBeGreaterThan(3);
    }
  });

  it('an engine error with controls reads with the dialog’s labels; the CLI keeps its flags', () => {
    const e = new PlumblineError('BAD_INPUT', guide`Fix the row, or check the delimiter (";"; choose another ${ctl('delimiter')}). Or import ${ctl('skipBadRows')}.`);
    expect(e.message).toContain('with --delimiter');
    const shown = errorMessage(e);
    expect(shown).toBe(
      'Fix the row, or check the delimiter (";"; choose another in the Delimiter list of the import dialog). Or import with “Leave out rows that cannot be read” in the import dialog.',
    );
    expect(errorMessage(new PlumblineError('BAD_INPUT', guide`If it is Parquet, import it ${ctl('format', 'parquet')}.`))).toBe(
      'If it is Parquet, import it by giving the file a name ending in .parquet and opening it again.',
    );
  });

  it('plain messages pass through, and import problems from the engine get the same treatment', () => {
    expect(errorMessage(new PlumblineError('NOT_FOUND', 'No dataset named "x".'))).toBe('No dataset named "x".');
    const problems = problemsIn({
      problems: [
        { line: 3, message: '2 fields where the header has 3 (choose another with --delimiter).', parts: guide`2 fields where the header has 3 (choose another ${ctl('delimiter')}).` },
        { line: 4, column: 'age', message: '"x" is not a integer value.' },
      ],
    });
    expect(problems).toEqual([
      { line: 3, column: undefined, message: '2 fields where the header has 3 (choose another in the Delimiter list of the import dialog).' },
      { line: 4, column: 'age', message: '"x" is not a integer value.' },
    ]);
  });
});
