/**
 * The analyses a column-pool thread can run parts of — those that split by column (`parallel`) —
 * by their computing halves only: a thread loads no option schemas (zod alone was 710 KB of the
 * 1.6 MB thread bundle), charts, report sections or CLI, and so starts sooner. A test checks that
 * every analysis with `parallel` in the registry is listed here.
 */
import { driftPart } from '../../analyses/drift/part';
import type { AnyAnalysisPart } from '../../analyses/module';
import { PlumblineError } from '../../api/errors';

export const POOL_PARTS: readonly AnyAnalysisPart[] = [driftPart];

export function partById(id: string): AnyAnalysisPart {
  const part = POOL_PARTS.find((p) => p.id === id);
  if (!part) throw new PlumblineError('INTERNAL', `The column pool cannot run parts of the ${id} analysis: it is not in core/engine/pool/parts.ts.`);
  return part;
}
