/**
 * `plumbline report` from flags alone over drift, performance and fairness: each analysis gets its
 * own flags (a shared `--chunk` serves all three; `--threshold` is drift's, the score thresholds
 * are `--performance-threshold` and `--fairness-threshold`), the PDF embeds those options, and
 * `--verify` passes. A flag of an analysis the report does not hold is an error.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, plumbline, ROOT } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';

const CHROMIUM = process.env.PLUMBLINE_CHROMIUM ?? '/usr/bin/chromium';
const hasTools = fs.existsSync(CHROMIUM) && spawnSync('pdftotext', ['-v']).error === undefined;

const dir = tmpDir();
const db = path.join(dir, 'ws.db');
const demo = (f: string) => path.join(ROOT, 'assets', 'demo', f);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const flags = [
  '--reference', 'reference', '--current', 'current', '--sections', 'drift,performance,fairness',
  '--chunk', 'week', '--threshold', '0.01', '--performance-threshold', '0.4', '--by', 'region',
  '--attribute', 'sex', '--fairness-threshold', '0.6', '--tau', '0.75', '--time-zone', 'UTC',
];

interface Embedded {
  request: { sections: string[]; analyses: Record<string, { datasets: Record<string, string>; options: Record<string, unknown> }> };
  performance: { result: { threshold?: number } };
}

describe.skipIf(!hasTools)('plumbline report with every analysis’s flags', { timeout: 180_000 }, () => {
  let pdf: string;
  beforeAll(() => {
    for (const f of ['reference', 'current']) json(plumbline(['import', demo(`${f}.csv`), '--name', f, '--json'], { db }));
    pdf = json<{ path: string }>(plumbline(['report', ...flags, '--out', path.join(dir, 'all.pdf'), '--json'], { db })).path;
  }, 180_000);

  it('embeds each analysis with the options its flags set, and prints its chapters', () => {
    execFileSync('pdfdetach', ['-save', '1', '-o', path.join(dir, 'all.json'), pdf]);
    const e = JSON.parse(fs.readFileSync(path.join(dir, 'all.json'), 'utf8')) as Embedded;
    const a = e.request.analyses;
    expect(e.request.sections).toEqual(['drift', 'performance', 'fairness']);
    const week = { by: 'period', period: 'week', timestamp: 'timestamp' };
    expect(a.drift.options).toMatchObject({ threshold: 0.01, overTime: { chunk: week } });
    expect(a.performance.datasets).toEqual({ current: 'current', reference: 'reference' });
    expect(a.performance.options).toMatchObject({ threshold: 0.4, segmentBy: ['region'], chunk: week });
    expect(a.fairness.datasets).toEqual({ dataset: 'current' });
    expect(a.fairness.options).toMatchObject({ attributes: ['sex'], tau: 0.75, decision: { kind: 'score', column: 'score', threshold: 0.6 }, overTime: { chunk: week } });
    // The same numbers as each analysis's own command with the same flags.
    const perf = json<{ metrics: Record<string, number> }>(plumbline(['performance', '--dataset', 'current', '--reference', 'reference', '--threshold', '0.4', '--by', 'region', '--chunk', 'week', '--json'], { db }));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Results: Model performance/);
    expect(text).toMatch(/Results: Fairness/);
    expect(text).toContain(String(Number(perf.metrics.accuracy.toPrecision(4))));
  });

  it('--verify passes on the same workspace', () => {
    const v = plumbline(['report', '--verify', pdf], { db });
    expect(v.stderr).toBe('');
    expect(v.stdout).toMatch(/^PASS: report PLB-/);
    expect(v.status).toBe(0);
  });

  it('a flag of an analysis the report does not hold is an error naming it; a shared flag is not', () => {
    const bad = plumbline(['report', '--reference', 'reference', '--current', 'current', '--performance-threshold', '0.4', '--out', path.join(dir, 'x.html')], { db });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--performance-threshold is a flag of the performance analysis.*--sections/);
    const ok = plumbline(['report', '--reference', 'reference', '--current', 'current', '--sections', 'drift', '--chunk', '3000', '--out', path.join(dir, 'ok.html'), '--json'], { db });
    expect(ok.status).toBe(0);
  });
});
