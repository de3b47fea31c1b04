import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PlumblineError } from '../../../../core/api/errors';
import type { DatasetDetail, DatasetSummary, ExportRecord, ExportReportArgs, ExportReportResult, ReportArgs, ReportSectionInfo } from '../../../../core/api/types';
import type { CallOptions, PlumblineClient } from '../../../../core/transport/transport';
import { App } from '../../../../renderer/src/app/App';
import type { Platform } from '../../../../renderer/src/platform/platform';
import { fileNameFor, formFromSpec, reportArgs, specFromForm, toggleSection, initialForm } from '../../../../renderer/src/reports/reportForm';

const HOSTILE = '<img src=x onerror=alert(1)>';

const SECTIONS: ReportSectionInfo[] = [
  { id: 'drift', title: 'Data drift', description: 'per-column drift tests' },
  { id: 'over-time', title: 'Drift over time', description: 'per chunk' },
  { id: 'quality', title: 'Data quality', description: 'missing values' },
];

const summary = (name: string, id: number): DatasetSummary => ({ id, name, rows: 100, columns: 3, importedAt: `2026-11-2${id}T08:00:00.000Z` });
const detail = (name: string): DatasetDetail => ({
  ...summary(name, 1),
  imports: [],
  columnInfo: [
    { index: 0, name: 'ts', type: 'timestamp', role: 'timestamp', nullCount: 0, widenedCount: 0 },
    { index: 1, name: 'x', type: 'real', role: 'feature', nullCount: 0, widenedCount: 0 },
  ],
});

const RESULT: ExportReportResult = {
  path: '/w/exports/PLB-20261123-AAAAAAAA.pdf',
  format: 'pdf',
  sha256: 'ab'.repeat(32),
  bytes: 123_456,
  pages: 12,
  reportId: 'PLB-20261123-AAAAAAAA',
  seconds: 1.234,
};

const record = (over: Partial<ExportRecord> = {}): ExportRecord => ({ ...RESULT, at: '2026-11-23T09:00:00.000Z', title: 'T', reference: 'demo-reference', current: 'demo-current', sections: ['drift'], ...over });

interface Options {
  datasets?: DatasetSummary[];
  kind?: 'browser' | 'electron';
  saveFile?: string | null;
  exportReport?: (args: ExportReportArgs, opts: CallOptions) => Promise<ExportReportResult>;
  history?: ExportRecord[];
  driftSettings?: unknown;
}

function fake(o: Options = {}) {
  let history = o.history ?? [];
  const client = {
    workspaceInfo: vi.fn(async () => ({ path: '/w/w.db', schemaVersion: 1, version: '0.1.0' })),
    listDatasets: vi.fn(async () => o.datasets ?? [summary('demo-reference', 1), summary('demo-current', 2)]),
    getDataset: vi.fn(async ({ dataset }: { dataset: string }) => detail(dataset)),
    getDriftSettings: vi.fn(async () => o.driftSettings ?? null),
    reportSections: vi.fn(async () => SECTIONS),
    renderReport: vi.fn(async (args: ReportArgs) => ({ html: `<!doctype html><h1>${args.title ?? 'Default title'}</h1><p>sections ${args.sections?.join(',')}</p>`, reportId: 'PLB-PREVIEW' })),
    exportReport: vi.fn(
      o.exportReport ??
        (async (args: ExportReportArgs) => {
          history = [record({ title: args.title ?? 'Default title' }), ...history];
          return RESULT;
        }),
    ),
    listExports: vi.fn(async () => history),
    verifyReport: vi.fn(async () => ({ ok: false, reportId: 'PLB-OLD', differences: ['reference data changed: SHA-256 abc… is now def…', HOSTILE] })),
    saveAnalysisSpec: vi.fn(async ({ path }: { path?: string }) => ({ path: path ?? '/w/exports/analysis-spec.json' })),
    loadAnalysisSpec: vi.fn(),
    loadDemo: vi.fn(async () => ({ datasets: [] })),
  };
  const platform = {
    kind: o.kind ?? 'browser',
    client: client as unknown as PlumblineClient,
    chooseFiles: vi.fn(),
    pathsFromDrop: vi.fn(() => []),
    onOpenFiles: () => () => undefined,
    saveFile: vi.fn(async () => (o.saveFile === undefined ? null : o.saveFile)),
    deliverExport: vi.fn(),
    openFile: vi.fn(async () => '/srv/uploads/r.pdf'),
    ...(o.kind === 'electron' ? { showInFolder: vi.fn(async () => true) } : {}),
  } as unknown as Platform;
  return { platform, client, deliver: platform.deliverExport as ReturnType<typeof vi.fn> };
}

const lastRender = (f: ReturnType<typeof fake>) => f.client.renderReport.mock.calls.at(-1)![0];

beforeEach(() => {
  window.location.hash = '#/reports';
  window.localStorage.clear();
});
afterEach(() => cleanup());

describe('Reports screen', () => {
  it('previews the Drift screen pair with its saved settings; sections and fields change the renderReport arguments', async () => {
    const f = fake({ driftSettings: { options: { threshold: 0.2 }, where: "device = 'mobile'" } });
    const { container } = render(<App platform={f.platform} />);
    const frame = await waitFor(() => {
      const el = container.querySelector('iframe');
      expect(el).not.toBeNull();
      return el!;
    });
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('title')).toBe('Report preview');
    expect(frame.getAttribute('srcdoc')).toContain('sections drift,over-time,quality');
    expect(lastRender(f)).toMatchObject({
      reference: 'demo-reference',
      current: 'demo-current',
      where: "device = 'mobile'",
      sections: ['drift', 'over-time', 'quality'],
      charts: 'drifted',
      options: { threshold: 0.2, overTime: { chunk: { by: 'period', timestamp: 'ts', period: 'week' } } },
    });
    expect((screen.getByRole('textbox', { name: 'Segment filter' }) as HTMLInputElement).value).toBe("device = 'mobile'");

    fireEvent.click(screen.getByRole('checkbox', { name: /Drift over time/ }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Title' }), { target: { value: 'Q3 audit' } });
    fireEvent.click(screen.getByRole('radio', { name: 'all columns' }));
    fireEvent.click(screen.getByRole('radio', { name: 'A4' }));
    await waitFor(() => expect(lastRender(f)).toMatchObject({ title: 'Q3 audit', sections: ['drift', 'quality'], charts: 'all', pageSize: 'A4' }));
    // Debounced: the burst of changes made one more call, not four.
    expect(f.client.renderReport.mock.calls.length).toBeLessThanOrEqual(3);
    await waitFor(() => expect(container.querySelector('iframe')!.getAttribute('srcdoc')).toContain('<h1>Q3 audit</h1>'));

    // Re-checking keeps the engine's order; no section at all renders nothing.
    fireEvent.click(screen.getByRole('checkbox', { name: /Drift over time/ }));
    await waitFor(() => expect(lastRender(f).sections).toEqual(['drift', 'over-time', 'quality']));
    for (const name of [/Data drift/, /Drift over time/, /Data quality/]) fireEvent.click(screen.getByRole('checkbox', { name }));
    expect(await screen.findAllByText('Choose at least one section.')).not.toHaveLength(0);
    expect((screen.getByRole('button', { name: 'Export PDF' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('exports with progress, shows the summary, delivers the file and refreshes the history', async () => {
    let progress: ((p: { phase: string; done: number; total: number; unit: 'items' }) => void) | undefined;
    let finish: (() => void) | undefined;
    const f = fake({
      exportReport: (_args, opts) =>
        new Promise((resolve) => {
          progress = opts.onProgress as typeof progress;
          finish = () => resolve(RESULT);
        }),
    });
    render(<App platform={f.platform} />);
    const button = await screen.findByRole('button', { name: 'Export PDF' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button);
    await waitFor(() => expect(f.client.exportReport).toHaveBeenCalled());
    const [args] = f.client.exportReport.mock.calls[0];
    expect(args).toMatchObject({ reference: 'demo-reference', current: 'demo-current', format: 'pdf' });
    expect(args).not.toHaveProperty('out'); // browser mode: the engine chooses, then we download
    expect(f.platform.saveFile).toHaveBeenCalledWith({ defaultName: 'Drift report demo-current vs demo-reference.pdf', filters: [{ name: 'PDF document', extensions: ['pdf'] }] });
    act(() => progress!({ phase: 'printing', done: 2, total: 5, unit: 'items' }));
    const bar = await screen.findByRole('progressbar', { name: /Exporting PDF: Printing the PDF/ });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    const historyCalls = f.client.listExports.mock.calls.length;
    await act(async () => finish!());
    expect(await screen.findByTestId('export-sha256')).toHaveProperty('textContent', RESULT.sha256);
    expect(screen.getByTestId('export-summary').textContent).toContain('12 pages');
    expect(screen.getByTestId('export-summary').textContent).toContain(RESULT.path);
    expect(screen.getByTestId('export-summary').textContent).toContain(RESULT.reportId);
    expect(f.deliver).toHaveBeenCalledWith(RESULT);
    expect(f.client.listExports.mock.calls.length).toBeGreaterThan(historyCalls);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('cancels a running export: the call is aborted, nothing is delivered', async () => {
    const f = fake({
      exportReport: (_args, opts) => new Promise((_resolve, reject) => opts.signal!.addEventListener('abort', () => reject(new PlumblineError('CANCELLED', 'Cancelled.')))),
    });
    render(<App platform={f.platform} />);
    const button = await screen.findByRole('button', { name: 'Export HTML' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button);
    await waitFor(() => expect(f.client.exportReport).toHaveBeenCalled());
    expect(f.client.exportReport.mock.calls[0][0]).toMatchObject({ format: 'html' });
    const signal = f.client.exportReport.mock.calls[0][1].signal!;
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(signal.aborted).toBe(true);
    expect(await screen.findByText('Export cancelled')).toBeTruthy();
    expect(f.deliver).not.toHaveBeenCalled();
    expect(screen.queryByTestId('export-summary')).toBeNull();
    expect((screen.getByRole('button', { name: 'Export PDF' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('in Electron, writes where the Save… dialog chose, does nothing when it is cancelled, and offers Show in folder', async () => {
    const chosen = fake({ kind: 'electron', saveFile: '/home/me/audit.pdf' });
    render(<App platform={chosen.platform} />);
    const button = await screen.findByRole('button', { name: 'Export PDF' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button);
    await screen.findByTestId('export-summary');
    expect(chosen.client.exportReport.mock.calls[0][0]).toMatchObject({ out: '/home/me/audit.pdf', format: 'pdf' });
    fireEvent.click(screen.getByRole('button', { name: 'Show in folder' }));
    expect(chosen.platform.showInFolder).toHaveBeenCalledWith(RESULT.path);
    cleanup();

    const cancelled = fake({ kind: 'electron', saveFile: null });
    render(<App platform={cancelled.platform} />);
    const again = await screen.findByRole('button', { name: 'Export PDF' });
    await waitFor(() => expect((again as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(again);
    await waitFor(() => expect(cancelled.platform.saveFile).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 20));
    expect(cancelled.client.exportReport).not.toHaveBeenCalled();
  });

  it('renders the history as text, hostile titles and paths included', async () => {
    const f = fake({ history: [record({ title: HOSTILE, path: `/w/${HOSTILE}.pdf`, current: HOSTILE }), record({ title: '', format: 'html', pages: null, sha256: 'cd'.repeat(32) })] });
    const { container } = render(<App platform={f.platform} />);
    const table = await screen.findByRole('table', { name: 'Exported reports' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain(HOSTILE);
    expect(rows[0].textContent).toContain('ab'.repeat(32));
    expect(rows[0].textContent).toContain('PDF');
    expect(rows[1].textContent).toContain('HTML');
    expect(rows[1].textContent).toContain('cd'.repeat(32));
    expect(container.querySelector('img')).toBeNull();
  });

  it('verifies a report by path and lists the differences as text', async () => {
    const f = fake();
    const { container } = render(<App platform={f.platform} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Verify a report…' }));
    const result = await screen.findByTestId('verify-result');
    expect(f.platform.openFile).toHaveBeenCalledWith({ title: 'Verify a report', filters: [{ name: 'PDF report', extensions: ['pdf'] }] }, expect.anything());
    expect(f.client.verifyReport).toHaveBeenCalledWith({ path: '/srv/uploads/r.pdf' }, expect.anything());
    expect(result.textContent).toContain('2 differences');
    expect(within(result).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['reference data changed: SHA-256 abc… is now def…', HOSTILE]);
    expect(container.querySelector('img')).toBeNull();
  });

  it('with fewer than two datasets, says so and offers Datasets and the demo', async () => {
    const f = fake({ datasets: [summary('only', 1)] });
    render(<App platform={f.platform} />);
    expect(await screen.findByRole('heading', { name: 'Two datasets are needed' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Go to Datasets' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Load demo data' })).toBeTruthy();
    expect(f.client.renderReport).not.toHaveBeenCalled();
  });

  it('shows a rendering error readably (e.g. a bad filter)', async () => {
    const f = fake();
    f.client.renderReport.mockImplementation(async () => {
      throw new PlumblineError('BAD_REQUEST', 'Filter error at position 1: no column "devce".');
    });
    render(<App platform={f.platform} />);
    const alert = await screen.findByText('The report cannot be made with these settings');
    expect(alert.parentElement!.textContent).toContain('no column "devce"');
  });

  it('saves the spec with the datasets\u2019 roles and delivers it', async () => {
    const f = fake();
    render(<App platform={f.platform} />);
    const button = await screen.findByRole('button', { name: 'Save analysis spec…' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button);
    await screen.findByText('Analysis spec saved');
    const [{ spec, path }] = f.client.saveAnalysisSpec.mock.calls[0] as unknown as [{ spec: Record<string, unknown>; path?: string }];
    expect(path).toBeUndefined();
    expect(spec).toMatchObject({ kind: 'plumbline-analysis-spec', version: 1, reference: 'demo-reference', current: 'demo-current', roles: { reference: { ts: 'timestamp', x: 'feature' } } });
    expect(f.deliver).toHaveBeenCalledWith({ path: '/w/exports/analysis-spec.json' });
  });
});

describe('report form', () => {
  const form = initialForm({ reference: 'r', current: 'c' }, { options: {} }, SECTIONS);
  it('leaves over time out without chunking and keeps the engine order when toggling', () => {
    expect(form.sections).toEqual(['drift', 'quality']);
    expect(toggleSection(form, 'over-time', true, SECTIONS).sections).toEqual(['drift', 'over-time', 'quality']);
  });
  it('omits blank fields and round-trips through a spec', () => {
    const f = { ...form, title: '  ', author: 'A', where: ' ', pageSize: 'Letter' as const };
    const args = reportArgs(f);
    expect(args).not.toHaveProperty('title');
    expect(args).not.toHaveProperty('where');
    expect(args.author).toBe('A');
    const spec = specFromForm(f);
    expect(formFromSpec(spec, SECTIONS).form).toMatchObject({ reference: 'r', current: 'c', author: 'A', pageSize: 'Letter', sections: ['drift', 'quality'] });
    expect(formFromSpec({ ...spec, sections: ['drift', 'fairness'] }, SECTIONS).unknownSections).toEqual(['fairness']);
  });
  it('makes safe file names', () => {
    expect(fileNameFor('a/b: <c>?', 'x', 'pdf')).toBe('a b c.pdf');
    expect(fileNameFor('  ', 'Drift report: c vs r', 'html')).toBe('Drift report c vs r.html');
    expect(fileNameFor('...', 'x', 'pdf')).toBe('report.pdf');
  });
});
