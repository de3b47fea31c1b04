/**
 * Operations figures by flat name, for monitors (`p99_latency > 200`, `error_rate > 0.01`):
 * overall, the latest chunk's (`latest_…`, what a "this week" monitor reads), per model
 * version `<figure>:<version>` (the version verbatim; only the first colon separates), and the
 * latest chunk's per version `latest_<figure>:<version>` (`latest_p99_latency:v2 > 200`).
 */
import type { OperationsResult, SliceFigures } from './types';

function slice(m: Record<string, number | null>, s: SliceFigures, prefix: string, suffix: string): void {
  const l = s.latency;
  m[`${prefix}rows${suffix}`] = s.rows;
  m[`${prefix}p50_latency${suffix}`] = l?.p50 ?? null;
  m[`${prefix}p95_latency${suffix}`] = l?.p95 ?? null;
  m[`${prefix}p99_latency${suffix}`] = l?.p99 ?? null;
  m[`${prefix}mean_latency${suffix}`] = l?.mean ?? null;
  m[`${prefix}max_latency${suffix}`] = l?.max ?? null;
  m[`${prefix}error_rate${suffix}`] = s.error_rate;
  m[`${prefix}predicted_positive_rate${suffix}`] = s.predicted_positive_rate;
  m[`${prefix}mean_score${suffix}`] = s.mean_score;
}

export function operationsMetrics(r: OperationsResult): Record<string, number | null> {
  const m: Record<string, number | null> = {};
  slice(m, { rows: r.rows, latency: r.latency, error_rate: r.error_rate, errors: r.errors?.errors ?? null, predicted_positive_rate: r.predictions.predicted_positive_rate, mean_score: r.predictions.score?.mean ?? null }, '', '');
  m.errors = r.errors?.errors ?? null;
  m.rows_per_hour = r.throughput?.rows_per_hour ?? null;
  m.rows_per_day = r.throughput?.rows_per_day ?? null;
  const last = r.over_time?.chunks.at(-1);
  if (last) {
    slice(m, last, 'latest_', '');
    m.latest_rows_per_hour = last.rows_per_hour;
  }
  for (const v of r.by_version ?? []) slice(m, v, '', `:${v.version}`);
  for (const v of r.over_time?.by_version ?? []) {
    const lastOfVersion = v.chunks.at(-1);
    if (!lastOfVersion) continue;
    slice(m, lastOfVersion, 'latest_', `:${v.version}`);
    m[`latest_rows_per_hour:${v.version}`] = lastOfVersion.rows_per_hour;
  }
  return m;
}
