import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PlumblineError } from '../api/errors';
import type { WireEvent, WireRequest } from './transport';
import { answerHostRequest, isHostRequest, type HostHandlers, type HostRequestMessage, type HostResponseMessage } from './host-channel';

export interface EngineWorkerData {
  readonly dbPath: string;
  readonly nativeBinding?: string;
  /** Where demo data and report assets live (assets/ in the repo or the packaged app). */
  readonly assetsDir?: string;
  /** 'host': report PDFs are printed by the host through a host-request (Electron main's printToPDF). */
  readonly printer?: 'host' | 'chromium';
  /** 'host': new monitor alerts are announced by the host through a `notify` host-request (Electron main's Notification). */
  readonly notifier?: 'host';
}

/** Asks the engine's thread to close what outlives it (a warm Chromium); it answers `shut-down`. */
export interface WorkerShutdown {
  readonly type: 'shutdown';
}

/** How long `terminate` waits for the thread's own shutdown before stopping it anyway. */
const SHUTDOWN_WAIT_MS = 5_000;

export interface EngineWorker {
  send(req: WireRequest): void;
  onEvent(cb: (e: WireEvent) => void): () => void;
  /**
   * Answers the engine's host requests (started with printer 'host': print-pdf) with `handler`
   * instead of the `hostHandlers` given at start. Returns a function that unregisters it.
   */
  onHostRequest?(handler: (req: HostRequestMessage) => Promise<HostResponseMessage>): () => void;
  /** Resolves once the workspace is open; rejects with its error when it cannot be. */
  readonly ready: Promise<void>;
  terminate(): Promise<void>;
}

/**
 * Starts the engine in a worker thread. Used by Electron main and the browser-mode server alike, so
 * both run the same engine the same way; only the CLI calls the engine in-process.
 */
export function startEngineWorker(opts: EngineWorkerData & { workerScript?: string; hostHandlers?: HostHandlers }): EngineWorker {
  const script = opts.workerScript ?? path.join(__dirname, '..', 'engine', 'worker.js');
  const worker = new Worker(script, {
    workerData: { dbPath: opts.dbPath, nativeBinding: opts.nativeBinding, assetsDir: opts.assetsDir, printer: opts.printer, notifier: opts.notifier } satisfies EngineWorkerData,
  });
  const listeners = new Set<(e: WireEvent) => void>();
  const emit = (e: WireEvent) => listeners.forEach((l) => l(e));
  // Calls sent and not yet answered: if the worker dies, each still gets an answer.
  const inFlight = new Set<string>();
  let exited = false;
  let hostResponder: ((req: HostRequestMessage) => Promise<HostResponseMessage>) | null = null;
  const onHost = (req: HostRequestMessage) => {
    const post = (r: HostResponseMessage) => {
      if (!exited) worker.postMessage(r);
    };
    if (!hostResponder) return void answerHostRequest(req, opts.hostHandlers ?? {}, post);
    hostResponder(req).then(post, (e: unknown) => post({ type: 'host-response', id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) }));
  };
  let shutDownDone: () => void = () => undefined;
  const shutDown = new Promise<void>((resolve) => (shutDownDone = resolve));
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: WireEvent | { type: 'ready' } | { type: 'fatal'; message: string } | { type: 'shut-down' }) => {
      if (m.type === 'ready') resolve();
      else if (m.type === 'shut-down') shutDownDone();
      else if (m.type === 'fatal') reject(new PlumblineError('INTERNAL', m.message));
      else if (isHostRequest(m)) onHost(m);
      else {
        if (m.type === 'result') inFlight.delete(m.id);
        emit(m);
      }
    });
    worker.on('error', (e) => reject(e));
    worker.on('exit', (code) => {
      exited = true;
      shutDownDone();
      const error = { code: 'INTERNAL' as const, message: `The engine stopped (exit code ${code}); restart Plumbline. The workspace is unchanged by the unfinished operation.` };
      for (const id of inFlight) emit({ type: 'result', id, ok: false, error });
      inFlight.clear();
      reject(new PlumblineError('INTERNAL', error.message));
    });
  });
  ready.catch(() => undefined); // observed by callers that await it; never an unhandled rejection
  return {
    send(req) {
      if (exited) throw new PlumblineError('INTERNAL', 'The engine has stopped; restart Plumbline.');
      if (req.type === 'call') inFlight.add(req.id);
      worker.postMessage(req);
    },
    onEvent(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    onHostRequest(handler) {
      hostResponder = handler;
      return () => {
        if (hostResponder === handler) hostResponder = null;
      };
    },
    ready,
    async terminate() {
      // Its warm Chromium closed first (worker-entry.ts), then the thread stopped: a thread that
      // does not answer in time is stopped anyway.
      if (!exited) {
        worker.postMessage({ type: 'shutdown' } satisfies WorkerShutdown);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([shutDown, new Promise<void>((r) => (timer = setTimeout(r, SHUTDOWN_WAIT_MS)))]);
        clearTimeout(timer);
      }
      await worker.terminate();
    },
  };
}
