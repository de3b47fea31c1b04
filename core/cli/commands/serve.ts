import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Command } from 'commander';
import { PlumblineError } from '../../api/errors';
import { exportsDirFor } from '../../report/exports';
import { defaultUploadDir, startServer } from '../../server/server';
import { startEngineWorker } from '../../transport/engine-worker';
import { resolveWorkspacePath } from '../../workspace/paths';
import { globalOpts } from './context';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('open Plumbline in your browser (served on 127.0.0.1 only, with a per-run token)')
    .option('--port <n>', 'port (default: a free one)', '0')
    .option('--no-open', 'do not open a browser')
    .action(async (opts: { port: string; open: boolean }, cmd: Command) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new PlumblineError('BAD_REQUEST', `--port takes a number from 0 to 65535, not ${JSON.stringify(opts.port)}.`);
      }
      const dbPath = resolveWorkspacePath(globalOpts(cmd).db);
      const engine = startEngineWorker({ dbPath });
      await engine.ready;
      const server = await startServer({
        engine,
        port,
        staticRoot: path.join(__dirname, '..', 'renderer'),
        uploadDir: defaultUploadDir(dbPath),
        exportsDir: exportsDirFor(dbPath),
      });
      process.stdout.write(`Plumbline is running at ${server.url}\nWorkspace: ${dbPath}\nPress Ctrl-C to stop.\n`);
      if (opts.open) openBrowser(server.url);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      await engine.terminate();
    });
}

function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write(`Could not open a browser; open ${url} yourself.\n`));
    child.unref();
  } catch {
    process.stderr.write(`Could not open a browser; open ${url} yourself.\n`);
  }
}
