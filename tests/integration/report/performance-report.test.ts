/**
 * The performance section end to end through the built CLI: a PDF from a spec holding the
 * performance settings (over time, segments, a floor), read back with pdftotext, then
 * `report --verify` — a pass on the same data, and a failure naming the changed metrics after one
 * label is flipped.
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

const spec = {
  kind: 'plumbline-analysis-spec',
  version: 1,
  analyses: {
    performance: {
      datasets: { current: 'current', reference: 'reference' },
      options: { chunk: { by: 'period', period: 'week', timestamp: 'timestamp' }, segmentBy: ['region'], failBelow: { f1: 0.6 } },
    },
  },
  charts: 'drifted',
  report: { pageSize: 'A4' },
};

describe.skipIf(!hasTools)('performance report section, results.json and --verify', { timeout: 120_000 }, () => {
  let pdf: string;
  beforeAll(() => {
    for (const f of ['reference', 'current']) json(plumbline(['import', demo(`${f}.csv`), '--name', f, '--json'], { db }));
    const specFile = path.join(dir, 'spec.json');
    fs.writeFileSync(specFile, JSON.stringify(spec));
    pdf = json<{ path: string }>(plumbline(['report', '--spec', specFile, '--out', path.join(dir, 'perf.pdf'), '--time-zone', 'UTC', '--json'], { db })).path;
  }, 120_000);

  it('holds the section with the CLI’s numbers, its methods and the executive checks', () => {
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const cli = json<{ metrics: Record<string, number>; confusion: { matrix: number[][] } }>(plumbline(['performance', '--dataset', 'current', '--reference', 'reference', '--json'], { db }));
    expect(text).toMatch(/Results: Model performance/);
    expect(text).toContain(String(Number(cli.metrics.accuracy.toPrecision(4))));
    expect(text).toContain(cli.confusion.matrix[0][0].toLocaleString('en-US'));
    expect(text).toMatch(/Limit on f1\s+fail below 0\.6\s+0\.678\s+pass/);
    expect(text).toMatch(/Worst segments by region/);
    expect(text).toMatch(/average_precision_score/); // the methods table names sklearn's function
    expect(text).toMatch(/2026-W1\d/); // over time, by ISO week
  });

  it('--verify passes on the same data and names the changed metrics after one label flips', () => {
    expect(plumbline(['report', '--verify', pdf], { db }).status).toBe(0);
    const lines = fs.readFileSync(demo('current.csv'), 'utf8').split('\n');
    const header = lines[0].split(',');
    const label = header.indexOf('label');
    const i = lines.findIndex((l, k) => k > 0 && l.split(',')[label] === '0');
    const row = lines[i].split(',');
    row[label] = '1';
    lines[i] = row.join(',');
    const changed = path.join(dir, 'current-changed.csv');
    fs.writeFileSync(changed, lines.join('\n'));
    expect(plumbline(['delete', 'current'], { db }).status).toBe(0);
    json(plumbline(['import', changed, '--name', 'current', '--json'], { db }));
    const bad = plumbline(['report', '--verify', pdf], { db });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/changed numbers: .*metrics\.accuracy/);
  });
});
