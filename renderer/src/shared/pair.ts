/** Which two datasets to compare when the screen opens, and what the mapping needs about them. */
import type { DatasetDetail, DatasetSummary } from '../../../core/api/types';
import type { PairContext } from './settingsForm';

export interface Pair {
  readonly reference: string;
  readonly current: string;
}

export const DEMO_PAIR: Pair = { reference: 'demo-reference', current: 'demo-current' };
const LAST_PAIR_KEY = 'plumbline.drift.pair';

/**
 * The last pair chosen on this machine if both still exist; else the demo pair if present; else
 * the two most recently imported datasets, the older one as reference. Null with fewer than two.
 */
export function defaultPair(list: readonly DatasetSummary[], last: Pair | null = null): Pair | null {
  if (list.length < 2) return null;
  const names = new Set(list.map((d) => d.name));
  if (last && names.has(last.reference) && names.has(last.current)) return last;
  if (names.has(DEMO_PAIR.reference) && names.has(DEMO_PAIR.current)) return DEMO_PAIR;
  const recent = [...list].sort((a, b) => (a.importedAt < b.importedAt ? 1 : a.importedAt > b.importedAt ? -1 : b.id - a.id));
  return { reference: recent[1].name, current: recent[0].name };
}

export function readLastPair(): Pair | null {
  try {
    const v = JSON.parse(window.localStorage.getItem(LAST_PAIR_KEY) ?? 'null') as Pair | null;
    return v && typeof v.reference === 'string' && typeof v.current === 'string' ? v : null;
  } catch {
    return null;
  }
}

export function writeLastPair(p: Pair): void {
  try {
    window.localStorage.setItem(LAST_PAIR_KEY, JSON.stringify(p));
  } catch {
    // storage unavailable: the default pair is used next time
  }
}

/** The current dataset's timestamp-role column (a real timestamp) and its row count. */
export function pairContext(current: DatasetDetail): PairContext {
  const ts = current.columnInfo.find((c) => c.role === 'timestamp' && c.type === 'timestamp');
  return { timestamp: ts ? ts.name : null, currentRows: current.rows };
}
