/**
 * What one group's row means for a reader: which metrics it fails at τ, and whether those failures
 * count. The CLI's text, the checks, the screen's table and the report all say it the same way, so
 * a too-small group's failure is always shown and always said not to count.
 */
import { DISPARITY_RATES, PARITY_NAMES, type AttributeResult, type DisparityRate, type FairnessResult, type GroupResult } from './types';

export type GroupStatus = 'reference' | 'pass' | 'fail' | 'too_small' | 'undefined';

export interface GroupJudgement {
  readonly status: GroupStatus;
  /** Metrics failing parity that count (group, reference and denominators big enough). */
  readonly failed: readonly DisparityRate[];
  /** Metrics failing parity that are not counted, because something is too small to judge. */
  readonly unjudgedFailed: readonly DisparityRate[];
  /** Why the group (or some of its metrics) cannot be judged; null when everything is judged. */
  readonly why: string | null;
}

export function attributeOf(result: FairnessResult, g: GroupResult): AttributeResult | undefined {
  return result.attributes.find((a) => a.attribute === g.attribute);
}

export function judgeGroup(result: FairnessResult, g: GroupResult): GroupJudgement {
  const attr = attributeOf(result, g);
  const refTooSmall = attr?.reference_group != null && attr.too_small_groups.includes(attr.reference_group) && !g.flags.is_reference;
  const failed: DisparityRate[] = [];
  const unjudgedFailed: DisparityRate[] = [];
  let anyDefined = false;
  for (const r of DISPARITY_RATES) {
    const v = g.parity[PARITY_NAMES[r]];
    if (v !== null) anyDefined = true;
    if (v !== false) continue;
    if (g.flags.too_small || refTooSmall || g.flags.small_denominator.includes(r)) unjudgedFailed.push(r);
    else failed.push(r);
  }
  const reasons: string[] = [];
  if (g.flags.too_small) reasons.push(`${g.size} rows, under the minimum of ${result.min_group_size}`);
  if (refTooSmall) reasons.push(`the reference group "${attr!.reference_group}" has under ${result.min_group_size} rows`);
  const smallRates = g.flags.small_denominator;
  if (!g.flags.too_small && !refTooSmall && smallRates.length) reasons.push(`${smallRates.join(', ')}: denominator under ${result.min_denominator}`);
  const why = reasons.length ? reasons.join('; ') : null;
  const status: GroupStatus = g.flags.is_reference ? 'reference' : g.flags.too_small || refTooSmall ? 'too_small' : failed.length ? 'fail' : anyDefined ? 'pass' : 'undefined';
  return { status, failed, unjudgedFailed, why };
}

/** True when some judged group fails parity on some metric at τ (the `--fail-on-disparity` test). */
export function anyJudgedFailure(result: FairnessResult): boolean {
  return result.attributes.some((a) => DISPARITY_RATES.some((r) => (a.verdicts[PARITY_NAMES[r]]?.fail ?? 0) > 0));
}
