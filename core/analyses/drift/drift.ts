/**
 * Per-column drift between a reference and a current dataset, plus dataset drift, data quality
 * and (optionally) drift over time. Pure: typed columns and options in, JSON-ready result out.
 */
import type { ColumnRole, NumericColumn, TypedColumn } from '../../data/column';
import { columnLength } from '../../data/column';
import { numericBinCounts, shares } from '../../stats/binning';
import { quantileSorted } from '../../stats/quantile';
import { ksGapSorted } from '../../stats/ks';
import { chooseTest, type ChosenTest } from './choose';
import { analyzeOverTime, type PreparedColumn } from './over-time';
import {
  distinctAcross,
  evaluateCategorical,
  evaluateNumeric,
  finiteSorted,
  isDrifted,
  prepareCategorical,
  prepareNumeric,
  prepareNumericAsCategorical,
  type Prepared,
} from './prepare';
import { columnQuality } from './quality';
import type {
  DriftColumnResult,
  DriftDistribution,
  DriftInput,
  DriftOptions,
  DriftResult,
  QuantilePoints,
  QuantileTable,
} from './types';

export { isDrifted } from './prepare';

/** Sorted finite values: from the storage's cache when it has them, else sorted here. */
function sortedOf(col: NumericColumn): { sorted: Float64Array; missing: number } {
  if (col.sortedFinite) return { sorted: col.sortedFinite, missing: col.values.length - col.sortedFinite.length };
  return finiteSorted(col.values);
}

export const DEFAULT_DRIFT_SHARE_THRESHOLD = 0.5;
export const DEFAULT_CATEGORICAL_MAX_DISTINCT = 5;
/** Roles that describe rows rather than the data's distribution. */
const SKIPPED_ROLES: ReadonlySet<ColumnRole> = new Set<ColumnRole>(['id', 'timestamp', 'ignore']);
const QUANTILE_TABLE = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1];
const MAX_ECDF_POINTS = 200;

function quantileTable(sorted: Float64Array): QuantileTable | null {
  if (sorted.length === 0) return null;
  return { q: QUANTILE_TABLE, values: QUANTILE_TABLE.map((q) => quantileSorted(sorted, q)) };
}

function ecdfPoints(sorted: Float64Array): QuantilePoints | null {
  const n = sorted.length;
  if (n === 0) return null;
  const m = Math.min(MAX_ECDF_POINTS, n);
  const p = m === 1 ? [0.5] : Array.from({ length: m }, (_, i) => i / (m - 1));
  return { p, values: p.map((q) => quantileSorted(sorted, q)) };
}

/** Short edge text for bin labels (the exact edges are in `edges`). */
export function formatEdge(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const s = x.toPrecision(6);
  const [mantissa, exponent] = s.split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent}`;
}

function binLabels(edges: readonly number[]): string[] {
  const interior = edges.slice(1, -1);
  if (interior.length === 0) return ['all values'];
  const labels = [`< ${formatEdge(interior[0])}`];
  for (let i = 1; i < interior.length; i++) labels.push(`[${formatEdge(interior[i - 1])}, ${formatEdge(interior[i])})`);
  labels.push(`≥ ${formatEdge(interior[interior.length - 1])}`);
  return labels;
}

function distributionOf(p: Prepared): DriftDistribution {
  if (p.kind === 'numerical') {
    const cur = numericBinCounts(p.curSorted, p.edges);
    return {
      edges: p.edges,
      labels: binLabels(p.edges),
      reference_counts: Array.from(p.refBinCounts),
      current_counts: Array.from(cur),
      reference_shares: Array.from(shares(p.refBinCounts)),
      current_shares: Array.from(shares(cur)),
      reference_quantiles: quantileTable(p.refSorted),
      current_quantiles: quantileTable(p.curSorted),
      reference_ecdf: ecdfPoints(p.refSorted),
      current_ecdf: ecdfPoints(p.curSorted),
      ks_gap: ksGapSorted(p.refSorted, p.curSorted),
    };
  }
  const num = p.numeric;
  return {
    edges: null,
    labels: p.labels,
    reference_counts: Array.from(p.refCounts),
    current_counts: Array.from(p.curCounts),
    reference_shares: Array.from(shares(p.refCounts)),
    current_shares: Array.from(shares(p.curCounts)),
    reference_quantiles: num ? quantileTable(num.refSorted) : null,
    current_quantiles: num ? quantileTable(num.curSorted) : null,
    reference_ecdf: null,
    current_ecdf: null,
    ks_gap: null,
  };
}

/** Sorted/counted view of one column pair, and its kind. */
function prepareColumn(refCol: TypedColumn, curCol: TypedColumn, maxDistinct: number): Prepared {
  if (refCol.kind === 'numeric' && curCol.kind === 'numeric') {
    const refS = sortedOf(refCol);
    const curS = sortedOf(curCol);
    const distinct = distinctAcross(refS.sorted, curS.sorted, maxDistinct);
    if (distinct.length <= maxDistinct) return prepareNumericAsCategorical(refCol.values, curCol.values, refS, curS, distinct);
    return prepareNumeric(refCol.values, curCol.values, refS, curS);
  }
  return prepareCategorical(refCol, curCol);
}

function nonMissing(p: Prepared): { nRef: number; nCur: number; nCategories: number } {
  if (p.kind === 'numerical') return { nRef: p.refSorted.length, nCur: p.curSorted.length, nCategories: 0 };
  let nRef = 0;
  let nCur = 0;
  for (let i = 0; i < p.labels.length; i++) {
    nRef += p.refCounts[i];
    nCur += p.curCounts[i];
  }
  return { nRef, nCur, nCategories: p.labels.length };
}

function missingMessage(nRef: number, nCur: number, rowsRef: number, rowsCur: number): string | null {
  if (nRef === 0 && nCur === 0) {
    return rowsRef + rowsCur === 0 ? 'both datasets are empty' : 'all values are missing in both datasets';
  }
  if (nRef === 0) return rowsRef === 0 ? 'the reference dataset is empty' : `all ${rowsRef} reference values are missing; nothing to compare against`;
  if (nCur === 0) return rowsCur === 0 ? 'the current dataset is empty' : `all ${rowsCur} current values are missing`;
  return null;
}

function notesFor(p: Prepared, nCur: number): string | null {
  const notes: string[] = [];
  if (p.kind === 'categorical' && p.numeric) {
    notes.push(`numeric column with ${p.labels.length} distinct value${p.labels.length === 1 ? '' : 's'}: analysed as categorical`);
  }
  if (p.kind === 'numerical') {
    const cr = p.refSorted.length > 0 && p.refSorted[0] === p.refSorted[p.refSorted.length - 1];
    const cc = p.curSorted.length > 0 && p.curSorted[0] === p.curSorted[p.curSorted.length - 1];
    if (cr) notes.push('the reference is constant');
    if (cc) notes.push('the current data is constant');
  } else {
    const oneRef = Array.from(p.refCounts).filter((c) => c > 0).length === 1;
    const oneCur = Array.from(p.curCounts).filter((c) => c > 0).length === 1;
    if (oneRef && oneCur && p.labels.length === 1) notes.push('constant in both datasets');
    else {
      if (oneRef) notes.push('the reference is constant');
      if (oneCur) notes.push('the current data is constant');
    }
  }
  if (nCur === 1) notes.push('the current data has a single value; any test has very little power');
  return notes.length > 0 ? notes.join('; ') : null;
}

function errorRow(column: string, role: ColumnRole | null, kind: 'numerical' | 'categorical', message: string, extra?: Partial<DriftColumnResult>): DriftColumnResult {
  return {
    column,
    role,
    kind,
    test: null,
    statistic: null,
    p_value: null,
    threshold: null,
    drifted: false,
    raw_distance: null,
    method: null,
    missing_reference: 0,
    missing_current: 0,
    n_reference: 0,
    n_current: 0,
    reason: 'not tested',
    error: message,
    note: null,
    distribution: null,
    ...extra,
  };
}

/** The columns analysed by default: in both datasets, with a role other than id/timestamp/ignore. */
export function defaultDriftColumns(input: DriftInput): string[] {
  return defaultDriftColumnNames(input.reference.map((c) => c.name), input.current.map((c) => c.name), input.roles);
}

/** The same choice from column names and roles alone (before any column is read). */
export function defaultDriftColumnNames(reference: readonly string[], current: readonly string[], roles: Readonly<Record<string, ColumnRole>> | undefined): string[] {
  const inCurrent = new Set(current);
  return reference.filter((name) => inCurrent.has(name) && !SKIPPED_ROLES.has(roles?.[name] ?? 'feature'));
}

export function analyzeDrift(input: DriftInput, options: DriftOptions = {}): DriftResult {
  const refByName = new Map(input.reference.map((c) => [c.name, c] as const));
  const curByName = new Map(input.current.map((c) => [c.name, c] as const));
  const rowsRef = input.reference.length > 0 ? columnLength(input.reference[0]) : 0;
  const rowsCur = input.current.length > 0 ? columnLength(input.current[0]) : 0;
  const maxDistinct = options.categoricalMaxDistinct ?? DEFAULT_CATEGORICAL_MAX_DISTINCT;
  const shareThreshold = options.driftShareThreshold ?? DEFAULT_DRIFT_SHARE_THRESHOLD;
  const names = options.columns ?? defaultDriftColumns(input);

  const columns: DriftColumnResult[] = [];
  const quality: DriftResult['quality'] = [];
  const prepared: PreparedColumn[] = [];

  for (const name of names) {
    const role = input.roles?.[name] ?? null;
    const refCol = refByName.get(name);
    const curCol = curByName.get(name);
    if (!refCol || !curCol) {
      const where = !refCol && !curCol ? 'either dataset' : !refCol ? 'the reference dataset' : 'the current dataset';
      const kind = (refCol ?? curCol)?.kind === 'numeric' ? 'numerical' : 'categorical';
      columns.push(errorRow(name, role, kind, `column "${name}" is not in ${where}`));
      continue;
    }
    const p = prepareColumn(refCol, curCol, maxDistinct);
    const rowsR = columnLength(refCol);
    const rowsC = columnLength(curCol);
    quality.push(columnQuality({ column: name, rowsReference: rowsR, rowsCurrent: rowsC, typeViolations: options.typeViolations?.[name] }, p));
    const { nRef, nCur, nCategories } = nonMissing(p);
    const chosen: ChosenTest = chooseTest(
      { kind: p.kind, nReference: nRef, nCategories, smallReferenceRows: options.smallReferenceRows },
      { test: options.test, threshold: options.threshold },
      options.perColumn?.[name],
    );
    const counts = { missing_reference: p.missingRef, missing_current: p.missingCur, n_reference: nRef, n_current: nCur };
    const missing = missingMessage(nRef, nCur, rowsR, rowsC);
    if (missing !== null) {
      columns.push(errorRow(name, role, p.kind, missing, { ...counts, test: chosen.test, threshold: chosen.threshold, reason: chosen.reason }));
      continue;
    }
    const e = p.kind === 'numerical' ? evaluateNumeric(chosen.test, p, p.curSorted) : evaluateCategorical(chosen.test, p.labels, p.refCounts, p.curCounts);
    columns.push({
      column: name,
      role,
      kind: p.kind,
      test: chosen.test,
      statistic: e.statistic,
      p_value: e.p_value,
      threshold: chosen.threshold,
      drifted: isDrifted(chosen.test, e, chosen.threshold),
      raw_distance: e.raw_distance,
      method: e.method,
      ...counts,
      reason: chosen.reason,
      error: e.statistic === null ? `${chosen.test} is undefined for these data` : null,
      note: notesFor(p, nCur),
      distribution: distributionOf(p),
    });
    // Sorted copies are large (8 bytes a value per side): keep them only when chunks need them.
    if (options.overTime) prepared.push({ name, role, prepared: p, test: chosen.test, threshold: chosen.threshold });
  }

  const result = driftSummary(rowsRef, rowsCur, columns, quality, shareThreshold);
  if (options.overTime) {
    return { ...result, over_time: analyzeOverTime(prepared, input, options.overTime) };
  }
  return result;
}

/** Dataset drift from the per-column results: shared by one whole run and by merged parts. */
export function driftSummary(
  rowsRef: number,
  rowsCur: number,
  columns: DriftColumnResult[],
  quality: DriftResult['quality'],
  shareThreshold: number,
): DriftResult {
  const tested = columns.filter((c) => c.error === null);
  const nDrifted = tested.filter((c) => c.drifted).length;
  const shareDrifted = tested.length > 0 ? nDrifted / tested.length : 0;
  return {
    n_reference_rows: rowsRef,
    n_current_rows: rowsCur,
    columns,
    n_tested: tested.length,
    n_drifted: nDrifted,
    share_drifted: shareDrifted,
    drift_share_threshold: shareThreshold,
    dataset_drift: tested.length > 0 && shareDrifted >= shareThreshold,
    quality,
  };
}
