/**
 * What the engine wants the analyst to know about an import (duplicate names suffixed, a Latin-1
 * fallback, no data rows, personal data left out of drift), each with how to act on it in the
 * terms of the screen it is shown on: the import dialog's controls, or the dataset page after it.
 */
import type { ImportWarning } from '../../../core/api/types';

export type WarningPlace = 'dialog' | 'result';

const HINTS: Record<ImportWarning['code'], Record<WarningPlace, string>> = {
  'duplicate-names': {
    dialog: 'Give them other names in the Name boxes of the columns table.',
    result: 'To choose other names, delete the dataset and import the file again with “Import with options…”, where each column’s Name can be changed.',
  },
  encoding: {
    dialog: 'If accented letters look wrong in the first rows below, save the file as UTF-8 and choose it again.',
    result: 'If accented letters look wrong, save the file as UTF-8 and import it again.',
  },
  'no-rows': {
    dialog: 'Analyses of an empty dataset fail; you can add rows to it later with “Add its rows to”.',
    result: 'Analyses of it fail until rows are added (“Import with options…”, then “Add its rows to”).',
  },
  'personal-data': {
    dialog: 'To analyse one anyway, choose another Role for it in the columns table.',
    result: 'To analyse one anyway, change its role on the dataset page.',
  },
};

export function warningHint(w: ImportWarning, place: WarningPlace): string {
  return HINTS[w.code]?.[place] ?? '';
}

export function ImportWarnings({ warnings, place, label }: { warnings: readonly ImportWarning[]; place: WarningPlace; label?: string }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="import-warnings" aria-label={label ?? 'Import warnings'}>
      {warnings.map((w, i) => (
        <li key={i} data-code={w.code}>
          {w.message} <span className="muted">{warningHint(w, place)}</span>
        </li>
      ))}
    </ul>
  );
}
