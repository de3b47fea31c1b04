/**
 * The app's folder watch: the engine (in its worker) looks at each watched folder every interval
 * and hands complete files to processFolder — the same code as `plumbline watch` — through the
 * engine's own importFile, so monitors run after each file and new alerts reach the notifier the
 * engine was given. One watch per dataset. Watches are kept in the workspace (core/workspace/
 * watches.ts): `resume` starts the kept ones when the app or browser mode opens the workspace.
 */
import type { ImportArgs, ImportResult, StartWatchArgs, StoredWatch, WatchDefinition, WatchFileEvent, WatchStatus } from '../api/types';
import { PlumblineError } from '../api/errors';
import { processFolder, type WatchEvent, type WatchMode } from './folder-watch';
import { promises as fs } from 'node:fs';
import type { Workspace } from '../workspace/workspace';
import { forgetWatch, keepWatch, listKeptWatches } from '../workspace/watches';

const KEEP = 100;

interface Watch {
  status: WatchStatus;
  readonly stop: AbortController;
  timer: ReturnType<typeof setTimeout> | null;
}

export interface WatchService {
  startWatch(args: StartWatchArgs): Promise<WatchStatus>;
  stopWatch(args: { dataset: string }): Promise<{ stopped: string | null }>;
  watchStatus(args: { dataset: string }): Promise<WatchStatus | null>;
  listWatches(args: Record<string, never>): Promise<StoredWatch[]>;
  saveWatch(args: { watch: WatchDefinition }): Promise<StoredWatch>;
  /** Runs every watch the workspace keeps (a missing folder shows as the watch's folderError). */
  resume(): void;
  /** Stops the dataset's watch, if running, without touching the workspace (its dataset is being deleted). */
  halt(dataset: string): void;
}

async function mustBeFolder(folder: string): Promise<void> {
  const st = await fs.stat(folder).catch(() => null);
  if (!st?.isDirectory()) throw new PlumblineError('NOT_FOUND', `No folder ${JSON.stringify(folder)} to watch.`);
}

function fileEvent(e: WatchEvent): WatchFileEvent {
  return {
    file: e.file,
    ok: e.ok,
    movedTo: e.movedTo,
    at: new Date().toISOString(),
    ...(e.result ? { rows: e.result.rows } : {}),
    ...(e.error !== undefined ? { error: e.error } : {}),
    ...(e.result?.newAlerts?.length ? { newAlerts: e.result.newAlerts } : {}),
  };
}

/** Watches run through `importFile` (the engine's, so monitors run and alerts notify) and are kept in `ws`. */
export function createWatchService(ws: Workspace, importFile: (args: ImportArgs) => Promise<ImportResult>): WatchService {
  const watches = new Map<string, Watch>();

  const stop = (dataset: string): boolean => {
    const w = watches.get(dataset);
    if (!w) return false;
    w.stop.abort();
    if (w.timer) clearTimeout(w.timer);
    watches.delete(dataset);
    return true;
  };

  const run = (def: WatchDefinition): WatchStatus => {
    const { name, dataset, folder, settleSeconds, intervalSeconds } = def;
    stop(dataset);
    const mode: WatchMode = def.mode === 'join' ? { kind: 'join', on: def.on ?? '' } : { kind: 'append' };
    const w: Watch = {
      status: { name, dataset, folder, mode: mode.kind, ...(def.on !== undefined ? { on: def.on } : {}), settleSeconds, startedAt: new Date().toISOString(), taken: [], failed: [], takenCount: 0, failedCount: 0, lastEvent: null, folderError: null },
      stop: new AbortController(),
      timer: null,
    };
    const record = (e: WatchEvent) => {
      const ev = fileEvent(e);
      const s = w.status;
      w.status = e.ok
        ? { ...s, taken: [...s.taken, ev].slice(-KEEP), takenCount: s.takenCount + 1, lastEvent: ev }
        : { ...s, failed: [...s.failed, ev].slice(-KEEP), failedCount: s.failedCount + 1, lastEvent: ev };
    };
    const tick = async () => {
      try {
        await processFolder(importFile, folder, dataset, settleSeconds * 1000, mode, record, w.stop.signal);
        if (w.status.folderError) w.status = { ...w.status, folderError: null };
      } catch (e) {
        // The folder went away or a move failed: say so and keep looking (it may come back).
        w.status = { ...w.status, folderError: e instanceof Error ? e.message : String(e) };
      }
      if (w.stop.signal.aborted) return;
      w.timer = setTimeout(() => void tick(), intervalSeconds * 1000);
      // A watch never keeps the process (CLI, test, worker) alive by itself.
      w.timer.unref?.();
    };
    watches.set(dataset, w);
    void tick();
    return w.status;
  };

  const stored = (def: WatchDefinition & { createdAt: string; createdBy: string }): StoredWatch => ({ ...def, status: watches.get(def.dataset)?.status ?? null });

  return {
    async startWatch({ name, dataset, folder, join, settleSeconds = 2, intervalSeconds = 1 }) {
      ws.dataset(dataset);
      await mustBeFolder(folder);
      const def: WatchDefinition = { name: name ?? dataset, dataset, folder, mode: join ? 'join' : 'append', ...(join ? { on: join.on } : {}), settleSeconds, intervalSeconds };
      keepWatch(ws, def);
      return run(def);
    },
    async stopWatch({ dataset }) {
      const running = stop(dataset);
      const kept = forgetWatch(ws, dataset);
      return { stopped: running || kept !== null ? dataset : null };
    },
    async watchStatus({ dataset }) {
      return watches.get(dataset)?.status ?? null;
    },
    async listWatches() {
      return listKeptWatches(ws).map(stored);
    },
    async saveWatch({ watch }) {
      await mustBeFolder(watch.folder);
      return stored(keepWatch(ws, watch));
    },
    resume() {
      for (const w of listKeptWatches(ws)) run(w);
    },
    halt(dataset) {
      stop(dataset);
    },
  };
}
