/**
 * The Overview through the API on a real workspace: models from monitors and saved settings, area
 * statuses worst first, the headline against its baseline, label coverage, rows in the latest
 * period by the timestamp column, and active alerts with the evaluation they started at.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorDefinition } from '../../../core/monitors/types';
import { tmpDir } from '../../helpers/tmp';
import { csv, fixture, type Fixture } from '../monitors/fixtures';

const dir = tmpDir();
let f: Fixture;
const DAY = 86_400_000;
const START = Date.parse('2026-05-01T00:00:00Z');

/** 30 days × 10 rows, x as the drift fixture's, y labelled on the first `labelledDays` days only. */
function log(shift: number, labelledDays: number): string {
  const lines = ['ts,x,c,y'];
  const body = csv(shift, 300).trim().split('\n').slice(1);
  body.forEach((row, i) => {
    const day = Math.floor(i / 10);
    lines.push(`${new Date(START + day * DAY + (i % 10) * 60_000).toISOString()},${row},${day < labelledDays ? i % 2 : ''}`);
  });
  return `${lines.join('\n')}\n`;
}

const roles = { ts: 'timestamp', y: 'label', x: 'feature', c: 'feature' } as const;
const drift = (name: string, current: string, metric: string, condition: string, severity: 'warning' | 'critical'): MonitorDefinition => ({
  name,
  analysis: 'drift',
  datasets: { reference: 'base', current },
  metric,
  condition,
  severity,
});

beforeAll(async () => {
  f = await fixture(dir);
  await f.client.importFile({ path: f.file('base.csv', log(0, 30)), name: 'base', roles });
  await f.client.importFile({ path: f.file('healthy.csv', log(1, 30)), name: 'healthy', roles });
  await f.client.importFile({ path: f.file('sick.csv', log(200, 20)), name: 'sick', roles });
});
afterAll(() => {
  f.ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('overview()', () => {
  it('before any monitor: every dataset that is no reference is a model that says how to add a monitor', async () => {
    const o = await f.client.overview({});
    expect(o.monitors).toBe(0);
    expect(o.datasets).toBe(6);
    const names = o.models.map((m) => m.current).sort();
    expect(names).toEqual(['base', 'cur', 'healthy', 'ref', 'shifted', 'sick']);
    const sick = o.models.find((m) => m.current === 'sick')!;
    expect(sick.status).toBe('no-monitors');
    expect(sick.areas).toEqual([]);
    // Performance cannot be monitored until it has metrics: then a labelled log is offered accuracy.
    expect(sick.suggestion === null || sick.suggestion.metric === 'accuracy').toBe(true);
    expect(o.models.find((m) => m.current === 'ref')!.suggestion).toBeNull();
    // 200 of 300 rows labelled; 30 days of data, so the period is a week: days 24–30 (70 rows) and 17–23 before.
    expect(sick.labels).toEqual({ column: 'y', labelled: 200, rows: 300, share: 200 / 300 });
    expect(sick.latest).toMatchObject({ column: 'ts', period: 'week', rows: 70, previousRows: 70, to: '2026-05-30T00:09:00Z' });
    expect(o.models.find((m) => m.current === 'ref')!.latest).toBeNull();
  });

  it('with monitors: worst model first, areas worst first, the alert since its first failing evaluation', async () => {
    await f.client.addMonitor({ monitor: drift('sick share', 'sick', 'share_drifted', '>= 0.3', 'critical') });
    await f.client.addMonitor({ monitor: drift('sick c missing', 'sick', 'missing_share:c', '> 0.5', 'warning') });
    await f.client.addMonitor({ monitor: drift('healthy share', 'healthy', 'share_drifted', '>= 0.5', 'critical') });
    await f.client.addMonitor({ monitor: drift('healthy x', 'healthy', 'drift_score:x', 'rise > 0.5', 'warning') });
    await f.client.addMonitor({ monitor: drift('warn c', 'cur', 'drift_score:c', '< 0.05', 'warning') });
    let o = await f.client.overview({});
    expect(o.models.find((m) => m.current === 'sick')!.status).toBe('not-run');
    const first = await f.client.checkMonitors({});
    await f.client.checkMonitors({ names: ['sick share'] });
    o = await f.client.overview({});
    expect(o.models.map((m) => m.status).slice(0, 3)).toEqual(['critical', 'warning', 'pass']);
    const sick = o.models[0];
    expect(sick).toMatchObject({ current: 'sick', reference: 'base', rows: 300 });
    expect(sick.areas.map((a) => [a.area, a.status, a.monitors, a.alerting])).toEqual([
      ['drift', 'critical', 1, 1],
      ['quality', 'pass', 1, 0],
    ]);
    expect(sick.areas[0].link).toEqual({ screen: 'drift', datasets: { reference: 'base', current: 'sick' } });
    expect(sick.unwatched).toEqual(['performance', 'fairness', 'ab', 'operations']);
    expect(sick.alerts).toHaveLength(1);
    const firstAt = first.evaluations.find((e) => e.monitor === 'sick share')!.at;
    expect(sick.alerts[0]).toMatchObject({ monitor: 'sick share', status: 'critical', since: firstAt, evaluations: 2, area: 'drift' });
    expect(sick.alerts[0].lastAt > sick.alerts[0].since || sick.alerts[0].lastAt === sick.alerts[0].since).toBe(true);
    expect(o.models[1]).toMatchObject({ current: 'cur', reference: 'base', status: 'warning' });
    // A lone log is offered drift against the reference the other models use.
    expect(o.models.find((m) => m.current === 'shifted')!.suggestion).toMatchObject({ analysis: 'drift', datasets: { reference: 'base', current: 'shifted' } });
    expect(o.models.map((m) => m.status).slice(-2)).toEqual(['no-monitors', 'no-monitors']);
    const healthy = o.models.find((m) => m.current === 'healthy')!;
    expect(healthy.status).toBe('pass');
    expect(healthy.alerts).toEqual([]);
    // The headline prefers a figure with a baseline: drift_score:x now and on the reference.
    expect(healthy.headline).toMatchObject({ monitor: 'healthy x', metric: 'drift_score:x', baseline: 0 });
    expect(healthy.headline!.value).toBeCloseTo(1 / 300, 12);
  });

  it('an alert that clears is no longer active; saved settings add a pair with no monitors', async () => {
    await f.client.addMonitor({ monitor: drift('sick share', 'sick', 'share_drifted', '>= 2', 'critical'), replace: true });
    await f.client.checkMonitors({ names: ['sick share'] });
    await f.client.saveAnalysisSettings({ analysis: 'drift', datasets: { reference: 'ref', current: 'shifted' }, settings: { options: {} } });
    const o = await f.client.overview({});
    const sick = o.models.find((m) => m.current === 'sick')!;
    expect(sick.alerts).toEqual([]);
    expect(sick.status).toBe('pass');
    const pair = o.models.find((m) => m.current === 'shifted')!;
    expect(pair).toMatchObject({ reference: 'ref', status: 'no-monitors', link: { screen: 'drift', datasets: { reference: 'ref', current: 'shifted' } } });
    expect(pair.suggestion).toEqual({ name: 'shifted: dataset drift', analysis: 'drift', datasets: { reference: 'ref', current: 'shifted' }, metric: 'share_drifted', condition: '>= 0.5', severity: 'warning' });
    // The suggestion is a valid monitor as it stands.
    await f.client.addMonitor({ monitor: pair.suggestion! });
    expect((await f.client.overview({})).models.find((m) => m.current === 'shifted')!.status).toBe('not-run');
    expect(o.models.find((m) => m.current === 'ref')).toBeUndefined();
  });
});
