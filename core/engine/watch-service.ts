/**
 * The app's folder watch: the engine (in its worker) looks at each watched folder every interval
 * and hands complete files to processFolder — the same code as `plumbline watch` — through the
 * engine's own importFile, so monitors run after each file and new alerts reach the notifier the
 * engine was given. One watch per dataset; watches live as long as the engine (not saved).
 */
import type { ImportArgs, ImportResult, StartWatchArgs, WatchFileEvent, WatchStatus } from '../api/types';
import { PlumblineError } from '../api/errors';
import { processFolder, type WatchEvent, type WatchMode } from './folder-watch';
import { promises as fs } from 'node:fs';

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

/** `checkDataset` throws NOT_FOUND for a dataset that is not there, before any file is touched. */
export function createWatchService(importFile: (args: ImportArgs) => Promise<ImportResult>, checkDataset: (name: string) => void): WatchService {
  const watches = new Map<string, Watch>();

  const stop = (dataset: string): boolean => {
    const w = watches.get(dataset);
    if (!w) return false;
    w.stop.abort();
    if (w.timer) clearTimeout(w.timer);
    watches.delete(dataset);
    return true;
  };

  return {
    async startWatch({ dataset, folder, join, settleSeconds = 2, intervalSeconds = 1 }) {
      checkDataset(dataset);
      const st = await fs.stat(folder).catch(() => null);
      if (!st?.isDirectory()) throw new PlumblineError('NOT_FOUND', `No folder ${JSON.stringify(folder)} to watch.`);
      stop(dataset);
      const mode: WatchMode = join ? { kind: 'join', on: join.on } : { kind: 'append' };
      const w: Watch = {
        status: { dataset, folder, mode: mode.kind, ...(join ? { on: join.on } : {}), settleSeconds, startedAt: new Date().toISOString(), taken: [], failed: [], takenCount: 0, failedCount: 0, lastEvent: null, folderError: null },
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
    },
    async stopWatch({ dataset }) {
      return { stopped: stop(dataset) ? dataset : null };
    },
    async watchStatus({ dataset }) {
      return watches.get(dataset)?.status ?? null;
    },
  };
}
