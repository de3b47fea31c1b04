/**
 * Monitors on the operations and correlation figures through the command line, as README shows
 * them: `monitor add … --metric p99_latency --condition "> 200"` and `check`'s exit code (0 pass,
 * 1 warning, 2 critical) on the demo log (P99 133.6 ms; Pearson's largest change 0.0269).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';
import { runCli } from '../../helpers/cli-in-process';

const dir = tmpDir();
const db = path.join(dir, 'ws.db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => runCli(db, ...args);

describe('monitors on operations and correlation', () => {
  it('p99_latency and max_abs_change drive check’s exit code', async () => {
    expect((await run('import', path.join(ROOT, 'assets/demo/current.csv'), '--name', 'log')).code).toBe(0);
    expect((await run('import', path.join(ROOT, 'assets/demo/reference.csv'), '--name', 'ref')).code).toBe(0);
    const ops = JSON.parse((await run('operations', '--dataset', 'log', '--json')).out);
    expect(ops.latency.p99).toBeGreaterThan(100);
    expect(ops.latency.p99).toBeLessThan(200);

    let r = await run('monitor', 'add', '--name', 'p99 budget', '--analysis', 'operations', '--dataset', 'log', '--metric', 'p99_latency', '--condition', '> 200', '--severity', 'critical');
    expect(r.code, r.err).toBe(0);
    r = await run('check', '--json');
    expect(r.code, r.out).toBe(0);
    expect(JSON.parse(r.out).evaluations[0]).toMatchObject({ monitor: 'p99 budget', status: 'pass', value: ops.latency.p99 });

    r = await run('monitor', 'add', '--name', 'correlation', '--analysis', 'correlation', '--dataset', 'log', '--reference', 'ref', '--metric', 'max_abs_change', '--condition', '> 0.02');
    expect(r.code, r.err).toBe(0);
    expect((await run('check')).code).toBe(1);

    r = await run('monitor', 'add', '--name', 'p99 tight', '--analysis', 'operations', '--dataset', 'log', '--metric', 'p99_latency:B', '--condition', '> 100', '--severity', 'critical');
    expect(r.code, r.err).toBe(0);
    r = await run('check');
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/CRIT.*p99 tight/);
  }, 120_000);
});
