import type { MonitorStatus } from '../../../core/api/types';

const TEXT: Record<MonitorStatus | 'never', string> = { pass: '✓ pass', warning: '⚠ warning', critical: '✗ critical', error: '✗ not evaluated', never: '– not run' };

/** Status in words and a symbol, not colour alone. */
export function StatusBadge({ status }: { status: MonitorStatus | null }) {
  const s = status ?? 'never';
  return <span className={`monitor-status monitor-status--${s}`}>{TEXT[s]}</span>;
}
