/** Which area of the Overview a monitor belongs to, and how statuses rank. */
import type { MonitorDefinition, MonitorStatus } from '../monitors/types';
import type { Area, HealthStatus, OverviewLink } from './types';

/** Drift's data-quality figures (core/analyses/drift/metrics.ts) belong to the quality area. */
const QUALITY_PREFIXES = ['missing_share:', 'out_of_range_share:', 'new_categories:'];

/** Analyses the Overview names an area for; any other analysis (latency, throughput, …) is operations. */
const ANALYSIS_AREAS: Readonly<Record<string, Area>> = { drift: 'drift', performance: 'performance', fairness: 'fairness', ab: 'ab', quality: 'quality' };

export function monitorArea(def: Pick<MonitorDefinition, 'analysis' | 'metric'>): Area {
  if (def.analysis === 'drift' && QUALITY_PREFIXES.some((p) => def.metric.startsWith(p))) return 'quality';
  return ANALYSIS_AREAS[def.analysis] ?? 'operations';
}

/** The screen an area's figures come from; operations figures have no screen yet, so their monitors. */
export function areaScreen(area: Area): OverviewLink['screen'] {
  return area === 'quality' ? 'drift' : area === 'operations' ? 'monitors' : area;
}

/** A monitor's latest status as the Overview counts it: an error counts as its severity (as `check` does). */
export function healthOf(status: MonitorStatus | null, severity: 'warning' | 'critical'): HealthStatus {
  if (status === null) return 'not-run';
  return status === 'error' ? severity : status;
}

const RANK: Readonly<Record<HealthStatus | 'no-monitors', number>> = { critical: 4, warning: 3, 'not-run': 2, pass: 1, 'no-monitors': 0 };

/** Higher is worse: critical, warning, not run, pass; a model without monitors sorts last (nothing to report yet). */
export function healthRank(s: HealthStatus | 'no-monitors'): number {
  return RANK[s];
}

export function worstHealth(statuses: readonly HealthStatus[]): HealthStatus {
  return statuses.reduce<HealthStatus>((w, s) => (healthRank(s) > healthRank(w) ? s : w), 'pass');
}
