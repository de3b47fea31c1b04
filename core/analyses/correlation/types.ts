/**
 * Correlation (issue #14, data quality additions): the Pearson or Spearman correlation matrix of
 * the numeric features in a reference and a current dataset, and which pairs changed most.
 */
export type CorrelationMethod = 'pearson' | 'spearman';

export interface CorrelationOptions {
  /** Default pearson. */
  readonly method?: CorrelationMethod;
  /** Numeric columns of both datasets; default: the numeric features (role feature) of both. */
  readonly columns?: readonly string[];
  /** A pair whose |current − reference| reaches this is a changed pair (default 0.2). */
  readonly threshold?: number;
  /** How many of the largest changes to list (default 10). */
  readonly top?: number;
}

/** Square, symmetric, in `columns` order; null where pandas gives NaN (too few pairs, a constant column). */
export type Matrix = (number | null)[][];

export interface PairChange {
  readonly a: string;
  readonly b: string;
  readonly reference: number | null;
  readonly current: number | null;
  /** current − reference; null when either is undefined. */
  readonly change: number | null;
}

export interface CorrelationResult {
  readonly method: CorrelationMethod;
  readonly columns: string[];
  readonly reference: Matrix;
  readonly current: Matrix;
  /** current − reference per cell; null where either is undefined. */
  readonly change: Matrix;
  /** The pairs (a before b in `columns`) by |change|, largest first, at most `top`. */
  readonly largest_changes: PairChange[];
  readonly max_abs_change: number | null;
  readonly threshold: number;
  /** Pairs with |change| ≥ threshold. */
  readonly changed_pairs: number;
  /** Pairs undefined in either dataset. */
  readonly undefined_pairs: PairChange[];
  readonly n_reference_rows: number;
  readonly n_current_rows: number;
  /** Requested or candidate columns left out, and why. */
  readonly skipped: { readonly column: string; readonly reason: string }[];
  readonly notes: string[];
}
