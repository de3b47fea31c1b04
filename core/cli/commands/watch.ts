/**
 * `plumbline watch DIR --append DATASET`: each complete new file in DIR is appended to the dataset
 * (the import runs the monitors reading it). A file is complete when `<file>.done` exists beside it
 * or it has not changed for `--settle` seconds, so a half-written file is never read. An appended
 * file moves to DIR/imported/; a failed one to DIR/failed/ with `<file>.error.txt` saying why, and
 * the dataset stays as it was (imports are atomic). `--once` handles what is complete now and exits.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { PlumblineError } from '../../api/errors';
import type { ImportResult } from '../../api/types';
import type { PlumblineClient } from '../../transport/transport';
import { printJson, withClient } from './context';
import { evaluationLine } from './monitor';

export interface WatchEvent {
  readonly file: string;
  readonly ok: boolean;
  readonly movedTo: string;
  readonly error?: string;
  readonly result?: ImportResult;
}

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

export async function processFolder(client: PlumblineClient, dir: string, dataset: string, settleMs: number): Promise<WatchEvent[]> {
  const events: WatchEvent[] = [];
  for (const file of await readyFiles(dir, settleMs)) {
    try {
      const result = await client.importFile({ path: file, append: dataset });
      events.push({ file, ok: true, movedTo: await moveInto(file, path.join(dir, 'imported')), result });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const movedTo = await moveInto(file, path.join(dir, 'failed'));
      await fs.writeFile(`${movedTo}.error.txt`, `${new Date().toISOString()} appending ${file} to "${dataset}" failed; the dataset was left as it was.\n${error}\n`, 'utf8');
      events.push({ file, ok: false, movedTo, error });
    }
  }
  return events;
}

function report(e: WatchEvent): string {
  if (!e.ok) return `FAILED ${e.file}: ${e.error} (moved to ${e.movedTo})\n`;
  const lines = [`Appended ${e.result!.rows.toLocaleString('en-US')} rows from ${e.file} (moved to ${e.movedTo})`];
  for (const m of e.result!.monitors ?? []) lines.push(`  ${evaluationLine(m)}`);
  return `${lines.join('\n')}\n`;
}

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description('append each complete new file of a folder to a dataset, running its monitors')
    .argument('<dir>', 'folder to watch')
    .requiredOption('--append <dataset>', 'dataset to append the files to')
    .option('--settle <seconds>', 'a file unchanged this long is complete (or write <file>.done)', '2')
    .option('--interval <seconds>', 'how often to look', '1')
    .option('--once', 'handle the files complete now, then exit (1 when one failed)')
    .option('--json', 'with --once, print JSON')
    .action(async (dir: string, opts: { append: string; settle: string; interval: string; once?: boolean; json?: boolean }, cmd: Command) => {
      const settleMs = Number(opts.settle) * 1000;
      const intervalMs = Number(opts.interval) * 1000;
      if (!(settleMs >= 0) || !(intervalMs > 0)) throw new PlumblineError('BAD_REQUEST', '--settle and --interval take a number of seconds.');
      await fs.stat(dir).catch(() => {
        throw new PlumblineError('NOT_FOUND', `No folder ${JSON.stringify(dir)} to watch.`);
      });
      await withClient(cmd, async (client) => {
        await client.getDataset({ dataset: opts.append });
        if (opts.once) {
          const events = await processFolder(client, dir, opts.append, settleMs);
          if (opts.json) printJson({ events });
          else for (const e of events) process.stdout.write(report(e));
          if (events.some((e) => !e.ok)) process.exitCode = 1;
          return;
        }
        process.stderr.write(`Watching ${dir} for files to append to "${opts.append}" (Ctrl-C stops).\n`);
        const stopped = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
        let stop = false;
        void stopped.then(() => (stop = true));
        while (!stop) {
          for (const e of await processFolder(client, dir, opts.append, settleMs)) process.stdout.write(report(e));
          await Promise.race([new Promise((r) => setTimeout(r, intervalMs)), stopped]);
        }
      });
    });
}
