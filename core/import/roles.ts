import type { ColumnRole, ColumnType } from '../data/column';

// An id by name: `id`, `user_id`, `request-uuid`, camelCase `userId`/`userID` — but not any name
// that merely ends in the letters "id" (`is_recid`, `violent_recid`, `paid`, `valid`).
const ID_NAME = /^(id|uuid|guid|key)$|(^|[_\s.-])(id|uuid|guid|key)$/i;
const CAMEL_ID = /[a-z\d](Id|ID|Uuid|UUID|Key)$/;

/**
 * First guess at a column's role from its name and type. Users correct it in the import dialog or
 * with --role; analyses then default to the saved roles.
 */
const RULES: readonly [RegExp, ColumnRole, (t: ColumnType) => boolean][] = [
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

/** What is known of a column's values: over the whole file at import, over the first rows in a preview. */
export interface ValueProfile {
  readonly range?: ValueRange;
  /** Non-missing values. */
  readonly nonNull?: number;
  /** Distinct non-missing values (a lower bound when `distinctAtLeast`). */
  readonly distinct?: number;
  readonly distinctAtLeast?: boolean;
  /** Every value present and each greater than the one before: a row counter. */
  readonly increasing?: boolean;
}

/** A counter needs this many rows before its increase says anything (a 5-row file of years does not). */
export const MIN_COUNTER_ROWS = 20;
/** An id is unique or nearly so: at least this share of its values distinct. */
export const ID_DISTINCT_SHARE = 0.95;

/** Whether the name alone proposes an id. */
export function idByName(name: string): boolean {
  return ID_NAME.test(name) || CAMEL_ID.test(name);
}

/**
 * The values say id: unique or nearly so (a small set of codes is not an id, whatever its name),
 * or an integer counter that only goes up (`instant`, a row number) whatever its name.
 */
function idByValues(name: string, type: ColumnType, v: ValueProfile): boolean | undefined {
  if (type === 'boolean' || type === 'timestamp' || type === 'real') return false;
  if (type === 'integer' && v.increasing && (v.nonNull ?? 0) >= MIN_COUNTER_ROWS) return true;
  if (!idByName(name)) return false;
  if (v.distinct === undefined || v.nonNull === undefined || v.nonNull === 0) return undefined;
  return v.distinctAtLeast ? v.distinct >= ID_DISTINCT_SHARE * v.nonNull || v.distinct > 1000 : v.distinct >= ID_DISTINCT_SHARE * v.nonNull;
}

/**
 * The name proposes, the values decide where they can: a `score` is a probability, so a column
 * named like one but ranging outside [0, 1] (a credit score of 300–850) is a feature; an id is
 * nearly unique, and a monotone counter is an id whatever its name.
 */
export function guessRole(name: string, type: ColumnType, values?: ValueProfile | ValueRange): ColumnRole {
  const v: ValueProfile = values === undefined ? {} : 'min' in values ? { range: values } : values;
  const byValues = idByValues(name, type, v);
  if (byValues === true || (byValues === undefined && idByName(name))) return 'id';
  for (const [pattern, role, fits] of RULES) {
    if (!pattern.test(name) || !fits(type)) continue;
    if (role === 'score' && v.range && (v.range.min < 0 || v.range.max > 1)) continue;
    return role;
  }
  if (type === 'timestamp') return 'timestamp';
  return 'feature';
}

/** The profile of a sample of text cells (null = missing) as the given type reads them. */
export function profileOf(cells: readonly (string | null)[], type: ColumnType): ValueProfile {
  const present = cells.filter((c): c is string => c !== null);
  const numeric = type === 'integer' || type === 'real';
  const numbers = numeric ? present.map(Number) : [];
  let increasing = numeric && present.length === cells.length && present.length > 0;
  for (let i = 1; increasing && i < numbers.length; i++) if (!(numbers[i] > numbers[i - 1])) increasing = false;
  return {
    ...(numbers.length ? { range: { min: Math.min(...numbers), max: Math.max(...numbers) } } : {}),
    nonNull: present.length,
    distinct: new Set(present).size,
    increasing,
  };
}
