/**
 * `plumbline watch DIR --append DATASET`: each complete new file in DIR is appended to the dataset
 * (the import runs the monitors reading it); `--join DATASET --on KEY` attaches label files instead.
 * The folder rules (complete files only, imported/ and failed/ with its error) are in
 * core/engine/folder-watch.ts, shared with the app's folder watch. `--once` handles what is
 * complete now and exits.
 */
import { promises as fs } from 'node:fs';
import type { Command } from 'commander';
import { PlumblineError } from '../../api/errors';
import { processFolder, type WatchEvent, type WatchMode } from '../../engine/folder-watch';
import { printJson, withClient } from './context';
import { evaluationLine } from './monitor';

function report(e: WatchEvent): string {
  if (!e.ok) return `FAILED ${e.file}: ${e.error} (moved to ${e.movedTo})\n`;
  const lines = [`${e.result!.kind === 'join' ? 'Joined' : 'Appended'} ${e.result!.rows.toLocaleString('en-US')} rows from ${e.file} (moved to ${e.movedTo})`];
  for (const m of e.result!.monitors ?? []) lines.push(`  ${evaluationLine(m)}`);
  return `${lines.join('\n')}\n`;
}

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description('append each complete new file of a folder to a dataset, running its monitors')
    .argument('<dir>', 'folder to watch')
    .option('--append <dataset>', 'dataset to append the files to')
    .option('--join <dataset>', 'dataset whose rows the files (e.g. delayed labels) are joined to, by --on')
    .option('--on <column>', 'with --join, the key column')
    .option('--settle <seconds>', 'a file unchanged this long is complete (or write <file>.done)', '2')
    .option('--interval <seconds>', 'how often to look', '1')
    .option('--once', 'handle the files complete now, then exit (1 when one failed)')
    .option('--json', 'with --once, print JSON')
    .action(async (dir: string, opts: { append?: string; join?: string; on?: string; settle: string; interval: string; once?: boolean; json?: boolean }, cmd: Command) => {
      const settleMs = Number(opts.settle) * 1000;
      const intervalMs = Number(opts.interval) * 1000;
      if (!(settleMs >= 0) || !(intervalMs > 0)) throw new PlumblineError('BAD_REQUEST', '--settle and --interval take a number of seconds.');
      if (!opts.append === !opts.join) throw new PlumblineError('BAD_REQUEST', 'Give one of --append DATASET or --join DATASET --on KEY.');
      if (opts.join && !opts.on) throw new PlumblineError('BAD_REQUEST', '--join needs --on KEY, the column matching the dataset\'s rows.');
      const dataset = (opts.append ?? opts.join)!;
      const mode: WatchMode = opts.join ? { kind: 'join', on: opts.on! } : { kind: 'append' };
      await fs.stat(dir).catch(() => {
        throw new PlumblineError('NOT_FOUND', `No folder ${JSON.stringify(dir)} to watch.`);
      });
      await withClient(cmd, async (client) => {
        await client.getDataset({ dataset });
        if (opts.once) {
          const events = await processFolder((a) => client.importFile(a), dir, dataset, settleMs, mode);
          if (opts.json) printJson({ events });
          else for (const e of events) process.stdout.write(report(e));
          if (events.some((e) => !e.ok)) process.exitCode = 1;
          return;
        }
        process.stderr.write(`Watching ${dir} for files to ${opts.join ? 'join' : 'append'} to "${dataset}" (Ctrl-C stops).\n`);
        const stopped = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
        let stop = false;
        void stopped.then(() => (stop = true));
        while (!stop) {
          for (const e of await processFolder((a) => client.importFile(a), dir, dataset, settleMs, mode)) process.stdout.write(report(e));
          await Promise.race([new Promise((r) => setTimeout(r, intervalMs)), stopped]);
        }
      });
    });
}
