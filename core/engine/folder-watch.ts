/**
 * One pass over a watched folder — the code behind `plumbline watch` and the app's folder watch.
 * A file is complete when `<file>.done` exists beside it or it has not changed for `settleMs`, so a
 * half-written file is never read. An imported file moves to DIR/imported/; a failed one to
 * DIR/failed/ with `<file>.error.txt` saying why, and the dataset stays as it was (imports are
 * atomic). Each file is appended to the dataset, or (mode `join`) its columns are attached to the
 * dataset's rows by key, with the rules of `importFile`'s join.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ImportArgs, ImportResult } from '../api/types';

/** How each file joins the dataset: appended rows, or label columns joined on a key column. */
export type WatchMode = { readonly kind: 'append' } | { readonly kind: 'join'; readonly on: string };

export interface WatchEvent {
  readonly file: string;
  readonly ok: boolean;
  readonly movedTo: string;
  readonly error?: string;
  readonly result?: ImportResult;
}

// Hidden files, markers, our own error notes and the usual partial-download suffixes.
const SKIP = /(^\.)|(\.done$)|(\.error\.txt$)|(\.tmp$)|(\.part$)/;

/** Files in `dir` ready to read now, oldest first. */
export async function readyFiles(dir: string, settleMs: number, now = Date.now()): Promise<string[]> {
  const names = await fs.readdir(dir);
  const present = new Set(names);
  const ready: { file: string; mtime: number }[] = [];
  for (const name of names) {
    if (SKIP.test(name)) continue;
    const file = path.join(dir, name);
    const st = await fs.stat(file).catch(() => null);
    if (!st?.isFile()) continue;
    if (present.has(`${name}.done`) || now - st.mtimeMs >= settleMs) ready.push({ file, mtime: st.mtimeMs });
  }
  return ready.sort((a, b) => a.mtime - b.mtime || a.file.localeCompare(b.file)).map((r) => r.file);
}

async function moveInto(file: string, folder: string): Promise<string> {
  await fs.mkdir(folder, { recursive: true });
  const base = path.basename(file);
  let target = path.join(folder, base);
  for (let i = 1; await fs.stat(target).then(() => true, () => false); i++) target = path.join(folder, `${i}-${base}`);
  await fs.rename(file, target);
  await fs.rm(`${file}.done`, { force: true });
  return target;
}

export function importArgsFor(file: string, dataset: string, mode: WatchMode): ImportArgs {
  return mode.kind === 'append' ? { path: file, append: dataset } : { path: file, join: { dataset, on: mode.on } };
}

/** Imports every complete file of `dir` through `importFile` (the engine's, so monitors run after each). */
export async function processFolder(
  importFile: (args: ImportArgs) => Promise<ImportResult>,
  dir: string,
  dataset: string,
  settleMs: number,
  mode: WatchMode = { kind: 'append' },
  onEvent: (e: WatchEvent) => void = () => undefined,
  signal?: AbortSignal,
): Promise<WatchEvent[]> {
  const events: WatchEvent[] = [];
  for (const file of await readyFiles(dir, settleMs)) {
    // A stopped watch finishes the file it is on, never starts another.
    if (signal?.aborted) break;
    try {
      const result = await importFile(importArgsFor(file, dataset, mode));
      events.push({ file, ok: true, movedTo: await moveInto(file, path.join(dir, 'imported')), result });
      onEvent(events[events.length - 1]);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const movedTo = await moveInto(file, path.join(dir, 'failed'));
      const doing = mode.kind === 'append' ? 'appending' : `joining (on ${JSON.stringify(mode.on)})`;
      await fs.writeFile(`${movedTo}.error.txt`, `${new Date().toISOString()} ${doing} ${file} to "${dataset}" failed; the dataset was left as it was.\n${error}\n`, 'utf8');
      events.push({ file, ok: false, movedTo, error });
      onEvent(events[events.length - 1]);
    }
  }
  return events;
}
