/**
 * Which evaluations are news: a monitor that now alerts at a higher level than its stored latest
 * evaluation (pass or never run → warning or critical; warning → critical). A standing alert is not
 * news again at every check, so a notification means something changed.
 */
import type { MonitorEvaluation, MonitorStatus, Severity } from './types';

const LEVEL = { pass: 0, warning: 1, critical: 2 } as const;

function level(status: MonitorStatus | null, severity: Severity): number {
  if (status === null) return 0;
  return LEVEL[status === 'error' ? severity : status];
}

/** `before`: monitor name → its latest stored status before these evaluations (null: never run). */
export function newAlerts(before: ReadonlyMap<string, MonitorStatus | null>, evaluations: readonly MonitorEvaluation[]): MonitorEvaluation[] {
  return evaluations.filter((e) => level(e.status, e.severity) > level(before.get(e.monitor) ?? null, e.severity));
}
