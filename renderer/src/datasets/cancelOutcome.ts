/**
 * What a cancelled import changed. A cancel stops the engine only before it saves: once the rows
 * are committed (the engine then sorts numeric columns into the column cache, which a cancel does
 * not undo), the import has happened — in browser mode the closed request still reads as
 * "cancelled" to the page. So the page compares the dataset list before the import with the list
 * after the cancel, and says what is true.
 */
import type { DatasetSummary } from '../../../core/api/types';

/** Datasets the import created or changed: new ones, or ones whose rows, columns or import time moved. */
export function datasetsChangedBy(before: readonly DatasetSummary[], after: readonly DatasetSummary[]): string[] {
  const was = new Map(before.map((d) => [d.name, d]));
  return after
    .filter((d) => {
      const b = was.get(d.name);
      return !b || b.id !== d.id || b.rows !== d.rows || b.columns !== d.columns || b.importedAt !== d.importedAt;
    })
    .map((d) => d.name);
}

export interface CancelledImport {
  /** Files imported in full before the one cancelled. */
  readonly imported: number;
  /** Datasets the cancelled file's import saved anyway (the cancel came after its commit); null when that could not be checked. */
  readonly landed: readonly string[] | null;
}

const quoted = (names: readonly string[]) => names.map((n) => `“${n}”`).join(', ');

/** The sentence the import status shows after a cancel: never "nothing was changed" when something was. */
export function cancelledText(c: CancelledImport): string {
  const before = c.imported > 0 ? `Import cancelled after ${c.imported} file(s)` : 'Import cancelled';
  if (c.landed === null) {
    return `${before}; whether the file in progress was saved before the cancel could not be checked: see the datasets list.`;
  }
  if (c.landed.length > 0) {
    const what = c.landed.length === 1 ? `${quoted(c.landed)} was` : `${quoted(c.landed)} were`;
    return `${before} too late to undo: ${what} already imported (the cancel came after the rows were saved). The column cache is finished in the background, or built by the first analysis.`;
  }
  return c.imported > 0 ? `${before}; the file in progress was not imported.` : 'Import cancelled: nothing was changed.';
}
