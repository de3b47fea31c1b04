import { describe, expect, it } from 'vitest';
import { compareRuns, jsonDifferences } from '../../../core/report/verify';
import { driftRun } from './fixture';

describe('verify', () => {
  it('names differing paths by column, ignoring timestamps', () => {
    expect(jsonDifferences({ a: 1, startedAt: 'x', b: [{ column: 'age', s: 0.1 }] }, { a: 1, startedAt: 'y', b: [{ column: 'age', s: 0.2 }] })).toEqual([
      'b[age].s: 0.1 in the report, 0.2 now',
    ]);
    expect(jsonDifferences([1, 2], [1])).toEqual(['value: 2 items, now 1']);
  });

  it('same run: no difference', () => {
    const run = driftRun();
    expect(compareRuns(run, driftRun(), run.provenance)).toEqual([]);
  });

  it('changed data, changed settings and changed numbers are each named', () => {
    const run = driftRun();
    const now = driftRun({ threshold: 0.5 });
    const cur = { ...run.provenance.current, rows: 601, imports: [{ ...run.provenance.current.imports[0], sha256: 'b'.repeat(64) }] };
    const refRoles = { ...run.provenance.reference, columnInfo: run.provenance.reference.columnInfo.map((c) => (c.name === 'age' ? { ...c, role: 'ignore' as const } : c)) };
    const d = compareRuns(run, now, { reference: refRoles, current: cur });
    expect(d.some((x) => /^changed data: current dataset "cur" had 600 rows, now 601/.test(x))).toBe(true);
    expect(d.some((x) => x.includes('SHA-256 was aaaa') && x.includes('now bbbb'))).toBe(true);
    expect(d.some((x) => x.startsWith('changed settings: role of column "age" in the reference dataset was feature, now ignore'))).toBe(true);
    expect(d.some((x) => x.startsWith('changed settings: options.threshold'))).toBe(true);
    expect(d.some((x) => x.startsWith('changed numbers: columns['))).toBe(true);
    expect(compareRuns(run, null, { reference: null, current: run.provenance.current }, 'boom')).toEqual([
      'changed data: the reference dataset "ref" is no longer in the workspace.',
      'could not recompute the results: boom',
    ]);
  });
});
