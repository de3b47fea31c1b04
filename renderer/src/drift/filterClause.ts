import type { ColumnType } from '../../../core/data/column';

/**
 * Builds one clause of the segment filter language (core/analyses/filter/), quoted and escaped,
 * from the filter builder's choices. Pure: the text box stays the single source of truth.
 */
export type ClauseOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'BETWEEN' | 'IN' | 'IS NULL' | 'IS NOT NULL';
export type ClauseJoin = 'AND' | 'OR';

export interface ClauseInput {
  readonly column: string;
  readonly type: ColumnType;
  readonly op: ClauseOp;
  /** Raw values as typed: one for comparisons, two for BETWEEN, one comma-separated for IN, none for IS NULL. */
  readonly values: readonly string[];
  /** How to join onto the existing filter text; ignored when that is empty. */
  readonly join?: ClauseJoin;
  /** The filter text so far; the result is the whole new text. */
  readonly existing?: string;
}

export class ClauseError extends Error {}

const ORDERED_OPS: readonly ClauseOp[] = ['=', '!=', '<', '<=', '>', '>=', 'BETWEEN', 'IS NULL', 'IS NOT NULL'];
const EQUALITY_OPS: readonly ClauseOp[] = ['=', '!=', 'IN', 'IS NULL', 'IS NOT NULL'];

/** The operators that apply to a column of this type (ordering only for numbers and timestamps). */
export function opsFor(type: ColumnType): readonly ClauseOp[] {
  return isOrdered(type) ? ORDERED_OPS : EQUALITY_OPS;
}

/** How many value inputs the operator takes. */
export function valueCount(op: ClauseOp): 0 | 1 | 2 {
  if (op === 'IS NULL' || op === 'IS NOT NULL') return 0;
  return op === 'BETWEEN' ? 2 : 1;
}

function isOrdered(type: ColumnType): boolean {
  return type === 'integer' || type === 'real' || type === 'timestamp';
}

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'TRUE', 'FALSE', 'BETWEEN']);

/** A column name as the tokenizer reads it: bare when plainly an identifier, else in backticks with ` doubled. */
export function quoteIdent(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name.toUpperCase())) return name;
  return '`' + name.replaceAll('`', '``') + '`';
}

/** A string literal: single quotes, with ' doubled. */
export function quoteString(value: string): string {
  return "'" + value.replaceAll("'", "''") + "'";
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function literal(type: ColumnType, raw: string, column: string): string {
  const v = raw.trim();
  if (type === 'integer' || type === 'real') {
    if (!NUMBER.test(v) || !Number.isFinite(Number(v))) throw new ClauseError(`${JSON.stringify(column)} is a number: enter a number such as 30 or 1.5`);
    return v;
  }
  if (type === 'boolean') {
    const u = v.toUpperCase();
    if (u === 'TRUE' || u === '1') return 'TRUE';
    if (u === 'FALSE' || u === '0') return 'FALSE';
    throw new ClauseError(`${JSON.stringify(column)} is boolean: enter TRUE or FALSE`);
  }
  if (type === 'timestamp') {
    if (!ISO_DATE.test(v) || Number.isNaN(Date.parse(v))) throw new ClauseError(`${JSON.stringify(column)} is a timestamp: enter an ISO date such as 2026-03-01 or 2026-03-01T12:00:00Z`);
    return quoteString(v);
  }
  // categorical / text: the value is taken as typed (not trimmed: spaces may matter).
  return quoteString(raw);
}

/** Splits an IN list on commas; a value may itself contain a comma when written as "a,b" in double quotes. */
export function splitList(raw: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '"') {
      if (quoted && raw[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

/** The clause alone (no join). Throws ClauseError with a message for the user when a value does not fit the type. */
export function clauseText({ column, type, op, values }: Omit<ClauseInput, 'join' | 'existing'>): string {
  if (column === '') throw new ClauseError('choose a column');
  if (!opsFor(type).includes(op)) throw new ClauseError(`${op} does not apply to ${JSON.stringify(column)} (${type})`);
  const name = quoteIdent(column);
  if (op === 'IS NULL' || op === 'IS NOT NULL') return `${name} ${op}`;
  if (op === 'IN') {
    const items = splitList(values[0] ?? '');
    if (items.length === 0) throw new ClauseError('enter one or more values, separated by commas');
    return `${name} IN (${items.map((v) => literal(type, v, column)).join(', ')})`;
  }
  if (op === 'BETWEEN') {
    const [lo = '', hi = ''] = values;
    if (lo.trim() === '' || hi.trim() === '') throw new ClauseError('enter both ends of the range');
    return `${name} BETWEEN ${literal(type, lo, column)} AND ${literal(type, hi, column)}`;
  }
  const v = values[0] ?? '';
  if (v === '' || (isOrdered(type) || type === 'boolean' ? v.trim() === '' : false)) throw new ClauseError('enter a value');
  return `${name} ${op} ${literal(type, v, column)}`;
}

/**
 * The filter text with the new clause appended. An existing filter containing OR is parenthesised
 * before joining with AND, so the new condition applies to all of it (AND binds tighter than OR).
 */
export function buildClause(input: ClauseInput): string {
  const clause = clauseText(input);
  const existing = (input.existing ?? '').trim();
  if (existing === '') return clause;
  const join = input.join ?? 'AND';
  const left = join === 'AND' && /\bOR\b/i.test(stripQuoted(existing)) ? `(${existing})` : existing;
  return `${left} ${join} ${clause}`;
}

/** The text with quoted strings and names blanked, so keywords inside them are not seen. */
function stripQuoted(src: string): string {
  return src.replace(/'(?:[^']|'')*'|`(?:[^`]|``)*`|"(?:[^"]|"")*"/g, ' ');
}
