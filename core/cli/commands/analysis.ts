/**
 * `plumbline <id>` for every analysis of the registry, built from its CLI description: one
 * `--<slot> <dataset>` per dataset it reads (or the slot's own flag name; optional slots may be left
 * out), its option flags, `--where`, `--json` and its `--fail-on-…` flag. Exit status: 0, 1 when the
 * fail flag's condition holds, the analysis names failures, or on an error, 130 when cancelled (Ctrl-C).
 */
import { Option, type Command } from 'commander';
import type { AnyAnalysis, CliFlag } from '../../analyses/module';
import { loadAnalyses, loadAnalysis } from '../../analyses/registry';
import type { PlumblineClient } from '../../transport/transport';
import { cancelOnSigint, printJson, withClient } from './context';
import { endPoolThreads } from '../../engine/pool/column-pool';

/** A commander option from an analysis's flag description; `prefix` labels it in `report --help`. */
export function cliOption(f: CliFlag, prefix = ''): Option {
  const o = new Option(f.flags, `${prefix}${f.description}`);
  if (f.choices) o.choices(f.choices);
  if (f.default !== undefined) o.default(f.default);
  if (f.repeatable) o.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
  return o;
}

/** The flag naming a slot's dataset: `--reference`, or the slot's own flag name (`--dataset`). */
export function slotFlag(analysis: AnyAnalysis, slot: string): string {
  return analysis.datasets.find((d) => d.slot === slot)?.flag ?? slot;
}

/** Slot → dataset name from parsed flags; an optional slot not given is left out. */
export function datasetsFromFlags(analysis: AnyAnalysis, opts: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of analysis.datasets) {
    const v = opts[new Option(`--${d.flag ?? d.slot} <dataset>`).attributeName()];
    if (typeof v === 'string') out[d.slot] = v;
  }
  return out;
}

/** The options the flags ask for, looking datasets up by slot through the client. */
export function optionsFromFlags(analysis: AnyAnalysis, flags: Record<string, unknown>, datasets: Record<string, string | undefined>, client: PlumblineClient): Promise<unknown> {
  return analysis.cli.options(flags, async (slot) => {
    const name = datasets[slot];
    if (!name) throw new Error(`--${slotFlag(analysis, slot)} is required.`);
    return client.getDataset({ dataset: name });
  });
}

function registerAnalysis(program: Command, analysis: AnyAnalysis): void {
  const cmd = program.command(analysis.id).description(analysis.cli.description);
  for (const d of analysis.datasets) {
    const flags = `--${d.flag ?? d.slot} <dataset>`;
    if (d.optional) cmd.option(flags, d.description);
    else cmd.requiredOption(flags, d.description);
  }
  for (const f of analysis.cli.flags) cmd.addOption(cliOption(f));
  cmd.option('--where <expr>', "segment filter, e.g. \"device = 'mobile' AND age >= 30\"");
  if (analysis.cli.failOn) cmd.option(analysis.cli.failOn.flags, analysis.cli.failOn.description);
  cmd.option('--json', 'print JSON');
  cmd.action(async (opts: Record<string, unknown>, c: Command) => {
    await withClient(c, async (client) => {
      const datasets = datasetsFromFlags(analysis, opts);
      const options = (await optionsFromFlags(analysis, opts, datasets, client)) ?? {};
      const cancel = cancelOnSigint();
      let run;
      try {
        const where = typeof opts.where === 'string' && opts.where ? { where: opts.where } : {};
        run = await client.runAnalysis({ analysis: analysis.id, datasets, options, ...where }, { signal: cancel.signal });
      } finally {
        cancel.dispose();
      }
      // The command's one run is done: the pool's threads end while the output is written.
      endPoolThreads();
      if (opts.json) printJson({ ...(run.result as object), settings: run.settings, provenance: run.provenance });
      else process.stdout.write(analysis.cli.text(run));
      // Warnings go to stderr, so that --json's stdout stays one document.
      const warnings = (run.result as { warnings?: unknown }).warnings;
      if (Array.isArray(warnings)) for (const w of warnings) process.stderr.write(`warning: ${String(w)}\n`);
      const failFlag = analysis.cli.failOn ? new Option(analysis.cli.failOn.flags).attributeName() : null;
      if (failFlag && opts[failFlag] && analysis.cli.failOn!.fails(run.result)) process.exitCode = 1;
      const failures = analysis.cli.failures?.(run) ?? [];
      for (const f of failures) process.stderr.write(`${f}\n`);
      if (failures.length) process.exitCode = 1;
    });
  });
}

export function registerAnalyses(program: Command, analyses: readonly AnyAnalysis[]): void {
  for (const a of analyses) registerAnalysis(program, a);
}

/**
 * What registers `plumbline <id>`: for the one analysis named, loading its code only (so
 * `plumbline performance` reads no drift, fairness or A/B code); every analysis when none is.
 */
export async function analysisCommands(only?: string): Promise<(program: Command) => void> {
  const analyses = only === undefined ? await loadAnalyses() : [await loadAnalysis(only)];
  return (program) => registerAnalyses(program, analyses);
}
