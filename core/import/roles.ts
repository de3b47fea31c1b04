import type { ColumnRole, ColumnType } from '../data/column';

/**
 * First guess at a column's role from its name and type. Users correct it in the import dialog or
 * with --role; analyses then default to the saved roles.
 */
const RULES: readonly [RegExp, ColumnRole, (t: ColumnType) => boolean][] = [
  [/^(id|uuid|guid|key)$|(^|[_\s.-])(id|uuid|guid|key)$|Id$/i, 'id', () => true],
  [/(^|[_\s.-])(ts|time|timestamp|date|datetime|created|event_time)([_\s.-]|$)|_at$/i, 'timestamp', (t) => t === 'timestamp' || t === 'integer'],
  [/^(label|label_value|target|y|y_true|ground_truth|actual|outcome|truth)$/i, 'label', () => true],
  [/(^|[_\s.-])(score|proba|probability|prob)([_\s.-]|$)|^p_/i, 'score', (t) => t === 'real' || t === 'integer'],
  [/^(prediction|predicted|pred|y_pred|yhat|y_hat)$|(^|[_\s.-])pred(iction)?([_\s.-]|$)/i, 'prediction', () => true],
  [/^(sex|gender|race|ethnicity|age_cat|age_group|age_band|religion|nationality|disability|marital_status)$/i, 'group', (t) => t === 'categorical' || t === 'text' || t === 'boolean'],
  [/^(variant|arm|treatment|experiment|model_version|model|version|bucket|cohort)$/i, 'variant', (t) => t === 'categorical' || t === 'text' || t === 'integer'],
];

/** What is known of a numeric column's values when guessing (import knows it; a preview knows a sample). */
export interface ValueRange {
  readonly min: number;
  readonly max: number;
}

/**
 * The name proposes, the values decide where they can: a `score` is a probability, so a column
 * named like one but ranging outside [0, 1] (a credit score of 300–850) is a feature.
 */
export function guessRole(name: string, type: ColumnType, range?: ValueRange): ColumnRole {
  for (const [pattern, role, fits] of RULES) {
    if (!pattern.test(name) || !fits(type)) continue;
    if (role === 'score' && range && (range.min < 0 || range.max > 1)) continue;
    return role;
  }
  if (type === 'timestamp') return 'timestamp';
  return 'feature';
}
