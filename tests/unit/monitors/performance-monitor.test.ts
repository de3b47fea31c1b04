/**
 * A performance monitor end to end in-process (main() as bin/plumbline.js calls it): `monitor add
 * --analysis performance --metric accuracy --condition "< 0.85"` and `check` exit with the
 * severity of what holds. The demo's accuracy at 0.5 is sklearn's 0.69445
 * (tests/reference/demo_performance_reference.json).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';
import { runCli } from '../../helpers/cli-in-process';

const sk = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/reference/demo_performance_reference.json'), 'utf8')) as {
  current_05: { metrics: Record<string, number> }; reference_05: { metrics: Record<string, number> };
};
const dir = tmpDir();
const db = path.join(dir, 'ws.db');

const run = (...args: string[]) => runCli(db, ...args);

beforeAll(async () => {
  for (const f of ['reference', 'current']) expect((await run('import', path.join(ROOT, 'assets/demo', `${f}.csv`), '--name', f)).code).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('plumbline monitor on performance', { timeout: 60_000 }, () => {
  const accuracy = sk.current_05.metrics.accuracy;

  it('accuracy "< 0.85" alerts: exit 1 as a warning, 2 as critical; "< 0.5" passes: exit 0', async () => {
    let r = await run('monitor', 'add', '--name', 'acc', '--analysis', 'performance', '--dataset', 'current', '--metric', 'accuracy', '--condition', '< 0.85');
    expect(r.code, r.err).toBe(0);
    r = await run('check');
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.out).toMatch(new RegExp(`^WARN {2}acc \\[performance, warning\\] accuracy = ${String(Number(accuracy.toPrecision(6))).replace('.', '\\.')}: "< 0.85" holds`));
    expect((await run('monitor', 'add', '--name', 'acc', '--analysis', 'performance', '--dataset', 'current', '--metric', 'accuracy', '--condition', '< 0.85', '--severity', 'critical', '--replace')).code).toBe(0);
    expect((await run('check')).code).toBe(2);
    expect((await run('monitor', 'add', '--name', 'acc', '--analysis', 'performance', '--dataset', 'current', '--metric', 'accuracy', '--condition', '< 0.5', '--severity', 'critical', '--replace')).code).toBe(0);
    r = await run('check');
    expect(r.code, r.out).toBe(0);
  });

  it('label coverage, a segment and a drop against the reference', async () => {
    const spec = path.join(dir, 'spec.json');
    const monitors = [
      { name: 'coverage', analysis: 'performance', datasets: { current: 'current' }, metric: 'label_coverage', condition: '< 0.8', severity: 'critical' },
      { name: 'east', analysis: 'performance', datasets: { current: 'current' }, options: { segmentBy: ['region'] }, metric: 'accuracy:region=east', condition: '< 0.3', severity: 'critical' },
      { name: 'drop', analysis: 'performance', datasets: { current: 'current' }, reference: 'reference', metric: 'accuracy', condition: 'drop > 5%', severity: 'critical' },
    ];
    fs.writeFileSync(spec, JSON.stringify({ plumbline_monitors: 1, monitors }));
    const r = await run('check', '--spec', spec, '--json');
    expect(r.code, r.out + r.err).toBe(0);
    const out = JSON.parse(r.out) as { evaluations: { monitor: string; status: string; value: number | null; baseline: number | null }[] };
    const by = Object.fromEntries(out.evaluations.map((e) => [e.monitor, e]));
    expect(by.coverage.value).toBeCloseTo(10378 / 12000, 12);
    expect(by.east.status).toBe('pass');
    expect(by.east.value).toBeGreaterThan(0.3);
    expect(by.drop.value).toBeCloseTo(accuracy, 12);
    expect(by.drop.baseline).toBeCloseTo(sk.reference_05.metrics.accuracy, 12);
  });
});
