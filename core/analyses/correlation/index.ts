/**
 * Correlation as a plug-in (issue #14, data quality additions): pandas-equal Pearson or Spearman
 * matrices of the numeric features of a reference and a current dataset, the change, and the
 * pairs that moved most. Its own module rather than part of drift's quality: it needs every row
 * of several columns in row order (pairs), where drift reads sorted copies column by column.
 */
import type { NumericColumn } from '../../data/column';
import type { AnalysisModule } from '../module';
import { resultDifferences } from '../shared/differences';
import { correlationCharts } from './charts';
import { correlationChecks, correlationMetrics } from './checks';
import { correlationCli } from './cli';
import { analyzeCorrelation } from './correlation';
import { correlationOptionsSchema } from './schema';
import { selectColumns } from './select';
import type { CorrelationOptions, CorrelationResult } from './types';
import { correlationInfo } from './info';

export const correlationAnalysis: AnalysisModule<CorrelationOptions, CorrelationResult> = {
  id: correlationInfo.id,
  title: correlationInfo.title,
  datasets: correlationInfo.datasets,
  options: correlationOptionsSchema as unknown as AnalysisModule<CorrelationOptions, CorrelationResult>['options'],

  columns(options, info, names) {
    const { columns } = selectColumns(options, info.reference, info.current, { reference: names.reference, current: names.current });
    // Without a column to correlate, one column still comes so each dataset's rows are counted.
    const counted = (list: readonly { name: string }[]) => (columns.length || !list.length ? columns : [list[0].name]);
    // Pairs need row order; nothing reads the sorted copy.
    return { columns: { reference: counted(info.reference), current: counted(info.current) }, order: 'rows-only' };
  },

  compute({ columns, info }, options) {
    const sel = selectColumns(options, info.reference, info.current, { reference: 'reference', current: 'current' });
    const pick = (cols: readonly { name: string }[]) => sel.columns.map((n) => cols.find((c) => c.name === n) as NumericColumn);
    const rows = (cols: readonly { kind: string; values?: Float64Array; codes?: Int32Array }[]) => (cols[0] ? (cols[0].values ?? cols[0].codes)!.length : 0);
    return analyzeCorrelation({ reference: pick(columns.reference), current: pick(columns.current), rows: { reference: rows(columns.reference), current: rows(columns.current) }, skipped: sel.skipped }, options);
  },

  checks: correlationChecks,
  metrics: correlationMetrics,
  rowsAnalysed: (r) => ({ reference: r.n_reference_rows, current: r.n_current_rows }),
  subject: (d) => `${d.current} vs ${d.reference}`,
  charts: correlationCharts,
  sections: correlationInfo.sections,
  verify: (was, now) => resultDifferences(keyed(was), keyed(now)),
  cli: correlationCli,
};

/** Matrices by column name, so `--verify` says `current.age.income`, not `current[0][1]`. */
function keyed(r: CorrelationResult): unknown {
  const byName = (m: (number | null)[][]) => Object.fromEntries(r.columns.map((a, i) => [a, Object.fromEntries(r.columns.map((b, j) => [b, m[i][j]]))]));
  return { ...r, reference: byName(r.reference), current: byName(r.current), change: byName(r.change), largest_changes: Object.fromEntries(r.largest_changes.map((p) => [`${p.a} × ${p.b}`, p])) };
}
