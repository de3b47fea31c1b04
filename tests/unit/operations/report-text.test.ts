// The operations and correlation report sections and terminal text read only the result, and
// hostile names (a version, a column) come out as text: escaped in HTML, verbatim in the terminal.
import { describe, expect, it } from 'vitest';
import { analyzeCorrelation } from '../../../core/analyses/correlation/correlation';
import { correlationText } from '../../../core/analyses/correlation/cli';
import { operationsText } from '../../../core/analyses/operations/cli';
import { analyzeOperations } from '../../../core/analyses/operations/operations';
import type { AnalysisRun } from '../../../core/analyses/module';
import { correlationSection } from '../../../core/report/sections/correlation';
import { operationsSection, predictionsSection } from '../../../core/report/sections/operations';
import type { ReportInput } from '../../../core/report/types';
import { categorical, numeric } from './helpers';

const HOSTILE = '<img src=x onerror=alert(1)>';
const run = (result: unknown, settings: Record<string, unknown> = {}): AnalysisRun => ({ result, provenance: {}, settings: { where: null, options: {}, ...settings } });
const input = (runs: Record<string, AnalysisRun>) => ({ runs, where: null, charts: 'drifted', sections: [] }) as unknown as ReportInput;

const ops = analyzeOperations(
  {
    columns: [
      numeric('ts', [0, 3_600_000, 90_000_000, 180_000_000], 'timestamp'),
      numeric('latency_ms', [10, 20, 30, 400]),
      numeric('status', [200, 500, 200, 200], 'integer'),
      categorical('model_version', ['A', HOSTILE, 'A', HOSTILE]),
      numeric('score', [0.2, 0.6, 0.7, 0.1]),
    ],
  },
  { timestamp: 'ts', latency: 'latency_ms', status: 'status', version: 'model_version', score: 'score', prediction: null },
  {},
);
const corr = analyzeCorrelation({ reference: [numeric('a', [1, 2, 3]), numeric(HOSTILE, [1, 2, 4])], current: [numeric('a', [1, 2, 3]), numeric(HOSTILE, [3, 2, 1])], rows: { reference: 3, current: 3 }, skipped: [] }, {});

describe('operations and correlation in reports and the terminal', () => {
  it('report sections escape names and print the figures', () => {
    const i = input({ operations: run(ops, { dataset: 'log' }), correlation: run(corr) });
    const html = [operationsSection.render(i), predictionsSection.render(i), correlationSection.render(i), operationsSection.methods(i)!, correlationSection.methods(i)!].map((x) => x.value).join('\n');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('P99');
    expect(html).toContain('25.00%'); // error rate: 1 of 4
    expect(html).toContain('-1.982'); // the pair's change, from 0.982 to −1
    expect(operationsSection.checks(i).length).toBeGreaterThan(0);
    expect(correlationSection.checks(i)[0].status).toBe('fail');
  });

  it('terminal text names the columns, versions, chunks and largest change', () => {
    const t = operationsText(run(ops) as AnalysisRun<typeof ops, object>);
    expect(t).toContain("model_version = <img src=x"); // the table clips long cells
    expect(t).toMatch(/Over time, per day of ts \(chosen automatically; --chunk to change\)/);
    expect(t).toContain('Errors: 1 of 4 rows with a status (status ≥ 500).');
    const c = correlationText(run(corr) as AnalysisRun<typeof corr, object>);
    expect(c).toContain(`a × ${HOSTILE}`);
    expect(c).toContain('1 pair(s) changed by 0.2 or more');
  });
});
