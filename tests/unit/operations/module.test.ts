// The operations module's parts around the numbers: which columns it finds by role and name, how
// a status column says "error", the monitor names of metrics(), charts and checks from a result
// (hostile version names stay data), and the reference baseline.
import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../../core/api/types';
import { operationsAnalysis } from '../../../core/analyses/operations';
import { analyzeOperations } from '../../../core/analyses/operations/operations';
import { resolveColumns } from '../../../core/analyses/operations/resolve';
import { errorFlags } from '../../../core/analyses/operations/status';
import { categorical, numeric } from './helpers';

const info = (cols: [string, ColumnInfo['type'], ColumnInfo['role']][]): ColumnInfo[] => cols.map(([name, type, role], index) => ({ index, name, type, role, nullCount: 0, widenedCount: 0 }));

describe('resolveColumns', () => {
  const cols = info([['request_id', 'text', 'id'], ['ts', 'timestamp', 'timestamp'], ['latency_ms', 'real', 'feature'], ['http_status', 'integer', 'feature'], ['model_version', 'categorical', 'feature'], ['p', 'real', 'score'], ['yhat', 'integer', 'prediction'], ['label', 'integer', 'label']]);

  it('finds columns by role and by name', () => {
    expect(resolveColumns({}, cols, 'log')).toEqual({ timestamp: 'ts', latency: 'latency_ms', status: 'http_status', version: 'model_version', score: 'p', prediction: 'yhat' });
  });

  it('takes named columns and refuses a missing or ill-typed one, naming it', () => {
    expect(resolveColumns({ latency: 'p' }, cols, 'log').latency).toBe('p');
    expect(() => resolveColumns({ latency: 'nope' }, cols, 'log')).toThrow(/"log" has no column "nope"/);
    expect(() => resolveColumns({ latency: 'model_version' }, cols, 'log')).toThrow(/latency column "model_version" of "log" is categorical/);
    expect(() => resolveColumns({ timestamp: 'latency_ms' }, cols, 'log')).toThrow(/must be a timestamp/);
  });

  it('leaves out what it cannot find', () => {
    expect(resolveColumns({}, info([['x', 'real', 'feature']]), 'log')).toEqual({ timestamp: null, latency: null, status: null, version: null, score: null, prediction: null });
  });
});

describe('errorFlags', () => {
  it('a 0/1 flag: 1 is the error, or 0 when the column says success', () => {
    expect([...errorFlags(numeric('is_error', [0, 1, null, 1])).flags]).toEqual([0, 1, 2, 1]);
    expect([...errorFlags(numeric('success', [0, 1, null, 1])).flags]).toEqual([1, 0, 2, 0]);
  });
  it('codes: ≥ 500 unless the values are named', () => {
    expect([...errorFlags(numeric('status', [200, 404, 500, 503])).flags]).toEqual([0, 0, 1, 1]);
    expect([...errorFlags(numeric('status', [200, 404, 500, 503]), [404]).flags]).toEqual([0, 1, 0, 0]);
  });
  it('text: error-like words and 5xx codes', () => {
    const f = errorFlags(categorical('outcome', ['ok', 'ERROR', 'timeout', null, '503', 'Failed', 'success']));
    expect([...f.flags]).toEqual([0, 1, 1, 2, 1, 1, 0]);
    expect(f.rule).toMatch(/ERROR/);
  });
});

describe('the operations module', () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const cols = [
    numeric('ts', [0, 3_600_000, 7_200_000, 10_800_000], 'timestamp'),
    numeric('latency_ms', [10, 20, 30, 400]),
    numeric('status', [200, 500, 200, 200], 'integer'),
    categorical('model_version', ['A', hostile, 'A', hostile]),
    numeric('score', [0.2, 0.6, 0.7, 0.1]),
  ];
  const names = { timestamp: 'ts', latency: 'latency_ms', status: 'status', version: 'model_version', score: 'score', prediction: null };
  const r = analyzeOperations({ columns: cols, reference: { columns: [numeric('latency_ms', [5, 6]), numeric('score', [0.9, 0.8])], names: { ...names, timestamp: null, status: null, version: null } } }, names, {});

  it('names its metrics as the README documents them', () => {
    const m = operationsAnalysis.metrics!(r);
    expect(m.p99_latency).toBeCloseTo(400 - 0.03 * 370, 10);
    expect(m.p50_latency).toBe(25);
    expect(m.error_rate).toBe(0.25);
    expect(m.rows).toBe(4);
    expect(m.rows_per_hour).toBeCloseTo(4 / 3, 12);
    expect(m.predicted_positive_rate).toBe(0.5);
    expect(m[`p99_latency:${hostile}`]).toBeCloseTo(20 + 0.99 * 380, 10);
    expect(m['error_rate:A']).toBe(0);
    // Three hours of log: one automatic day chunk, so the latest chunk is every row.
    expect(m.latest_rows).toBe(4);
    expect(m.latest_p99_latency).toBe(m.p99_latency);
    // The latest chunk per version: here the whole log's per-version figures again.
    expect(m[`latest_p99_latency:${hostile}`]).toBe(m[`p99_latency:${hostile}`]);
    expect(m['latest_error_rate:A']).toBe(0);
    expect(m[`latest_error_rate:${hostile}`]).toBe(0.5);
    expect(m['latest_rows:A']).toBe(2);
    expect(m['latest_rows_per_hour:A']).toBeCloseTo(2 / 24, 12);
    for (const v of Object.values(m)) expect(v === null || Number.isFinite(v)).toBe(true);
  });

  it('takes the reference as the baseline, by the same column names', () => {
    expect(r.reference?.rows).toBe(2);
    expect(r.reference?.latency?.p50).toBe(5.5);
    expect(r.reference?.predicted_positive_rate).toBe(1);
    expect(r.reference?.error_rate).toBeNull();
  });

  it('draws charts and lines from the result, keeping hostile names as data', () => {
    const charts = operationsAnalysis.charts(r);
    expect(charts.map((c) => c.id)).toEqual(expect.arrayContaining(['latency-over-time', 'throughput-over-time', 'error-rate-over-time', 'positive-rate-over-time', 'latency-by-version', 'score-histogram', 'score-over-time', 'volume-by-hour', 'volume-by-weekday']));
    const byVersion = charts.find((c) => c.id === 'latency-by-version')!;
    expect(byVersion.data[0].x).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(JSON.stringify(charts)).not.toContain('<img');
    for (const c of charts) expect(JSON.parse(JSON.stringify(c))).toEqual(c);
    // Per version over time: one colour per version, P50/P95/P99 each; hostile versions as data.
    const series = charts.find((c) => c.id === 'latency-by-version-over-time')!;
    // Two rows each: the tie goes by name, and '<' sorts before 'A'.
    expect(series.data.map((d) => d.name)).toEqual(['&lt;img src=x onerror=alert(1)&gt; P50', '&lt;img src=x onerror=alert(1)&gt; P95', '&lt;img src=x onerror=alert(1)&gt; P99', 'A P50', 'A P95', 'A P99']);
    expect(charts.find((c) => c.id === 'error-rate-by-version-over-time')!.data.map((d) => d.y)).toEqual([[0.5], [0]]);
    expect(charts.find((c) => c.id === 'throughput-by-version-over-time')!.data.map((d) => d.y)).toEqual([[2 / 24], [2 / 24]]);
    expect(operationsAnalysis.checks(r).map((c) => c.check)).toEqual(['latency P99 (latency_ms)', 'error rate', 'throughput', 'predicted-positive rate']);
  });

  it('gives an empty log nulls, never NaN', () => {
    const e = analyzeOperations({ columns: cols.map((c) => (c.kind === 'numeric' ? { ...c, values: new Float64Array(0) } : { ...c, codes: new Int32Array(0) })) }, names, {});
    expect(e.rows).toBe(0);
    expect(e.latency?.p99).toBeNull();
    expect(e.error_rate).toBeNull();
    expect(e.over_time).toBeNull();
    expect(JSON.stringify(e)).not.toMatch(/NaN|Infinity/);
    expect(Object.values(operationsAnalysis.metrics!(e)).every((v) => v === null || Number.isFinite(v))).toBe(true);
  });

  it('verify names a changed version figure by the version', () => {
    const changed = JSON.parse(JSON.stringify(r));
    changed.by_version.find((v: { version: string }) => v.version === 'A').latency.p99 += 1;
    expect(operationsAnalysis.verify(r, changed)[0]).toMatch(/^by_version\.A\.latency\.p99/);
  });
});
