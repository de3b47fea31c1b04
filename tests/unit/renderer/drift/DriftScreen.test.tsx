import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PlumblineError } from '../../../../core/api/errors';
import type { DriftColumnResult, DriftResult } from '../../../../core/analyses/drift/types';
import { driftAnalysis } from '../../../../core/analyses/drift';
import { analyzeDrift } from '../../../../core/analyses/drift/drift';
import { normals, num } from '../../drift/helpers';
import type { AnalysisArgs, DatasetDetail, DatasetSummary, DriftArgs, DriftRun } from '../../../../core/api/types';
import type { CallOptions, PlumblineClient } from '../../../../core/transport/transport';
import { App } from '../../../../renderer/src/app/App';
import type { Platform } from '../../../../renderer/src/platform/platform';

// Plotly is not what these tests are about (and jsdom cannot lay out SVG): a recorder stands in.
const reacts = vi.hoisted(() => [] as unknown[]);
vi.mock('plotly.js-dist-min', () => {
  const P = { react: vi.fn(async (el: unknown, data: unknown) => (reacts.push(data), el)), relayout: vi.fn(), purge: vi.fn(), Plots: { resize: vi.fn() } };
  return { default: P, ...P };
});

const HOSTILE = '<img src=x onerror=alert(1)>';

function col(column: string, over: Partial<DriftColumnResult> = {}): DriftColumnResult {
  return {
    column,
    role: 'feature',
    kind: 'categorical',
    test: 'jensenshannon',
    statistic: 0.05,
    p_value: null,
    threshold: 0.1,
    drifted: false,
    raw_distance: null,
    method: null,
    missing_reference: 0,
    missing_current: 0,
    n_reference: 100,
    n_current: 100,
    reason: `why ${column}`,
    error: null,
    note: null,
    distribution: { edges: null, labels: ['a', HOSTILE], reference_counts: [50, 50], current_counts: [40, 60], reference_shares: [0.5, 0.5], current_shares: [0.4, 0.6], reference_quantiles: null, current_quantiles: null, reference_ecdf: null, current_ecdf: null, ks_gap: null },
    ...over,
  };
}

function result(columns: DriftColumnResult[], rows = 100): DriftResult {
  const n = columns.filter((c) => c.drifted).length;
  return { n_reference_rows: rows, n_current_rows: rows, columns, n_tested: columns.length, n_drifted: n, share_drifted: n / columns.length, drift_share_threshold: 0.5, dataset_drift: n / columns.length >= 0.5, quality: [] };
}

const summary = (name: string, id: number): DatasetSummary => ({ id, name, rows: 100, columns: 3, importedAt: `2026-11-2${id}T08:00:00.000Z` });
const detail = (name: string): DatasetDetail => ({
  ...summary(name, 1),
  imports: [],
  columnInfo: [{ index: 0, name: 'ts', type: 'timestamp', role: 'timestamp', nullCount: 0, widenedCount: 0 }],
});

function fake(runDrift: (args: DriftArgs, opts: CallOptions) => Promise<DriftRun>) {
  const client = {
    workspaceInfo: vi.fn(async () => ({ path: '/w.db', schemaVersion: 1, version: '0.1.0' })),
    listDatasets: vi.fn(async () => [summary('demo-reference', 1), summary('demo-current', 2)]),
    getDataset: vi.fn(async ({ dataset }: { dataset: string }) => detail(dataset)),
    getDriftSettings: vi.fn(async () => null),
    saveDriftSettings: vi.fn(async ({ settings }: { settings: unknown }) => settings),
    // The screen runs drift as any analysis of the registry; the run carries the module's chart specs, as the engine's does.
    runAnalysis: vi.fn(async (args: AnalysisArgs, opts: CallOptions) => {
      const r = await runDrift({ reference: args.datasets.reference, current: args.datasets.current, options: args.options as DriftArgs['options'], ...(args.where ? { where: args.where } : {}) }, opts);
      return { ...r, charts: driftAnalysis.charts(r.result) };
    }),
  };
  const platform = { kind: 'browser', client: client as unknown as PlumblineClient, chooseFiles: vi.fn(), pathsFromDrop: vi.fn(() => []), onOpenFiles: () => () => undefined } as unknown as Platform;
  return { platform, client };
}

const run = (args: DriftArgs, r: DriftResult): DriftRun => ({
  result: r,
  provenance: { reference: detail(args.reference), current: detail(args.current) },
  settings: { reference: args.reference, current: args.current, where: args.where ?? null, options: args.options ?? {} },
});

beforeEach(() => {
  window.location.hash = '#/drift';
  window.localStorage.clear();
  reacts.length = 0;
});
afterEach(() => cleanup());

describe('Drift screen', () => {
  it('runs the demo pair with weekly chunks, sorts by drift, moves with the keyboard without refetching', async () => {
    const f = fake(async (args) =>
      run(args, result([col('calm', { statistic: 0.01 }), col('moved', { statistic: 0.3, drifted: true }), col(HOSTILE, { statistic: 0.08 }), col('score', { role: 'score', statistic: 0.02 })])),
    );
    const { container } = render(<App platform={f.platform} />);
    const grid = await screen.findByRole('grid', { name: 'Columns by drift score' });
    expect(f.client.runAnalysis).toHaveBeenCalledTimes(1);
    expect(f.client.runAnalysis.mock.calls[0][0]).toMatchObject({
      analysis: 'drift',
      datasets: { reference: 'demo-reference', current: 'demo-current' },
      options: { overTime: { chunk: { by: 'period', timestamp: 'ts', period: 'week' } } },
    });
    const rows = within(grid).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-column'))).toEqual(['moved', HOSTILE, 'score', 'calm']);
    expect(within(rows[2]).getByText('prediction drift')).toBeTruthy();
    expect(screen.getByTestId('drift-summary').textContent).toMatch(/1 of 4 columns drifted — dataset drift: no \(threshold 50%\)/);

    // Roving tabindex: only the selected row is in the tab order.
    expect(rows.map((r) => r.tabIndex)).toEqual([0, -1, -1, -1]);
    expect(rows[0].getAttribute('aria-selected')).toBe('true');
    rows[0].focus();
    fireEvent.keyDown(rows[0], { key: 'ArrowDown' });
    await waitFor(() => expect(screen.getByTestId('distribution-title').textContent).toContain(HOSTILE));
    expect(rows[1].getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(rows[1]));
    fireEvent.keyDown(rows[1], { key: 'End' });
    await waitFor(() => expect(screen.getByTestId('distribution-title').textContent).toContain('calm'));
    fireEvent.keyDown(rows[3], { key: 'Home' });
    await waitFor(() => expect(rows[0].getAttribute('aria-selected')).toBe('true'));
    expect(f.client.runAnalysis).toHaveBeenCalledTimes(1);
    expect(container.querySelector('img')).toBeNull();
  });

  it("draws the drift module's own chart specs — distribution, ECDF, over time with its band — and follows the selection", async () => {
    const n = 600;
    const r = analyzeDrift(
      { reference: [num('x', normals(n, 1)), num('y', normals(n, 3))], current: [num('x', normals(n, 2, 1)), num('y', normals(n, 4))] },
      { test: 'ks', overTime: { chunk: { by: 'count', size: 150 }, thresholds: 'reference_chunks' } },
    );
    const specs = driftAnalysis.charts(r);
    const f = fake(async (args) => run(args, r));
    const { container } = render(<App platform={f.platform} />);
    await screen.findByRole('grid', { name: 'Columns by drift score' });
    const drawn = (id: string) => container.querySelector<HTMLElement>(`[data-chart="${id}"]`)?.dataset.plotted === id;
    await waitFor(() => expect(['distribution:x', 'ecdf:x', 'over-time:x'].every(drawn)).toBe(true));
    // What Plotly was handed is the spec's data itself, not a screen-made copy.
    for (const id of ['distribution:x', 'ecdf:x', 'over-time:x']) expect(reacts).toContainEqual(specs.find((c) => c.id === id)!.data);
    const overTime = specs.find((c) => c.id === 'over-time:x')!;
    expect(overTime.data.some((t) => t.name === 'reference band (mean ± 3σ)')).toBe(true);
    expect(screen.getByRole('img', { name: /^Cumulative distributions of x, reference and current; largest gap D = 0\.\d+/ })).toBeTruthy();
    // Another column: the same chart boxes now show its specs.
    fireEvent.click(within(screen.getByRole('grid')).getByText('y', { selector: '.drift-row__column' }));
    await waitFor(() => expect(['distribution:y', 'ecdf:y', 'over-time:y'].every(drawn)).toBe(true));
    expect(container.querySelectorAll('.drift-detail [data-chart]')).toHaveLength(3);
  });

  it('shows the warning a result carries, e.g. a dataset compared with itself', async () => {
    const warning = 'The reference and the current dataset are the same dataset ("demo-current"): they cannot differ, so this finds no drift by construction.';
    const f = fake(async (args) => run(args, { ...result([col('calm', { statistic: 0.01 })]), warnings: [warning] }));
    render(<App platform={f.platform} />);
    const note = await screen.findByRole('note');
    expect(note.textContent).toBe(warning);
  });

  it('drops a stale answer: the last request wins', async () => {
    const pending: { args: DriftArgs; resolve: (r: DriftRun) => void }[] = [];
    const f = fake((args) => new Promise((resolve) => pending.push({ args, resolve })));
    render(<App platform={f.platform} />);
    await waitFor(() => expect(pending).toHaveLength(1));
    const filter = await screen.findByRole('textbox', { name: 'Segment filter' });
    await waitFor(() => expect((filter as HTMLInputElement).disabled).toBe(false));
    fireEvent.change(filter, { target: { value: "device = 'mobile'" } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filter' }));
    await waitFor(() => expect(pending).toHaveLength(2));
    expect(pending[1].args.where).toBe("device = 'mobile'");
    expect(f.client.saveDriftSettings).toHaveBeenCalledWith({ reference: 'demo-reference', current: 'demo-current', settings: expect.objectContaining({ where: "device = 'mobile'" }) });
    await act(async () => pending[1].resolve(run(pending[1].args, result([col('new-result')]))));
    await act(async () => pending[0].resolve(run(pending[0].args, result([col('old-result')]))));
    expect(await screen.findByRole('grid')).toBeTruthy();
    expect(screen.queryByText('old-result', { selector: '.drift-row__column' })).toBeNull();
    expect(screen.getByText('new-result', { selector: '.drift-row__column' })).toBeTruthy();
  });

  it('shows a filter error under the box, and cancels a long run', async () => {
    let call = 0;
    const f = fake((args, opts) => {
      call++;
      if (call === 1) return Promise.resolve(run(args, result([col('a')])));
      if (call === 2) return Promise.reject(new PlumblineError('BAD_REQUEST', "Filter error at position 1: no column \"devce\".\ndevce = 'x'\n^", { position: 1 }));
      return new Promise((_r, reject) => opts.signal?.addEventListener('abort', () => reject(new PlumblineError('CANCELLED', 'Cancelled.'))));
    });
    render(<App platform={f.platform} />);
    await screen.findByRole('grid');
    const filter = screen.getByRole('textbox', { name: 'Segment filter' });
    fireEvent.change(filter, { target: { value: "devce = 'x'" } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filter' }));
    const alert = await screen.findByText(/Filter error at position 1/);
    expect(alert.textContent).toContain('^');
    expect(filter.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(filter, { target: { value: "device = 'x'" } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filter' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText(/The analysis was cancelled; the previous result is shown/)).toBeTruthy();
    expect(screen.getByText('a', { selector: '.drift-row__column' })).toBeTruthy();
  });

  it('asks for two datasets when there are fewer', async () => {
    const f = fake(async (args) => run(args, result([])));
    f.client.listDatasets.mockResolvedValue([summary('only', 1)]);
    render(<App platform={f.platform} />);
    expect(await screen.findByText('Two datasets are needed')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Go to Datasets' }));
    await waitFor(() => expect(window.location.hash).toBe('#/datasets'));
    expect(f.client.runAnalysis).not.toHaveBeenCalled();
  });
});
