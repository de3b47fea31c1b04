/**
 * A monitor on the current dataset's latest chunk: the last week by its timestamp column, or its
 * last N rows. A log whose last week drifted but whose month did not: the whole-dataset monitor
 * passes, the latest-week one alerts. The baseline of a drop/rise stays the whole reference.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../core/cli/main';
import { createEngine } from '../../../core/engine/engine';
import { monitorSpec, parseMonitorSpec } from '../../../core/monitors/spec';
import type { MonitorDefinition } from '../../../core/monitors/types';
import { directTransport } from '../../../core/transport/direct';
import { createClient, type PlumblineClient } from '../../../core/transport/transport';
import { Workspace } from '../../../core/workspace/workspace';
import { tmpDir, writeFile } from '../../helpers/tmp';

const dir = tmpDir();
const db = path.join(dir, 'ws.db');
let ws: Workspace;
let client: PlumblineClient;
const DAY = 86_400_000;
const START = Date.parse('2026-10-01T00:00:00Z');

/** 28 days × 25 rows; x = a permutation of 0…99 per 4 days, shifted by `lastWeekShift` in the last 7 days. */
function log(lastWeekShift: number, timestamps = true): string {
  const lines = [timestamps ? 'ts,x' : 'n,x'];
  for (let i = 0; i < 700; i++) {
    const day = Math.floor(i / 25);
    const x = ((i * 37) % 100) + (day >= 21 ? lastWeekShift : 0);
    lines.push(`${timestamps ? new Date(START + day * DAY + (i % 25) * 60_000).toISOString() : String(i)},${x}`);
  }
  return `${lines.join('\n')}\n`;
}

const roles = { ts: 'timestamp', x: 'feature' } as const;
const mon = (name: string, over: Partial<MonitorDefinition> = {}): MonitorDefinition => ({ name, analysis: 'drift', datasets: { reference: 'base', current: 'log' }, metric: 'drift_score:x', condition: '> 0.5', severity: 'critical', ...over });

beforeAll(async () => {
  ws = new Workspace(db);
  client = createClient(directTransport(createEngine(ws)));
  await client.importFile({ path: writeFile(dir, 'base.csv', log(0)), name: 'base', roles });
  await client.importFile({ path: writeFile(dir, 'log.csv', log(100)), name: 'log', roles });
  await client.importFile({ path: writeFile(dir, 'plain.csv', log(100, false)), name: 'plain', roles: { n: 'id', x: 'feature' } });
});
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('latest chunk', () => {
  it('the last week drifted completely while the whole log drifted by a quarter', async () => {
    const check = await client.checkMonitors({
      monitors: [mon('whole'), mon('week', { window: { current: { last: 'week' } } }), mon('rows', { window: { current: { rows: 175 } } }), mon('day', { window: { current: { last: 'day' } } })],
    });
    const by = Object.fromEntries(check.evaluations.map((e) => [e.monitor, e]));
    // Days 22–28 are shifted by 100: all 175 rows lie above every reference value, KS D = 1.
    expect(by.whole.value).toBeCloseTo(175 / 700, 12);
    expect(by.whole.status).toBe('pass');
    expect(by.week.value).toBe(1);
    expect(by.week.status).toBe('critical');
    expect(by.week.settings.window).toEqual({ current: { last: 'week' } });
    expect(by.rows.value).toBe(1);
    expect(by.day.value).toBe(1);
    // Each window is its own run; none is shared with the whole-dataset run.
    expect(check.runs).toBe(4);
  });

  it('the window is applied within a filter, and the baseline of a drop/rise is the whole reference', async () => {
    const check = await client.checkMonitors({
      monitors: [
        mon('filtered', { window: { current: { last: 'week' } }, where: 'x >= 150' }),
        { ...mon('rise'), metric: 'current_rows', condition: 'rise > 0', window: { current: { rows: 10 } } },
      ],
    });
    const by = Object.fromEntries(check.evaluations.map((e) => [e.monitor, e]));
    expect(by.filtered.status).toBe('error');
    expect(by.filtered.message).toMatch(/leaves no rows of the reference dataset "base"/);
    // current_rows of the last 10 rows is 10; on the baseline (the whole reference as current) 700.
    expect(by.rise).toMatchObject({ value: 10, baseline: 700, status: 'pass' });
  });

  it('a period needs a timestamp column; a window on a slot the analysis lacks is refused', async () => {
    const check = await client.checkMonitors({ monitors: [mon('no ts', { datasets: { reference: 'base', current: 'plain' }, window: { current: { last: 'week' } } })] });
    expect(check.evaluations[0].status).toBe('error');
    expect(check.evaluations[0].message).toMatch(/"plain" has no timestamp column, so its last week cannot be found/);
    await expect(client.addMonitor({ monitor: mon('bad slot', { window: { data: { rows: 5 } } }) })).rejects.toThrow(/window names "data", which drift does not read/);
  });

  it('spec files: written as version 1 without windows, 2 with; version 1 with a window is refused', () => {
    expect(monitorSpec([mon('a')]).plumbline_monitors).toBe(1);
    const v2 = monitorSpec([mon('a', { window: { current: { last: 'month' } } })]);
    expect(v2.plumbline_monitors).toBe(2);
    expect(parseMonitorSpec(JSON.stringify(v2)).monitors[0].window).toEqual({ current: { last: 'month' } });
    expect(() => parseMonitorSpec(JSON.stringify({ ...v2, plumbline_monitors: 1 }))).toThrow(/window needs "plumbline_monitors": 2/);
    expect(() => parseMonitorSpec(JSON.stringify(monitorSpec([mon('a', { window: { current: { last: 'year' as 'week' } } })])))).toThrow(/not a monitor spec/);
  });

  it('plumbline monitor add --latest week; a bad value is refused naming the flag', async () => {
    let out = '';
    let err = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    const run = (...args: string[]) => main(['--db', db, ...args]);
    try {
      const base = ['monitor', 'add', '--analysis', 'drift', '--dataset', 'log', '--reference', 'base', '--metric', 'drift_score:x', '--condition', '> 0.5', '--severity', 'critical'];
      expect(await run(...base, '--name', 'weekly', '--latest', 'week')).toBe(0);
      expect(await run(...base, '--name', 'tail', '--latest', '10_000')).toBe(0);
      expect(await run(...base, '--name', 'bad', '--latest', 'fortnight')).not.toBe(0);
      expect(err).toContain('--latest takes day, week, month or a number of rows, not "fortnight"');
      process.exitCode = undefined;
      expect(await run('check', '--monitor', 'weekly')).toBe(2);
    } finally {
      process.exitCode = undefined;
      o.mockRestore();
      e.mockRestore();
    }
    const listed = await client.listMonitors({});
    expect(listed.find((m) => m.name === 'weekly')!.window).toEqual({ current: { last: 'week' } });
    expect(listed.find((m) => m.name === 'tail')!.window).toEqual({ current: { rows: 10000 } });
    expect(out).toContain('CRIT  weekly');
  });
});
