/**
 * One performance run from loaded columns: cut both datasets into chunks as the options ask, run
 * analyzePerformance, and check the pipeline's limits. What the module computes, the CLI prints and
 * the report embeds.
 */
import type { ColumnRole, TypedColumn } from '../../data/column';
import { columnLength } from '../../data/column';
import type { Progress } from '../../api/types';
import type { AnalysisColumns } from '../module';
import { chunkBySpec, type Chunk } from '../shared/chunks';
import { checkLimits } from './limits';
import { performanceSteps, type PerformanceStage } from './performance';
import { timestampColumn } from './plan';
import type { PerformanceOptions, PerformanceResult, PerformanceRunResult } from './types';

export type { PerformanceRunResult } from './types';

/** A stage as the engine's progress: "performance: binary metrics", done of 1,000. */
export function* progressOf<R>(steps: Generator<PerformanceStage, R>): Generator<Progress, R> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    yield { phase: `performance: ${step.value.stage}`, done: Math.round(step.value.done * 1000), total: 1000, unit: 'items' };
  }
}

function chunksOf(columns: readonly TypedColumn[], info: AnalysisColumns['info'][string], options: PerformanceOptions): { chunks: Chunk[]; withoutTimestamp: number } | undefined {
  if (!options.chunk || columns.length === 0) return undefined;
  const ts = timestampColumn(options, info);
  const tsColumn = ts === null ? undefined : columns.find((c) => c.name === ts);
  if (options.chunk.by === 'period' && (!tsColumn || tsColumn.kind !== 'numeric')) return undefined;
  return chunkBySpec(options.chunk, columnLength(columns[0]), tsColumn?.kind === 'numeric' ? tsColumn.values : undefined);
}

export function computePerformance(columns: AnalysisColumns, options: PerformanceOptions): PerformanceRunResult {
  const steps = computePerformanceSteps(columns, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The module's computeSteps: progress between the pieces of work, so a Cancel lands during a long run. */
export function* computePerformanceSteps({ columns, info }: AnalysisColumns, options: PerformanceOptions): Generator<Progress, PerformanceRunResult> {
  const roles: Record<string, ColumnRole> = {};
  for (const c of info.current) roles[c.name] = c.role;
  const current = columns.current;
  const reference = columns.reference;
  const cut = chunksOf(current, info.current, options);
  const refCut = reference && info.reference ? chunksOf(reference, info.reference, options) : undefined;
  const result = yield* progressOf(performanceSteps({ columns: current, roles, reference, chunks: cut?.chunks, referenceChunks: refCut?.chunks }, options));
  const notes = [...result.notes];
  if (cut && cut.withoutTimestamp > 0) notes.push(`${cut.withoutTimestamp} rows have no timestamp and are in no chunk`);
  if (reference && options.chunk?.by === 'period' && !refCut) notes.push('the reference has no timestamp column, so over time has no reference band');
  return withLimits(result, notes, options);
}

/** The run's result: the analysis's, its notes, the pipeline's limits checked. */
export function withLimits(result: PerformanceResult, notes: readonly string[], options: PerformanceOptions): PerformanceRunResult {
  return { ...result, notes: [...notes], limits: checkLimits(result.metrics, options, result.task) };
}
