/**
 * Every analysis module, imported statically, for the code that needs all of them at hand and
 * synchronously: the report (its chapters, rows analysed, --verify), `plumbline report`'s flags and
 * tests. Only code behind a dynamic import may import this file — an analysis command or the
 * engine loads its one module through `loadAnalysis` (registry.ts), which keeps the CLI's
 * performance command from reading every analysis. The ids and their order are the registry's:
 * `Record<AnalysisId, …>` fails to type-check when an analysis is missing here.
 */
import { abAnalysis } from './ab';
import { correlationAnalysis } from './correlation';
import { driftAnalysis } from './drift';
import { fairnessAnalysis } from './fairness';
import type { AnyAnalysis } from './module';
import { operationsAnalysis } from './operations';
import { performanceAnalysis } from './performance';
import { ANALYSES, analysisInfo, noteLoaded, type AnalysisId } from './registry';

const MODULES: Readonly<Record<AnalysisId, AnyAnalysis>> = {
  drift: driftAnalysis,
  performance: performanceAnalysis,
  fairness: fairnessAnalysis,
  ab: abAnalysis,
  operations: operationsAnalysis,
  correlation: correlationAnalysis,
};

/** Every analysis's module, in the registry's order. */
export const EVERY_ANALYSIS: readonly AnyAnalysis[] = ANALYSES.map((a) => MODULES[a.id as AnalysisId]);
noteLoaded(EVERY_ANALYSIS);

/** The module of analysis `id`; NOT_FOUND naming the known ones for any other. */
export function analysisById(id: string): AnyAnalysis {
  return MODULES[analysisInfo(id).id as AnalysisId];
}
