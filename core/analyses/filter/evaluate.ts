import { PlumblineError } from '../../api/errors';
import type { ColumnType, TypedColumn } from '../../data/column';
import { parseTimestamp } from '../../data/values';
import { parseFilter, type FilterNode, type Literal } from './parse';
import { FilterSyntaxError, type Op } from './tokens';

export interface FilterColumnInfo {
  readonly name: string;
  readonly type: ColumnType;
}

export interface CompiledFilter {
  readonly source: string;
  /** Columns the filter reads, so callers load only those. */
  readonly columns: readonly string[];
  /** 1 where the row is kept. Missing values make a comparison unknown, and unknown rows are dropped (as in SQL). */
  evaluate(get: (column: string) => TypedColumn, rows: number): Uint8Array;
}

// Three-valued logic, as SQL: a comparison with a missing value is neither true nor false.
const F = 0, T = 1, U = 2;

/** Parses and type-checks a filter against the dataset's columns; errors name the position and the fix. */
export function compileFilter(source: string, columns: readonly FilterColumnInfo[], datasetName = 'the dataset'): CompiledFilter {
  let tree: FilterNode;
  try {
    tree = parseFilter(source);
  } catch (e) {
    if (e instanceof FilterSyntaxError) throw filterError(source, e.pos, e.message);
    throw e;
  }
  const types = new Map(columns.map((c) => [c.name, c.type]));
  const used = new Set<string>();
  check(tree);

  function check(n: FilterNode): void {
    if (n.type === 'and' || n.type === 'or') {
      check(n.left);
      check(n.right);
      return;
    }
    if (n.type === 'not') return check(n.operand);
    const type = types.get(n.column);
    if (type === undefined) {
      const known = columns.slice(0, 12).map((c) => JSON.stringify(c.name)).join(', ');
      throw filterError(source, n.pos, `${datasetName} has no column ${JSON.stringify(n.column)} (columns: ${known}${columns.length > 12 ? ', …' : ''})`);
    }
    used.add(n.column);
    if (n.type === 'isnull') return;
    const ordering = n.type === 'between' || (n.type === 'compare' && n.op !== '=' && n.op !== '!=');
    if (ordering && !(type === 'integer' || type === 'real' || type === 'timestamp')) {
      throw filterError(source, n.pos, `column ${JSON.stringify(n.column)} is ${type}: only =, != and IN apply to it`);
    }
    const lits = n.type === 'compare' ? [n.value] : n.type === 'in' ? n.values : [n.low, n.high];
    for (const l of lits) literalFor(type, l, n.column, source, n.pos);
  }

  return {
    source,
    columns: [...used],
    evaluate(get, rows) {
      const cache = new Map<string, TypedColumn>();
      const col = (name: string) => {
        let c = cache.get(name);
        if (!c) cache.set(name, (c = get(name)));
        return c;
      };
      const v = evalNode(tree, col, rows, types);
      for (let i = 0; i < rows; i++) v[i] = v[i] === T ? 1 : 0;
      return v;
    },
  };
}

/** A literal converted to the column's storage value (number, or string for text columns). */
function literalFor(type: ColumnType, l: Literal, column: string, source: string, pos: number): number | string {
  if (type === 'integer' || type === 'real') {
    if (l.kind === 'number') return l.value;
    throw filterError(source, pos, `column ${JSON.stringify(column)} is numeric: compare it with a number, not ${JSON.stringify(l.value)}`);
  }
  if (type === 'boolean') {
    if (l.kind === 'boolean') return l.value ? 1 : 0;
    if (l.kind === 'number' && (l.value === 0 || l.value === 1)) return l.value;
    throw filterError(source, pos, `column ${JSON.stringify(column)} is boolean: compare it with TRUE or FALSE`);
  }
  if (type === 'timestamp') {
    const ms = l.kind === 'string' ? parseTimestamp(l.value) : undefined;
    if (ms !== undefined) return ms;
    throw filterError(source, pos, `column ${JSON.stringify(column)} is a timestamp: compare it with a quoted ISO date such as '2026-03-01' or '2026-03-01T12:00:00Z'`);
  }
  if (l.kind === 'string') return l.value;
  throw filterError(source, pos, `column ${JSON.stringify(column)} is text: quote the value, e.g. '${String(l.value)}'`);
}

function evalNode(n: FilterNode, col: (name: string) => TypedColumn, rows: number, types: Map<string, ColumnType>): Uint8Array {
  if (n.type === 'and' || n.type === 'or') {
    const a = evalNode(n.left, col, rows, types);
    const b = evalNode(n.right, col, rows, types);
    for (let i = 0; i < rows; i++) {
      const x = a[i], y = b[i];
      a[i] = n.type === 'and' ? (x === F || y === F ? F : x === T && y === T ? T : U) : x === T || y === T ? T : x === F && y === F ? F : U;
    }
    return a;
  }
  if (n.type === 'not') {
    const a = evalNode(n.operand, col, rows, types);
    for (let i = 0; i < rows; i++) a[i] = a[i] === U ? U : a[i] === T ? F : T;
    return a;
  }
  const c = col(n.column);
  const type = types.get(n.column)!;
  const out = new Uint8Array(rows);
  const lit = (l: Literal) => literalFor(type, l, n.column, '', 0);
  if (c.kind === 'numeric') {
    const v = c.values;
    if (n.type === 'isnull') {
      for (let i = 0; i < rows; i++) out[i] = Number.isNaN(v[i]) !== n.negated ? T : F;
      return out;
    }
    const test = numericTest(n, lit);
    for (let i = 0; i < rows; i++) out[i] = Number.isNaN(v[i]) ? U : test(v[i]) ? T : F;
    return out;
  }
  const codes = c.codes;
  if (n.type === 'isnull') {
    for (let i = 0; i < rows; i++) out[i] = (codes[i] < 0) !== n.negated ? T : F;
    return out;
  }
  // Text: compare dictionary codes, looking each literal up once.
  const codeOf = new Map(c.dictionary.map((s, k) => [s, k]));
  const wanted = new Set<number>();
  let negate = false;
  if (n.type === 'compare') {
    wanted.add(codeOf.get(lit(n.value) as string) ?? -2);
    negate = n.op === '!=';
  } else if (n.type === 'in') {
    for (const l of n.values) wanted.add(codeOf.get(lit(l) as string) ?? -2);
    negate = n.negated;
  }
  for (let i = 0; i < rows; i++) out[i] = codes[i] < 0 ? U : wanted.has(codes[i]) !== negate ? T : F;
  return out;
}

function numericTest(n: Extract<FilterNode, { type: 'compare' | 'in' | 'between' }>, lit: (l: Literal) => number | string): (x: number) => boolean {
  if (n.type === 'in') {
    const set = new Set(n.values.map((l) => lit(l) as number));
    return n.negated ? (x) => !set.has(x) : (x) => set.has(x);
  }
  if (n.type === 'between') {
    const lo = lit(n.low) as number, hi = lit(n.high) as number;
    return n.negated ? (x) => x < lo || x > hi : (x) => x >= lo && x <= hi;
  }
  const y = lit(n.value) as number;
  const ops: Record<Op, (x: number) => boolean> = {
    '=': (x) => x === y,
    '!=': (x) => x !== y,
    '<': (x) => x < y,
    '<=': (x) => x <= y,
    '>': (x) => x > y,
    '>=': (x) => x >= y,
  };
  return ops[n.op];
}

function filterError(source: string, pos: number, message: string): PlumblineError {
  const caret = `${source}\n${' '.repeat(Math.max(0, pos))}^`;
  return new PlumblineError('BAD_REQUEST', `Filter error at position ${pos + 1}: ${message}.\n${caret}`, { position: pos + 1 });
}
