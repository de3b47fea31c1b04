/**
 * The Fairness screen's inputs as plain state, the defaults a dataset's column roles give, and the
 * run options they ask for — the same options `plumbline fairness` builds from its flags.
 */
import type { ColumnInfo } from '../../../core/api/types';
import type { FairnessRunOptions } from '../../../core/analyses/fairness/types';

export interface FairnessForm {
  readonly label: string;
  readonly decisionKind: 'score' | 'prediction';
  readonly score: string;
  readonly threshold: number;
  readonly prediction: string;
  readonly attributes: readonly string[];
  readonly intersect: boolean;
  /** Attribute label (`race`, `race × sex`) → chosen reference group; absent = by the method. */
  readonly referenceGroups: Readonly<Record<string, string>>;
  readonly referenceMethod: 'majority' | 'min_metric';
  readonly tau: number;
  readonly minGroupSize: number;
  /** '' = no over-time view; day/week/month by the timestamp column; 'rows' = every `chunkRows` rows. */
  readonly chunk: '' | 'day' | 'week' | 'month' | 'rows';
  readonly chunkRows: number;
  /** 0 = no bootstrap. */
  readonly bootstrap: number;
  readonly seed: number;
  readonly where: string;
}

export const INTERSECTION_SEPARATOR = ' × ';

/** What the dataset's roles suggest: label, score (else prediction) and the group columns. */
export function defaultForm(columns: readonly ColumnInfo[]): FairnessForm {
  const first = (role: string) => columns.find((c) => c.role === role)?.name ?? '';
  const score = first('score');
  return {
    label: first('label'),
    decisionKind: score || !first('prediction') ? 'score' : 'prediction',
    score,
    threshold: 0.5,
    prediction: first('prediction'),
    attributes: columns.filter((c) => c.role === 'group').map((c) => c.name),
    intersect: false,
    referenceGroups: {},
    referenceMethod: 'majority',
    tau: 0.8,
    minGroupSize: 30,
    chunk: '',
    chunkRows: 1000,
    bootstrap: 0,
    seed: 1,
    where: '',
  };
}

/** The attribute labels a form audits: each attribute, then their intersection when asked. */
export function attributeLabels(f: FairnessForm): string[] {
  return [...f.attributes, ...(f.intersect && f.attributes.length >= 2 ? [f.attributes.join(INTERSECTION_SEPARATOR)] : [])];
}

/** Why the form cannot run yet, or null. */
export function formProblem(f: FairnessForm, columns: readonly ColumnInfo[]): string | null {
  if (!f.label) return 'Choose the label column.';
  if (f.decisionKind === 'score' && !f.score) return 'Choose the score column.';
  if (f.decisionKind === 'prediction' && !f.prediction) return 'Choose the prediction column.';
  if (f.attributes.length === 0) return 'Choose at least one attribute.';
  if (!(f.tau > 0 && f.tau <= 1)) return 'τ is a number in (0, 1].';
  if (['day', 'week', 'month'].includes(f.chunk) && !timestampColumn(columns)) return 'Chunking by time needs a column with the timestamp role.';
  return null;
}

export function timestampColumn(columns: readonly ColumnInfo[]): string | null {
  return columns.find((c) => c.role === 'timestamp' && c.type === 'timestamp')?.name ?? null;
}

/** The run options of a form (as `plumbline fairness` would build them from the same choices). */
export function formOptions(f: FairnessForm, columns: readonly ColumnInfo[]): FairnessRunOptions {
  const labels = new Set(attributeLabels(f));
  const referenceGroups = Object.fromEntries(Object.entries(f.referenceGroups).filter(([k, v]) => labels.has(k) && v !== ''));
  const ts = timestampColumn(columns);
  const chunk =
    f.chunk === 'rows' ? { by: 'count' as const, size: Math.max(1, Math.round(f.chunkRows)) }
    : f.chunk !== '' && ts ? { by: 'period' as const, period: f.chunk, timestamp: ts }
    : null;
  return {
    label: f.label,
    decision: f.decisionKind === 'score' ? { kind: 'score', column: f.score, threshold: f.threshold } : { kind: 'prediction', column: f.prediction },
    attributes: [...f.attributes],
    ...(f.intersect && f.attributes.length >= 2 ? { intersections: [[...f.attributes]] } : {}),
    ...(Object.keys(referenceGroups).length ? { referenceGroups } : {}),
    ...(f.referenceMethod !== 'majority' ? { referenceMethod: f.referenceMethod } : {}),
    tau: f.tau,
    minGroupSize: Math.max(0, Math.round(f.minGroupSize)),
    bootstrap: { resamples: Math.max(0, Math.round(f.bootstrap)), seed: Math.round(f.seed) },
    ...(chunk ? { overTime: { chunk } } : {}),
  };
}
