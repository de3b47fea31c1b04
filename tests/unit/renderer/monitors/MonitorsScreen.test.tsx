import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PlumblineError } from '../../../../core/api/errors';
import type { CheckResult, DatasetSummary, Monitor, MonitorDefinition, MonitorEvaluation } from '../../../../core/api/types';
import type { PlumblineClient } from '../../../../core/transport/transport';
import { App } from '../../../../renderer/src/app/App';
import type { Platform } from '../../../../renderer/src/platform/platform';

const HOSTILE = '<img src=x onerror=alert(1)>';
const ds = (id: number, name: string): DatasetSummary => ({ id, name, rows: 100, columns: 2, importedAt: '2026-11-23T08:49:00.000Z' });

function evaluation(monitor: string, status: MonitorEvaluation['status'], value: number | null): MonitorEvaluation {
  return { monitor, analysis: 'drift', metric: 'share_drifted', condition: '>= 0.5', severity: 'critical', status, value, baseline: null, change: null, message: `share_drifted = ${value}`, at: '2026-12-06T07:00:00.000Z', trigger: 'check', settings: { datasets: { reference: 'ref', current: 'cur' }, reference: null, options: {}, where: null, rows: {} } };
}

function fake() {
  let monitors: Monitor[] = [
    { name: HOSTILE, analysis: 'drift', datasets: { reference: 'ref', current: 'cur' }, metric: 'share_drifted', condition: '>= 0.5', severity: 'critical', createdAt: 'x', updatedAt: 'x', last: evaluation(HOSTILE, 'critical', 0.6) },
    { name: 'quiet', analysis: 'drift', datasets: { reference: 'ref', current: 'cur' }, metric: 'drift_score:age', condition: '> 0.1', severity: 'warning', createdAt: 'x', updatedAt: 'x', last: null },
  ];
  const client = {
    workspaceInfo: vi.fn(async () => ({ path: '/w.db', schemaVersion: 3, version: '0.1.0' })),
    listDatasets: vi.fn(async () => [ds(1, 'cur'), ds(2, 'ref')]),
    listAnalyses: vi.fn(async () => [{ id: 'drift', title: 'Drift', datasets: [{ slot: 'reference', description: 'r' }, { slot: 'current', description: 'c' }], sections: [] }]),
    listMonitors: vi.fn(async () => monitors),
    monitorHistory: vi.fn(async ({ name }: { name: string }) => [evaluation(name, 'critical', 0.6), evaluation(name, 'pass', 0)]),
    checkMonitors: vi.fn(async (): Promise<CheckResult> => {
      monitors = monitors.map((m) => ({ ...m, last: evaluation(m.name, 'pass', 0) }));
      return { at: 'x', status: 'pass', exitCode: 0, evaluations: monitors.map((m) => m.last!), runs: 1, seconds: 0.1 };
    }),
    addMonitor: vi.fn(async ({ monitor }: { monitor: MonitorDefinition }) => {
      if (monitor.condition === 'bad') throw new PlumblineError('BAD_REQUEST', 'Cannot read the condition "bad".');
      const m = { ...monitor, createdAt: 'x', updatedAt: 'x', last: null };
      monitors = [...monitors, m];
      return m;
    }),
    removeMonitor: vi.fn(async ({ name }: { name: string }) => {
      monitors = monitors.filter((m) => m.name !== name);
      return { removed: name };
    }),
  };
  const platform = { kind: 'browser', client: client as unknown as PlumblineClient, chooseFiles: vi.fn(), pathsFromDrop: vi.fn(() => []), onOpenFiles: () => () => undefined, saveFile: vi.fn(), deliverExport: vi.fn(), openFile: vi.fn() } as unknown as Platform;
  return { client, platform };
}

beforeEach(() => {
  window.location.hash = '#/monitors';
});
afterEach(() => cleanup());

describe('Monitors screen', () => {
  it('lists monitors with status in words, hostile names as text; history on click', async () => {
    const f = fake();
    const { container } = render(<App platform={f.platform} />);
    const table = await screen.findByRole('table', { name: 'Monitors' });
    expect(within(table).getByText('✗ critical')).toBeTruthy();
    expect(within(table).getByText('– not run')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    fireEvent.click(within(table).getByRole('button', { name: `History of ${HOSTILE}` }));
    const history = await screen.findByRole('table', { name: `Evaluations of ${HOSTILE}` });
    expect(within(history).getAllByRole('row')).toHaveLength(3);
  });

  it('runs checks now and shows the summary; removes only after confirmation', async () => {
    const f = fake();
    render(<App platform={f.platform} />);
    await screen.findByRole('table', { name: 'Monitors' });
    fireEvent.click(screen.getByRole('button', { name: 'Run checks now' }));
    expect(await screen.findByText(/2 monitors checked: 2 passed, 0 warning, 0 critical/)).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('✗ critical')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Remove quiet' }));
    expect(f.client.removeMonitor).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm removing quiet' }));
    await waitFor(() => expect(f.client.removeMonitor).toHaveBeenCalled());
    expect(f.client.removeMonitor.mock.calls[0][0]).toEqual({ name: 'quiet' });
  });

  it('adds a monitor with a dataset per slot; the engine\'s refusal is shown', async () => {
    const f = fake();
    render(<App platform={f.platform} />);
    const form = (await screen.findByRole('heading', { name: 'Add a monitor' })).closest('form') as HTMLElement;
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'new one' } });
    fireEvent.change(within(form).getByLabelText('Alert when'), { target: { value: 'bad' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add monitor' }));
    expect(await within(form).findByRole('alert')).toHaveProperty('textContent', 'Cannot read the condition "bad".');
    fireEvent.change(within(form).getByLabelText('Alert when'), { target: { value: '>= 0.3' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add monitor' }));
    await waitFor(() => expect(f.client.addMonitor).toHaveBeenCalledTimes(2));
    expect(f.client.addMonitor.mock.calls[1][0]).toEqual({ monitor: { name: 'new one', analysis: 'drift', datasets: { reference: 'ref', current: 'cur' }, metric: 'share_drifted', condition: '>= 0.3', severity: 'warning' } });
    expect(await screen.findByRole('button', { name: 'History of new one' })).toBeTruthy();
  });

  it('sets the latest-chunk window on the current slot: a period, or the last N rows', async () => {
    const f = fake();
    render(<App platform={f.platform} />);
    const form = (await screen.findByRole('heading', { name: 'Add a monitor' })).closest('form') as HTMLElement;
    const chunk = within(form).getByLabelText('Latest chunk of current') as HTMLSelectElement;
    expect(chunk.value).toBe('all');
    expect([...chunk.options].map((o) => o.text)).toEqual(['whole dataset', 'last day', 'last week', 'last month', 'last N rows']);
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'weekly' } });
    fireEvent.change(chunk, { target: { value: 'week' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add monitor' }));
    await waitFor(() => expect(f.client.addMonitor).toHaveBeenCalledTimes(1));
    expect(f.client.addMonitor.mock.calls[0][0].monitor.window).toEqual({ current: { last: 'week' } });

    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'last rows' } });
    fireEvent.change(chunk, { target: { value: 'rows' } });
    fireEvent.change(within(form).getByLabelText('Rows (N)'), { target: { value: '500' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add monitor' }));
    await waitFor(() => expect(f.client.addMonitor).toHaveBeenCalledTimes(2));
    expect(f.client.addMonitor.mock.calls[1][0].monitor.window).toEqual({ current: { rows: 500 } });

    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'all rows' } });
    fireEvent.change(chunk, { target: { value: 'all' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add monitor' }));
    await waitFor(() => expect(f.client.addMonitor).toHaveBeenCalledTimes(3));
    expect(f.client.addMonitor.mock.calls[2][0].monitor).not.toHaveProperty('window');
    // The list shows the window it was given.
    expect(await screen.findByText(/last 500 rows of current/)).toBeTruthy();
  });

  it('has no latest chunk for an analysis reading two datasets besides the reference', async () => {
    const f = fake();
    f.client.listAnalyses.mockResolvedValue([{ id: 'ab', title: 'A/B', datasets: [{ slot: 'a', description: 'a' }, { slot: 'b', description: 'b' }], sections: [] }]);
    render(<App platform={f.platform} />);
    const form = (await screen.findByRole('heading', { name: 'Add a monitor' })).closest('form') as HTMLElement;
    await waitFor(() => expect(within(form).getByLabelText('Latest chunk')).toHaveProperty('disabled', true));
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'ab one' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add monitor' }));
    await waitFor(() => expect(f.client.addMonitor).toHaveBeenCalledTimes(1));
    expect(f.client.addMonitor.mock.calls[0][0].monitor).not.toHaveProperty('window');
  });
});
