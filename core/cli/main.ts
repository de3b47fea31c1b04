/**
 * The plumbline command. Every subcommand is a thin shell over the one API (direct transport), so
 * the CLI, the app and browser mode return the same results. With --json exactly one JSON document
 * goes to stdout; errors are one line on stderr and a non-zero exit.
 */
import { Command, CommanderError, Option } from 'commander';
import { PlumblineError } from '../api/errors';
import { PLUMBLINE_VERSION } from '../version';
import { dropOutputAfterClosedPipe } from './closed-pipe';
import { reuseFreedMemory } from './reuse-freed-memory';

type Registrar = (program: Command) => void;

/**
 * The command modules, in `--help` order, each loaded only when one of its commands runs (or for
 * `--help`): a command pays for its own code, not for the report's, the import's and every
 * analysis's. `names: 'analyses'` stands for the registry's analyses (`drift`, `performance`, …).
 */
const COMMAND_MODULES: readonly { readonly names: readonly string[] | 'analyses'; load(analysis?: string): Promise<Registrar> }[] = [
  { names: ['datasets', 'show', 'delete'], load: async () => (await import('./commands/datasets')).registerDatasetCommands },
  { names: ['import'], load: async () => (await import('./commands/import')).registerImport },
  { names: 'analyses', load: async (analysis) => (await import('./commands/analysis')).analysisCommands(analysis) },
  { names: ['report'], load: async () => (await import('./commands/report')).registerReport },
  { names: ['monitor', 'check'], load: async () => (await import('./commands/monitor')).registerMonitor },
  { names: ['watch'], load: async () => (await import('./commands/watch')).registerWatch },
  { names: ['serve'], load: async () => (await import('./commands/serve')).registerServe },
];

/** The subcommand named on the command line (the first word that is not an option or --db's value). */
export function commandWord(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db') i++;
    else if (a === '--') return argv[i + 1];
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/**
 * Which command modules `argv` needs: none for `--version`, the one module of a named command,
 * the analyses for an analysis's id, and all of them for `--help`, `help` or an unknown word (so
 * commander lists them, or suggests the nearest).
 */
async function registrarsFor(argv: readonly string[]): Promise<Registrar[]> {
  const word = commandWord(argv);
  const all = () => Promise.all(COMMAND_MODULES.map((m) => m.load()));
  if (word === undefined) {
    const versionOnly = argv.some((a) => a === '--version' || a === '-V') && !argv.some((a) => a === '-h' || a === '--help');
    return versionOnly ? [] : all();
  }
  const named = COMMAND_MODULES.find((m) => m.names !== 'analyses' && m.names.includes(word));
  if (named) return [await named.load()];
  const { ANALYSES } = await import('../analyses/registry');
  // The registry is light (ids, titles): the analysis named loads its own code, no other's.
  if (ANALYSES.some((a) => a.id === word)) return [await COMMAND_MODULES.find((m) => m.names === 'analyses')!.load(word)];
  return all();
}

export async function main(argv: readonly string[]): Promise<number> {
  reuseFreedMemory();
  dropOutputAfterClosedPipe();
  const program = new Command()
    .name('plumbline')
    .description('Local-first model monitoring and audit. Nothing leaves this machine.')
    .version(PLUMBLINE_VERSION)
    .addOption(new Option('--db <path>', 'workspace file (default: $PLUMBLINE_DB, else the user data directory)'))
    .showHelpAfterError('(run "plumbline --help" for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    for (const register of await registrarsFor(argv)) register(program);
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
