/**
 * The plumbline command. Every subcommand is a thin shell over the one API (direct transport), so
 * the CLI, the app and browser mode return the same results. With --json exactly one JSON document
 * goes to stdout; errors are one line on stderr and a non-zero exit.
 */
import { Command, CommanderError, Option } from 'commander';
import { PlumblineError } from '../api/errors';
import { PLUMBLINE_VERSION } from '../version';
import { registerDatasetCommands } from './commands/datasets';
import { registerImport } from './commands/import';
import { registerServe } from './commands/serve';
import { registerAnalyses } from './commands/analysis';
import { registerReport } from './commands/report';
import { registerMonitor } from './commands/monitor';
import { registerWatch } from './commands/watch';

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name('plumbline')
    .description('Local-first model monitoring and audit. Nothing leaves this machine.')
    .version(PLUMBLINE_VERSION)
    .addOption(new Option('--db <path>', 'workspace file (default: $PLUMBLINE_DB, else the user data directory)'))
    .showHelpAfterError('(run "plumbline --help" for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerDatasetCommands(program);
  registerImport(program);
  registerAnalyses(program);
  registerReport(program);
  registerMonitor(program);
  registerWatch(program);
  registerServe(program);
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    const message = e instanceof PlumblineError || e instanceof Error ? e.message : String(e);
    process.stderr.write(`plumbline: ${message}\n`);
    return e instanceof PlumblineError ? exitCodeFor(e) : 1;
  }
}

/**
 * Exit statuses: 1 for an error (and for dataset drift with --fail-on-drift), 3 when an analysis
 * had no data (an empty dataset or segment: never a pass), 130 when cancelled (Ctrl-C).
 */
export const EXIT_NO_DATA = 3;

function exitCodeFor(e: PlumblineError): number {
  if (e.code === 'CANCELLED') return 130;
  if (e.code === 'NO_DATA') return EXIT_NO_DATA;
  return 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`plumbline: ${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
