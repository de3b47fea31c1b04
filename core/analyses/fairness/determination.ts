/**
 * Aequitas's Fairness(): parity when τ ≤ disparity ≤ 1/τ, per rate and group, then its roll-ups
 * (Type I/II parity, supervised/unsupervised fairness) with three-valued logic — any failing
 * part fails, else any undefined part leaves the roll-up undefined — which is what Aequitas's own
 * expected outputs show. Too-small groups keep their verdicts but are counted apart, so a group of
 * 12 never silently fails an attribute.
 */
import { DISPARITY_RATES, PARITY_NAMES, ROLLUPS, type DisparityRate, type Verdict } from './types';

/** Relative slack at the band's edges so that, e.g., 0.5/0.4 counts as 1/0.8 whatever the rounding. */
const EDGE = 1e-12;

export function verdict(disparity: number | null, tau: number): Verdict {
  if (disparity === null) return null;
  return disparity >= tau * (1 - EDGE) && disparity <= (1 / tau) * (1 + EDGE);
}

export function allOf(parts: readonly Verdict[]): Verdict {
  if (parts.some((p) => p === false)) return false;
  if (parts.some((p) => p === null)) return null;
  return true;
}

/** Every parity column of one group: one per disparity rate, then the roll-ups. */
export function parityOf(disparities: Readonly<Record<DisparityRate, number | null>>, tau: number): Record<string, Verdict> {
  const out: Record<string, Verdict> = {};
  for (const r of DISPARITY_RATES) out[PARITY_NAMES[r]] = verdict(disparities[r], tau);
  for (const roll of ROLLUPS) out[roll.name] = allOf(roll.of.map((p) => out[p]));
  return out;
}

/** The parity columns (rates and roll-ups) whose verdict rests on a small denominator. */
export function unjudgedParities(smallDenominator: readonly DisparityRate[]): Set<string> {
  const out = new Set<string>(smallDenominator.map((r) => PARITY_NAMES[r]));
  for (const roll of ROLLUPS) if (roll.of.some((p) => out.has(p))) out.add(roll.name);
  return out;
}

export interface Tally {
  pass: number;
  fail: number;
  undefined: number;
  too_small_fail: number;
}

export interface JudgedGroup {
  readonly parity: Readonly<Record<string, Verdict>>;
  readonly tooSmall: boolean;
  readonly unjudged: ReadonlySet<string>;
}

/**
 * Attribute-level tallies and verdicts. A verdict counts when the group is big enough and its
 * denominators (and the reference's) are too; an attribute fails a parity when any counted group
 * fails it, passes when some counted group passes and none fails, and is undefined otherwise.
 */
export function rollUpAttribute(groups: readonly JudgedGroup[]): { verdicts: Record<string, Tally>; parity: Record<string, Verdict> } {
  const names = [...DISPARITY_RATES.map((r) => PARITY_NAMES[r]), ...ROLLUPS.map((r) => r.name)];
  const verdicts: Record<string, Tally> = {};
  const parity: Record<string, Verdict> = {};
  for (const name of names) {
    const t: Tally = { pass: 0, fail: 0, undefined: 0, too_small_fail: 0 };
    for (const g of groups) {
      const v = g.parity[name];
      if (g.tooSmall || g.unjudged.has(name)) {
        if (v === false) t.too_small_fail++;
        continue;
      }
      if (v === true) t.pass++;
      else if (v === false) t.fail++;
      else t.undefined++;
    }
    verdicts[name] = t;
    parity[name] = t.fail > 0 ? false : t.pass > 0 ? true : null;
  }
  return { verdicts, parity };
}
