/** An active alert and since when: the unbroken run of alerting evaluations up to the latest. */
import type { MonitorEvaluation } from '../monitors/types';

/**
 * `history` newest first (as monitorHistory returns it). Null when the latest evaluation passed
 * (no active alert). An evaluation that could not be made counts as alerting, as it does in
 * `check`; a pass ends the run, so an alert that cleared and came back starts again.
 */
export function activeSince(history: readonly Pick<MonitorEvaluation, 'status' | 'at'>[]): { since: string; lastAt: string; evaluations: number } | null {
  if (history.length === 0 || history[0].status === 'pass') return null;
  let n = 0;
  while (n < history.length && history[n].status !== 'pass') n++;
  return { since: history[n - 1].at, lastAt: history[0].at, evaluations: n };
}
