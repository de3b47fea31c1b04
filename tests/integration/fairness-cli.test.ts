// `plumbline fairness` end to end through the built CLI: the flags and --json fields,
// Fairlearn's summaries on adult_rf_binary against tests/reference/fairness_reference.py, the
// exit codes of --fail-on-disparity, too-small groups, errors, and report --verify naming a change.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, json, plumbline } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

const REF = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/reference/fairness_reference.json'), 'utf8')) as {
  attributes: Record<string, { majority: string; summary: Record<string, number>; groups: Record<string, { size: number; tp: number; fp: number; tn: number; fn: number }> }>;
};
const SUMMARY = ['demographic_parity_difference', 'demographic_parity_ratio', 'equalized_odds_difference', 'equalized_odds_ratio', 'equal_opportunity_difference', 'equal_opportunity_ratio'];

interface Group {
  attribute: string;
  group: string;
  size: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  fpr: number | null;
  fpr_disparity: number | null;
  pprev_disparity: number | null;
  rate_intervals: Record<string, { low: number; high: number }>;
  disparity_intervals: Record<string, { low: number; high: number }>;
  flags: { too_small: boolean; is_reference: boolean };
}
interface Out {
  groups: Group[];
  summary: ({ attribute: string; intervals: Record<string, unknown> } & Record<string, number | null>)[];
  attributes: { attribute: string; reference_group: string; too_small_groups: string[] }[];
  bootstrap: { resamples: number; seed: number } | null;
  over_time: { points: unknown[] } | null;
  settings: { dataset: string; options: unknown };
}

const dir = tmpDir();
const db = path.join(dir, 'ws.db');
const adult = ['fairness', '--dataset', 'adult', '--label', 'label_value', '--prediction', 'score'];
beforeAll(() => {
  json(plumbline(['import', path.join(ROOT, 'tests/fixtures/fairness/adult_rf_binary_columns.csv'), '--name', 'adult', '--json'], { db }));
  json(plumbline(['import', path.join(ROOT, 'assets/demo/current.csv'), '--name', 'demo', '--json'], { db }));
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const close = (a: number | null, b: number, what: string) => {
  expect(a, what).not.toBeNull();
  expect(Math.abs(a! - b), what).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
};

describe('plumbline fairness', { timeout: 60_000 }, () => {
  it('--json: groups (attribute, group, size, rates, disparities, intervals, flags) and summary by Fairlearn names equal the pandas reference', () => {
    const out = json<Out>(plumbline([...adult, '--attribute', 'race', '--attribute', 'gender', '--intersect', '--json'], { db }));
    for (const attribute of ['race', 'gender', 'race × gender']) {
      const ref = REF.attributes[attribute];
      const s = out.summary.find((x) => x.attribute === attribute)!;
      for (const name of SUMMARY) close(s[name], ref.summary[name], `${attribute} ${name}`);
      expect(out.attributes.find((a) => a.attribute === attribute)!.reference_group).toBe(ref.majority);
      const groups = out.groups.filter((g) => g.attribute === attribute);
      expect(groups.map((g) => g.group).sort()).toEqual(Object.keys(ref.groups).sort());
      for (const g of groups) {
        const e = ref.groups[g.group];
        expect([g.size, g.tp, g.fp, g.tn, g.fn]).toEqual([e.size, e.tp, e.fp, e.tn, e.fn]);
        expect(g).toHaveProperty('fpr_disparity');
        expect(g).toHaveProperty('flags.too_small');
      }
    }
    // Without --bootstrap no resamples are drawn (the table alone is what a pipeline waits for).
    expect(out.bootstrap).toBeNull();
    expect(out.settings.dataset).toBe('adult');
  });

  it('--bootstrap N --seed S: reproducible disparity and summary intervals that contain the estimate', () => {
    const args = [...adult, '--attribute', 'gender', '--bootstrap', '200', '--seed', '7', '--json'];
    const a = json<Out>(plumbline(args, { db }));
    const b = json<Out>(plumbline(args, { db }));
    expect(a.bootstrap).toMatchObject({ resamples: 200, seed: 7 });
    expect(a.groups).toEqual(b.groups);
    const female = a.groups.find((g) => g.group === 'Female')!;
    const iv = female.disparity_intervals.fpr;
    expect(iv.low).toBeLessThanOrEqual(female.fpr_disparity!);
    expect(iv.high).toBeGreaterThanOrEqual(female.fpr_disparity!);
    expect(Object.keys(a.summary[0].intervals)).toContain('demographic_parity_difference');
    const other = json<Out>(plumbline([...adult, '--attribute', 'gender', '--bootstrap', '200', '--seed', '8', '--json'], { db }));
    expect(other.groups.find((g) => g.group === 'Female')!.disparity_intervals.fpr).not.toEqual(iv);
  });

  it('--reference-group picks the reference; disparities are against it', () => {
    const out = json<Out>(plumbline([...adult, '--attribute', 'race', '--reference-group', 'race=Black', '--json'], { db }));
    const black = out.groups.find((g) => g.group === 'Black')!;
    expect(black.flags.is_reference).toBe(true);
    expect(black.fpr_disparity).toBe(1);
    const white = out.groups.find((g) => g.group === 'White')!;
    close(white.fpr_disparity, white.fpr! / black.fpr!, 'White fpr disparity against Black');
  });

  it('--fail-on-disparity: exit 1 when a judged group fails at τ, 0 when the band is wide enough; too-small groups named, never failing', () => {
    // "Other" has 73 rows: under a minimum of 100 it is too small, and said so.
    const fails = plumbline([...adult, '--attribute', 'race', '--min-group-size', '100', '--fail-on-disparity'], { db });
    expect(fails.status).toBe(1);
    expect(fails.stdout).toMatch(/DISPARITY/);
    expect(fails.stdout).toMatch(/too small to judge/);
    // A band wide enough for every judged group: the too-small groups outside it do not fail the run.
    const out = json<Out>(plumbline([...adult, '--attribute', 'race', '--min-group-size', '5000', '--json'], { db }));
    expect(out.attributes[0].too_small_groups.length).toBe(out.groups.length - 1);
    const passes = plumbline([...adult, '--attribute', 'race', '--min-group-size', '5000', '--fail-on-disparity'], { db });
    expect(passes.status).toBe(0);
    expect(passes.stdout).toMatch(/No judged group is outside/);
  });

  it('defaults from roles: label, score at 0.5 and the group columns of the demo data; --chunk N gives the over-time view', () => {
    const out = json<Out>(plumbline(['fairness', '--dataset', 'demo', '--chunk', '1000', '--json'], { db }));
    expect(new Set(out.groups.map((g) => g.attribute))).toEqual(new Set(['sex', 'race']));
    expect(out.over_time!.points.length).toBeGreaterThan(1);
  });

  it('refuses unknown columns, a reference group without rows, a bad τ and conflicting decisions, naming them (exit 1)', () => {
    const cases: [string[], RegExp][] = [
      [['--attribute', 'nope'], /no attribute column "nope"/],
      [['--attribute', 'race', '--reference-group', 'race=Martian'], /reference group "Martian"/],
      [['--attribute', 'race', '--tau', '1.5'], /--tau/],
      [['--attribute', 'race', '--score', 'score'], /either --score/],
      [['--attribute', 'race', '--intersect'], /--intersect needs two/],
    ];
    for (const [flags, message] of cases) {
      const r = plumbline([...adult, ...flags], { db });
      expect(r.status, flags.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
    }
  });

  it('report --verify names a changed group number of an embedded fairness result', { timeout: 120_000 }, () => {
    const spec = path.join(dir, 'spec.json');
    fs.writeFileSync(spec, JSON.stringify({ kind: 'plumbline-analysis-spec', version: 1, analyses: { fairness: { datasets: { dataset: 'adult' }, options: { label: 'label_value', decision: { kind: 'prediction', column: 'score' }, attributes: ['race'], bootstrap: { resamples: 0 } } } } }));
    const pdf = path.join(dir, 'r.pdf');
    const made = plumbline(['report', '--spec', spec, '--out', pdf], { db });
    expect(made.status, made.stderr).toBe(0);
    const ok = plumbline(['report', '--verify', pdf], { db });
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    // The same analysis on changed data: one row's label flipped. Verify names the group numbers that moved.
    const csv = fs.readFileSync(path.join(ROOT, 'tests/fixtures/fairness/adult_rf_binary_columns.csv'), 'utf8').split('\n');
    const first = csv[1].split(',');
    first[0] = first[0] === '1' ? '0' : '1';
    csv[1] = first.join(',');
    const changed = path.join(dir, 'adult-changed.csv');
    fs.writeFileSync(changed, csv.join('\n'));
    const db2 = path.join(dir, 'ws2.db');
    json(plumbline(['import', changed, '--name', 'adult', '--json'], { db: db2 }));
    const v = plumbline(['report', '--verify', pdf], { db: db2 });
    expect(v.status).toBe(1);
    expect(v.stdout).toMatch(/groups\.race=White\.(tp|fp|tn|fn): /);
  });
});
