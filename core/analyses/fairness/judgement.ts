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

/**
 * Per result, each attribute and whether its reference group is too small — looked up once, since
 * judging every group (charts, metrics, tables) would otherwise scan the too-small list per group:
 * quadratic in the groups of a high-cardinality attribute.
 */
const referenceTooSmall = new WeakMap<FairnessResult, Map<string, { attr: AttributeResult; tooSmall: boolean }>>();

function attributeInfo(result: FairnessResult, attribute: string): { attr: AttributeResult; tooSmall: boolean } | undefined {
  let byName = referenceTooSmall.get(result);
  if (!byName) {
    byName = new Map(result.attributes.map((a) => [a.attribute, { attr: a, tooSmall: a.reference_group != null && a.too_small_groups.includes(a.reference_group) }]));
    referenceTooSmall.set(result, byName);
  }
  return byName.get(attribute);
}

export function judgeGroup(result: FairnessResult, g: GroupResult): GroupJudgement {
  const info = attributeInfo(result, g.attribute);
  const attr = info?.attr;
  const refTooSmall = !!info?.tooSmall && !g.flags.is_reference;
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
