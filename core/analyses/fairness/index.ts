/**
 * Fairness as a plug-in (issue #12): per-group error rates, disparities against a reference group,
 * parity at τ (Aequitas), Fairlearn's summaries, intervals and disparities over time, on one
 * dataset's label, decision and attribute columns.
 */
import { PlumblineError } from '../../api/errors';
import type { Progress } from '../../api/types';
import { chaptersOf, type AnalysisColumns, type AnalysisModule } from '../module';
import { resultDifferences } from '../shared/differences';
import { fairnessCharts } from './charts';
import { fairnessChecks } from './checks';
import { fairnessCli } from './cli';
import { fairnessSteps, fairnessStreamSteps } from './fairness';
import type { StepProgress } from './bootstrap';
import { fairnessMetrics } from './metrics';
import { fairnessColumns, fairnessRunOptionsSchema, resolveFairnessOptions, type FairnessRunOptions } from './run-options';
import type { FairnessResult } from './types';
import { fairnessInfo } from './info';

/**
 * A result with its lists keyed by what a reader calls them, so `report --verify` names
 * `groups[race=Caucasian].fpr`, not `groups[3].fpr`.
 */
function keyed(r: FairnessResult): unknown {
  const by = <T>(items: readonly T[], key: (x: T) => string) => Object.fromEntries(items.map((x) => [key(x), x]));
  return {
    ...r,
    groups: by(r.groups, (g) => `${g.attribute}=${g.group}`),
    attributes: by(r.attributes, (a) => a.attribute),
    summary: by(r.summary, (s) => s.attribute),
  };
}

/** The compute's own messages (a reference group with no rows, …) are the user's to fix. */
function asRequestError(e: unknown): unknown {
  return e instanceof Error && !(e instanceof PlumblineError) ? new PlumblineError('BAD_REQUEST', `Fairness: ${e.message}.`) : e;
}

/** The compute's steps as the engine's progress, its own errors as the user's. */
function* asProgress<R>(steps: Generator<StepProgress, R>): Generator<Progress, R> {
  try {
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      yield { phase: `fairness: ${step.value.stage}`, done: Math.round(step.value.done * 1000), total: 1000, unit: 'items' };
    }
  } catch (e) {
    throw asRequestError(e);
  }
}

function* computeSteps({ columns, info }: AnalysisColumns, options: FairnessRunOptions): Generator<Progress, FairnessResult> {
  const resolved = resolveFairnessOptions(options, info.dataset, 'dataset');
  return yield* asProgress(fairnessSteps({ columns: columns.dataset }, resolved));
}

export const fairnessAnalysis: AnalysisModule<FairnessRunOptions, FairnessResult> = {
  id: fairnessInfo.id,
  title: fairnessInfo.title,
  datasets: fairnessInfo.datasets,
  options: fairnessRunOptionsSchema as unknown as AnalysisModule<FairnessRunOptions, FairnessResult>['options'],

  columns(options, info, names) {
    // Group counts do not depend on row order, but the label, decision and attributes of a row
    // must stay paired: every column is read in row order, without the sorted copy (only counts).
    return { columns: { dataset: fairnessColumns(resolveFairnessOptions(options, info.dataset, names.dataset)) }, order: 'rows-only' };
  },

  compute(columns, options) {
    const steps = computeSteps(columns, options);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  },
  computeSteps,

  // Group tables are sums over rows: the rows come chunk by chunk into reused buffers (memory flat
  // with rows). Disparities over time, attribute values too many to count jointly and text
  // columns ('str' chunks carry no shared codes) read whole columns instead, as before.
  *computeStream(data, info, options) {
    const resolved = resolveFairnessOptions(options, info.dataset, 'dataset');
    const stream = data.dataset;
    const names = fairnessColumns(resolved);
    if (stream.canStream(names)) {
      const streamed = yield* asProgress(fairnessStreamSteps(stream, resolved));
      if (streamed) return streamed;
    }
    const columns = yield* stream.whole(names);
    return yield* computeSteps({ columns: { dataset: columns }, info }, options);
  },

  checks: fairnessChecks,
  metrics: fairnessMetrics,
  rowsAnalysed: (r) => ({ dataset: r.rows.total }),
  subject: (d) => d.dataset,
  charts: fairnessCharts,

  sections: chaptersOf(fairnessInfo.sections, { 'fairness-over-time': (r) => r.over_time !== null }),

  verify: (was, now) => resultDifferences(keyed(was), keyed(now)),

  cli: fairnessCli,
};
