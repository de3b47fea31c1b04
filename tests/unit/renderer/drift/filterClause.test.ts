import { describe, expect, it } from 'vitest';
import { parseFilter, type FilterNode } from '../../../../core/analyses/filter/parse';
import { buildClause, ClauseError, clauseText, opsFor, quoteIdent, quoteString, splitList, valueCount } from '../../../../renderer/src/drift/filterClause';

/** The single predicate the engine's parser reads back from a built clause. */
function parsed(text: string): FilterNode {
  return parseFilter(text);
}

describe('quoteIdent', () => {
  it('leaves plain identifiers bare', () => {
    expect(quoteIdent('device')).toBe('device');
    expect(quoteIdent('_age2')).toBe('_age2');
  });
  it('backticks names with spaces, symbols, leading digits or dots', () => {
    expect(quoteIdent('my column')).toBe('`my column`');
    expect(quoteIdent('a-b')).toBe('`a-b`');
    expect(quoteIdent('2nd')).toBe('`2nd`');
    expect(quoteIdent('a.b')).toBe('`a.b`');
    expect(quoteIdent('')).toBe('``');
  });
  it('backticks names that are keywords, in any case', () => {
    for (const kw of ['and', 'OR', 'Not', 'in', 'is', 'null', 'true', 'FALSE', 'between']) expect(quoteIdent(kw)).toBe('`' + kw + '`');
  });
  it('doubles backticks inside names', () => {
    expect(quoteIdent('a`b')).toBe('`a``b`');
    expect(quoteIdent('``')).toBe('``````');
  });
});

describe('quoteString', () => {
  it('doubles single quotes', () => {
    expect(quoteString("O'Brien")).toBe("'O''Brien'");
    expect(quoteString("''")).toBe("''''''");
    expect(quoteString('')).toBe("''");
  });
});

describe('opsFor / valueCount', () => {
  it('offers ordering only for numbers and timestamps', () => {
    for (const t of ['integer', 'real', 'timestamp'] as const) expect(opsFor(t)).toEqual(['=', '!=', '<', '<=', '>', '>=', 'BETWEEN', 'IS NULL', 'IS NOT NULL']);
    for (const t of ['categorical', 'text', 'boolean'] as const) expect(opsFor(t)).toEqual(['=', '!=', 'IN', 'IS NULL', 'IS NOT NULL']);
  });
  it('counts value inputs', () => {
    expect(valueCount('=')).toBe(1);
    expect(valueCount('IN')).toBe(1);
    expect(valueCount('BETWEEN')).toBe(2);
    expect(valueCount('IS NULL')).toBe(0);
    expect(valueCount('IS NOT NULL')).toBe(0);
  });
});

describe('buildClause: comparisons', () => {
  it('builds the example', () => {
    expect(buildClause({ column: 'device', type: 'categorical', op: '=', values: ['mobile'] })).toBe("device = 'mobile'");
    expect(buildClause({ column: 'age', type: 'integer', op: '>=', values: ['30'] })).toBe('age >= 30');
  });
  it('quotes names with spaces and escapes backticks', () => {
    const t = buildClause({ column: 'my `odd` col', type: 'text', op: '!=', values: ['x'] });
    expect(t).toBe("`my ``odd`` col` != 'x'");
    expect(parsed(t)).toMatchObject({ type: 'compare', column: 'my `odd` col', op: '!=', value: { kind: 'string', value: 'x' } });
  });
  it('keeps hostile names and values inert: they round-trip as one column and one string', () => {
    const name = '"; DROP TABLE x; --';
    const value = "'; DROP TABLE x; -- ` OR 1=1";
    const t = buildClause({ column: name, type: 'categorical', op: '=', values: [value] });
    expect(t).toBe("`\"; DROP TABLE x; --` = '''; DROP TABLE x; -- ` OR 1=1'");
    expect(parsed(t)).toMatchObject({ type: 'compare', column: name, op: '=', value: { kind: 'string', value } });
    const html = '<img src=x onerror=alert(1)>';
    expect(parsed(buildClause({ column: html, type: 'text', op: '=', values: [html] }))).toMatchObject({ column: html, value: { value: html } });
  });
  it('escapes quotes inside strings and keeps spaces as typed', () => {
    const t = buildClause({ column: 'name', type: 'text', op: '=', values: [" it's  "] });
    expect(t).toBe("name = ' it''s  '");
    expect(parsed(t)).toMatchObject({ value: { kind: 'string', value: " it's  " } });
  });
  it('writes numbers as numbers, and rejects what is not one', () => {
    expect(buildClause({ column: 'x', type: 'real', op: '<', values: [' -1.5e3 '] })).toBe('x < -1.5e3');
    expect(buildClause({ column: 'x', type: 'real', op: '>', values: ['.5'] })).toBe('x > .5');
    expect(parsed('x < -1.5e3')).toMatchObject({ value: { kind: 'number', value: -1500 } });
    for (const bad of ['abc', '1 OR 1=1', '1,5', 'NaN', 'Infinity', '0x10', '1e999', '']) {
      expect(() => buildClause({ column: 'x', type: 'integer', op: '=', values: [bad] })).toThrow(ClauseError);
    }
  });
  it('writes booleans as TRUE/FALSE', () => {
    expect(buildClause({ column: 'churned', type: 'boolean', op: '=', values: ['true'] })).toBe('churned = TRUE');
    expect(buildClause({ column: 'churned', type: 'boolean', op: '!=', values: ['0'] })).toBe('churned != FALSE');
    expect(parsed('churned = TRUE')).toMatchObject({ value: { kind: 'boolean', value: true } });
    expect(() => buildClause({ column: 'churned', type: 'boolean', op: '=', values: ['yes'] })).toThrow(ClauseError);
  });
  it('quotes timestamps as ISO dates and rejects others', () => {
    expect(buildClause({ column: 'ts', type: 'timestamp', op: '>=', values: ['2026-03-01'] })).toBe("ts >= '2026-03-01'");
    expect(buildClause({ column: 'ts', type: 'timestamp', op: '<', values: ['2026-03-01T12:00:00Z'] })).toBe("ts < '2026-03-01T12:00:00Z'");
    for (const bad of ['yesterday', "2026-03-01' OR '1'='1", '2026-13-45', '']) {
      expect(() => buildClause({ column: 'ts', type: 'timestamp', op: '=', values: [bad] })).toThrow(ClauseError);
    }
  });
  it('refuses operators that do not apply to the type, and a missing column or value', () => {
    expect(() => buildClause({ column: 'device', type: 'categorical', op: '<', values: ['a'] })).toThrow(/does not apply/);
    expect(() => buildClause({ column: 'age', type: 'integer', op: 'IN', values: ['1'] })).toThrow(/does not apply/);
    expect(() => buildClause({ column: '', type: 'text', op: '=', values: ['a'] })).toThrow(/choose a column/);
    expect(() => buildClause({ column: 'device', type: 'categorical', op: '=', values: [''] })).toThrow(/enter a value/);
  });
});

describe('buildClause: IN, BETWEEN, IS NULL', () => {
  it('builds IN lists from comma-separated input', () => {
    const t = buildClause({ column: 'device', type: 'categorical', op: 'IN', values: ["mobile, tablet ,O'Neil,"] });
    expect(t).toBe("device IN ('mobile', 'tablet', 'O''Neil')");
    expect(parsed(t)).toMatchObject({ type: 'in', values: [{ value: 'mobile' }, { value: 'tablet' }, { value: "O'Neil" }] });
  });
  it('allows commas inside double-quoted IN items', () => {
    expect(splitList('"a, b", c, "say ""hi"""')).toEqual(['a, b', 'c', 'say "hi"']);
    expect(buildClause({ column: 'city', type: 'text', op: 'IN', values: ['"Paris, FR", Rome'] })).toBe("city IN ('Paris, FR', 'Rome')");
  });
  it('builds boolean IN lists and rejects empty ones', () => {
    expect(buildClause({ column: 'flag', type: 'boolean', op: 'IN', values: ['TRUE, false'] })).toBe('flag IN (TRUE, FALSE)');
    expect(() => buildClause({ column: 'device', type: 'categorical', op: 'IN', values: [' , '] })).toThrow(ClauseError);
  });
  it('builds BETWEEN for numbers and timestamps', () => {
    const n = buildClause({ column: 'age', type: 'integer', op: 'BETWEEN', values: ['18', '65'] });
    expect(n).toBe('age BETWEEN 18 AND 65');
    expect(parsed(n)).toMatchObject({ type: 'between', low: { value: 18 }, high: { value: 65 } });
    expect(buildClause({ column: 'signup date', type: 'timestamp', op: 'BETWEEN', values: ['2026-01-01', '2026-02-01'] })).toBe("`signup date` BETWEEN '2026-01-01' AND '2026-02-01'");
    expect(() => buildClause({ column: 'age', type: 'integer', op: 'BETWEEN', values: ['18'] })).toThrow(/both ends/);
  });
  it('builds IS NULL / IS NOT NULL, ignoring values', () => {
    expect(buildClause({ column: 'age', type: 'integer', op: 'IS NULL', values: ['ignored'] })).toBe('age IS NULL');
    const t = buildClause({ column: 'a`b', type: 'text', op: 'IS NOT NULL', values: [] });
    expect(t).toBe('`a``b` IS NOT NULL');
    expect(parsed(t)).toMatchObject({ type: 'isnull', column: 'a`b', negated: true });
  });
});

describe('buildClause: joining with the existing text', () => {
  const clause = { column: 'device', type: 'categorical', op: '=', values: ['mobile'] } as const;
  it('returns the clause alone when the box is empty or blank', () => {
    expect(buildClause({ ...clause, existing: '' })).toBe("device = 'mobile'");
    expect(buildClause({ ...clause, existing: '   ', join: 'OR' })).toBe("device = 'mobile'");
  });
  it('joins with AND by default, or with OR', () => {
    expect(buildClause({ ...clause, existing: 'age >= 30 ' })).toBe("age >= 30 AND device = 'mobile'");
    expect(buildClause({ ...clause, existing: 'age >= 30', join: 'OR' })).toBe("age >= 30 OR device = 'mobile'");
  });
  it('parenthesises an existing OR before AND, so the condition applies to all of it', () => {
    const t = buildClause({ ...clause, existing: 'a = 1 OR b = 2', join: 'AND' });
    expect(t).toBe("(a = 1 OR b = 2) AND device = 'mobile'");
    expect(parsed(t)).toMatchObject({ type: 'and', left: { type: 'or' } });
  });
  it('does not mistake OR inside strings or names for the operator', () => {
    expect(buildClause({ ...clause, existing: "`x OR y` = 'a or b'" })).toBe("`x OR y` = 'a or b' AND device = 'mobile'");
  });
  it('the joined text parses', () => {
    let text = '';
    text = buildClause({ column: 'age', type: 'integer', op: 'BETWEEN', values: ['1', '2'], existing: text });
    text = buildClause({ column: 'my col', type: 'categorical', op: 'IN', values: ['a,b'], existing: text, join: 'OR' });
    text = buildClause({ column: 'ts', type: 'timestamp', op: 'IS NULL', values: [], existing: text, join: 'AND' });
    expect(text).toBe("(age BETWEEN 1 AND 2 OR `my col` IN ('a', 'b')) AND ts IS NULL");
    expect(() => parsed(text)).not.toThrow();
  });
  it('clauseText ignores the existing text', () => {
    expect(clauseText(clause)).toBe("device = 'mobile'");
  });
});
