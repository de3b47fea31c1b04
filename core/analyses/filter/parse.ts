import { FilterSyntaxError, tokenize, type Op, type Token } from './tokens';

export type Literal = { readonly kind: 'string'; readonly value: string } | { readonly kind: 'number'; readonly value: number } | { readonly kind: 'boolean'; readonly value: boolean };

/** The filter as a tree. Every comparison is between one column and literal values. */
export type FilterNode =
  | { readonly type: 'and'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly type: 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly type: 'not'; readonly operand: FilterNode }
  | { readonly type: 'compare'; readonly column: string; readonly op: Op; readonly value: Literal; readonly pos: number }
  | { readonly type: 'in'; readonly column: string; readonly values: readonly Literal[]; readonly negated: boolean; readonly pos: number }
  | { readonly type: 'between'; readonly column: string; readonly low: Literal; readonly high: Literal; readonly negated: boolean; readonly pos: number }
  | { readonly type: 'isnull'; readonly column: string; readonly negated: boolean; readonly pos: number };

/** Recursive descent: or → and → not → predicate. Precedence as in SQL. */
export function parseFilter(src: string): FilterNode {
  const tokens = tokenize(src);
  let i = 0;
  const peek = (): Token => tokens[i];
  const next = (): Token => tokens[i++];
  const isKw = (t: Token, kw: string) => t.kind === 'keyword' && t.value === kw;
  const describe = (t: Token) => (t.kind === 'end' ? 'the end of the filter' : `${JSON.stringify(String(t.value))}`);

  function orExpr(): FilterNode {
    let left = andExpr();
    while (isKw(peek(), 'OR')) {
      next();
      left = { type: 'or', left, right: andExpr() };
    }
    return left;
  }
  function andExpr(): FilterNode {
    let left = notExpr();
    while (isKw(peek(), 'AND')) {
      next();
      left = { type: 'and', left, right: notExpr() };
    }
    return left;
  }
  function notExpr(): FilterNode {
    if (isKw(peek(), 'NOT')) {
      next();
      return { type: 'not', operand: notExpr() };
    }
    return predicate();
  }
  function literal(): Literal {
    const t = next();
    if (t.kind === 'string') return { kind: 'string', value: t.value };
    if (t.kind === 'number') return { kind: 'number', value: t.value };
    if (isKw(t, 'TRUE')) return { kind: 'boolean', value: true };
    if (isKw(t, 'FALSE')) return { kind: 'boolean', value: false };
    throw new FilterSyntaxError(`expected a value (a number, a 'quoted string', TRUE or FALSE) but found ${describe(t)}`, t.pos);
  }
  function predicate(): FilterNode {
    const t = peek();
    if (t.kind === 'punct' && t.value === '(') {
      next();
      const inner = orExpr();
      const close = next();
      if (!(close.kind === 'punct' && close.value === ')')) throw new FilterSyntaxError(`expected ")" but found ${describe(close)}`, close.pos);
      return inner;
    }
    if (t.kind !== 'ident') {
      throw new FilterSyntaxError(`expected a column name but found ${describe(t)} (quote names with spaces or symbols in backticks: \`my column\`)`, t.pos);
    }
    next();
    const column = t.value;
    const pos = t.pos;
    const op = peek();
    if (op.kind === 'op') {
      next();
      return { type: 'compare', column, op: op.value, value: literal(), pos };
    }
    if (isKw(op, 'IS')) {
      next();
      const negated = isKw(peek(), 'NOT');
      if (negated) next();
      const n = next();
      if (!isKw(n, 'NULL')) throw new FilterSyntaxError(`expected NULL after IS${negated ? ' NOT' : ''} but found ${describe(n)}`, n.pos);
      return { type: 'isnull', column, negated, pos };
    }
    let negated = false;
    if (isKw(op, 'NOT')) {
      next();
      negated = true;
    }
    const kw = next();
    if (isKw(kw, 'IN')) {
      const open = next();
      if (!(open.kind === 'punct' && open.value === '(')) throw new FilterSyntaxError(`expected "(" after IN but found ${describe(open)}`, open.pos);
      const values = [literal()];
      while (peek().kind === 'punct' && (peek() as { value: string }).value === ',') {
        next();
        values.push(literal());
      }
      const close = next();
      if (!(close.kind === 'punct' && close.value === ')')) throw new FilterSyntaxError(`expected "," or ")" in the IN list but found ${describe(close)}`, close.pos);
      return { type: 'in', column, values, negated, pos };
    }
    if (isKw(kw, 'BETWEEN')) {
      const low = literal();
      const and = next();
      if (!isKw(and, 'AND')) throw new FilterSyntaxError(`expected AND in BETWEEN … AND … but found ${describe(and)}`, and.pos);
      return { type: 'between', column, low, high: literal(), negated, pos };
    }
    throw new FilterSyntaxError(
      `expected an operator (=, !=, <, <=, >, >=, IN, BETWEEN, IS NULL) after column ${JSON.stringify(column)} but found ${describe(kw)}`,
      kw.pos,
    );
  }

  const tree = orExpr();
  const end = peek();
  if (end.kind !== 'end') throw new FilterSyntaxError(`unexpected ${describe(end)}: join conditions with AND or OR`, end.pos);
  return tree;
}
