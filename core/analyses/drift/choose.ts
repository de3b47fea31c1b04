/**
 * Which test a column gets. Defaults follow Evidently's data-drift preset: a small reference
 * (≤ 1000 non-missing values) gets a p-value test — ks for numerical, z for binary categorical,
 * chisquare otherwise — and a larger one a distance — normed Wasserstein for numerical,
 * Jensen–Shannon for categorical.
 */
import { DEFAULT_THRESHOLDS, type ColumnKind, type DriftTest, type TestChoice } from './types';

export const DEFAULT_SMALL_REFERENCE_ROWS = 1000;

const NUMERICAL_TESTS: ReadonlySet<DriftTest> = new Set<DriftTest>(['ks', 'wasserstein', 'psi', 'jensenshannon', 'hellinger']);
const CATEGORICAL_TESTS: ReadonlySet<DriftTest> = new Set<DriftTest>(['chisquare', 'z', 'psi', 'jensenshannon', 'hellinger']);

export interface ChosenTest {
  readonly test: DriftTest;
  readonly threshold: number;
  readonly reason: string;
}

export interface ChoiceContext {
  readonly kind: ColumnKind;
  /** Non-missing reference values. */
  readonly nReference: number;
  /** Distinct categories across both datasets (categorical only). */
  readonly nCategories: number;
  readonly smallReferenceRows?: number;
}

export function defaultTest(ctx: ChoiceContext): ChosenTest {
  const limit = ctx.smallReferenceRows ?? DEFAULT_SMALL_REFERENCE_ROWS;
  const small = ctx.nReference <= limit;
  const size = small
    ? `the reference has ${ctx.nReference} values (≤ ${limit})`
    : `the reference has ${ctx.nReference} values (> ${limit})`;
  let test: DriftTest;
  let why: string;
  if (ctx.kind === 'numerical') {
    test = small ? 'ks' : 'wasserstein';
    why = small ? 'numerical column and ' + size + ': Kolmogorov–Smirnov test' : 'numerical column and ' + size + ': normed Wasserstein distance';
  } else if (small && ctx.nCategories <= 2) {
    test = 'z';
    why = `binary categorical column and ${size}: two-proportion z-test`;
  } else {
    test = small ? 'chisquare' : 'jensenshannon';
    why = small ? `categorical column and ${size}: chi-square test` : `categorical column and ${size}: Jensen–Shannon distance`;
  }
  return { test, threshold: DEFAULT_THRESHOLDS[test], reason: `default for a ${why}` };
}

export function applies(test: DriftTest, kind: ColumnKind, nCategories: number): boolean {
  if (kind === 'numerical') return NUMERICAL_TESTS.has(test);
  if (test === 'z') return nCategories <= 2;
  return CATEGORICAL_TESTS.has(test);
}

/**
 * Resolve the requested test for one column: the per-column choice wins over the global one,
 * a threshold given without a test keeps the (default or global) test, and a test that cannot
 * apply to this column falls back to the default with the reason saying so.
 */
export function chooseTest(ctx: ChoiceContext, global: TestChoice | undefined, column: TestChoice | undefined): ChosenTest {
  const requested = column?.test ?? global?.test;
  const threshold = column?.threshold ?? (column?.test !== undefined ? undefined : global?.threshold);
  const source = column?.test !== undefined ? 'chosen for this column' : 'chosen for all columns';
  if (requested === undefined) {
    const d = defaultTest(ctx);
    return threshold === undefined ? d : { ...d, threshold, reason: `${d.reason}; threshold set by user` };
  }
  if (!applies(requested, ctx.kind, ctx.nCategories)) {
    const d = defaultTest(ctx);
    const what = requested === 'z' && ctx.kind === 'categorical' ? `a column with ${ctx.nCategories} categories (z needs two)` : `a ${ctx.kind} column`;
    return { ...d, reason: `${requested} (${source}) does not apply to ${what}; used the ${d.reason}` };
  }
  return {
    test: requested,
    threshold: threshold ?? DEFAULT_THRESHOLDS[requested],
    reason: `${requested} ${source}${threshold === undefined ? ', default threshold' : ''}`,
  };
}
