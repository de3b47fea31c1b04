/**
 * Fairness's figures by flat name, for monitors (issue #14's `fpr_disparity outside [0.8, 1.25]`).
 *
 * - Fairlearn's summaries by their names (`demographic_parity_difference`, …): the worst over the
 *   attributes (largest difference, smallest ratio), and per attribute `<summary>:<attribute>`.
 * - `groups_failing` (judged groups failing parity at τ on some metric, as `--fail-on-disparity`
 *   counts them) and `groups_too_small` (groups under the minimum size, as the report lists them),
 *   in all and per attribute (`groups_failing:<attribute>`, `groups_too_small:<attribute>`).
 * - `<rate>_disparity`: the judged group's disparity farthest from 1 (on the ratio scale, so 0.5 and
 *   2 are equally far), so that one monitor `outside [τ, 1/τ]` watches every group of every attribute;
 *   per group `<rate>_disparity:<attribute>=<group>`, and each rate `<rate>:<attribute>=<group>`,
 *   `size:<attribute>=<group>`.
 *
 * Attribute and group names are data: a name is the figure, a colon, then the attribute verbatim
 * (and `=` and the group verbatim). Only the first colon separates, as drift's names do.
 */
import { judgeGroup } from './judgement';
import { RATE_NAMES } from './rates';
import { SUMMARY_NAMES } from './summaries';
import { DISPARITY_RATES, type FairnessResult } from './types';

/** Worse of two summaries: a difference is worse when larger, a ratio when smaller. */
function worse(name: string, a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return name.endsWith('_ratio') ? Math.min(a, b) : Math.max(a, b);
}

/** How far a disparity is from parity: |log d| (0 and undefined are handled by the caller). */
function distanceFromOne(d: number): number {
  return Math.abs(Math.log(d));
}

export function fairnessMetrics(r: FairnessResult): Record<string, number | null> {
  const m: Record<string, number | null> = {};
  for (const name of SUMMARY_NAMES) m[name] = r.summary.reduce<number | null>((acc, s) => worse(name, acc, s[name]), null);

  const judgements = r.groups.map((g) => judgeGroup(r, g));
  m.groups_failing = judgements.filter((j) => j.status === 'fail').length;
  m.groups_too_small = r.groups.filter((g) => g.flags.too_small).length;

  for (const rate of DISPARITY_RATES) {
    let worst: number | null = null;
    r.groups.forEach((g, i) => {
      const j = judgements[i];
      if (j.status === 'too_small' || j.status === 'reference' || g.flags.small_denominator.includes(rate)) return;
      const d = g[`${rate}_disparity`];
      if (d === null || d <= 0) {
        // A disparity of 0 is infinitely far from parity: it is the worst there is.
        if (d === 0) worst = 0;
        return;
      }
      if (worst === null || (worst !== 0 && distanceFromOne(d) > distanceFromOne(worst))) worst = d;
    });
    m[`${rate}_disparity`] = worst;
  }

  for (const s of r.summary) for (const name of SUMMARY_NAMES) m[`${name}:${s.attribute}`] = s[name];
  for (const a of r.attributes) {
    const mine = judgements.filter((_, i) => r.groups[i].attribute === a.attribute);
    m[`groups_failing:${a.attribute}`] = mine.filter((j) => j.status === 'fail').length;
    m[`groups_too_small:${a.attribute}`] = a.too_small_groups.length;
  }
  for (const g of r.groups) {
    const key = `${g.attribute}=${g.group}`;
    m[`size:${key}`] = g.size;
    for (const rate of RATE_NAMES) m[`${rate}:${key}`] = g[rate];
    for (const rate of DISPARITY_RATES) m[`${rate}_disparity:${key}`] = g[`${rate}_disparity`];
  }
  return m;
}
