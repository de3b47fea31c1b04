/**
 * Typed columns: the one in-memory shape shared by storage, import, analyses and reports.
 *
 * Numbers, booleans and timestamps are Float64Array with NaN meaning "missing" — a plain typed
 * array is what the statistics want, and NaN cannot occur as a real value because "NaN" is a null
 * token on import. Text is dictionary-encoded: codes index `dictionary`, -1 means missing.
 */
export type ColumnType =
  | 'integer'
  | 'real'
  | 'boolean' // stored as 0/1
  | 'timestamp' // stored as epoch milliseconds, UTC
  | 'categorical' // low-cardinality text
  | 'text'; // high-cardinality text or identifiers

export type ColumnRole =
  | 'id'
  | 'timestamp'
  | 'feature'
  | 'prediction'
  | 'score'
  | 'label'
  | 'group'
  | 'variant'
  | 'ignore';

export const COLUMN_TYPES: readonly ColumnType[] = ['integer', 'real', 'boolean', 'timestamp', 'categorical', 'text'];
export const COLUMN_ROLES: readonly ColumnRole[] = [
  'id', 'timestamp', 'feature', 'prediction', 'score', 'label', 'group', 'variant', 'ignore',
];

export interface NumericColumn {
  readonly name: string;
  readonly kind: 'numeric';
  readonly type: 'integer' | 'real' | 'boolean' | 'timestamp';
  /** NaN = missing. */
  readonly values: Float64Array;
  /**
   * The finite values of `values` in ascending order, when storage had them cached. Describes
   * exactly `values`: anything that derives a new column (a filter) must drop it.
   */
  readonly sortedFinite?: Float64Array;
}

export interface CategoricalColumn {
  readonly name: string;
  readonly kind: 'categorical';
  readonly type: 'categorical' | 'text';
  /** Index into `dictionary`; -1 = missing. */
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
}

export type TypedColumn = NumericColumn | CategoricalColumn;

export function isNumericType(t: ColumnType): t is NumericColumn['type'] {
  return t === 'integer' || t === 'real' || t === 'boolean' || t === 'timestamp';
}

export function columnLength(c: TypedColumn): number {
  return c.kind === 'numeric' ? c.values.length : c.codes.length;
}
