/**
 * The dataset page's Watch a folder panel against a fake engine: Start sends the folder and the
 * mode (append, or join on the chosen key); while the watch runs the panel polls its status, and a
 * taken file reloads the dataset (the row count grows) and hands its new alerts to the browser's
 * notification path; a file moved aside is listed with its error; Stop goes back to the form.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DatasetDetail, MonitorEvaluation, StartWatchArgs, WatchFileEvent, WatchStatus } from '../../../../core/api/types';
import type { PlumblineClient } from '../../../../core/transport/transport';
import { App } from '../../../../renderer/src/app/App';
import type { Platform } from '../../../../renderer/src/platform/platform';

const HOSTILE = '<img src=x onerror=alert(1)>';

function detail(rows: number): DatasetDetail {
  return {
    id: 1, name: 'preds', rows, columns: 2, importedAt: '2026-11-23T08:49:00.000Z',
    columnInfo: [
      { index: 0, name: 'request_id', type: 'text', role: 'id', nullCount: 0, widenedCount: 0 },
      { index: 1, name: 'score', type: 'real', role: 'score', nullCount: 0, widenedCount: 0 },
    ],
    imports: [],
  };
}

const alert = { monitor: 'rows', status: 'warning', severity: 'warning', analysis: 'drift', message: 'current_rows = 12' } as unknown as MonitorEvaluation;

function fake() {
  let rows = 10;
  let status: WatchStatus | null = null;
  const client = {
    workspaceInfo: vi.fn(async () => ({ path: '/w.db', schemaVersion: 3, version: '0.1.0' })),
    listDatasets: vi.fn(async () => [{ id: 1, name: 'preds', rows, columns: 2, importedAt: 'x' }]),
    getDataset: vi.fn(async () => detail(rows)),
    previewRows: vi.fn(async () => ({ dataset: 'preds', offset: 0, total: rows, columns: ['request_id', 'score'], rows: [] })),
    describeDataset: vi.fn(async () => ({ dataset: 'preds', rows, columns: [] })),
    watchStatus: vi.fn(async () => status),
    startWatch: vi.fn(async (a: StartWatchArgs) => {
      status = { name: a.name ?? a.dataset, dataset: a.dataset, folder: a.folder, mode: a.join ? 'join' : 'append', ...(a.join ? { on: a.join.on } : {}), settleSeconds: 2, startedAt: '2026-12-06T10:00:00.000Z', taken: [], failed: [], takenCount: 0, failedCount: 0, lastEvent: null, folderError: null };
      return status;
    }),
    stopWatch: vi.fn(async () => {
      status = null;
      return { stopped: 'preds' };
    }),
  };
  /** What the engine's watcher would do when a file lands. */
  const land = (e: WatchFileEvent) => {
    if (!status) throw new Error('no watch');
    if (e.ok) rows += e.rows ?? 0;
    status = e.ok ? { ...status, taken: [...status.taken, e], takenCount: status.takenCount + 1, lastEvent: e } : { ...status, failed: [...status.failed, e], failedCount: status.failedCount + 1, lastEvent: e };
  };
  const platform = { kind: 'browser', client: client as unknown as PlumblineClient, chooseFiles: vi.fn(), pathsFromDrop: vi.fn(() => []), onOpenFiles: () => () => undefined, saveFile: vi.fn(), deliverExport: vi.fn(), openFile: vi.fn() } as unknown as Platform;
  return { client, platform, land };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Watch a folder panel', () => {
  it('starts, shows files taken and moved aside, reloads the dataset on a taken file, notifies, stops', async () => {
    const shown: { title: string; body: string }[] = [];
    vi.stubGlobal('Notification', Object.assign(function (this: unknown, title: string, o: { body: string }) { shown.push({ title, body: o.body }); }, { permission: 'granted' }));
    window.location.hash = '#/datasets/preds';
    const f = fake();
    const { container } = render(<App platform={f.platform} />);
    const panel = await screen.findByRole('region', { name: 'Watch a folder' });
    await waitFor(() => expect(container.querySelector('.summary')?.textContent).toMatch(/^10 rows/));

    fireEvent.change(within(panel).getByLabelText(/^Folder/), { target: { value: `/in/${HOSTILE}` } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Start watching' }));
    await waitFor(() => expect(f.client.startWatch).toHaveBeenCalledWith({ dataset: 'preds', folder: `/in/${HOSTILE}` }));
    expect(await within(panel).findByText('waiting for a file')).toBeTruthy();
    expect(within(panel).getByText(`/in/${HOSTILE}`)).toBeTruthy();

    f.land({ file: '/in/a.csv', ok: true, movedTo: '/in/imported/a.csv', at: '2026-12-06T10:00:05.000Z', rows: 5, newAlerts: [alert] });
    await waitFor(() => expect(container.querySelector('.summary')?.textContent).toMatch(/^15 rows/), { timeout: 5000 });
    expect(within(panel).getByLabelText('Files taken and moved aside').textContent).toBe('1 taken · 0 moved aside');
    expect(shown).toHaveLength(1);

    f.land({ file: `/in/${HOSTILE}.csv`, ok: false, movedTo: '/in/failed/x.csv', at: '2026-12-06T10:00:07.000Z', error: `lacks column ${HOSTILE}` });
    await waitFor(() => expect(within(panel).getByLabelText('Files taken and moved aside').textContent).toBe('1 taken · 1 moved aside'), { timeout: 5000 });
    expect(within(panel).getByRole('list').textContent).toContain(`failed: lacks column ${HOSTILE}`);
    expect(container.querySelector('img')).toBeNull();
    // A failed file changes no data: no reload, no notification.
    expect(container.querySelector('.summary')?.textContent).toMatch(/^15 rows/);
    expect(shown).toHaveLength(1);

    fireEvent.click(within(panel).getByRole('button', { name: 'Stop and remove' }));
    expect(await within(panel).findByRole('button', { name: 'Start watching' })).toBeTruthy();
    expect(f.client.stopWatch).toHaveBeenCalledWith({ dataset: 'preds' });
  }, 15_000);

  it('joins on the chosen key column (the id column first)', async () => {
    window.location.hash = '#/datasets/preds';
    const f = fake();
    render(<App platform={f.platform} />);
    const panel = await screen.findByRole('region', { name: 'Watch a folder' });
    fireEvent.change(within(panel).getByLabelText(/^Folder/), { target: { value: '/labels' } });
    fireEvent.change(within(panel).getByLabelText('Each file'), { target: { value: 'join' } });
    expect((within(panel).getByLabelText('Key column') as HTMLSelectElement).value).toBe('request_id');
    fireEvent.click(within(panel).getByRole('button', { name: 'Start watching' }));
    await waitFor(() => expect(f.client.startWatch).toHaveBeenCalledWith({ dataset: 'preds', folder: '/labels', join: { on: 'request_id' } }));
    expect(await within(panel).findByText('joins columns by request_id')).toBeTruthy();
  });

  it('in the app, chooses the folder with the system chooser and keeps the watch under the name given', async () => {
    window.location.hash = '#/datasets/preds';
    const f = fake();
    const chooseFolder = vi.fn(async () => `/in/${HOSTILE}`);
    render(<App platform={{ ...f.platform, kind: 'electron', chooseFolder }} />);
    const panel = await screen.findByRole('region', { name: 'Watch a folder' });
    fireEvent.click(within(panel).getByRole('button', { name: 'Choose…' }));
    await waitFor(() => expect((within(panel).getByLabelText(/^Folder/) as HTMLInputElement).value).toBe(`/in/${HOSTILE}`));
    expect(chooseFolder).toHaveBeenCalledWith('Folder to watch');
    fireEvent.change(within(panel).getByLabelText('Name'), { target: { value: 'nightly' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Start watching' }));
    await waitFor(() => expect(f.client.startWatch).toHaveBeenCalledWith({ dataset: 'preds', folder: `/in/${HOSTILE}`, name: 'nightly' }));
    expect(await within(panel).findByText('nightly', { exact: false })).toBeTruthy();
  });

  it('in browser mode has no chooser: the folder is typed', async () => {
    window.location.hash = '#/datasets/preds';
    render(<App platform={fake().platform} />);
    const panel = await screen.findByRole('region', { name: 'Watch a folder' });
    expect(within(panel).queryByRole('button', { name: 'Choose…' })).toBeNull();
  });
});
