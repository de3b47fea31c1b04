/**
 * Performance's figures by flat name, for monitors: every metric of `--json` by its sklearn name,
 * the label counts, whether anything degraded, how much each metric worsened against the reference
 * (`drop:<metric>`), and per segment `<metric>:<column>=<value>`. Column names and values are data,
 * kept verbatim: only the first colon and the first "=" after it separate.
 */
import { relativeWorsening } from './degradation';
import type { PerformanceResult } from './types';

/** The name a missing segment value gets (the report's table says the same). */
export const MISSING_SEGMENT = '(missing)';

const finite = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

export function performanceMetrics(r: PerformanceResult): Record<string, number | null> {
  const m: Record<string, number | null> = {};
  for (const [name, v] of Object.entries(r.metrics)) m[name] = finite(v);
  m.rows = r.rows;
  m.labelled = r.labelled;
  m.label_coverage = r.rows > 0 ? r.labelled / r.rows : null;
  m.evaluated = r.evaluated;
  // Nothing judged (no reference, no chunks) is not "not degraded".
  m.degraded = r.degradation ? (r.degradation.flags.length > 0 ? 1 : 0) : null;
  m.degradation_flags = r.degradation ? r.degradation.flags.length : null;
  for (const name of Object.keys(r.metrics)) {
    const base = r.reference ? finite(r.reference.metrics[name]) : null;
    const now = finite(r.metrics[name]);
    m[`drop:${name}`] = base === null || now === null ? null : finite(relativeWorsening(name, base, now));
  }
  for (const s of r.segments) {
    for (const row of s.rows) {
      const value = row.value ?? MISSING_SEGMENT;
      for (const [name, v] of Object.entries(row.metrics)) m[`${name}:${s.column}=${value}`] = finite(v);
      m[`labelled:${s.column}=${value}`] = row.labelled;
    }
  }
  return m;
}
