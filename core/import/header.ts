import { PlumblineError } from '../api/errors';
import type { ImportWarning } from '../api/types';

/** A column whose name in the file was taken by an earlier column, and the name it got. */
export interface RenamedDuplicate {
  /** 1-based position in the header. */
  readonly position: number;
  readonly from: string;
  readonly to: string;
}

export interface CheckedHeader {
  readonly names: string[];
  readonly duplicates: readonly RenamedDuplicate[];
}

/**
 * Column names are data, so any string is allowed. Empty names get a positional name; a name seen
 * before gets a suffix exactly as pandas' read_csv gives it (`x`, `x.1`, `x.2`, skipping a suffix
 * that another column of the header already has: `a,a,a.1` → `a,a.2,a.1`), so a file that
 * pandas reads keeps the column names an analyst knows from it.
 */
export function dedupeHeader(header: readonly string[], offset = 0): CheckedHeader {
  const names = header.map((h, i) => (h.trim() === '' ? `column_${offset + i + 1}` : h));
  const inHeader = new Set(names);
  const counts = new Map<string, number>();
  const duplicates: RenamedDuplicate[] = [];
  names.forEach((original, i) => {
    let col = original;
    let count = counts.get(col) ?? 0;
    if (count > 0) {
      // pandas' C parser (parsers.pyx, _get_header): bump the suffix past names the header already has.
      while (count > 0) {
        counts.set(original, count + 1);
        col = `${original}.${count}`;
        count = inHeader.has(col) ? count + 1 : (counts.get(col) ?? 0);
      }
      names[i] = col;
      duplicates.push({ position: i + 1, from: original, to: col });
    }
    counts.set(col, count + 1);
  });
  return { names, duplicates };
}

/**
 * Renames chosen by the user (`--rename old=new`, the import dialog's name fields), applied to the
 * header after duplicates got their suffix and before anything is written. Every old name must be a
 * column and the result must still have one column per name.
 */
export function applyRenames(names: readonly string[], renames: Readonly<Record<string, string>> | undefined, displayName: string): string[] {
  if (!renames || Object.keys(renames).length === 0) return [...names];
  const unknown = Object.keys(renames).filter((old) => !names.includes(old));
  if (unknown.length) {
    throw new PlumblineError('BAD_REQUEST', `${displayName}: rename names column(s) the file does not have: ${unknown.map(quote).join(', ')}.`, { option: 'rename', columns: unknown });
  }
  const out = names.map((n) => (Object.prototype.hasOwnProperty.call(renames, n) ? renames[n] : n));
  const empty = out.filter((n) => n.trim() === '');
  if (empty.length) throw new PlumblineError('BAD_REQUEST', `${displayName}: a column cannot be renamed to an empty name.`, { option: 'rename' });
  const seen = new Set<string>();
  for (const n of out) {
    if (seen.has(n)) {
      throw new PlumblineError('BAD_REQUEST', `${displayName}: after renaming, two columns would be named ${quote(n)}. Choose another name.`, { option: 'rename', columns: [n] });
    }
    seen.add(n);
  }
  return out;
}

/** The import-result warning for duplicate names, or none. */
export function duplicateWarning(duplicates: readonly RenamedDuplicate[]): ImportWarning[] {
  if (duplicates.length === 0) return [];
  const list = duplicates.map((d) => `column ${d.position} ${quote(d.from)} → ${quote(d.to)}`).join(', ');
  return [
    {
      code: 'duplicate-names',
      message: `The header names ${duplicates.length === 1 ? 'a column' : `${duplicates.length} columns`} twice; the later one${duplicates.length === 1 ? ' was' : 's were'} imported under a suffixed name, as pandas reads them: ${list}.`,
      columns: duplicates.map((d) => d.to),
    },
  ];
}

/** The header as the import uses it: duplicates suffixed (reported), then the user's renames. */
export function checkHeader(header: readonly string[], displayName: string, offset = 0, renames?: Readonly<Record<string, string>>): CheckedHeader {
  const { names, duplicates } = dedupeHeader(header, offset);
  return { names: applyRenames(names, renames, displayName), duplicates };
}

function quote(n: string): string {
  return JSON.stringify(n.length > 100 ? `${n.slice(0, 100)}…` : n);
}
