import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { PlumblineError } from '../../../core/api/errors';
import type { DatasetDescription, DatasetDetail, DatasetSummary, ImportResult, InspectResult, Progress, RowPage } from '../../../core/api/types';
import type { CallOptions, PlumblineClient } from '../../../core/transport/transport';
import { App } from '../../../renderer/src/app/App';
import type { FileSource, Platform } from '../../../renderer/src/platform/platform';

const HOSTILE = '<img src=x onerror=alert(1)>';

function summary(name: string, over: Partial<DatasetSummary> = {}): DatasetSummary {
  return { id: 1, name, rows: 1_000_000, columns: 3, importedAt: '2026-11-23T08:49:00.000Z', ...over };
}

function detail(name: string): DatasetDetail {
  return {
    ...summary(name),
    columnInfo: [
      { index: 0, name: 'id', type: 'integer', role: 'id', nullCount: 0, widenedCount: 0 },
      { index: 1, name: HOSTILE, type: 'text', role: 'feature', nullCount: 2, widenedCount: 0 },
      { index: 2, name: 'score', type: 'real', role: 'score', nullCount: 0, widenedCount: 1 },
    ],
    imports: [
      {
        id: 7,
        kind: 'create',
        sourcePath: '/data/preds.csv',
        sizeBytes: 12_345_678,
        sha256: 'ab'.repeat(32),
        modifiedAt: '2026-11-20T10:00:00.000Z',
        format: 'csv',
        parserSettings: { delimiter: ',' },
        rowsRead: 1_000_000,
        rowsAccepted: 1_000_000,
        rowsRejected: 0,
        startedAt: '2026-11-23T08:48:58.000Z',
        finishedAt: '2026-11-23T08:49:00.000Z',
        seconds: 2.5,
      },
    ],
  };
}

interface Fake {
  platform: Platform;
  client: Record<string, ReturnType<typeof vi.fn>>;
  datasets: DatasetSummary[];
}

function fakePlatform(datasets: DatasetSummary[] = []): Fake {
  const state = { datasets: [...datasets] };
  const client = {
    workspaceInfo: vi.fn(async () => ({ path: '/home/me/plumbline.db', schemaVersion: 1, version: '0.1.0' })),
    listDatasets: vi.fn(async () => [...state.datasets]),
    overview: vi.fn(async () => ({ at: '2026-11-23T09:00:00.000Z', datasets: state.datasets.length, monitors: 0, models: [] })),
    getDataset: vi.fn(async ({ dataset }: { dataset: string }) => {
      if (!state.datasets.some((d) => d.name === dataset)) throw new PlumblineError('NOT_FOUND', `No dataset named ${dataset}.`);
      return detail(dataset);
    }),
    previewRows: vi.fn(async ({ dataset, offset = 0, limit = 100 }: { dataset: string; offset?: number; limit?: number }): Promise<RowPage> => {
      const rows = Array.from({ length: limit }, (_, i) => [offset + i, i === 0 ? HOSTILE : `v${offset + i}`, i === 1 ? null : 0.5]);
      return { dataset, offset, total: 1_000_000, columns: ['id', HOSTILE, 'score'], rows };
    }),
    describeDataset: vi.fn(async ({ dataset }: { dataset: string }): Promise<DatasetDescription> => ({
      dataset,
      rows: 10,
      columns: [
        {
          name: 'score', type: 'real', role: 'score', kind: 'numeric', count: 9, missing: 1, distinct: 9, min: 0.05, max: 0.95, mean: 0.5, std: 0.2738613,
          quantiles: [0.05, 0.25, 0.5, 0.75, 0.95].map((q) => ({ q, value: q })),
          histogram: { edges: Array.from({ length: 11 }, (_, k) => 0.05 + 0.09 * k), counts: [1, 1, 1, 1, 1, 0, 1, 1, 1, 1] },
        },
        { name: HOSTILE, type: 'categorical', role: 'feature', kind: 'categorical', count: 10, missing: 0, distinct: 2, top: [{ value: HOSTILE, count: 7, share: 0.7 }, { value: 'b', count: 3, share: 0.3 }], otherCount: 0 },
        { name: 'empty', type: 'real', role: 'feature', kind: 'numeric', count: 0, missing: 10, distinct: 0, min: null, max: null, mean: null, std: null, quantiles: [0.05, 0.25, 0.5, 0.75, 0.95].map((q) => ({ q, value: null })), histogram: { edges: [], counts: [] } },
      ],
    })),
    importFile: vi.fn(),
    deleteDataset: vi.fn(async ({ dataset }: { dataset: string }) => {
      state.datasets = state.datasets.filter((d) => d.name !== dataset);
      return { deleted: dataset };
    }),
    loadDemo: vi.fn(async () => {
      state.datasets.push(summary('demo_reference', { id: 9 }));
      return { datasets: ['demo_reference'] };
    }),
    inspectFile: vi.fn(),
    setColumnRole: vi.fn(),
    watchStatus: vi.fn(async () => null),
  };
  const platform: Platform = {
    kind: 'browser',
    client: client as unknown as PlumblineClient,
    chooseFiles: vi.fn(async () => []),
    pathsFromDrop: vi.fn(() => []),
    onOpenFiles: () => () => undefined,
    saveFile: vi.fn(async () => null),
    deliverExport: vi.fn(),
    openFile: vi.fn(async () => null),
  };
  return { platform, client, get datasets() { return state.datasets; } } as Fake;
}

beforeEach(() => {
  // These tests are about the Datasets screen; a start with no screen named is tested below.
  window.location.hash = '#/datasets';
});
afterEach(() => cleanup());

describe('where the app opens', () => {
  it('on the Overview once the workspace has data', async () => {
    window.location.hash = '';
    const f = fakePlatform([summary('preds')]);
    render(<App platform={f.platform} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeTruthy();
    expect(window.location.hash).toBe('#/overview');
    expect(f.client.overview).toHaveBeenCalled();
  });

  it('on Datasets while the workspace is empty, and where the link says otherwise', async () => {
    window.location.hash = '';
    render(<App platform={fakePlatform().platform} />);
    expect(await screen.findByText('No datasets yet')).toBeTruthy();
    cleanup();
    window.location.hash = '#/datasets';
    render(<App platform={fakePlatform([summary('preds')]).platform} />);
    expect(await screen.findByRole('table', { name: 'Datasets' })).toBeTruthy();
    expect(window.location.hash).toBe('#/datasets');
  });
});

describe('Datasets screen', () => {
  it('offers to open a file or load the demo when the workspace is empty', async () => {
    const f = fakePlatform();
    render(<App platform={f.platform} />);
    expect(await screen.findByText('No datasets yet')).toBeTruthy();
    const empty = screen.getByText('No datasets yet').closest('.empty') as HTMLElement;
    expect(within(empty).getByRole('button', { name: 'Open file…' })).toBeTruthy();
    fireEvent.click(within(empty).getByRole('button', { name: 'Load demo data' }));
    await waitFor(() => expect(f.client.loadDemo).toHaveBeenCalled());
    expect(await screen.findByRole('link', { name: 'demo_reference' })).toBeTruthy();
  });

  it('lists datasets with rows, columns and import time; hostile names stay text', async () => {
    const f = fakePlatform([summary(HOSTILE), summary('preds', { id: 2, rows: 1234, columns: 12 })]);
    const { container } = render(<App platform={f.platform} />);
    const table = await screen.findByRole('table', { name: 'Datasets' });
    expect(within(table).getByRole('link', { name: HOSTILE })).toBeTruthy();
    expect(within(table).getByText('1,234')).toBeTruthy();
    expect(within(table).getByText('12')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('link', { name: /Datasets/ }).getAttribute('aria-current')).toBe('page');
  });

  it('deletes a dataset only after confirmation', async () => {
    const f = fakePlatform([summary('preds')]);
    render(<App platform={f.platform} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete preds' }));
    expect(f.client.deleteDataset).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Keep' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete preds' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(f.client.deleteDataset).toHaveBeenCalledWith({ dataset: 'preds' }));
    expect(await screen.findByText('No datasets yet')).toBeTruthy();
  });

  it('shows import progress with rate, cancels through the signal, then reports the cancellation', async () => {
    const f = fakePlatform([summary('preds')]);
    let seen: CallOptions | undefined;
    f.client.importFile.mockImplementation(
      (_args: unknown, opts: CallOptions) =>
        new Promise((_resolve, reject) => {
          seen = opts;
          opts.signal?.addEventListener('abort', () => reject(new PlumblineError('CANCELLED', 'Import cancelled: nothing was changed.')));
        }),
    );
    const source: FileSource = { name: 'big.csv', size: 40_000_000, prepare: async () => ({ path: '/srv/upload/1', fileName: 'big.csv' }) };
    (f.platform.chooseFiles as ReturnType<typeof vi.fn>).mockResolvedValue([source]);
    render(<App platform={f.platform} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Open file…' }));
    await waitFor(() => expect(seen).toBeDefined());
    // The uploaded copy is named after the user's file, made unique against the list.
    expect(f.client.importFile.mock.calls[0][0]).toEqual({ path: '/srv/upload/1', name: 'big', uploadedAs: 'big.csv' });
    const now = vi.spyOn(performance, 'now');
    now.mockReturnValue(1000);
    act(() => seen!.onProgress!({ phase: 'import', done: 10_000_000, total: 40_000_000, unit: 'bytes', rows: 100_000 } as Progress));
    now.mockReturnValue(2000);
    act(() => seen!.onProgress!({ phase: 'import', done: 20_000_000, total: 40_000_000, unit: 'bytes', rows: 200_000 } as Progress));
    now.mockRestore();
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(screen.getByText('20.0 MB of 40.0 MB')).toBeTruthy();
    expect(screen.getByText('200,000 rows')).toBeTruthy();
    expect(screen.getByText('10.0 MB/s')).toBeTruthy();
    expect(screen.getByText('100,000 rows/s')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open file…' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(seen!.signal!.aborted).toBe(true);
    expect(await screen.findByText('Import cancelled: nothing was changed.')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('a cancel that lands after the import saved its rows says the dataset was imported, and lists it', async () => {
    const f = fakePlatform([summary('preds')]);
    f.client.importFile.mockImplementation(
      (_args: unknown, opts: CallOptions) =>
        new Promise((_resolve, reject) => {
          // The engine committed (e.g. it was sorting numeric columns into the cache) when the
          // request closed: the dataset exists, yet the page's call ends as cancelled.
          opts.signal?.addEventListener('abort', () => {
            f.datasets.push(summary('big', { id: 2, rows: 500 }));
            reject(new PlumblineError('CANCELLED', 'Cancelled.'));
          });
        }),
    );
    const source: FileSource = { name: 'big.csv', size: 1000, prepare: async () => ({ path: '/srv/upload/1', fileName: 'big.csv' }) };
    (f.platform.chooseFiles as ReturnType<typeof vi.fn>).mockResolvedValue([source]);
    render(<App platform={f.platform} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Open file…' }));
    await waitFor(() => expect(f.client.importFile).toHaveBeenCalled());
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText(/Import cancelled too late to undo: “big” was already imported/)).toBeTruthy();
    expect(screen.queryByText('Import cancelled: nothing was changed.')).toBeNull();
    // The list is refreshed: the dataset the cancel did not stop is there.
    expect(await screen.findByRole('link', { name: 'big' })).toBeTruthy();
  });

  it('shows an import error readably, with the problems the engine listed', async () => {
    const f = fakePlatform([summary('preds')]);
    f.client.importFile.mockRejectedValue(
      new PlumblineError('BAD_INPUT', 'bad.csv: 2 rows could not be read.', { problems: [{ line: 3, column: HOSTILE, message: 'not a number' }] }),
    );
    (f.platform.chooseFiles as ReturnType<typeof vi.fn>).mockResolvedValue([{ name: 'bad.csv', size: 10, prepare: async () => ({ path: '/x/bad.csv' }) }]);
    const { container } = render(<App platform={f.platform} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Open file…' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not import bad.csv');
    expect(alert.textContent).toContain('bad.csv: 2 rows could not be read.');
    expect(alert.textContent).toContain(`Line 3 · ${HOSTILE}: not a number`);
    expect(container.querySelector('img')).toBeNull();
    expect(f.client.importFile.mock.calls[0][0]).toEqual({ path: '/x/bad.csv' });

    f.client.importFile.mockResolvedValue({
      dataset: 'bad', kind: 'create', rows: 8, rejected: 2, columns: [], sha256: '', seconds: 0.1,
      problems: [{ line: 3, message: 'not a number' }], rejectedSamples: [],
      warnings: [],
    } satisfies ImportResult);
    fireEvent.click(screen.getByRole('button', { name: 'Import without the bad rows' }));
    await waitFor(() => expect(f.client.importFile).toHaveBeenCalledTimes(2));
    expect(f.client.importFile.mock.calls[1][0]).toEqual({ path: '/x/bad.csv', onError: 'skip' });
    expect((await screen.findByRole('status')).textContent).toContain('2 bad rows left out');
  });
});

describe('Import with options', () => {
  it('inspects the file, then imports with the chosen name, roles and bad-row handling', async () => {
    const f = fakePlatform([summary('preds')]);
    f.client.inspectFile.mockResolvedValue({
      format: 'csv',
      delimiter: ';',
      encoding: 'utf-8',
      header: ['id', HOSTILE],
      sampleRows: [['1', HOSTILE], ['2', null]],
      columns: [
        { name: 'id', type: 'integer', role: 'id' },
        { name: HOSTILE, type: 'text', role: 'feature' },
      ],
    });
    f.client.importFile.mockResolvedValue({
      dataset: 'mine', kind: 'create', rows: 2, rejected: 0, columns: [], sha256: '', seconds: 0.1, problems: [], rejectedSamples: [],
      warnings: [],
    } satisfies ImportResult);
    (f.platform.chooseFiles as ReturnType<typeof vi.fn>).mockResolvedValue([
      { name: 'preds.csv', size: 10, prepare: async () => ({ path: '/srv/u/preds.csv', fileName: 'preds.csv' }) },
    ]);
    const { container } = render(<App platform={f.platform} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Import with options…' }));
    const nameInput = (await screen.findByRole('textbox', { name: 'Dataset name' })) as HTMLInputElement;
    expect(f.client.inspectFile).toHaveBeenCalledWith({ path: '/srv/u/preds.csv' }, expect.anything());
    // The engine's naming rule, made unique against the list: "preds" is taken.
    expect(nameInput.value).toBe('preds (2)');
    expect(screen.getByRole('table', { name: 'First rows' }).textContent).toContain(HOSTILE);
    expect(container.querySelector('img')).toBeNull();
    fireEvent.change(nameInput, { target: { value: 'preds' } });
    expect(screen.getByText(/A dataset with this name exists/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Import' })).toHaveProperty('disabled', true);
    fireEvent.change(nameInput, { target: { value: 'mine' } });
    fireEvent.change(screen.getByRole('combobox', { name: `Role of ${HOSTILE}` }), { target: { value: 'group' } });
    const idType = screen.getByRole('combobox', { name: 'Type of id' }) as HTMLSelectElement;
    expect(idType.value).toBe('integer');
    expect(idType.selectedOptions[0].textContent).toBe('integer (detected)');
    // Chosen, changed back (dropped: the file decides), chosen again.
    fireEvent.change(idType, { target: { value: 'categorical' } });
    fireEvent.change(screen.getByRole('combobox', { name: `Type of ${HOSTILE}` }), { target: { value: 'real' } });
    fireEvent.change(screen.getByRole('combobox', { name: `Type of ${HOSTILE}` }), { target: { value: 'text' } });
    expect(screen.getByText(/never converted/)).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox'));
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(f.client.importFile).toHaveBeenCalled());
    expect(f.client.importFile.mock.calls[0][0]).toEqual({
      path: '/srv/u/preds.csv',
      name: 'mine',
      delimiter: ';',
      roles: { [HOSTILE]: 'group' },
      types: { id: 'categorical' },
      onError: 'skip',
      // An upload: the provenance records the analyst's file name, not the server's copy.
      uploadedAs: 'preds.csv',
    });
    expect((await screen.findByRole('status')).textContent).toContain('Imported mine: 2 rows');
  });

  it('shows what the engine warns of in terms of the dialog; renames, formats and roles are sent under the new names', async () => {
    const f = fakePlatform([summary('preds')]);
    f.client.inspectFile.mockResolvedValue({
      format: 'csv',
      delimiter: ',',
      encoding: 'latin1',
      encodingReason: 'the file has no byte-order mark and is not valid UTF-8 (byte 40 is not), so it was read as Latin-1',
      header: ['day', 'score', 'score.1', 'name'],
      sampleRows: [['20110101', '1', '2', 'Ann Lee']],
      columns: [
        { name: 'day', type: 'integer', role: 'feature' },
        { name: 'score', type: 'integer', role: 'feature' },
        { name: 'score.1', type: 'integer', role: 'feature' },
        { name: 'name', type: 'text', role: 'ignore' },
      ],
      warnings: [
        { code: 'duplicate-names', message: 'The header names a column twice; column 3 "score" → "score.1".', columns: ['score.1'] },
        { code: 'encoding', message: 'Will be read as Latin-1 (windows-1252).' },
        { code: 'personal-data', message: 'A column looks like personal data and got the role "ignore": "name" (name).', columns: ['name'] },
      ],
    } satisfies InspectResult);
    f.client.importFile.mockResolvedValue({
      dataset: 'mine', kind: 'create', rows: 1, rejected: 0, columns: [], sha256: '', seconds: 0.1, problems: [], rejectedSamples: [],
      warnings: [{ code: 'personal-data', message: 'A column looks like personal data.', columns: ['name'] }],
    } satisfies ImportResult);
    (f.platform.chooseFiles as ReturnType<typeof vi.fn>).mockResolvedValue([{ name: 'x.csv', size: 10, prepare: async () => ({ path: '/data/x.csv' }) }]);
    render(<App platform={f.platform} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Import with options…' }));
    const warnings = await screen.findByRole('list', { name: 'Before you import' });
    expect(warnings.textContent).toContain('"score" → "score.1"');
    expect(warnings.textContent).toContain('in the Name boxes of the columns table');
    expect(warnings.textContent).toContain('choose another Role for it in the columns table');
    // The screen names its controls, never the command line's flags.
    expect(warnings.textContent).not.toMatch(/--/);
    expect(screen.getByTitle(/not valid UTF-8/).textContent).toBe('latin1');

    fireEvent.change(screen.getByRole('textbox', { name: 'Name of score.1' }), { target: { value: 'score' } });
    expect(screen.getByText(/Two columns would be named "score"/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Import' })).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByRole('textbox', { name: 'Name of score.1' }), { target: { value: 'score_v2' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Role of score.1' }), { target: { value: 'label' } });
    expect(screen.queryByRole('textbox', { name: 'Format of day' })).toBeNull();
    fireEvent.change(screen.getByRole('combobox', { name: 'Type of day' }), { target: { value: 'timestamp' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Format of day' }), { target: { value: '%Y%m%d' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Name of day' }), { target: { value: 'date' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(f.client.importFile).toHaveBeenCalled());
    expect(f.client.importFile.mock.calls[0][0]).toEqual({
      path: '/data/x.csv',
      name: 'x',
      delimiter: ',',
      rename: { day: 'date', 'score.1': 'score_v2' },
      roles: { score_v2: 'label' },
      types: { date: 'timestamp' },
      timestampFormats: { date: '%Y%m%d' },
    });
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('change its role on the dataset page');
  });

  it('when a chosen type refused every row, offers to import that column as text instead of leaving rows out', async () => {
    const f = fakePlatform([summary('preds')]);
    f.client.inspectFile.mockResolvedValue({
      format: 'csv', delimiter: ',', encoding: 'utf-8', encodingReason: 'the file is valid UTF-8', header: ['day'], sampleRows: [['2011-13-01']], warnings: [],
      columns: [{ name: 'day', type: 'text', role: 'feature' }],
    } satisfies InspectResult);
    f.client.importFile.mockRejectedValueOnce(
      new PlumblineError('BAD_INPUT', 'x.csv: all 8,645 rows are bad (the first 20 are listed); nothing was imported.\n  …\nImport the column as text (--type day=text).', {
        problems: [{ line: 2, column: 'day', message: 'not a timestamp' }],
        rejected: 8645,
        rowsRead: 8645,
        allRowsBad: true,
        column: 'day',
        type: 'timestamp',
      }),
    );
    (f.platform.chooseFiles as ReturnType<typeof vi.fn>).mockResolvedValue([{ name: 'x.csv', size: 10, prepare: async () => ({ path: '/data/x.csv' }) }]);
    render(<App platform={f.platform} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Import with options…' }));
    fireEvent.change(await screen.findByRole('combobox', { name: 'Type of day' }), { target: { value: 'timestamp' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('all 8,645 rows are bad');
    expect(alert.textContent).not.toMatch(/--type/);
    expect(screen.queryByRole('button', { name: 'Import without the bad rows' })).toBeNull();
    f.client.importFile.mockResolvedValue({
      dataset: 'x', kind: 'create', rows: 8645, rejected: 0, columns: [], sha256: '', seconds: 0.1, problems: [], rejectedSamples: [], warnings: [],
    } satisfies ImportResult);
    fireEvent.click(screen.getByRole('button', { name: 'Import day as text' }));
    await waitFor(() => expect(f.client.importFile).toHaveBeenCalledTimes(2));
    expect(f.client.importFile.mock.calls[1][0]).toEqual({ path: '/data/x.csv', name: 'x', delimiter: ',', types: { day: 'text' } });
  });
});

describe('Import with options: joining', () => {
  it('the key keeps the dataset\'s type: its type menu is disabled and a type chosen before is not sent', async () => {
    const f = fakePlatform([summary('preds')]);
    f.client.inspectFile.mockResolvedValue({
      format: 'csv', delimiter: ',', encoding: 'utf-8', header: ['request_id', 'label'], sampleRows: [['007', '1']],
      columns: [{ name: 'request_id', type: 'real', role: 'id' }, { name: 'label', type: 'integer', role: 'label' }],
    });
    f.client.importFile.mockResolvedValue({
      dataset: 'preds', kind: 'join', rows: 1, rejected: 0, columns: [], sha256: '', seconds: 0.1, problems: [], rejectedSamples: [],
      warnings: [],
      join: { matched: 1, coverage: 1, duplicateKeys: 0, orphans: 0 },
    } satisfies ImportResult);
    (f.platform.chooseFiles as ReturnType<typeof vi.fn>).mockResolvedValue([
      { name: 'labels.csv', size: 10, prepare: async () => ({ path: '/srv/u/labels.csv', fileName: 'labels.csv' }) },
    ]);
    render(<App platform={f.platform} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Import with options…' }));
    const keyType = (await screen.findByRole('combobox', { name: 'Type of request_id' })) as HTMLSelectElement;
    fireEvent.change(keyType, { target: { value: 'text' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Type of label' }), { target: { value: 'categorical' } });
    fireEvent.click(screen.getByRole('radio', { name: /Attach its columns/ }));
    expect(keyType.disabled).toBe(true);
    expect(keyType.value).toBe('real');
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(f.client.importFile).toHaveBeenCalled());
    expect(f.client.importFile.mock.calls[0][0]).toEqual({
      path: '/srv/u/labels.csv',
      join: { dataset: 'preds', on: 'request_id' },
      delimiter: ',',
      types: { label: 'categorical' },
      uploadedAs: 'labels.csv',
    });
  });
});

describe('Dataset detail', () => {
  it('shows columns with types and roles, provenance and a virtualised preview paged in 200-row windows', async () => {
    const f = fakePlatform([summary('preds')]);
    window.location.hash = '#/datasets/preds';
    // jsdom has no layout: give the preview's scroll box a size so the virtualiser renders rows.
    const size = (v: number) => ({
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('preview') ? v : 0;
      },
    });
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', size(480));
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', size(960));
    const rect = {
      mockRestore: () => {
        delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
        delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
      },
    };
    onTestFinished(() => rect.mockRestore());
    const { container } = render(<App platform={f.platform} />);
    const columns = await screen.findByRole('table', { name: 'Columns' });
    expect(within(columns).getByText(HOSTILE)).toBeTruthy();
    expect(within(columns).getAllByText('integer')).toHaveLength(1);
    const role = within(columns).getByRole('combobox', { name: 'Role of score' }) as HTMLSelectElement;
    expect(role.value).toBe('score');
    expect((within(columns).getByRole('combobox', { name: `Role of ${HOSTILE}` }) as HTMLSelectElement).value).toBe('feature');
    expect(screen.getByText('/data/preds.csv')).toBeTruthy();
    expect(screen.getByText('ab'.repeat(32))).toBeTruthy();
    expect(screen.getByText(/1,000,000 accepted · 0 rejected/)).toBeTruthy();
    expect(screen.getByText('2.50 s')).toBeTruthy();

    const grid = screen.getByRole('table', { name: 'Rows of preds' });
    expect(grid.getAttribute('aria-rowcount')).toBe('1000001');
    await waitFor(() => expect(within(grid).getAllByText(HOSTILE).length).toBeGreaterThanOrEqual(2));
    expect(f.client.previewRows).toHaveBeenCalledWith({ dataset: 'preds', offset: 0, limit: 200 }, expect.anything());
    // Only what is on screen is rendered, not a million rows.
    expect(within(grid).getAllByRole('row').length).toBeLessThan(80);
    expect(container.querySelector('img')).toBeNull();
  });

  it('summarises each column: describe-style facts, top categories with shares, a histogram; hostile values stay text', async () => {
    const f = fakePlatform([summary('preds')]);
    window.location.hash = '#/datasets/preds';
    const { container } = render(<App platform={f.platform} />);
    const table = await screen.findByRole('table', { name: 'Column summary' });
    expect(f.client.describeDataset).toHaveBeenCalledWith({ dataset: 'preds' });
    const score = table.querySelector('tr[data-column="score"]') as HTMLElement;
    expect(score.textContent).toMatch(/min0\.05.*25%0\.25.*median0\.5.*75%0\.75.*max0\.95.*mean0\.5.*std0\.2739/);
    expect(score.textContent).toContain('1 (10%)');
    expect(score.querySelectorAll('svg rect')).toHaveLength(10);
    const hostile = within(table).getAllByText(HOSTILE);
    expect(hostile).toHaveLength(2); // the column's name and its top value, as text
    expect(table.textContent).toContain('70%');
    expect((table.querySelector('tr[data-column="empty"]') as HTMLElement).textContent).toContain('no values');
    expect(container.querySelector('img')).toBeNull();
  });

  it('changes a column role through the API', async () => {
    const f = fakePlatform([summary('preds')]);
    f.client.setColumnRole.mockImplementation(async ({ column, role }: { column: string; role: string }) => ({
      ...detail('preds').columnInfo.find((c) => c.name === column)!,
      role,
    }));
    window.location.hash = '#/datasets/preds';
    render(<App platform={f.platform} />);
    const select = (await screen.findByRole('combobox', { name: `Role of ${HOSTILE}` })) as HTMLSelectElement;
    fireEvent.change(select, { target: { value: 'group' } });
    await waitFor(() => expect(f.client.setColumnRole).toHaveBeenCalledWith({ dataset: 'preds', column: HOSTILE, role: 'group' }));
    await waitFor(() => expect((screen.getByRole('combobox', { name: `Role of ${HOSTILE}` }) as HTMLSelectElement).value).toBe('group'));
  });

  it('says so when the dataset does not exist', async () => {
    const f = fakePlatform([]);
    window.location.hash = '#/datasets/gone';
    render(<App platform={f.platform} />);
    expect(await screen.findByText(/There is no dataset with this name/)).toBeTruthy();
  });
});

