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
  registerServe(program);
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    const message = e instanceof PlumblineError || e instanceof Error ? e.message : String(e);
    process.stderr.write(`plumbline: ${message}\n`);
    return e instanceof PlumblineError && e.code === 'CANCELLED' ? 130 : 1;
  }
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
