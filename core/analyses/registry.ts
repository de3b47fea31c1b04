/**
 * Every analysis, in the order screens, commands and report chapters list them. Adding one is one
 * line here (see core/analyses/README.md).
 */
import { PlumblineError } from '../api/errors';
import { abAnalysis } from './ab';
import { correlationAnalysis } from './correlation';
import { driftAnalysis } from './drift';
import { fairnessAnalysis } from './fairness';
import { operationsAnalysis } from './operations';
import { performanceAnalysis } from './performance';
import type { AnyAnalysis } from './module';

export const ANALYSES: readonly AnyAnalysis[] = [driftAnalysis, performanceAnalysis, fairnessAnalysis, abAnalysis, operationsAnalysis, correlationAnalysis];

export function analysisById(id: string): AnyAnalysis {
  const a = ANALYSES.find((x) => x.id === id);
  if (!a) throw new PlumblineError('NOT_FOUND', `Unknown analysis ${JSON.stringify(id)}. Analyses: ${ANALYSES.map((x) => x.id).join(', ')}.`);
  return a;
}
