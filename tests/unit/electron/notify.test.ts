/**
 * New monitor alerts as system notifications in the app: the engine worker is started with the
 * host notifier, its `notify` host requests reach Electron's Notification (the fake records them),
 * print requests still reach the printer, and an unsupported platform answers "not shown".
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { alertNotification } from '../../../core/format/alert-notification';
import { newAlerts } from '../../../core/monitors/new-alerts';
import type { MonitorEvaluation } from '../../../core/monitors/types';
import { FakeNotification } from './fake-electron';
import { loadMain, useMainHarness } from './load-main';

useMainHarness();
beforeEach(() => {
  FakeNotification.made.length = 0;
  FakeNotification.supported = true;
});

const evaluation = (monitor: string, status: MonitorEvaluation['status'], severity: MonitorEvaluation['severity'] = 'critical') =>
  ({ monitor, status, severity, message: `${monitor} is ${status}` }) as MonitorEvaluation;

describe('new-alert notifications', () => {
  it('only a monitor now worse than its stored latest evaluation is news', () => {
    const before = new Map<string, MonitorEvaluation['status'] | null>([
      ['was pass', 'pass'],
      ['was warning', 'warning'],
      ['still critical', 'critical'],
      ['never run', null],
      ['was error', 'error'],
    ]);
    const now = [evaluation('was pass', 'critical'), evaluation('was warning', 'critical'), evaluation('still critical', 'critical'), evaluation('never run', 'warning', 'warning'), evaluation('was error', 'critical'), evaluation('new pass', 'pass')];
    expect(newAlerts(before, now).map((e) => e.monitor)).toEqual(['was pass', 'was warning', 'never run']);
  });

  it('words one alert by its monitor and several by count, critical first in the title', () => {
    expect(alertNotification([evaluation('<b>drift</b>', 'critical')])).toEqual({ title: 'Plumbline critical: <b>drift</b>', body: '<b>drift</b> is critical' });
    const many = alertNotification([evaluation('a', 'warning', 'warning'), evaluation('b', 'error', 'critical'), ...['c', 'd', 'e'].map((n) => evaluation(n, 'warning', 'warning'))]);
    expect(many.title).toBe('Plumbline: 5 new alerts (1 critical)');
    expect(many.body.split('\n')).toEqual(['⚠ a: a is warning', '✗ b: b is error', '⚠ c: c is warning', '⚠ d: d is warning', '… and 1 more']);
  });

  it('main starts the engine with the host notifier and shows its notify requests with Notification', async () => {
    const { worker } = await loadMain();
    expect(worker!.opts.notifier).toBe('host');
    const answer = await worker!.hostHandler!({ type: 'host-request', id: 'h1', kind: 'notify', title: 'Plumbline critical: drift', body: 'share_drifted = 0.6' });
    expect(answer).toEqual({ type: 'host-response', id: 'h1', ok: true, data: { shown: true } });
    expect(FakeNotification.made).toHaveLength(1);
    expect(FakeNotification.made[0].options).toEqual({ title: 'Plumbline critical: drift', body: 'share_drifted = 0.6' });
    expect(FakeNotification.made[0].shown).toBe(true);
    expect(FakeNotification.made[0].clicks).toHaveLength(1);
    FakeNotification.supported = false;
    expect(await worker!.hostHandler!({ type: 'host-request', id: 'h2', kind: 'notify', title: 't', body: 'b' })).toMatchObject({ ok: true, data: { shown: false } });
    expect(FakeNotification.made).toHaveLength(1);
    // A print request still goes to the printer, not the notifier.
    const print = await worker!.hostHandler!({ type: 'host-request', id: 'h3', kind: 'print-pdf', html: '<p>x</p>', options: { pageSize: 'A4', headerTemplate: '', footerTemplate: '' } });
    expect(print.id).toBe('h3');
    expect(FakeNotification.made).toHaveLength(1);
  });
});
