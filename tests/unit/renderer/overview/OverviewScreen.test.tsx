import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatasetSummary, MonitorDefinition, Overview, OverviewModel } from '../../../../core/api/types';
import type { PlumblineClient } from '../../../../core/transport/transport';
import { App } from '../../../../renderer/src/app/App';
import { parseHash } from '../../../../renderer/src/app/routes';
import type { Platform } from '../../../../renderer/src/platform/platform';

const HOSTILE = '<img src=x onerror=alert(1)>';
const ds = (id: number, name: string): DatasetSummary => ({ id, name, rows: 300, columns: 4, importedAt: '2026-11-23T08:49:00.000Z' });

const SUGGESTION: MonitorDefinition = { name: 'lonely: dataset drift', analysis: 'drift', datasets: { reference: 'ref', current: 'lonely' }, metric: 'share_drifted', condition: '>= 0.5', severity: 'warning' };

function model(over: Partial<OverviewModel>): OverviewModel {
  return {
    id: JSON.stringify([over.current, over.reference ?? null]),
    current: 'cur',
    reference: 'ref',
    rows: 300,
    status: 'pass',
    areas: [],
    unwatched: ['fairness', 'ab', 'operations'],
    headline: null,
    labels: { column: 'y', labelled: 200, rows: 300, share: 2 / 3 },
    latest: { column: 'ts', period: 'week', from: '2026-05-23T00:09:00Z', to: '2026-05-30T00:09:00Z', rows: 70, previousRows: 65 },
    alerts: [],
    suggestion: null,
    link: { screen: 'drift', datasets: { reference: 'ref', current: over.current ?? 'cur' } },
    ...over,
  };
}

const OVERVIEW: Overview = {
  at: '2026-12-06T09:00:00.000Z',
  datasets: 4,
  monitors: 3,
  models: [
    model({
      current: HOSTILE,
      status: 'critical',
      areas: [
        { area: 'drift', status: 'critical', monitors: 1, alerting: 1, message: 'share_drifted = 0.6: ">= 0.5" holds', link: { screen: 'drift', datasets: { reference: 'ref', current: HOSTILE } } },
        { area: 'performance', status: 'pass', monitors: 2, alerting: 0, message: 'accuracy = 0.91', link: { screen: 'performance', datasets: { current: HOSTILE, reference: 'ref' } } },
      ],
      headline: { monitor: 'acc', area: 'performance', metric: 'accuracy', value: 0.91, baseline: 0.93, status: 'pass', at: '2026-12-06T08:00:00.000Z', link: { screen: 'performance', datasets: { current: HOSTILE } } },
      alerts: [{ monitor: `${HOSTILE} share`, area: 'drift', severity: 'critical', status: 'critical', message: 'share_drifted = 0.6: ">= 0.5" holds', since: '2026-12-04T07:00:00.000Z', lastAt: '2026-12-06T07:00:00.000Z', evaluations: 3, link: { screen: 'drift', datasets: { reference: 'ref', current: HOSTILE } } }],
    }),
    model({ current: 'good', status: 'pass', areas: [{ area: 'drift', status: 'pass', monitors: 1, alerting: 0, message: 'share_drifted = 0', link: { screen: 'drift', datasets: { reference: 'ref', current: 'good' } } }], latest: null, labels: null }),
    model({ current: 'lonely', status: 'no-monitors', suggestion: SUGGESTION, unwatched: [] }),
  ],
};

function fake() {
  const client = {
    workspaceInfo: vi.fn(async () => ({ path: '/w.db', schemaVersion: 3, version: '0.1.0' })),
    listDatasets: vi.fn(async () => [ds(1, 'cur'), ds(2, 'ref'), ds(3, 'good'), ds(4, 'lonely')]),
    overview: vi.fn(async () => OVERVIEW),
    checkMonitors: vi.fn(async () => ({ at: 'x', status: 'pass', exitCode: 0, evaluations: [], runs: 1, seconds: 0.1 })),
    addMonitor: vi.fn(async ({ monitor }: { monitor: MonitorDefinition }) => ({ ...monitor, createdAt: 'x', updatedAt: 'x', last: null })),
  };
  const platform = { kind: 'browser', client: client as unknown as PlumblineClient, chooseFiles: vi.fn(), pathsFromDrop: vi.fn(() => []), onOpenFiles: () => () => undefined, saveFile: vi.fn(), deliverExport: vi.fn(), openFile: vi.fn() } as unknown as Platform;
  return { client, platform };
}

beforeEach(() => {
  window.location.hash = '#/overview';
});
afterEach(() => cleanup());

describe('Overview screen', () => {
  it('one card per model in the order the engine gives, status in symbols and words, hostile names as text', async () => {
    const f = fake();
    const { container } = render(<App platform={f.platform} />);
    const monitored = await screen.findByLabelText('Monitored models');
    const cards = within(monitored).getAllByRole('article');
    expect(cards.map((c) => within(c).getByRole('heading', { level: 2 }).textContent)).toEqual([`${HOSTILE} vs ref`, 'good vs ref']);
    expect(within(cards[0]).getByText('Critical')).toBeTruthy();
    expect(within(cards[1]).getByText('Healthy')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('2 monitored models: 1 critical, 0 warning, 1 healthy');
    // Areas worst first as given, each a link to its screen opened on its datasets.
    const areas = within(cards[0]).getAllByRole('link').filter((a) => a.classList.contains('ov-area__link'));
    expect(areas.map((a) => a.textContent)).toEqual([expect.stringContaining('Drift'), expect.stringContaining('Performance')]);
    expect(parseHash(areas[0].getAttribute('href')!)).toEqual({ screen: 'drift', params: { reference: 'ref', current: HOSTILE } });
    expect(within(cards[0]).getByText('Not monitored: Fairness, A/B, Operations')).toBeTruthy();
    // Headline against its baseline, labels, the latest period.
    expect(within(cards[0]).getByText('0.91')).toBeTruthy();
    expect(within(cards[0]).getByText('baseline 0.93')).toBeTruthy();
    expect(within(cards[0]).getByText('67%')).toBeTruthy();
    expect(within(cards[0]).getByText('Latest week')).toBeTruthy();
    expect(within(cards[1]).getByText('no label column')).toBeTruthy();
    expect(within(cards[1]).getByText(/no timestamp column/)).toBeTruthy();
    // The active alert with when it started and links to its screen and history.
    const alerts = within(cards[0]).getByRole('region', { name: `Active alerts of ${HOSTILE} vs ref` });
    expect(within(alerts).getByText(/since .*\(3 checks\)/)).toBeTruthy();
    expect(parseHash(within(alerts).getByRole('link', { name: 'History' }).getAttribute('href')!)).toEqual({ screen: 'monitors', params: { monitor: `${HOSTILE} share` } });
    expect(container.querySelector('img')).toBeNull();
  });

  it('a model without monitors says how to add one; the button adds and checks it', async () => {
    const f = fake();
    render(<App platform={f.platform} />);
    const section = await screen.findByRole('region', { name: /Without monitors \(1\)/ });
    const card = within(section).getByRole('article');
    expect(within(card).getByText(/plumbline monitor add --name 'lonely: dataset drift' --analysis drift --reference ref --dataset lonely/)).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Add this monitor' }));
    await waitFor(() => expect(f.client.addMonitor).toHaveBeenCalledWith({ monitor: SUGGESTION }));
    await waitFor(() => expect(f.client.checkMonitors).toHaveBeenCalledWith({ names: [SUGGESTION.name] }));
    await waitFor(() => expect(f.client.overview).toHaveBeenCalledTimes(2));
  });

  it('Run checks now runs every monitor and reloads', async () => {
    const f = fake();
    render(<App platform={f.platform} />);
    const run = await screen.findByRole<HTMLButtonElement>('button', { name: 'Run checks now' });
    await waitFor(() => expect(run.disabled).toBe(false));
    fireEvent.click(run);
    await waitFor(() => expect(f.client.checkMonitors).toHaveBeenCalledWith({}));
    await waitFor(() => expect(f.client.overview).toHaveBeenCalledTimes(2));
  });

  it('browser mode: permission asked on a click; a check with new alerts shows a notification', async () => {
    const made: { title: string; body: string }[] = [];
    class FakeNotification {
      static permission = 'default';
      static requestPermission = vi.fn(async () => (FakeNotification.permission = 'granted'));
      constructor(title: string, opts: { body: string }) {
        made.push({ title, body: opts.body });
      }
    }
    vi.stubGlobal('Notification', FakeNotification);
    try {
      const f = fake();
      const alert = { monitor: HOSTILE, status: 'critical', severity: 'critical', message: 'share_drifted = 0.6' };
      f.client.checkMonitors.mockResolvedValue({ at: 'x', status: 'critical', exitCode: 2, evaluations: [], runs: 1, seconds: 0.1, newAlerts: [alert] } as never);
      render(<App platform={f.platform} />);
      expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
      fireEvent.click(await screen.findByRole('button', { name: 'Notify me of new alerts' }));
      await waitFor(() => expect(screen.queryByRole('button', { name: 'Notify me of new alerts' })).toBeNull());
      const run = screen.getByRole<HTMLButtonElement>('button', { name: 'Run checks now' });
      await waitFor(() => expect(run.disabled).toBe(false));
      fireEvent.click(run);
      await waitFor(() => expect(made).toEqual([{ title: `Plumbline critical: ${HOSTILE}`, body: 'share_drifted = 0.6' }]));
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
