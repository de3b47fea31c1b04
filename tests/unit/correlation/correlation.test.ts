// Correlation against pandas' DataFrame.corr (tests/reference/correlation_reference.py): Pearson
// and Spearman, pairwise-complete rows, NaN (null) for constant or empty pairs; then the module's
// change list, checks, metrics, heatmap specs and column selection.
import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../../core/api/types';
import { correlationAnalysis } from '../../../core/analyses/correlation';
import { analyzeCorrelation } from '../../../core/analyses/correlation/correlation';
import { correlationMatrix } from '../../../core/analyses/correlation/matrix';
import { selectColumns } from '../../../core/analyses/correlation/select';
import { close, numeric, readJson } from '../operations/helpers';
import type { CorrelationCase } from './reference-case';

const REF = readJson<{ cases: CorrelationCase[] }>('correlation_reference.json');

describe('correlation matrices equal pandas DataFrame.corr', () => {
  for (const c of REF.cases) {
    for (const method of ['pearson', 'spearman'] as const) {
      it(`${c.name}: ${method}`, () => {
        for (const side of ['reference', 'current'] as const) {
          const m = correlationMatrix(c.columns.map((n) => numeric(n, c[side][n]).values), method);
          const e = c[method][side];
          m.forEach((row, i) => row.forEach((v, j) => close(v, e[i][j], `${side} ${c.columns[i]} × ${c.columns[j]}`, 1e-12)));
        }
      });
    }
  }
});

describe('the correlation module', () => {
  const c = REF.cases.find((x) => x.name === 'small with ties and NaNs')!;
  const cols = (side: 'reference' | 'current') => c.columns.map((n) => numeric(n, c[side][n]));
  const r = analyzeCorrelation({ reference: cols('reference'), current: cols('current'), rows: { reference: 7, current: 7 }, skipped: [] }, { method: 'spearman', threshold: 0.5, top: 3 });

  it('lists the largest changes by |current − reference| and counts the changed pairs', () => {
    expect(r.largest_changes).toHaveLength(3);
    const all: number[] = [];
    for (let i = 0; i < c.columns.length; i++) for (let j = i + 1; j < c.columns.length; j++) if (r.change[i][j] !== null) all.push(Math.abs(r.change[i][j]!));
    all.sort((a, b) => b - a);
    expect(r.largest_changes.map((p) => Math.abs(p.change!))).toEqual(all.slice(0, 3));
    expect(r.max_abs_change).toBe(all[0]);
    expect(r.changed_pairs).toBe(all.filter((x) => x >= 0.5).length);
    const m = correlationAnalysis.metrics!(r);
    expect(m.max_abs_change).toBe(all[0]);
    expect(correlationAnalysis.checks(r)[0].status).toBe(r.changed_pairs ? 'fail' : 'pass');
  });

  it('draws three heatmaps with the column names escaped for Plotly and undefined cells as gaps', () => {
    const k = analyzeCorrelation({ reference: [numeric('a', [1, 2, 3]), numeric('<b>k</b>', [1, 1, 1])], current: [numeric('a', [1, 2, 3]), numeric('<b>k</b>', [1, 2, 1])], rows: { reference: 3, current: 3 }, skipped: [] }, {});
    const charts = correlationAnalysis.charts(k);
    expect(charts.map((x) => x.id)).toEqual(['correlation:current', 'correlation:reference', 'correlation:change']);
    expect(charts[0].data[0].x).toEqual(['a', '&lt;b&gt;k&lt;/b&gt;']);
    expect((charts[1].data[0].text as string[][])[0][1]).toBe('undefined');
    expect((charts[1].data[0].z as (number | null)[][])[0][1]).toBeNull();
    expect(k.undefined_pairs).toHaveLength(1);
    expect(k.max_abs_change).toBeNull();
  });

  it('selects the numeric features of both datasets and refuses a named column that is not one', () => {
    const info = (cols: [string, ColumnInfo['type'], ColumnInfo['role']][]): ColumnInfo[] => cols.map(([name, type, role], index) => ({ index, name, type, role, nullCount: 0, widenedCount: 0 }));
    const ref = info([['a', 'real', 'feature'], ['b', 'categorical', 'feature'], ['s', 'real', 'score'], ['c', 'text', 'feature']]);
    const cur = info([['a', 'real', 'feature'], ['b', 'integer', 'feature'], ['s', 'real', 'score'], ['c', 'integer', 'feature'], ['only', 'real', 'feature']]);
    const names = { reference: 'ref', current: 'cur' };
    expect(selectColumns({}, ref, cur, names)).toEqual({ columns: ['a'], skipped: [{ column: 'b', reason: 'categorical in "ref"' }, { column: 'c', reason: 'text in "ref"' }, { column: 'only', reason: 'not in "ref"' }] });
    expect(selectColumns({ columns: ['s', 'a'] }, ref, cur, names).columns).toEqual(['s', 'a']);
    expect(() => selectColumns({ columns: ['only'] }, ref, cur, names)).toThrow(/"only" is not in "ref"/);
    expect(() => selectColumns({ columns: ['b'] }, ref, cur, names)).toThrow(/"b" is not numeric \(categorical\)/);
  });
});
