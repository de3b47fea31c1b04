import type { CallContext } from '../../api/context';
import type { Problems } from '../problems';

/** Where a format reader sends what it reads. */
export interface RowSink {
  /** The header (first call), then columns first seen later (JSON Lines keys). */
  columns(names: readonly string[]): void;
  /** One row in column order; missing trailing cells are read as missing. */
  row(cells: readonly (string | null | undefined)[]): void;
}

export interface ReadContext {
  readonly ctx: CallContext;
  readonly problems: Problems;
  readonly displayName: string;
  /** Reports bytes read so far; throttled by the caller. */
  readonly progress: (rows: number) => void;
}

export interface ReadOutcome {
  /** Data rows read, good and bad. */
  readonly rowsRead: number;
  /** Parser settings worth recording in the provenance. */
  readonly settings: Record<string, unknown>;
}
