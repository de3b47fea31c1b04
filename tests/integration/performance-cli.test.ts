import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, json, plumbline } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

// sklearn's answers on the same CSV files (tests/reference/demo_performance_reference.py).
interface Ref { rows: number; labelled: number; metrics: Record<string, number>; confusion: number[][] }
const sk = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/reference/demo_performance_reference.json'), 'utf8')) as {
  current_05: Ref; current_03: Ref; reference_05: Ref; current_mobile_05: Ref; by_region_accuracy: Record<string, number>;
};

interface Out {
  task: string; rows: number; labelled: number; threshold: number | null;
  metrics: Record<string, number | null>;
  confusion: { labels: string[]; matrix: number[][] };
  reference: { rows: number; labelled: number; metrics: Record<string, number | null> } | null;
  over_time: { chunks: { label: string; rows: number; labelled: number }[]; band: Record<string, unknown> } | null;
  segments: { column: string; sort_metric: string; rows: { value: string | null; metrics: Record<string, number | null> }[] }[];
  degradation: { flags: { metric: string }[] } | null;
  limits: { metric: string; breached: boolean; value: number | null }[];
  settings: Record<string, unknown>;
}

const dir = tmpDir();
const db = path.join(dir, 'ws.db');
beforeAll(() => {
  for (const f of ['reference', 'current']) json(plumbline(['import', path.join(ROOT, 'assets/demo', `${f}.csv`), '--name', f, '--json'], { db }));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const close = (a: number | null, b: number, what: string) => expect(Math.abs((a ?? NaN) - b), what).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
const same = (out: { rows: number; labelled: number; metrics: Record<string, number | null> }, ref: Ref) => {
  expect(out.rows).toBe(ref.rows);
  expect(out.labelled).toBe(ref.labelled);
  for (const [k, v] of Object.entries(ref.metrics)) close(out.metrics[k], v, k);
};

describe('plumbline performance, end to end from CSV, equals sklearn', { timeout: 60_000 }, () => {
  it('--json has the issue’s top level and sklearn’s numbers, roles taken from the columns', () => {
    const out = json<Out>(plumbline(['performance', '--dataset', 'current', '--json'], { db }));
    expect(out.task).toBe('binary');
    expect(out.threshold).toBe(0.5);
    same(out, sk.current_05);
    expect(out.confusion.labels).toEqual(['0', '1']);
    expect(out.confusion.matrix).toEqual(sk.current_05.confusion);
    expect(out.reference).toBeNull();
    expect(out.settings.current).toBe('current');
  });

  it('--threshold moves the matrix and the threshold metrics, not the threshold-free ones', () => {
    const out = json<Out>(plumbline(['performance', '--dataset', 'current', '--threshold', '0.3', '--json'], { db }));
    same(out, sk.current_03);
    expect(out.confusion.matrix).toEqual(sk.current_03.confusion);
  });

  it('--reference puts the baseline’s metrics beside and judges degradation against them', () => {
    const out = json<Out>(plumbline(['performance', '--dataset', 'current', '--reference', 'reference', '--json'], { db }));
    same(out.reference!, sk.reference_05);
    expect(out.degradation).not.toBeNull();
  });

  it('--where filters the rows; --by ranks the segments worst first', () => {
    const seg = json<Out>(plumbline(['performance', '--dataset', 'current', '--where', "device = 'mobile'", '--json'], { db }));
    same(seg, sk.current_mobile_05);
    const by = json<Out>(plumbline(['performance', '--dataset', 'current', '--by', 'region', '--json'], { db }));
    const rows = by.segments[0].rows;
    expect(by.segments[0].column).toBe('region');
    for (const r of rows) close(r.metrics.accuracy, sk.by_region_accuracy[r.value!], String(r.value));
    const acc = rows.map((r) => r.metrics.accuracy!);
    expect(acc).toEqual([...acc].sort((a, b) => a - b));
  });

  it('--chunk week gives label coverage per chunk and a band from the reference’s weeks', () => {
    const out = json<Out>(plumbline(['performance', '--dataset', 'current', '--reference', 'reference', '--chunk', 'week', '--json'], { db }));
    const chunks = out.over_time!.chunks;
    expect(chunks.length).toBeGreaterThan(4);
    expect(chunks.reduce((n, c) => n + c.rows, 0)).toBe(sk.current_05.rows);
    expect(chunks.reduce((n, c) => n + c.labelled, 0)).toBe(sk.current_05.labelled);
    // Late labels: the last week has the least coverage.
    const cov = chunks.map((c) => c.labelled / c.rows);
    expect(cov[cov.length - 1]).toBeLessThan(cov[0]);
    expect(out.over_time!.band.accuracy).not.toBeNull();
  });

  it('--fail-below exits 1 naming the breached floor, 0 when every floor holds; --fail-above for errors', () => {
    const f1 = sk.current_05.metrics.f1;
    const breached = plumbline(['performance', '--dataset', 'current', '--fail-below', `f1=${f1 + 0.01}`, '--fail-below', 'accuracy=0.5', '--json'], { db });
    expect(breached.status).toBe(1);
    expect(breached.stderr).toMatch(/f1 = 0\.678 is below the limit/);
    const limits = (JSON.parse(breached.stdout) as Out).limits;
    expect(limits.map((l) => [l.metric, l.breached])).toEqual([['f1', true], ['accuracy', false]]);
    const held = plumbline(['performance', '--dataset', 'current', '--fail-below', `f1=${f1 - 0.01}`], { db });
    expect(held.status).toBe(0);
    expect(held.stdout).toMatch(/ok: f1 = 0\.678/);
    expect(plumbline(['performance', '--dataset', 'current', '--fail-above', 'log_loss=0.5'], { db }).status).toBe(1);
  });

  it('exits 1 exactly when a degradation is flagged, naming it on stderr', () => {
    const calm = plumbline(['performance', '--dataset', 'current', '--reference', 'reference', '--watch', 'accuracy', '--json'], { db });
    expect((JSON.parse(calm.stdout) as Out).degradation!.flags).toEqual([]);
    expect(calm.status).toBe(0);
    // Current's specificity (0.70) is 6% below the reference's (0.75): flagged at the default 5%.
    const worse = plumbline(['performance', '--dataset', 'current', '--reference', 'reference', '--watch', 'specificity', '--json'], { db });
    expect((JSON.parse(worse.stdout) as Out).degradation!.flags.map((f) => f.metric)).toContain('specificity');
    expect(worse.status).toBe(1);
    expect(worse.stderr).toMatch(/specificity degraded \(drop/);
    // A looser limit lets the same fall pass.
    expect(plumbline(['performance', '--dataset', 'current', '--reference', 'reference', '--watch', 'specificity', '--relative-drop', '0.1'], { db }).status).toBe(0);
  });

  it('explains bad input naming the column or flag, exit 1', () => {
    const noCol = plumbline(['performance', '--dataset', 'current', '--label', 'nope'], { db });
    expect(noCol.status).toBe(1);
    expect(noCol.stderr).toMatch(/"current" has no column "nope"/);
    const badLimit = plumbline(['performance', '--dataset', 'current', '--fail-below', 'f1'], { db });
    expect(badLimit.status).toBe(1);
    expect(badLimit.stderr).toMatch(/--fail-below takes metric=value/);
    const badMetric = plumbline(['performance', '--dataset', 'current', '--fail-below', 'mae=1'], { db });
    expect(badMetric.stderr).toMatch(/not a binary metric/);
    const noDataset = plumbline(['performance'], { db });
    expect(noDataset.status).toBe(1);
    expect(noDataset.stderr).toMatch(/--dataset/);
  });

  it('regression when label and prediction are continuous (--task, --label, --prediction)', () => {
    const out = json<Out>(plumbline(['performance', '--dataset', 'current', '--task', 'regression', '--label', 'income', '--prediction', 'revenue', '--json'], { db }));
    expect(out.task).toBe('regression');
    expect(Object.keys(out.metrics)).toEqual(expect.arrayContaining(['mae', 'rmse', 'r2', 'mape']));
    expect(out.labelled).toBe(12000);
  });
});
