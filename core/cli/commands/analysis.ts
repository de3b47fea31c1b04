/**
 * `plumbline <id>` for every analysis of the registry, built from its CLI description: one
 * `--<slot> <dataset>` per dataset it reads, its option flags, `--where`, `--json` and its
 * `--fail-on-…` flag. Exit status: 0, 1 when the fail flag's condition holds or on an error, 130
 * when cancelled (Ctrl-C).
 */
import { Option, type Command } from 'commander';
import type { AnyAnalysis, CliFlag } from '../../analyses/module';
import { ANALYSES } from '../../analyses/registry';
import type { PlumblineClient } from '../../transport/transport';
import { cancelOnSigint, printJson, withClient } from './context';

/** A commander option from an analysis's flag description; `prefix` labels it in `report --help`. */
export function cliOption(f: CliFlag, prefix = ''): Option {
  const o = new Option(f.flags, `${prefix}${f.description}`);
  if (f.choices) o.choices(f.choices);
  if (f.default !== undefined) o.default(f.default);
  return o;
}

/** The options the flags ask for, looking datasets up by slot through the client. */
export function optionsFromFlags(analysis: AnyAnalysis, flags: Record<string, unknown>, datasets: Record<string, string | undefined>, client: PlumblineClient): Promise<unknown> {
  return analysis.cli.options(flags, async (slot) => {
    const name = datasets[slot];
    if (!name) throw new Error(`--${slot} is required.`);
    return client.getDataset({ dataset: name });
  });
}

function registerAnalysis(program: Command, analysis: AnyAnalysis): void {
  const cmd = program.command(analysis.id).description(analysis.cli.description);
  for (const d of analysis.datasets) cmd.requiredOption(`--${d.slot} <dataset>`, d.description);
  for (const f of analysis.cli.flags) cmd.addOption(cliOption(f));
  cmd.option('--where <expr>', "segment filter, e.g. \"device = 'mobile' AND age >= 30\"");
  if (analysis.cli.failOn) cmd.option(analysis.cli.failOn.flags, analysis.cli.failOn.description);
  cmd.option('--json', 'print JSON');
  cmd.action(async (opts: Record<string, unknown>, c: Command) => {
    await withClient(c, async (client) => {
      const datasets = Object.fromEntries(analysis.datasets.map((d) => [d.slot, String(opts[d.slot])]));
      const options = (await optionsFromFlags(analysis, opts, datasets, client)) ?? {};
      const cancel = cancelOnSigint();
      let run;
      try {
        const where = typeof opts.where === 'string' && opts.where ? { where: opts.where } : {};
        run = await client.runAnalysis({ analysis: analysis.id, datasets, options, ...where }, { signal: cancel.signal });
      } finally {
        cancel.dispose();
      }
      if (opts.json) printJson({ ...(run.result as object), settings: run.settings, provenance: run.provenance });
      else process.stdout.write(analysis.cli.text(run));
      // Warnings go to stderr, so that --json's stdout stays one document.
      const warnings = (run.result as { warnings?: unknown }).warnings;
      if (Array.isArray(warnings)) for (const w of warnings) process.stderr.write(`warning: ${String(w)}\n`);
      const failFlag = analysis.cli.failOn ? new Option(analysis.cli.failOn.flags).attributeName() : null;
      if (failFlag && opts[failFlag] && analysis.cli.failOn!.fails(run.result)) process.exitCode = 1;
    });
  });
}

export function registerAnalyses(program: Command): void {
  for (const a of ANALYSES) registerAnalysis(program, a);
}
