// A fairness monitor end to end, as a pipeline runs it: `plumbline import`, `monitor add` on a
// fairness figure with issue #14's condition `outside [0.8, 1.25]`, then `plumbline check` and its
// exit code (0 all passed, 1 a warning, 2 a critical).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpDir, writeFile } from '../../helpers/tmp';
import { runCli } from '../../helpers/cli-in-process';

const dir = tmpDir();
const db = path.join(dir, 'ws.db');

const run = (...args: string[]) => runCli(db, ...args);

/**
 * 150 rows: group "a b" (100 rows, fpr 0.2, the reference) and "c:d" (50 rows, fpr 0.4: fpr
 * disparity 2, tpr disparity 1). The names hold a space and a colon, as real group values may.
 */
function csv(): string {
  const lines = ['y,s,grp'];
  const add = (n: number, y: number, s: number, g: string) => {
    for (let i = 0; i < n; i++) lines.push(`${y},${s},${g}`);
  };
  for (const [g, tp, fn, fp, tn] of [['a b', 40, 10, 10, 40], ['c:d', 20, 5, 10, 15]] as const) {
    add(tp, 1, 0.9, g);
    add(fn, 1, 0.1, g);
    add(fp, 0, 0.9, g);
    add(tn, 0, 0.1, g);
  }
  return `${lines.join('\n')}\n`;
}

const OPTIONS = JSON.stringify({ label: 'y', decision: { kind: 'score', column: 's', threshold: 0.5 }, attributes: ['grp'], bootstrap: { resamples: 0 } });
const add = (name: string, metric: string, condition: string, severity: string) =>
  run('monitor', 'add', '--name', name, '--analysis', 'fairness', '--dataset', 'log', '--options', OPTIONS, '--metric', metric, '--condition', condition, '--severity', severity);

beforeAll(async () => {
  const r = await run('import', writeFile(dir, 'log.csv', csv()), '--name', 'log');
  expect(r.code, r.err).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('fairness monitors through plumbline check', () => {
  it('exit 0 while every fairness monitor passes', async () => {
    const first = await add('tpr parity', 'tpr_disparity', 'outside [0.8, 1.25]', 'critical');
    expect(first.code, first.err).toBe(0);
    expect((await add('reference tpr', 'tpr_disparity:grp=a b', 'outside [0.8, 1.25]', 'warning')).code).toBe(0);
    const r = await run('check');
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/PASS {2}tpr parity \[fairness, critical\] tpr_disparity = 1: "outside \[0\.8, 1\.25\]" does not hold/);
  });

  it('exit 1 when a warning monitor alerts on one group (a name with a colon in the group)', async () => {
    expect((await add('c:d fpr', 'fpr_disparity:grp=c:d', 'outside [0.8, 1.25]', 'warning')).code).toBe(0);
    const r = await run('check');
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.out).toMatch(/WARN {2}c:d fpr \[fairness, warning\] fpr_disparity:grp=c:d = 2: "outside \[0\.8, 1\.25\]" holds/);
  });

  it('exit 2 when a critical monitor alerts: the worst fpr disparity, and the count of failing groups', async () => {
    expect((await add('fpr parity', 'fpr_disparity', 'outside [0.8, 1.25]', 'critical')).code).toBe(0);
    expect((await add('failing groups', 'groups_failing', '> 0', 'critical')).code).toBe(0);
    const r = await run('check', '--json');
    expect(r.code, r.out + r.err).toBe(2);
    const byName = Object.fromEntries((JSON.parse(r.out).evaluations as { monitor: string; value: number; status: string }[]).map((m) => [m.monitor, m]));
    expect(byName['fpr parity']).toMatchObject({ value: 2, status: 'critical' });
    expect(byName['failing groups']).toMatchObject({ value: 1, status: 'critical' });
    expect(byName['tpr parity']).toMatchObject({ value: 1, status: 'pass' });
  });

  it('a misspelt fairness figure is an error, never a pass', async () => {
    expect((await run('monitor', 'remove', 'fpr parity')).code).toBe(0);
    expect((await run('monitor', 'remove', 'failing groups')).code).toBe(0);
    expect((await run('monitor', 'remove', 'c:d fpr')).code).toBe(0);
    expect((await add('typo', 'fpr_disparity:grp=nobody', '> 1', 'warning')).code).toBe(0);
    const r = await run('check');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/ERR {3}typo .*no metric "fpr_disparity:grp=nobody"/);
  });
});
