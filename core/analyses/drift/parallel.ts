/**
 * Drift splits by column: every column's test, distribution, quality row and series over time
 * depend on that column alone (and on the chunking timestamp, which each part reads for itself),
 * so a run is one part per analysed column and the dataset-level figures are recounted on merge.
 */
import type { ColumnRole } from '../../data/column';
import type { AnalysisParallel } from '../module';
import { DEFAULT_DRIFT_SHARE_THRESHOLD, defaultDriftColumnNames, driftSummary } from './drift';
import type { DriftOptions, DriftResult } from './types';

export const driftParallel: AnalysisParallel<DriftOptions, DriftResult> = {
  parts(options, info, _names, maxParts) {
    const roles: Record<string, ColumnRole> = {};
    for (const c of info.reference ?? []) roles[c.name] = c.role;
    for (const c of info.current ?? []) roles[c.name] = c.role;
    const names = options.columns ?? defaultDriftColumnNames((info.reference ?? []).map((c) => c.name), (info.current ?? []).map((c) => c.name), roles);
    // Contiguous groups keep the merged order the order asked for.
    const groups = Math.max(1, Math.min(names.length, maxParts));
    const size = Math.ceil(names.length / groups);
    const parts: DriftOptions[] = [];
    for (let i = 0; i < names.length; i += size) parts.push({ ...options, columns: names.slice(i, i + size) });
    return parts;
  },

  merge(parts, options) {
    const first = parts[0];
    const merged = driftSummary(
      first?.n_reference_rows ?? 0,
      first?.n_current_rows ?? 0,
      parts.flatMap((p) => p.columns),
      parts.flatMap((p) => p.quality),
      options.driftShareThreshold ?? DEFAULT_DRIFT_SHARE_THRESHOLD,
    );
    if (!first?.over_time) return merged;
    return { ...merged, over_time: { ...first.over_time, series: parts.flatMap((p) => p.over_time?.series ?? []) } };
  },
};
