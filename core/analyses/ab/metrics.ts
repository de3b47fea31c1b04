/**
 * A/B figures by flat name, for monitors (`plumbline monitor add --analysis ab --metric …`):
 * experiment-level ones, then per metric × treatment `<figure>:<metric>:<variant>` and per variant
 * `units:<variant>`. Metric and variant names are data and are kept verbatim (a metric may itself
 * hold a colon, `latency_ms:p99`): a name is looked up whole, never split. Only the overall
 * results are named, not the segment breakdown's rows. Booleans are 0/1.
 */
import type { AbResult } from './types';

const bool = (b: boolean): number => (b ? 1 : 0);

export function abMetrics(r: AbResult): Record<string, number | null> {
  const failed = r.guardrails.filter((g) => g.status === 'failed').length;
  const m: Record<string, number | null> = {
    srm_p_value: r.srm.p_value,
    srm_flag: bool(r.srm.flag),
    guardrails_failed: failed,
    guardrails_passed: r.guardrails.filter((g) => g.status === 'passed').length,
    decision_ship: bool(r.decision.action === 'ship'),
    decision_roll_back: bool(r.decision.action === 'roll back'),
    insufficient_sample: bool(r.power.some((p) => p.insufficient_sample)),
    units: r.variants.reduce((n, v) => n + v.units, 0),
  };
  for (const v of r.variants) m[`units:${v.name}`] = v.units;
  for (const x of r.results) {
    const key = `${x.metric}:${x.variant}`;
    m[`relative_lift:${key}`] = x.relative_lift;
    m[`absolute_lift:${key}`] = x.absolute_lift;
    m[`ci_low:${key}`] = x.ci_low;
    m[`ci_high:${key}`] = x.ci_high;
    m[`p_value:${key}`] = x.p_value;
    m[`p_value_adjusted:${key}`] = x.p_value_adjusted;
    // Frequentist runs have no chance to win: null (the monitor is then not evaluated), not a guess.
    m[`chance_to_win:${key}`] = x.chance_to_win ?? null;
    m[`better:${key}`] = bool(x.verdict === 'better');
    m[`worse:${key}`] = bool(x.verdict === 'worse');
  }
  for (const p of r.power) m[`mde_relative:${p.metric}:${p.variant}`] = p.mde_relative;
  return m;
}
