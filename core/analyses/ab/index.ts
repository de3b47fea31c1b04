/**
 * A/B lift as a plug-in (issue #13): did the new model version or product variant help? Lifts with
 * intervals per metric × treatment, SRM, guardrails, multiple testing, Bayesian and sequential
 * engines, CUPED, power, a decision with its reason, cumulative lift over time and segments.
 */
import { PlumblineError } from '../../api/errors';
import type { TypedColumn } from '../../data/column';
import type { AnalysisModule } from '../module';
import { resultDifferences } from '../shared/differences';
import { abSteps, abStreams, analyzeAb } from './ab';
import { abCharts } from './charts';
import { abChecks } from './checks';
import { abCli } from './cli';
import { abMetrics } from './metrics';
import { parseAbOptions } from './options';
import { columnsRead, resolveAbOptions } from './resolve';
import { abModuleOptionsSchema, type AbModuleOptions } from './schema';
import type { AbResult } from './types';
import { abInfo } from './info';

export const abAnalysis: AnalysisModule<AbModuleOptions, AbResult> = {
  id: abInfo.id,
  title: abInfo.title,
  datasets: abInfo.datasets,
  options: abModuleOptionsSchema as unknown as AnalysisModule<AbModuleOptions, AbResult>['options'],

  columns(options, info, names) {
    const cols = info.dataset;
    const o = parseAbOptions(resolveAbOptions(options, cols, names.dataset));
    const have = new Set(cols.map((c) => c.name));
    const wanted = columnsRead(o);
    const missing = wanted.filter((c) => !have.has(c));
    if (missing.length) throw new PlumblineError('BAD_REQUEST', `Not in "${names.dataset}": ${missing.map((m) => JSON.stringify(m)).join(', ')}.`);
    // Rows must stay aligned across columns, and unit dedupe keeps the first exposure: row order.
    // Nothing reads a column's sorted copy (quantiles are per arm): 'rows-only' skips loading it.
    return { columns: { dataset: wanted }, order: 'rows-only' };
  },

  compute({ columns, info }, options) {
    const resolved = resolveAbOptions(options, info.dataset, 'the dataset');
    const byName: Record<string, TypedColumn> = {};
    for (const c of columns.dataset) byName[c.name] = c;
    return analyzeAb({ columns: byName }, resolved);
  },

  // A pool thread may read the chunks ahead of the sums (measured: core/analyses/README.md).
  readsAhead: true,

  // Sums per cell need no whole column: the rows come chunk by chunk, unless unit dedupe, an
  // accuracy-type metric or a text column ('str' chunks carry no shared codes) needs whole ones.
  *computeStream(data, info, options) {
    const resolved = resolveAbOptions(options, info.dataset, 'the dataset');
    const stream = data.dataset;
    const o = parseAbOptions(resolved);
    const names = columnsRead(o);
    if (abStreams(o) && stream.canStream(names)) return yield* abSteps(stream, resolved);
    const byName: Record<string, TypedColumn> = {};
    for (const c of yield* stream.whole(names)) byName[c.name] = c;
    return analyzeAb({ columns: byName }, resolved);
  },

  checks: abChecks,
  metrics: abMetrics,
  rowsAnalysed: (r) => ({ dataset: r.variants.reduce((n, v) => n + v.counts.rows, 0) }),
  subject: (d) => d.dataset,
  charts: abCharts,
  sections: abInfo.sections,
  verify: resultDifferences,
  cli: abCli,
};
