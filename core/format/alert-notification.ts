/**
 * The system notification for new alerts, the same words in the app (Electron's Notification) and
 * in browser mode (the browser's). Plain text: notification bodies are not HTML on any platform.
 */
import type { MonitorEvaluation } from '../monitors/types';

const MAX_LINES = 4;

export function alertNotification(alerts: readonly Pick<MonitorEvaluation, 'monitor' | 'status' | 'severity' | 'message'>[]): { title: string; body: string } {
  const critical = alerts.filter((a) => a.status === 'critical' || (a.status === 'error' && a.severity === 'critical')).length;
  const level = critical ? 'critical' : 'warning';
  const title = alerts.length === 1 ? `Plumbline ${level}: ${alerts[0].monitor}` : `Plumbline: ${alerts.length} new alerts${critical ? ` (${critical} critical)` : ''}`;
  const lines = alerts.length === 1 ? [alerts[0].message] : alerts.slice(0, MAX_LINES).map((a) => `${a.status === 'warning' ? '⚠' : '✗'} ${a.monitor}: ${a.message}`);
  if (alerts.length > MAX_LINES) lines.push(`… and ${alerts.length - MAX_LINES} more`);
  return { title: title.slice(0, 200), body: lines.join('\n').slice(0, 1000) };
}
