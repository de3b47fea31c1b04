/**
 * Entry of a column-pool thread (built to dist/engine/pool-worker.js). Answers one job at a time;
 * keeps its workspace connections open between jobs, and forgets per-connection caches (category
 * dictionaries) before each, since another connection may have appended rows since.
 */
import { parentPort } from 'node:worker_threads';
import { toErrorPayload } from '../../api/errors';
import { Workspace } from '../../workspace/workspace';
import type { PoolReply, PoolRequest } from './jobs';
import { runJob } from './run-job';

const port = parentPort;
if (!port) throw new Error('pool-worker must run in a worker thread');

const open = new Map<string, Workspace>();

function workspace(db: string, readonly: boolean, nativeBinding: string | undefined): Workspace {
  const key = `${readonly ? 'r' : 'w'}:${db}`;
  let ws = open.get(key);
  if (!ws) {
    ws = new Workspace(db, { readonly, ...(nativeBinding ? { nativeBinding } : {}) });
    open.set(key, ws);
  }
  ws.forgetCaches();
  return ws;
}

port.on('message', (req: PoolRequest) => {
  let reply: PoolReply;
  try {
    const value = runJob(req.job, () => workspace(req.db, true, req.nativeBinding), () => workspace(req.db, false, req.nativeBinding));
    reply = { id: req.id, ok: true, value };
  } catch (e) {
    reply = { id: req.id, ok: false, error: toErrorPayload(e) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
