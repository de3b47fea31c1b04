/** Words for the Overview's statuses and areas: a symbol and a word, never colour alone. */
import type { Area, HealthStatus, MonitorStatus } from '../../../core/api/types';

export const AREA_LABEL: Record<Area, string> = { drift: 'Drift', quality: 'Data quality', performance: 'Performance', fairness: 'Fairness', ab: 'A/B', operations: 'Operations' };

export const HEALTH: Record<HealthStatus | 'no-monitors', { symbol: string; word: string }> = {
  pass: { symbol: '✓', word: 'Healthy' },
  warning: { symbol: '⚠', word: 'Warning' },
  critical: { symbol: '✗', word: 'Critical' },
  'not-run': { symbol: '–', word: 'Not checked yet' },
  'no-monitors': { symbol: '○', word: 'No monitors' },
};

export const ALERT: Record<MonitorStatus, string> = { pass: '✓ pass', warning: '⚠ warning', critical: '✗ critical', error: '✗ not evaluated' };

export const PERIOD: Record<'day' | 'week' | 'month', string> = { day: 'day', week: 'week', month: 'month' };
