/**
 * `plumbline watch DIR --append DATASET`: each complete new file in DIR is appended to the dataset
 * (the import runs the monitors reading it); `--join DATASET --on KEY` attaches label files instead.
 * The folder rules (complete files only, imported/ and failed/ with its error) are in
 * core/engine/folder-watch.ts, shared with the app's folder watch. `--once` handles what is
 * complete now and exits. Watches kept in the workspace (the app's, or `--name NAME` given with
 * DIR) run by name: `plumbline watch --name NAME`; `--list` and `--remove NAME` manage them.
 */
import { promises as fs } from 'node:fs';
import type { Command } from 'commander';
import { PlumblineError } from '../../api/errors';
import { processFolder, type WatchEvent, type WatchMode } from '../../engine/folder-watch';
import type { PlumblineClient } from '../../transport/transport';
import type { WatchDefinition } from '../../api/types';
import { printJson, withClient } from './context';
import { evaluationLine } from './monitor';

function report(e: WatchEvent): string {
  if (!e.ok) return `FAILED ${e.file}: ${e.error} (moved to ${e.movedTo})\n`;
  const lines = [`${e.result!.kind === 'join' ? 'Joined' : 'Appended'} ${e.result!.rows.toLocaleString('en-US')} rows from ${e.file} (moved to ${e.movedTo})`];
  for (const m of e.result!.monitors ?? []) lines.push(`  ${evaluationLine(m)}`);
  return `${lines.join('\n')}\n`;
}

interface WatchOpts {
  append?: string;
  join?: string;
  on?: string;
  name?: string;
  list?: boolean;
  remove?: string;
  settle: string;
  interval: string;
  once?: boolean;
  json?: boolean;
}

const seconds = (x: string, flag: string, min: number): number => {
  const v = Number(x);
  if (!(v >= min)) throw new PlumblineError('BAD_REQUEST', `${flag} takes a number of seconds${min > 0 ? ' above 0' : ''}.`);
  return v;
};

/** The watch to run: from DIR and the flags (kept under --name when given), or the kept watch --name. */
async function watchToRun(client: PlumblineClient, dir: string | undefined, opts: WatchOpts, cmd: Command): Promise<WatchDefinition> {
  const given = (flag: 'settle' | 'interval') => cmd.getOptionValueSource(flag) !== 'default';
  if (dir === undefined) {
    if (!opts.name) throw new PlumblineError('BAD_REQUEST', 'Give the folder to watch (DIR --append DATASET), or --name NAME of a watch the workspace keeps (see --list).');
    if (opts.append || opts.join) throw new PlumblineError('BAD_REQUEST', `--name without DIR runs the kept watch ${JSON.stringify(opts.name)} as it was set; give DIR too to change it.`);
    const kept = (await client.listWatches({})).find((w) => w.name === opts.name);
    if (!kept) {
      const names = (await client.listWatches({})).map((w) => JSON.stringify(w.name));
      throw new PlumblineError('NOT_FOUND', `No watch named ${JSON.stringify(opts.name)}. ${names.length ? `Watches: ${names.join(', ')}.` : 'This workspace keeps no watches.'}`);
    }
    const { createdAt: _a, createdBy: _b, status: _s, ...def } = kept;
    return {
      ...def,
      ...(given('settle') ? { settleSeconds: seconds(opts.settle, '--settle', 0) } : {}),
      ...(given('interval') ? { intervalSeconds: seconds(opts.interval, '--interval', 0.05) } : {}),
    };
  }
  if (!opts.append === !opts.join) throw new PlumblineError('BAD_REQUEST', 'Give one of --append DATASET or --join DATASET --on KEY.');
  if (opts.join && !opts.on) throw new PlumblineError('BAD_REQUEST', "--join needs --on KEY, the column matching the dataset's rows.");
  const dataset = (opts.append ?? opts.join)!;
  const def: WatchDefinition = {
    name: opts.name ?? dataset,
    dataset,
    folder: dir,
    mode: opts.join ? 'join' : 'append',
    ...(opts.join ? { on: opts.on! } : {}),
    settleSeconds: seconds(opts.settle, '--settle', 0),
    intervalSeconds: seconds(opts.interval, '--interval', 0.05),
  };
  await fs.stat(dir).catch(() => {
    throw new PlumblineError('NOT_FOUND', `No folder ${JSON.stringify(dir)} to watch.`);
  });
  await client.getDataset({ dataset });
  // Kept only when named: a one-off `watch DIR --append D` leaves the workspace's watches alone.
  if (opts.name) {
    await client.saveWatch({ watch: def });
    process.stderr.write(`Kept as watch "${def.name}": \`plumbline watch --name ${def.name}\` runs it again; the app runs it when it opens this workspace.\n`);
  }
  return def;
}

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description('append each complete new file of a folder to a dataset, running its monitors')
    .argument('[dir]', 'folder to watch (not with --name alone, which runs a kept watch)')
    .option('--append <dataset>', 'dataset to append the files to')
    .option('--join <dataset>', 'dataset whose rows the files (e.g. delayed labels) are joined to, by --on')
    .option('--on <column>', 'with --join, the key column')
    .option('--name <name>', 'with DIR: keep this watch in the workspace under NAME; alone: run the kept watch NAME')
    .option('--list', 'list the watches the workspace keeps')
    .option('--remove <name>', 'remove the kept watch NAME')
    .option('--settle <seconds>', 'a file unchanged this long is complete (or write <file>.done)', '2')
    .option('--interval <seconds>', 'how often to look', '1')
    .option('--once', 'handle the files complete now, then exit (1 when one failed)')
    .option('--json', 'with --once or --list, print JSON')
    .action(async (dir: string | undefined, opts: WatchOpts, cmd: Command) => {
      await withClient(cmd, async (client) => {
        if (opts.list) {
          const kept = (await client.listWatches({})).map(({ status: _s, ...w }) => w);
          if (opts.json) printJson({ watches: kept });
          else if (!kept.length) process.stdout.write('This workspace keeps no watches.\n');
          else for (const w of kept) process.stdout.write(`${w.name}: ${w.folder} → ${w.mode === 'join' ? `join to "${w.dataset}" on ${JSON.stringify(w.on)}` : `append to "${w.dataset}"`} (added ${w.createdAt} by ${w.createdBy})\n`);
          return;
        }
        if (opts.remove !== undefined) {
          const kept = (await client.listWatches({})).find((w) => w.name === opts.remove);
          if (!kept) throw new PlumblineError('NOT_FOUND', `No watch named ${JSON.stringify(opts.remove)}.`);
          await client.stopWatch({ dataset: kept.dataset });
          process.stdout.write(`Removed watch "${kept.name}".\n`);
          return;
        }
        const def = await watchToRun(client, dir, opts, cmd);
        const mode: WatchMode = def.mode === 'join' ? { kind: 'join', on: def.on! } : { kind: 'append' };
        const settleMs = def.settleSeconds * 1000;
        if (opts.once) {
          const events = await processFolder((a) => client.importFile(a), def.folder, def.dataset, settleMs, mode);
          if (opts.json) printJson({ events });
          else for (const e of events) process.stdout.write(report(e));
          if (events.some((e) => !e.ok)) process.exitCode = 1;
          return;
        }
        process.stderr.write(`Watching ${def.folder} for files to ${def.mode} to "${def.dataset}" (Ctrl-C stops).\n`);
        const stopped = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
        let stop = false;
        void stopped.then(() => (stop = true));
        while (!stop) {
          for (const e of await processFolder((a) => client.importFile(a), def.folder, def.dataset, settleMs, mode)) process.stdout.write(report(e));
          await Promise.race([new Promise((r) => setTimeout(r, def.intervalSeconds * 1000)), stopped]);
        }
      });
    });
}
