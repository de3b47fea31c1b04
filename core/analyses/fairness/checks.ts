/**
 * Fairness's pass/fail lines for the report's executive summary and for monitors: per attribute,
 * whether every judged group keeps parity at τ on every metric, and a line naming the groups too
 * small to judge (so their absence from the failures is never silent).
 */
import type { SummaryCheck } from '../module';
import { fmt } from './cli';
import { DISPARITY_RATES, PARITY_NAMES, type FairnessResult } from './types';

export function fairnessChecks(r: FairnessResult): SummaryCheck[] {
  const band = `${r.tau} ≤ disparity ≤ ${fmt(1 / r.tau)}`;
  const out: SummaryCheck[] = [];
  for (const a of r.attributes) {
    const failing = DISPARITY_RATES.filter((m) => (a.verdicts[PARITY_NAMES[m]]?.fail ?? 0) > 0);
    const judged = DISPARITY_RATES.some((m) => (a.verdicts[PARITY_NAMES[m]]?.pass ?? 0) > 0);
    const ref = a.reference_group === null ? 'no reference group' : `reference "${a.reference_group}"`;
    if (failing.length) {
      out.push({ plain: `Some ${a.attribute} groups are outside the parity band on ${failing.join(', ')} (${ref}).`, check: `parity of ${a.attribute}`, threshold: band, value: `fails ${failing.join(', ')}`, status: 'fail' });
    } else if (judged) {
      out.push({ plain: `Every judged ${a.attribute} group keeps parity on every metric (${ref}).`, check: `parity of ${a.attribute}`, threshold: band, value: 'all within', status: 'pass' });
    } else {
      out.push({ plain: `No ${a.attribute} group could be judged (${a.notes[0] ?? 'no defined disparity'}).`, check: `parity of ${a.attribute}`, threshold: band, value: 'not judged', status: 'info' });
    }
    if (a.too_small_groups.length) {
      out.push({ plain: `${a.too_small_groups.length} ${a.attribute} group(s) too small to judge: ${a.too_small_groups.slice(0, 5).map((g) => JSON.stringify(g)).join(', ')}${a.too_small_groups.length > 5 ? ', …' : ''}.`, check: `group size of ${a.attribute}`, threshold: `≥ ${r.min_group_size} rows`, value: `${a.too_small_groups.length} too small`, status: 'info' });
    }
  }
  if (out.length === 0) out.push({ plain: 'No attribute had rows to compare.', check: 'parity', threshold: band, value: 'no groups', status: 'info' });
  return out;
}
