import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorDefinition } from '../../../core/monitors/types';
import { tmpDir } from '../../helpers/tmp';
import { csv, fixture, type Fixture } from './fixtures';

const dir = tmpDir();
let f: Fixture;
beforeAll(async () => {
  f = await fixture(dir);
});
afterAll(() => {
  f.ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const drift = (name: string, current: string, metric: string, condition: string, severity: 'warning' | 'critical' = 'critical'): MonitorDefinition => ({
  name,
  analysis: 'drift',
  datasets: { reference: 'ref', current },
  metric,
  condition,
  severity,
});

describe('monitors through the API', () => {
  it('validates a definition against its analysis, keeping the condition canonical', async () => {
    await expect(f.client.addMonitor({ monitor: { ...drift('m', 'cur', 'share_drifted', '>= 0.5'), datasets: { current: 'cur' } } })).rejects.toThrow(/no dataset given for reference/);
    await expect(f.client.addMonitor({ monitor: { ...drift('m', 'cur', 'share_drifted', '>= 0.5'), analysis: 'nope' } })).rejects.toThrow(/Unknown analysis/);
    await expect(f.client.addMonitor({ monitor: drift('m', 'nosuch', 'share_drifted', '>= 0.5') })).rejects.toThrow(/No dataset named "nosuch"/);
    await expect(f.client.addMonitor({ monitor: drift('m', 'cur', 'share_drifted', 'share_drifted >= 0.5') })).rejects.toThrow(/give the metric separately/);
    await expect(f.client.addMonitor({ monitor: { ...drift('m', 'cur', 'share_drifted', '>= 0.5'), options: { test: 'nope' } } })).rejects.toThrow(/options/);
    const m = await f.client.addMonitor({ monitor: drift('share', 'cur', 'share_drifted', '>=0.5') });
    expect(m.condition).toBe('>= 0.5');
    expect(m.last).toBeNull();
    await expect(f.client.addMonitor({ monitor: drift('share', 'cur', 'share_drifted', '>= 0.6') })).rejects.toThrow(/exists/);
    expect((await f.client.addMonitor({ monitor: drift('share', 'cur', 'share_drifted', '>= 0.5', 'critical'), replace: true })).condition).toBe('>= 0.5');
  });

  it('check: one analysis run shared by the monitors reading it; statuses, values and history', async () => {
    await f.client.addMonitor({ monitor: drift('x score', 'cur', 'drift_score:x', '< 0.05', 'warning') });
    await f.client.addMonitor({ monitor: drift('shifted share', 'shifted', 'share_drifted', '>= 0.5') });
    const check = await f.client.checkMonitors({});
    expect(check.runs).toBe(2);
    const by = Object.fromEntries(check.evaluations.map((e) => [e.monitor, e]));
    expect(by.share.status).toBe('pass');
    expect(by.share.value).toBe(0);
    // x shifted by one of 100: the KS D is 0.01 < 0.05, so the warning's condition holds.
    expect(by['x score'].value).toBeCloseTo(0.01, 12);
    expect(by['x score'].status).toBe('warning');
    expect(by['shifted share'].value).toBe(0.5);
    expect(by['shifted share'].status).toBe('critical');
    expect(check.status).toBe('critical');
    expect(check.exitCode).toBe(2);
    expect(by.share.settings).toMatchObject({ datasets: { reference: 'ref', current: 'cur' }, rows: { reference: 100, current: 100 }, where: null });
    await f.client.checkMonitors({ names: ['share'] });
    const history = await f.client.monitorHistory({ name: 'share' });
    expect(history.map((e) => e.trigger)).toEqual(['check', 'check']);
    expect(history[0].at >= history[1].at).toBe(true);
    const listed = await f.client.listMonitors({});
    expect(listed.map((m) => m.name)).toEqual(['share', 'shifted share', 'x score']);
    expect(listed[0].last?.status).toBe('pass');
  });

  it('a monitor that cannot be evaluated is an error that counts as its severity, never a pass', async () => {
    const check = await f.client.checkMonitors({ monitors: [drift('typo', 'cur', 'share_drifed', '>= 0.5', 'warning'), drift('gone', 'deleted', 'share_drifted', '>= 0.5', 'warning')] });
    expect(check.evaluations.map((e) => e.status)).toEqual(['error', 'error']);
    expect(check.evaluations[0].message).toMatch(/no metric "share_drifed"/);
    expect(check.evaluations[1].message).toMatch(/No dataset named "deleted"/);
    expect(check.exitCode).toBe(1);
    // Spec monitors are not stored.
    await expect(f.client.monitorHistory({ name: 'typo' })).rejects.toThrow(/No monitor named/);
  });

  it('drop/rise are measured from the same figure on the reference', async () => {
    const rows = drift('rows rise', 'cur', 'current_rows', 'rise > 10%', 'warning');
    let check = await f.client.checkMonitors({ monitors: [rows] });
    expect(check.evaluations[0]).toMatchObject({ value: 100, baseline: 100, change: 0, status: 'pass' });
    expect(check.runs).toBe(2);
    check = await f.client.checkMonitors({ monitors: [{ ...rows, datasets: { reference: 'ref', current: 'shifted' }, metric: 'share_drifted', condition: 'rise >= 0.5' }] });
    expect(check.evaluations[0]).toMatchObject({ value: 0.5, baseline: 0, change: 0.5, status: 'warning' });
  });

  it('an append runs the monitors reading that dataset and lists their statuses', async () => {
    await f.client.addMonitor({ monitor: drift('cur rows', 'cur', 'current_rows', 'rise > 10%', 'warning') });
    const appended = await f.client.importFile({ path: f.file('more.csv', csv(1, 50)), append: 'cur' });
    const names = (appended.monitors ?? []).map((e) => e.monitor).sort();
    expect(names).toEqual(['cur rows', 'share', 'x score']);
    const rows = appended.monitors!.find((e) => e.monitor === 'cur rows')!;
    expect(rows).toMatchObject({ trigger: 'append', value: 150, baseline: 100, status: 'warning' });
    expect((await f.client.monitorHistory({ name: 'cur rows' }))[0].trigger).toBe('append');
    // A dataset no monitor reads: nothing run.
    const other = await f.client.importFile({ path: f.file('other.csv', csv(0)), name: 'other' });
    expect(other.monitors).toBeUndefined();
  });

  it('removal keeps the definition in the audit log with who changed it', async () => {
    await f.client.removeMonitor({ name: 'x score' });
    await expect(f.client.removeMonitor({ name: 'x score' })).rejects.toThrow(/No monitor named/);
    const log = f.ws.db.prepare(`SELECT action, subject, details FROM audit_log WHERE action LIKE '%monitor' ORDER BY id`).all() as { action: string; subject: string; details: string }[];
    expect(log.map((l) => l.action)).toContain('update-monitor');
    const removed = log.find((l) => l.action === 'remove-monitor')!;
    expect(removed.subject).toBe('x score');
    const details = JSON.parse(removed.details) as { by: string; before: MonitorDefinition };
    expect(details.by.length).toBeGreaterThan(0);
    expect(details.before.metric).toBe('drift_score:x');
  });
});
