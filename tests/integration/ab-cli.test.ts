/**
 * `plumbline ab` end to end through the built CLI on the bundled demo log (model_version A vs B):
 * the issue's --json fields equal scipy on the same CSV (tests/reference/ab_demo_reference.py),
 * repeatable flags, --where, --by, --fail-on-srm's exit status, text mode, errors naming the column,
 * and the report: the A/B section, its embedded v2 results and --verify naming a changed row.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, json, plumbline } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

const ref = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/reference/ab_demo_reference.json'), 'utf8'));

interface Res { metric: string; variant: string; control_mean: number; treatment_mean: number; absolute_lift: number; relative_lift: number; ci_low: number; ci_high: number; p_value: number; test: string; statistic: number; dof: number | null; chance_to_win?: number; segment?: string; p_value_adjusted: number }
interface Out {
  variants: { name: string; units: number; counts: { rows: number; units: number } }[];
  results: Res[];
  srm: { p_value: number; flag: boolean; statistic: number };
  guardrails: { guardrail: string; status: string }[];
  decision: { action: string; variant: string | null; reason: string };
  segments: { column: string; results: Res[] } | null;
}

const dir = tmpDir();
const db = path.join(dir, 'ws.db');
beforeAll(() => {
  json(plumbline(['import', path.join(ROOT, 'assets/demo/current.csv'), '--name', 'log', '--json'], { db }));
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const close = (a: number, b: number, rel = 1e-9) => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)) + 1e-15);
const base = ['ab', '--dataset', 'log', '--variant', 'model_version', '--control', 'A'];

describe('plumbline ab', () => {
  it('--json has the issue’s fields and equals scipy: Welch t, two-proportion z, chi-square SRM', () => {
    const out = json<Out>(plumbline([...base, '--metric', 'revenue', '--metric', 'prediction', '--json'], { db }));
    expect(out.variants.map((v) => [v.name, v.units])).toEqual([['A', ref.units.A], ['B', ref.units.B]]);
    const revenue = out.results.find((r) => r.metric === 'revenue' && r.variant === 'B')!;
    expect(revenue.test).toBe('welch_t');
    for (const k of ['control_mean', 'treatment_mean', 'absolute_lift', 'relative_lift', 'p_value', 'statistic', 'dof'] as const) close(revenue[k] as number, ref.revenue[k]);
    expect(revenue.ci_low).toBeLessThan(revenue.relative_lift);
    expect(revenue.ci_high).toBeGreaterThan(revenue.relative_lift);
    const pred = out.results.find((r) => r.metric === 'prediction')!;
    expect(pred.test).toBe('two_proportion_z');
    for (const k of ['control_mean', 'treatment_mean', 'statistic', 'p_value'] as const) close(pred[k], ref.prediction[k]);
    close(out.srm.p_value, ref.srm.p_value);
    expect(out.srm.flag).toBe(false);
    // Holm over two p-values: the smaller doubled.
    close(revenue.p_value_adjusted, Math.min(1, 2 * Math.min(revenue.p_value, pred.p_value)));
    expect(out.decision.action).toBe('ship');
    expect(out.decision.reason).toMatch(/revenue/);
    expect(out.results.every((r) => r.chance_to_win === undefined)).toBe(true);
  });

  it('--where filters before the test; --by breaks down with the adjustment across segments', () => {
    const out = json<Out>(plumbline([...base, '--metric', 'revenue', '--where', "device = 'mobile'", '--json'], { db }));
    const r = out.results[0];
    for (const k of ['control_mean', 'treatment_mean', 'p_value'] as const) close(r[k], ref.revenue_mobile[k]);
    const by = json<Out>(plumbline([...base, '--metric', 'revenue', '--by', 'device', '--json'], { db }));
    expect(by.segments!.column).toBe('device');
    const mobile = by.segments!.results.find((x) => x.segment === 'mobile')!;
    close(mobile.p_value, ref.revenue_mobile.p_value);
    expect(mobile.p_value_adjusted).toBeGreaterThanOrEqual(mobile.p_value);
  });

  it('Bayesian engine gives chance_to_win; guardrails and CUPED flags are taken repeatedly', () => {
    const out = json<Out>(plumbline([...base, '--metric', 'revenue', '--metric', 'latency_ms:p99', '--guardrail', 'latency_ms:p99<=+50', '--guardrail', 'revenue>=-5%', '--engine', 'bayesian', '--cuped', 'revenue=income', '--json'], { db }));
    expect(out.results.map((r) => r.metric)).toEqual(['revenue', 'latency_ms:p99']);
    expect(out.results[0].chance_to_win).toBeGreaterThan(0.99);
    expect(out.results[0].test).toBe('welch_t_cuped');
    expect(out.guardrails.map((g) => g.guardrail)).toEqual(['latency_ms:p99<=+50', 'revenue>=-5%']);
  });

  it('--fail-on-srm exits 1 on a broken split, 0 otherwise; text mode prints a summary', () => {
    const broken = plumbline([...base, '--metric', 'revenue', '--where', "model_version = 'A' OR device = 'tablet'", '--fail-on-srm'], { db });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/Sample ratio: MISMATCH/);
    const ok = plumbline([...base, '--metric', 'revenue', '--fail-on-srm'], { db });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/Decision: SHIP \(B\)/);
  });

  it('names a missing column and a bad --cuped', () => {
    const r = plumbline([...base, '--metric', 'no_such', '--json'], { db });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('"no_such"');
    const c = plumbline([...base, '--metric', 'revenue', '--cuped', 'revenue'], { db });
    expect(c.status).toBe(1);
    expect(c.stderr).toContain('metric=covariate');
  });

  it('report: the A/B section from a spec, embedded results, --verify passes and names a changed row', () => {
    const spec = path.join(dir, 'ab-spec.json');
    const options = { variant: 'model_version', control: 'A', metrics: ['revenue', 'latency_ms:p99'], guardrails: ['latency_ms:p99<=+50'], segment: 'device' };
    fs.writeFileSync(spec, JSON.stringify({ kind: 'plumbline-analysis-spec', version: 1, analyses: { ab: { datasets: { dataset: 'log' }, options } } }));
    const html = path.join(dir, 'ab.html');
    const made = plumbline(['report', '--spec', spec, '--out', html, '--time-zone', 'UTC'], { db });
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const page = fs.readFileSync(html, 'utf8');
    for (const text of ['Decision: ship', 'Sample ratio check passed', 'latency_ms:p99&lt;=+50', 'welch_t', 'Holm–Bonferroni', 'By device']) expect(page).toContain(text);
    // No stray space before punctuation where an optional part is left out (the sequential methods
    // row read "confidence sequences : intervals …" without --sequential).
    const prose = page.replace(/<(style|script|svg)[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, '');
    expect(prose).toContain('asymptotic confidence sequences: intervals valid at every look');
    expect(prose.match(/.{0,40}\s[:;,.?!](?=\s|$).{0,20}/gm)).toBeNull();

    const pdf = path.join(dir, 'ab.pdf');
    expect(plumbline(['report', '--spec', spec, '--out', pdf, '--time-zone', 'UTC'], { db }).status).toBe(0);
    const ok = plumbline(['report', '--verify', pdf], { db });
    expect(ok.stdout).toMatch(/^PASS/);

    const changedDb = path.join(dir, 'changed.db');
    fs.copyFileSync(db, changedDb);
    const lines = fs.readFileSync(path.join(ROOT, 'assets/demo/current.csv'), 'utf8').split('\n');
    const header = lines[0].split(',');
    const row = lines[1].split(',');
    const revenue = header.indexOf('revenue');
    row[revenue] = String(Number(row[revenue]) + 5000);
    lines[1] = row.join(',');
    const changedCsv = path.join(dir, 'log-changed.csv');
    fs.writeFileSync(changedCsv, lines.join('\n'));
    expect(plumbline(['delete', 'log'], { db: changedDb }).status).toBe(0);
    json(plumbline(['import', changedCsv, '--name', 'log', '--json'], { db: changedDb }));
    const bad = plumbline(['report', '--verify', pdf], { db: changedDb });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^FAIL/);
    expect(bad.stdout).toMatch(/results\[\d+\]\.(control|treatment)_mean/);
  }, 120_000);
});
