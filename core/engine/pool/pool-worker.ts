/**
 * Entry of a column-pool thread (built to dist/engine/pool-worker.js). For each run it is sent, it
 * claims jobs on the run's board until none is left, replying per job. Keeps its workspace
 * connections open between jobs, reads parts into its scratch memory (reused from job to job), and
 * forgets per-connection caches (category dictionaries) before each job, since another connection
 * may have appended rows since.
 */
import { parentPort } from 'node:worker_threads';
import { toErrorPayload } from '../../api/errors';
import { Workspace } from '../../workspace/workspace';
import { claim } from './board';
import type { PoolBatch, PoolReply } from './jobs';
import { partById } from './parts';
import { serveReadAhead, type ReadAheadRequest } from './read-ahead';
import { runJob } from './run-job';
import { Scratch } from './scratch';
import { ScratchWorkspace } from './scratch-workspace';

const port = parentPort;
if (!port) throw new Error('pool-worker must run in a worker thread');

const scratch = new Scratch();
const open = new Map<string, Workspace>();

function workspace(db: string, readonly: boolean, nativeBinding: string | undefined): Workspace {
  const key = `${readonly ? 'r' : 'w'}:${db}`;
  let ws = open.get(key);
  if (!ws) {
    const options = nativeBinding ? { nativeBinding } : {};
    ws = readonly ? new ScratchWorkspace(db, options, scratch) : new Workspace(db, options);
    open.set(key, ws);
  }
  return ws;
}

port.on('message', (message: PoolBatch | ReadAheadRequest) => {
  if ('kind' in message) {
    // One streamed pass's chunks, read ahead of the engine's thread; a failure leaves them to it.
    for (const ws of open.values()) ws.forgetCaches();
    try {
      serveReadAhead(workspace(message.db, true, message.nativeBinding), message);
    } catch {
      // The engine's thread reads every chunk this thread did not claim.
    }
    return;
  }
  const batch = message;
  // Dataset, column and dictionary lookups are kept for the run (one snapshot, looked up once):
  // another connection may have appended rows since the last run.
  for (const ws of open.values()) ws.forgetCaches();
  const board = new Int32Array(batch.board);
  let from = 0;
  for (let index = claim(board, batch.lane, from); index !== null; index = claim(board, batch.lane, from)) {
    from = index + 1;
    scratch.reset();
    let reply: PoolReply;
    try {
      const value = runJob(batch.jobs[index], () => workspace(batch.db, true, batch.nativeBinding), () => workspace(batch.db, false, batch.nativeBinding), partById);
      reply = { batch: batch.batch, index, ok: true, value };
    } catch (e) {
      reply = { batch: batch.batch, index, ok: false, error: toErrorPayload(e) };
    }
    port.postMessage(reply);
  }
  scratch.reset();
});
port.postMessage({ ready: true });
