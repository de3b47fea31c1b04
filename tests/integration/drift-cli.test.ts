import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, json, plumbline } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

// scipy's answers on the same CSV files (tests/reference/demo_drift_reference.py).
const scipy = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/reference/demo_drift_reference.json'), 'utf8')) as {
  numeric: Record<string, { ks_statistic: number; ks_p_value: number; wasserstein_raw: number; wasserstein_norm: number }>;
  categorical: Record<string, { chisquare_statistic: number; chisquare_p_value: number; jensenshannon: number }>;
};

interface Row { column: string; test: string; statistic: number; p_value: number | null; raw_distance: number | null; drifted: boolean; kind: string }
interface Out { columns: Row[]; share_drifted: number; dataset_drift: boolean; over_time?: { series: { column: string; points: { statistic: number }[] }[] } }

const dir = tmpDir();
const db = path.join(dir, 'ws.db');
beforeAll(() => {
  for (const f of ['reference', 'current']) json(plumbline(['import', path.join(ROOT, 'assets/demo', `${f}.csv`), '--name', f, '--json'], { db }));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const close = (a: number, b: number, rel = 1e-9) => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)) + 1e-15);

describe('plumbline drift, end to end from CSV, equals scipy', () => {
  it('default tests: Wasserstein (normalised) and Jensen–Shannon on the demo pair', () => {
    const out = json<Out>(plumbline(['drift', '--reference', 'reference', '--current', 'current', '--json'], { db }));
    for (const [col, ref] of Object.entries(scipy.numeric)) {
      const row = out.columns.find((c) => c.column === col)!;
      expect(row.test, col).toBe('wasserstein');
      close(row.statistic, ref.wasserstein_norm);
      close(row.raw_distance!, ref.wasserstein_raw);
    }
    for (const [col, ref] of Object.entries(scipy.categorical)) {
      const row = out.columns.find((c) => c.column === col)!;
      expect(row.test, col).toBe('jensenshannon');
      close(row.statistic, ref.jensenshannon);
    }
    expect(out.columns.find((c) => c.column === 'income')!.drifted).toBe(true);
    expect(out.columns.find((c) => c.column === 'age')!.drifted).toBe(false);
  });

  it('--test ks and --test chisquare give scipy’s statistics and p-values', () => {
    const ks = json<Out>(plumbline(['drift', '--reference', 'reference', '--current', 'current', '--test', 'ks', '--columns', Object.keys(scipy.numeric).join(','), '--json'], { db }));
    for (const [col, ref] of Object.entries(scipy.numeric)) {
      const row = ks.columns.find((c) => c.column === col)!;
      close(row.statistic, ref.ks_statistic);
      close(row.p_value!, ref.ks_p_value, 1e-6);
    }
    const chi = json<Out>(plumbline(['drift', '--reference', 'reference', '--current', 'current', '--test', 'chisquare', '--columns', Object.keys(scipy.categorical).join(','), '--json'], { db }));
    for (const [col, ref] of Object.entries(scipy.categorical)) {
      const row = chi.columns.find((c) => c.column === col)!;
      close(row.statistic, ref.chisquare_statistic);
      close(row.p_value!, ref.chisquare_p_value, 1e-6);
    }
  });

  it('chunks by week and shows income drifting more each week', () => {
    const out = json<Out>(plumbline(['drift', '--reference', 'reference', '--current', 'current', '--chunk', 'week', '--columns', 'income,age', '--json'], { db }));
    const income = out.over_time!.series.find((s) => s.column === 'income')!.points.map((p) => p.statistic);
    expect(income.length).toBe(8);
    expect(income[7]).toBeGreaterThan(4 * income[0]);
  });

  it('--fail-on-drift exits 1 only when dataset drift is found', () => {
    const drifted = plumbline(['drift', '--reference', 'reference', '--current', 'current', '--columns', 'income', '--fail-on-drift'], { db });
    expect(drifted.status).toBe(1);
    expect(drifted.stdout).toContain('DATASET DRIFT');
    const calm = plumbline(['drift', '--reference', 'reference', '--current', 'current', '--columns', 'age', '--fail-on-drift'], { db });
    expect(calm.status).toBe(0);
  });

  it('applies --where to both datasets and explains a bad filter', () => {
    const all = json<{ n_reference_rows: number; n_current_rows: number }>(plumbline(['drift', '--reference', 'reference', '--current', 'current', '--columns', 'age', '--json'], { db }));
    const seg = json<{ n_reference_rows: number; n_current_rows: number }>(plumbline(['drift', '--reference', 'reference', '--current', 'current', '--columns', 'age', '--where', "device = 'mobile' AND age >= 30", '--json'], { db }));
    expect(seg.n_reference_rows).toBeLessThan(all.n_reference_rows);
    expect(seg.n_current_rows).toBeLessThan(all.n_current_rows);
    const bad = plumbline(['drift', '--reference', 'reference', '--current', 'current', '--where', 'devise = 1'], { db });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/Filter error at position 1: Dataset "reference" has no column "devise"/);
  });
});
