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
import type { EngineWorkerData } from './engine-worker';

const data = workerData as EngineWorkerData;
const port = parentPort;
if (!port) throw new Error('worker-entry must run in a worker thread');

try {
  const ws = new Workspace(data.dbPath, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {});
  const serve = createCallServer(createEngine(ws, { assetsDir: data.assetsDir }), (e) => port.postMessage(e));
  port.on('message', (req: WireRequest) => serve(req));
  port.postMessage({ type: 'ready' });
} catch (e) {
  port.postMessage({ type: 'fatal', message: (e as Error).message });
}
