/**
 * Operations as a plug-in (issue #14, operational views): system health and prediction analysis
 * of one prediction log, with an optional reference dataset as the baseline.
 */
import { chaptersOf, type AnalysisModule } from '../module';
import { resultDifferences } from '../shared/differences';
import { operationsCharts } from './charts';
import { operationsChecks } from './checks';
import { operationsCli } from './cli';
import { operationsMetrics } from './metrics';
import { analyzeOperations } from './operations';
import { columnsToLoad, resolveColumns } from './resolve';
import { operationsOptionsSchema } from './schema';
import type { OperationsOptions, OperationsResult } from './types';
import type { ColumnInfo } from '../../api/types';
import { operationsInfo } from './info';

/** The columns to read, and at least one so the rows are counted when no role was found. */
function plan(options: OperationsOptions, info: readonly ColumnInfo[], name: string): string[] {
  const names = columnsToLoad(resolveColumns(options, info, name), options);
  return names.length || !info.length ? names : [info[0].name];
}

/** The reference reads the log's columns where it has them (same name), for the baseline. */
function referenceColumns(options: OperationsOptions, info: Readonly<Record<string, readonly ColumnInfo[]>>, name: string) {
  const cols = resolveColumns(options, info.dataset, name);
  const has = new Set(info.reference.map((c) => c.name));
  const keep = (n: string | null) => (n !== null && has.has(n) ? n : null);
  return { timestamp: keep(cols.timestamp), latency: keep(cols.latency), status: keep(cols.status), version: keep(cols.version), score: keep(cols.score), prediction: keep(cols.prediction) };
}

export const operationsAnalysis: AnalysisModule<OperationsOptions, OperationsResult> = {
  id: operationsInfo.id,
  title: operationsInfo.title,
  datasets: operationsInfo.datasets,
  options: operationsOptionsSchema as unknown as AnalysisModule<OperationsOptions, OperationsResult>['options'],

  columns(options, info, names) {
    const columns: Record<string, string[]> = { dataset: plan(options, info.dataset, names.dataset) };
    if (info.reference) {
      const r = referenceColumns(options, info, names.dataset);
      const list = [...new Set(Object.values(r).filter((x): x is string => x !== null))];
      columns.reference = list.length || !info.reference.length ? list : [info.reference[0].name];
    }
    // Chunks need row order; the latency and score percentiles use the sorted copy when cached.
    return { columns, order: 'rows' };
  },

  compute({ columns, info }, options) {
    const cols = resolveColumns(options, info.dataset, 'dataset');
    const reference = columns.reference && info.reference ? { columns: columns.reference, names: referenceColumns(options, info, 'dataset') } : undefined;
    return analyzeOperations({ columns: columns.dataset, ...(reference ? { reference } : {}) }, cols, options);
  },

  checks: operationsChecks,
  metrics: operationsMetrics,
  rowsAnalysed: (r) => ({ dataset: r.rows, ...(r.reference_rows !== null ? { reference: r.reference_rows } : {}) }),
  subject: (d) => (d.reference ? `${d.dataset} vs ${d.reference}` : d.dataset),
  charts: operationsCharts,

  sections: chaptersOf(operationsInfo.sections, { 'predictions': (r) => r.predictions.positive_rule !== null || r.volume_by_hour !== null }),

  verify: (was, now) => resultDifferences(keyedVersions(was), keyedVersions(now)),

  cli: operationsCli,
};

/** Versions and chunks by name, so `--verify` says `by_version[B].latency.p99`, not `[1]`. */
function keyedVersions(r: OperationsResult): unknown {
  return { ...r, by_version: r.by_version ? Object.fromEntries(r.by_version.map((v) => [v.version, v])) : null, over_time: r.over_time ? { ...r.over_time, chunks: Object.fromEntries(r.over_time.chunks.map((c) => [c.key, c])) } : null };
}
