import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../core/analyses/filter';
import type { TypedColumn } from '../../../core/data/column';

const NaN_ = Number.NaN;
const cols: Record<string, TypedColumn> = {
  age: { name: 'age', kind: 'numeric', type: 'integer', values: new Float64Array([25, 35, NaN_, 45, 30]) },
  device: { name: 'device', kind: 'categorical', type: 'categorical', codes: new Int32Array([0, 1, 0, -1, 2]), dictionary: ['mobile', 'desktop', "it's"] },
  'my col': { name: 'my col', kind: 'numeric', type: 'real', values: new Float64Array([0.1, 0.9, 0.5, 0.7, NaN_]) },
  ok: { name: 'ok', kind: 'numeric', type: 'boolean', values: new Float64Array([1, 0, 1, NaN_, 0]) },
  ts: { name: 'ts', kind: 'numeric', type: 'timestamp', values: new Float64Array([Date.UTC(2026, 0, 1), Date.UTC(2026, 1, 1), Date.UTC(2026, 2, 1), NaN_, Date.UTC(2026, 3, 1)]) },
  '"; DROP TABLE x; --': { name: '"; DROP TABLE x; --', kind: 'numeric', type: 'integer', values: new Float64Array([1, 2, 3, 4, 5]) },
};
const info = Object.values(cols).map((c) => ({ name: c.name, type: c.type }));
const run = (src: string) => Array.from(compileFilter(src, info).evaluate((n) => cols[n], 5));

describe('segment filter', () => {
  it('evaluates comparisons, AND/OR/NOT with SQL precedence', () => {
    expect(run("device = 'mobile' AND age >= 30")).toEqual([0, 0, 0, 0, 0]);
    expect(run("device = 'mobile' OR age > 40")).toEqual([1, 0, 1, 1, 0]);
    expect(run("age < 30 OR age > 40 AND device = 'desktop'")).toEqual([1, 0, 0, 0, 0]);
    expect(run("(age < 30 OR age > 40) AND NOT device = 'desktop'")).toEqual([1, 0, 0, 0, 0]);
  });

  it('treats missing values as unknown (dropped), as SQL does, also under NOT', () => {
    expect(run('age > 0')).toEqual([1, 1, 0, 1, 1]);
    expect(run('NOT age > 100')).toEqual([1, 1, 0, 1, 1]);
    expect(run('age IS NULL')).toEqual([0, 0, 1, 0, 0]);
    expect(run('device IS NOT NULL')).toEqual([1, 1, 1, 0, 1]);
  });

  it('supports IN, NOT IN, BETWEEN, booleans, timestamps, quoted names and escaped quotes', () => {
    expect(run("device IN ('desktop', 'it''s')")).toEqual([0, 1, 0, 0, 1]);
    expect(run("device NOT IN ('mobile')")).toEqual([0, 1, 0, 0, 1]);
    expect(run('`my col` BETWEEN 0.5 AND 0.9')).toEqual([0, 1, 1, 1, 0]);
    expect(run('"my col" NOT BETWEEN 0.5 AND 0.9')).toEqual([1, 0, 0, 0, 0]);
    expect(run('ok = TRUE')).toEqual([1, 0, 1, 0, 0]);
    expect(run("ts >= '2026-02-01' AND ts < '2026-04-01T00:00:00Z'")).toEqual([0, 1, 1, 0, 0]);
    expect(run('`"; DROP TABLE x; --` <> 3')).toEqual([1, 1, 0, 1, 1]);
    expect(run("device = 'tablet'")).toEqual([0, 0, 0, 0, 0]);
  });

  it('names the position and the fix in every error', () => {
    const err = (src: string) => {
      try {
        compileFilter(src, info);
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(err("device = 'mobile' AND")).toMatch(/position 22: expected a column name but found the end/);
    expect(err('nope = 1')).toMatch(/position 1: the dataset has no column "nope"/);
    expect(err('device > 1')).toMatch(/"device" is categorical: only =, != and IN apply/);
    expect(err("age = 'x'")).toMatch(/"age" is numeric: compare it with a number/);
    expect(err('device = mobile')).toMatch(/position 10: expected a value/);
    expect(err("age = 1 device = 'x'")).toMatch(/position 9: unexpected "device": join conditions with AND or OR/);
    expect(err("device = 'x")).toMatch(/unclosed string/);
    expect(err("ts > 'yesterday'")).toMatch(/timestamp: compare it with a quoted ISO date/);
    expect(err('age ; DROP')).toMatch(/unexpected character ";"/);
  });
});
