/**
 * A group row's verdict at τ as the table shows it — the same rule as the CLI and the report
 * (core/analyses/fairness/judgement.ts; a renderer test checks they agree on every group): a
 * too-small group, or one compared with a too-small reference, is never counted as failing.
 */
import type { DisparityRate, FairnessResult, GroupResult } from '../../../core/analyses/fairness/types';

export const METRICS: readonly DisparityRate[] = ['tpr', 'tnr', 'fpr', 'fnr', 'fdr', 'for', 'npv', 'precision', 'ppr', 'pprev'];

const PARITY: Record<DisparityRate, string> = {
  tpr: 'TPR Parity', tnr: 'TNR Parity', fpr: 'FPR Parity', fnr: 'FNR Parity', fdr: 'FDR Parity', for: 'FOR Parity', npv: 'NPV Parity', precision: 'Precision Parity', ppr: 'Statistical Parity', pprev: 'Impact Parity',
};

export interface RowStatus {
  readonly status: 'reference' | 'pass' | 'fail' | 'too_small' | 'undefined';
  readonly failed: DisparityRate[];
  readonly unjudgedFailed: DisparityRate[];
}

export function groupStatus(r: FairnessResult, g: GroupResult): RowStatus {
  const attr = r.attributes.find((a) => a.attribute === g.attribute);
  const refTooSmall = !!attr && attr.reference_group !== null && attr.too_small_groups.includes(attr.reference_group) && !g.flags.is_reference;
  const failed: DisparityRate[] = [];
  const unjudgedFailed: DisparityRate[] = [];
  let anyDefined = false;
  for (const m of METRICS) {
    const v = g.parity[PARITY[m]];
    if (v !== null) anyDefined = true;
    if (v !== false) continue;
    if (g.flags.too_small || refTooSmall || g.flags.small_denominator.includes(m)) unjudgedFailed.push(m);
    else failed.push(m);
  }
  const status = g.flags.is_reference ? 'reference' : g.flags.too_small || refTooSmall ? 'too_small' : failed.length ? 'fail' : anyDefined ? 'pass' : 'undefined';
  return { status, failed, unjudgedFailed };
}

/** Why a greyed row is not judged, in words. */
export function tooSmallWhy(r: FairnessResult, g: GroupResult): string {
  if (g.flags.too_small) return `${g.size} rows, under the minimum of ${r.min_group_size}: shown, never counted as a failure`;
  const attr = r.attributes.find((a) => a.attribute === g.attribute);
  return `the reference group “${attr?.reference_group ?? ''}” has under ${r.min_group_size} rows: not counted`;
}
