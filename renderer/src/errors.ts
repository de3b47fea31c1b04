import { renderParts, type Control, type ControlRef } from '../../core/api/controls';
import { PlumblineError } from '../../core/api/errors';

/**
 * The controls a message can point to, as the screens name them (the CLI names flags instead).
 * Each phrase carries its preposition, so "choose another ⟨…⟩" reads whichever surface completes it.
 */
const ON_SCREEN: Record<Control, (value?: string) => string> = {
  delimiter: () => 'in the Delimiter list of the import dialog',
  // The app picks a format by the file's name: a Parquet file without .parquet is read as text.
  format: (v) => (v ? `by giving the file a name ending in .${v} and opening it again` : 'by giving the file a name ending in its format'),
  name: () => 'in the import dialog’s “New dataset, named” field',
  append: () => 'with “Add its rows to” in the import dialog',
  skipBadRows: () => 'with “Leave out rows that cannot be read” in the import dialog',
  workspace: () => 'by starting Plumbline with another workspace (PLUMBLINE_DB)',
  role: () => 'in the Role list of the import dialog',
  type: () => 'in the Type list of the import dialog',
  rename: () => 'in the “Name of” fields of the import dialog',
  joinOn: () => 'in the “matching on” list of the import dialog',
};

export function onScreen(ref: ControlRef): string {
  return ON_SCREEN[ref.control](ref.value);
}

/** A readable sentence for any error: the engine's message, or what to do about a lost session. */
export function errorMessage(e: unknown): string {
  if (e instanceof PlumblineError && e.code === 'UNAUTHORIZED') {
    return 'This page is not signed in to Plumbline. Open the link that `plumbline serve` printed (it carries the access token), or restart it.';
  }
  // A message that points to a setting names it as this screen shows it, not by its CLI flag.
  if (e instanceof PlumblineError && e.parts) return renderParts(e.parts, onScreen);
  if (e instanceof Error) return e.message || 'Something went wrong.';
  return String(e);
}
