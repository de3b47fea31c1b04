/**
 * Runs inside the engine's worker thread: opens the workspace and answers WireRequests from the
 * parent (Electron main or the browser-mode server). SQLite and every statistic run here, never on
 * the thread that serves the UI.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '../engine/engine';
import { Workspace } from '../workspace/workspace';
import { createCallServer } from './serve-calls';
import type { WireRequest } from './transport';
import type { EngineWorkerData, WorkerShutdown } from './engine-worker';
import { hostRequester, isHostResponse } from './host-channel';
import { chromiumPrinter, hostPrinter, warmChromiumPrinter, type PdfPrinter } from '../report/pdf';
import { alertNotification } from '../format/alert-notification';
import type { MonitorEvaluation } from '../monitors/types';

const data = workerData as EngineWorkerData;

const port = parentPort;
if (!port) throw new Error('worker-entry must run in a worker thread');

try {
  const ws = new Workspace(data.dbPath, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {});
  const host = hostRequester((m) => port.postMessage(m));
  const versions = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  const printerName = versions.electron ? `Electron ${versions.electron} printToPDF (Chromium ${versions.chrome ?? '?'})` : 'host printToPDF';
  // The app prints and draws charts through its host; browser mode keeps one Chromium, with
  // Plotly loaded in its chart page, warm for the life of the server (previews draw charts too).
  // Either way the first visit to Reports loads Plotly into the chart page, before any export.
  // `shutdown`, asked before the thread is stopped (engine-worker.ts terminate): a warm Chromium is
  // closed then, since a terminated thread runs no close and the browser would outlive it, leaving
  // its profile and temporary folder in /tmp. The host's printer has nothing to close.
  const printer: PdfPrinter & { shutdown?(): Promise<void> } =
    data.printer === 'host'
      ? hostPrinter({ print: (html, options) => host.request('print-pdf', { html, options }), runInChartPage: (script) => host.request('chart-script', { script }) }, printerName)
      : warmChromiumPrinter(Infinity, () => chromiumPrinter({ assetsDir: data.assetsDir, helperPage: true }));
  // In the app, new monitor alerts become a system notification shown by Electron main.
  const notify = data.notifier === 'host' ? (alerts: readonly MonitorEvaluation[]) => void host.request('notify', alertNotification(alerts)).catch(() => undefined) : undefined;
  const serve = createCallServer(createEngine(ws, { assetsDir: data.assetsDir, printer: () => printer, warmReportPrinter: true, resumeWatches: true, ...(notify ? { notify } : {}) }), (e) => port.postMessage(e));
  port.on('message', (m: WireRequest | { type: 'host-response' } | WorkerShutdown) => {
    if (isHostResponse(m)) return host.receive(m);
    if (m.type === 'shutdown') {
      return void (printer.shutdown?.() ?? Promise.resolve()).catch(() => undefined).then(() => port.postMessage({ type: 'shut-down' }));
    }
    serve(m as WireRequest);
  });
  port.postMessage({ type: 'ready' });
} catch (e) {
  port.postMessage({ type: 'fatal', message: (e as Error).message });
}
