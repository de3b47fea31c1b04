/**
 * Options of a fairness run as the API, the CLI, saved settings and report specs give them: the
 * label, the decision and the attributes may be left out, and are then taken from the dataset's
 * column roles (label, score at 0.5 or prediction, group) — so `{}` runs on a dataset whose roles
 * were set at import. `resolveFairnessOptions` turns them into the compute's FairnessOptions.
 */
import { PlumblineError } from '../../api/errors';
import type { ColumnInfo } from '../../api/types';
import { fairnessOptionsSchema } from './options';
import type { FairnessOptions, FairnessRunOptions } from './types';
import { lazySchema } from '../../api/lazy-schema';

export type { FairnessRunOptions } from './types';

export const fairnessRunOptionsSchema = lazySchema(() => fairnessOptionsSchema.partial({ label: true, decision: true, attributes: true }));

/** The threshold a score column is cut at when the run names none. */
export const DEFAULT_SCORE_THRESHOLD = 0.5;

function has(info: readonly ColumnInfo[], name: string, dataset: string, what: string): void {
  if (!info.some((c) => c.name === name)) throw new PlumblineError('BAD_REQUEST', `Dataset "${dataset}" has no ${what} column ${JSON.stringify(name)}.`);
}

/** Fills the label, decision and attributes from the column roles; checks every named column exists. */
export function resolveFairnessOptions(options: FairnessRunOptions, info: readonly ColumnInfo[], dataset: string): FairnessOptions {
  const byRole = (role: string) => info.filter((c) => c.role === role);
  const label = options.label ?? byRole('label')[0]?.name;
  if (label === undefined) throw new PlumblineError('BAD_REQUEST', `Dataset "${dataset}" has no column with the label role: choose the label column.`);
  has(info, label, dataset, 'label');
  let decision = options.decision;
  if (!decision) {
    const score = byRole('score')[0];
    const prediction = byRole('prediction')[0];
    if (score) decision = { kind: 'score', column: score.name, threshold: DEFAULT_SCORE_THRESHOLD };
    else if (prediction) decision = { kind: 'prediction', column: prediction.name };
    else throw new PlumblineError('BAD_REQUEST', `Dataset "${dataset}" has no score or prediction column by role: choose a score column and a threshold, or a prediction column.`);
  }
  has(info, decision.column, dataset, decision.kind);
  const attributes = options.attributes ?? byRole('group').map((c) => c.name);
  if (attributes.length === 0) throw new PlumblineError('BAD_REQUEST', `Dataset "${dataset}" has no column with the group role: choose the attribute columns.`);
  for (const a of [...attributes, ...(options.intersections ?? []).flat()]) has(info, a, dataset, 'attribute');
  if (options.overTime?.chunk.by === 'period') has(info, options.overTime.chunk.timestamp, dataset, 'timestamp');
  return { ...options, label, decision, attributes };
}

/** Every column the resolved options read, once each, label and decision first. */
export function fairnessColumns(o: FairnessOptions): string[] {
  const names = [o.label, o.decision.column, ...o.attributes, ...(o.intersections ?? []).flat()];
  if (o.overTime?.chunk.by === 'period') names.push(o.overTime.chunk.timestamp);
  return [...new Set(names)];
}
