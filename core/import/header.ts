import { PlumblineError } from '../api/errors';

/**
 * Column names are data, so any string is allowed — but two columns may not share a name, or
 * analyses could not tell them apart. Empty names get a positional name.
 */
export function checkHeader(header: readonly string[], displayName: string, offset = 0): string[] {
  const names = header.map((h, i) => (h.trim() === '' ? `column_${offset + i + 1}` : h));
  const seen = new Map<string, number>();
  names.forEach((n, i) => {
    const prev = seen.get(n);
    if (prev !== undefined) {
      throw new PlumblineError(
        'BAD_INPUT',
        `${displayName}: line 1: columns ${prev + 1} and ${i + 1} are both named ${JSON.stringify(n.length > 100 ? `${n.slice(0, 100)}…` : n)}. Rename one of them in the header row, then import again.`,
        { line: 1, columns: [prev + 1, i + 1] },
      );
    }
    seen.set(n, i);
  });
  return names;
}
