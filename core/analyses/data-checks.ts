import { PlumblineError } from '../api/errors';

/**
 * Checks every analysis makes of the data it is given, before and after its segment filter:
 * shared so that drift, and the analyses that come after it, answer alike.
 */

/** A dataset as an analysis reads it: its role in the analysis, its name, rows (after a filter). */
export interface AnalysedData {
  /** 'reference', 'current', … — how the analysis and its flags call it. */
  readonly as: string;
  readonly dataset: string;
  readonly rows: number;
}

/**
 * An analysis without data is an error, never a pass: "no drift" on 0 rows would let an empty
 * export through a pipeline's `--fail-on-drift`. NO_DATA names every empty dataset (and the
 * segment filter, when it is the filter that left nothing).
 */
export function requireData(data: readonly AnalysedData[], where?: string): void {
  const empty = data.filter((d) => d.rows === 0);
  if (empty.length === 0) return;
  const list = empty.map((d) => `the ${d.as} dataset ${JSON.stringify(d.dataset)}`).join(' and ');
  const message = where
    ? `No rows to analyse: the segment filter ${JSON.stringify(where)} leaves no rows of ${list}. Widen the filter.`
    : `No rows to analyse: ${list} ${empty.length === 1 ? 'has' : 'have'} 0 rows. Import or append its data first.`;
  throw new PlumblineError('NO_DATA', message, { empty: empty.map((d) => ({ as: d.as, dataset: d.dataset })), ...(where ? { where } : {}) });
}

/** What is known of the two datasets of a comparison: their names and the SHA-256 of each import. */
export interface ComparedDataset {
  readonly name: string;
  readonly sha256s: readonly string[];
}

/**
 * A comparison of a dataset with itself (by name, or the same files imported twice) finds no
 * difference by construction: a warning, so a clean result is not taken for evidence.
 */
export function selfComparisonWarnings(reference: ComparedDataset, current: ComparedDataset): string[] {
  if (reference.name === current.name) {
    return [`The reference and the current dataset are the same dataset (${JSON.stringify(reference.name)}): they cannot differ, so this finds no drift by construction.`];
  }
  const same = reference.sha256s.length > 0 && reference.sha256s.length === current.sha256s.length && reference.sha256s.every((s, i) => s === current.sha256s[i]);
  if (same) {
    return [`${JSON.stringify(reference.name)} and ${JSON.stringify(current.name)} were imported from identical files (same SHA-256): they cannot differ, so this finds no drift by construction.`];
  }
  return [];
}
