/**
 * Data quality beside drift, per column, reference vs current. Works from the prepared (sorted or
 * counted) columns so it costs a few binary searches, not another pass over the rows.
 */
import { searchLeft, searchRight } from '../../stats/quantile';
import type { Prepared } from './prepare';
import type { ColumnQuality, NewCategory } from './types';

export interface QualityContext {
  readonly column: string;
  readonly rowsReference: number;
  readonly rowsCurrent: number;
  readonly typeViolations?: { readonly reference?: number; readonly current?: number };
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function outOfRange(refSorted: Float64Array, curSorted: Float64Array): { share: number | null; min: number | null; max: number | null } {
  if (refSorted.length === 0) return { share: null, min: null, max: null };
  // + 0 turns −0 into 0, which is what JSON would print anyway.
  const min = refSorted[0] + 0;
  const max = refSorted[refSorted.length - 1] + 0;
  if (curSorted.length === 0) return { share: null, min, max };
  const below = searchLeft(curSorted, min);
  const above = curSorted.length - searchRight(curSorted, max);
  return { share: (below + above) / curSorted.length, min, max };
}

function distinctSorted(sorted: Float64Array): number {
  return sorted.length === 0 ? 0 : sorted[0] === sorted[sorted.length - 1] ? 1 : 2;
}

export function columnQuality(ctx: QualityContext, p: Prepared): ColumnQuality {
  const base = {
    column: ctx.column,
    kind: p.kind,
    rows_reference: ctx.rowsReference,
    rows_current: ctx.rowsCurrent,
    missing_share_reference: share(p.missingRef, ctx.rowsReference),
    missing_share_current: share(p.missingCur, ctx.rowsCurrent),
    type_violations_reference: ctx.typeViolations?.reference ?? 0,
    type_violations_current: ctx.typeViolations?.current ?? 0,
  };
  if (p.kind === 'numerical') {
    const r = outOfRange(p.refSorted, p.curSorted);
    return {
      ...base,
      out_of_range_share_current: r.share,
      reference_min: r.min,
      reference_max: r.max,
      new_categories: [],
      constant_reference: distinctSorted(p.refSorted) <= 1,
      constant_current: distinctSorted(p.curSorted) <= 1,
    };
  }
  const fresh: NewCategory[] = [];
  let distinctRef = 0;
  let distinctCur = 0;
  for (let i = 0; i < p.labels.length; i++) {
    if (p.refCounts[i] > 0) distinctRef++;
    if (p.curCounts[i] > 0) distinctCur++;
    if (p.refCounts[i] === 0 && p.curCounts[i] > 0) fresh.push({ value: p.labels[i], count: p.curCounts[i] });
  }
  fresh.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const r = p.numeric ? outOfRange(p.numeric.refSorted, p.numeric.curSorted) : { share: null, min: null, max: null };
  return {
    ...base,
    out_of_range_share_current: r.share,
    reference_min: r.min,
    reference_max: r.max,
    new_categories: fresh,
    constant_reference: distinctRef <= 1,
    constant_current: distinctCur <= 1,
  };
}
