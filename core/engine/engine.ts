import type { EngineApi } from '../api/api';
import type { CellValue, DatasetDescription, RowPage } from '../api/types';
import { describeColumn } from '../analyses/summary/describe';
import type { TypedColumn } from '../data/column';
import { setColumnRole } from '../workspace/roles';
import { formatTimestamp } from '../data/values';
import { Workspace } from '../workspace/workspace';
import { PLUMBLINE_VERSION } from '../version';
import { resolveAssetsDir } from '../assets';
import path from 'node:path';
import { analysisSteps, runAnalysis, type AnalysisRequest } from './analysis-service';
import { runStepsSync } from './steps';
import { warmSortedCache } from './sorted-cache';
import { withLazyCharts } from './lazy-charts';
import { ANALYSES, analysisInfo, loadAnalysis, type AnalysisInfo } from '../analyses/registry';
import type { PdfPrinter } from '../report/pdf';
import type { AnalysisSettings, DriftRun, DriftSettings } from '../api/types';
import { noContext } from '../api/context';
import { createMonitorApi } from './monitor-api';
import type { MonitorEvaluation } from '../monitors/types';
import { buildOverview } from './overview-service';
import { createWatchService } from './watch-service';

/** Settings are remembered per analysis and ordered datasets: `drift:["reference","current"]`. */
function settingsKey(analysis: AnalysisInfo, datasets: Readonly<Record<string, string>>): string {
  return `${analysis.id}:${JSON.stringify(analysis.datasets.map((d) => datasets[d.slot]))}`;
}

/**
 * The engine: every API method implemented against one workspace. Runs wherever the workspace is
 * opened — the worker thread behind the app and browser mode, or in-process for the CLI and tests.
 */
export interface EngineOptions {
  /** Folder holding demo/ and report assets; found next to the code when not given. */
  readonly assetsDir?: string;
  /** Prints report PDFs (default: a system Chromium via playwright-core; the app passes its host printer). */
  readonly printer?: () => PdfPrinter;
  /** Shows a system notification of new monitor alerts (the app: through its host); absent in the CLI and browser mode. */
  readonly notify?: (alerts: readonly MonitorEvaluation[]) => void;
  /** The printer lives as long as the engine (the app, browser mode): the first Reports visit warms its chart page. */
  readonly warmReportPrinter?: boolean;
  /**
   * Runs the folder watches the workspace keeps, from now on (the app and browser mode: the engine
   * worker). Not the CLI: a `plumbline drift` must not import files as a side effect.
   */
  readonly resumeWatches?: boolean;
}

export function createEngine(ws: Workspace, options: EngineOptions = {}): EngineApi {
  // Each analysis's code loads when first run (the CLI's build splits there): a command reads its own.
  const drift = analysisInfo('drift');
  const monitors = createMonitorApi(ws, options.notify);
  // Watched files go through the engine's importFile below: sorted cache, monitors, notifications.
  const watch = createWatchService(ws, (args) => engine.importFile(args, noContext()));
  const reports = lazyReports(async () => {
    const [{ createReportService }, { chromiumPrinter }, { analysisById }] = await Promise.all([import('../report/service'), import('../report/pdf'), import('../analyses/every')]);
    // A report holds every analysis (its chapters, --verify), so all are loaded with it.
    const run = (id: string, req: AnalysisRequest) => runStepsSync(analysisSteps(ws, analysisById(id), req));
    return createReportService({ ws, run, printer: options.printer ?? (() => chromiumPrinter({ assetsDir: options.assetsDir })), assetsDir: options.assetsDir, warmOnReportsVisit: options.warmReportPrinter === true });
  });
  const engine: EngineApi = {
    async workspaceInfo() {
      return { path: ws.path, schemaVersion: ws.schemaVersion, version: PLUMBLINE_VERSION };
    },
    async listDatasets() {
      return ws.listDatasets().map(({ chunkRows: _c, ...summary }) => summary);
    },
    async getDataset({ dataset }) {
      const { chunkRows: _c, ...ds } = ws.dataset(dataset);
      return { ...ds, columnInfo: ws.columns(ds.id), imports: ws.imports(ds.id) };
    },
    async previewRows({ dataset, offset = 0, limit = 100 }) {
      return previewRows(ws, dataset, offset, limit);
    },
    async describeDataset({ dataset }) {
      return describeDataset(ws, dataset);
    },
    async importFile(args, ctx) {
      const { importFile } = await import('../import/import-file');
      const imported = await importFile(ws, args, ctx);
      await sortNewColumns(ws, imported.dataset);
      return monitors.afterImport(imported, ctx);
    },
    async inspectFile(args, ctx) {
      const { inspectFile } = await import('../import/inspect');
      return inspectFile(args, ctx);
    },
    async setColumnRole(args) {
      return setColumnRole(ws, args);
    },
    async deleteDataset({ dataset }) {
      // Its kept watch goes with it (ON DELETE CASCADE); the running one stops first.
      watch.halt(dataset);
      ws.deleteDataset(dataset);
      return { deleted: dataset };
    },
    async loadDemo(_args, ctx) {
      const demo = path.join(resolveAssetsDir(options.assetsDir), 'demo');
      const datasets: string[] = [];
      const { importFile } = await import('../import/import-file');
      for (const [file, name] of [['reference.csv', 'demo-reference'], ['current.csv', 'demo-current']] as const) {
        if (!ws.findDataset(name)) {
          await importFile(ws, { path: path.join(demo, file), name }, ctx);
          await sortNewColumns(ws, name);
        }
        datasets.push(name);
      }
      return { datasets };
    },
    async listAnalyses() {
      return ANALYSES.map((a) => ({ id: a.id, title: a.title, datasets: a.datasets, sections: a.sections.map(({ id, title, description }) => ({ id, title, description })) }));
    },
    async runAnalysis({ analysis, datasets, options, where }, ctx) {
      const a = await loadAnalysis(analysis);
      const run = await runAnalysis(ws, a, { datasets, options, where }, ctx);
      return withLazyCharts(run, () => a.charts(run.result));
    },
    async getAnalysisSettings({ analysis, datasets }) {
      return ws.getSetting(settingsKey(analysisInfo(analysis), datasets)) as AnalysisSettings | null;
    },
    async saveAnalysisSettings({ analysis, datasets, settings }) {
      ws.setSetting(settingsKey(analysisInfo(analysis), datasets), settings);
      return settings;
    },
    // Drift's own names, kept for the screen and scripts written before the registry.
    async runDrift({ reference, current, options, where }, ctx) {
      return (await runAnalysis(ws, await loadAnalysis('drift'), { datasets: { reference, current }, options, where }, ctx)) as DriftRun;
    },
    async getDriftSettings(datasets) {
      return ws.getSetting(settingsKey(drift, datasets)) as DriftSettings | null;
    },
    async saveDriftSettings({ reference, current, settings }) {
      ws.setSetting(settingsKey(drift, { reference, current }), settings);
      return settings;
    },
    reportSections: reports.reportSections,
    renderReport: reports.renderReport,
    exportReport: reports.exportReport,
    listExports: reports.listExports,
    verifyReport: reports.verifyReport,
    loadAnalysisSpec: reports.loadAnalysisSpec,
    saveAnalysisSpec: reports.saveAnalysisSpec,
    listMonitors: monitors.listMonitors,
    addMonitor: monitors.addMonitor,
    removeMonitor: monitors.removeMonitor,
    monitorHistory: monitors.monitorHistory,
    checkMonitors: monitors.checkMonitors,
    async overview() {
      return buildOverview(ws);
    },
    startWatch: watch.startWatch,
    stopWatch: watch.stopWatch,
    watchStatus: watch.watchStatus,
    listWatches: watch.listWatches,
    saveWatch: watch.saveWatch,
  };
  if (options.resumeWatches) watch.resume();
  return engine;
}

type ReportMethods = Pick<EngineApi, 'reportSections' | 'renderReport' | 'exportReport' | 'listExports' | 'verifyReport' | 'loadAnalysisSpec' | 'saveAnalysisSpec'>;

/**
 * The report's methods, whose code (HTML, charts, PDF metadata with pdf-lib) loads on the first
 * report call instead of with every engine: a CLI analysis or an import never pays for it.
 */
function lazyReports(load: () => Promise<ReportMethods>): ReportMethods {
  let service: Promise<ReportMethods> | undefined;
  const method = <K extends keyof ReportMethods>(name: K): ReportMethods[K] =>
    (async (...args: unknown[]) => {
      service ??= load();
      const m = (await service)[name] as (...a: unknown[]) => Promise<unknown>;
      return m(...args);
    }) as ReportMethods[K];
  return {
    reportSections: method('reportSections'),
    renderReport: method('renderReport'),
    exportReport: method('exportReport'),
    listExports: method('listExports'),
    verifyReport: method('verifyReport'),
    loadAnalysisSpec: method('loadAnalysisSpec'),
    saveAnalysisSpec: method('saveAnalysisSpec'),
  };
}

/**
 * After data arrives, its numeric columns are sorted into the column cache so the first analysis
 * costs what the second does. The import is already committed: this step is not cancellable (a
 * cancel would claim nothing changed) and its failure is not the import's (the first analysis then
 * sorts, as before).
 */
async function sortNewColumns(ws: Workspace, dataset: string): Promise<void> {
  // PLUMBLINE_SORT_ON_IMPORT=0 leaves the sort to the first analysis (the import bench times the import alone).
  if (process.env.PLUMBLINE_SORT_ON_IMPORT === '0') return;
  try {
    // No progress either: an import's progress is in bytes of its file, ending at its size.
    await warmSortedCache(ws, dataset, noContext());
  } catch {
    // The cache is derived data: an analysis rebuilds what is missing.
  }
}

/** One column at a time, so memory holds one column; numeric ones read with the sorted-values cache drift uses. */
function describeDataset(ws: Workspace, name: string): DatasetDescription {
  const ds = ws.dataset(name);
  const columns = ws.columns(ds.id).map((c) => describeColumn(ws.readColumnWithOrder(ds, c), c.role));
  return { dataset: name, rows: ds.rows, columns };
}

function previewRows(ws: Workspace, name: string, offset: number, limit: number): RowPage {
  const ds = ws.dataset(name);
  const columns = ws.columns(ds.id);
  const n = Math.max(0, Math.min(limit, ds.rows - offset));
  const typed = columns.map((c) => ws.readColumnRange(ds, c, offset, n));
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) rows.push(typed.map((col) => cell(col, i)));
  return { dataset: name, offset, total: ds.rows, columns: columns.map((c) => c.name), rows };
}

/** A stored value as it crosses the API: timestamps as ISO strings, booleans as true/false. */
export function cell(col: TypedColumn, i: number): CellValue {
  if (col.kind === 'categorical') {
    const code = col.codes[i];
    return code < 0 ? null : col.dictionary[code];
  }
  const v = col.values[i];
  if (Number.isNaN(v)) return null;
  if (col.type === 'timestamp') return formatTimestamp(v);
  if (col.type === 'boolean') return v === 1;
  return v;
}
