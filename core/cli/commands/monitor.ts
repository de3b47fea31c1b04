/**
 * `plumbline monitor add|list|remove|history` and `plumbline check`.
 *
 * check's exit status: 0 every monitor passed, 1 a warning (and no critical), 2 a critical; a
 * monitor that could not be evaluated counts as its severity. 3: the check itself could not run
 * (an unreadable spec file, a workspace that cannot be opened), so a pipeline can tell "the model
 * is unhealthy" from "the check is broken".
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { analysisInfo as analysisById, ANALYSES } from '../../analyses/registry';
import { PlumblineError } from '../../api/errors';
import { junitXml } from '../../monitors/junit';
import { prometheusText } from '../../monitors/prometheus';
import { parseMonitorSpec } from '../../monitors/spec';
import type { CheckResult, MonitorDefinition, MonitorEvaluation, Severity } from '../../monitors/types';
import { table } from '../output';
import { parseWindow, type RowWindow } from '../../data/row-window';
import { latestChunkSlot } from '../../api/latest-chunk';
import { cancelOnSigint, printJson, withClient } from './context';

/** Every dataset slot of every analysis, so `--<slot>` works whichever analysis is named. */
const SLOTS = [...new Set(ANALYSES.flatMap((a) => a.datasets.map((d) => d.slot)))].filter((s) => s !== 'reference' && s !== 'dataset');

/**
 * Slot → dataset from the flags: `--<slot>` as given; `--reference` fills a `reference` slot (and
 * is the baseline for drop/rise); `--dataset` fills the one slot left (`current` for drift).
 */
export function monitorDatasets(analysisId: string, flags: Record<string, unknown>): { datasets: Record<string, string>; reference?: string } {
  const analysis = analysisById(analysisId);
  const datasets: Record<string, string> = {};
  // `--dataset` and `--reference` are the generic flags below, also when a slot has that name (fairness's, operations's `dataset`).
  for (const { slot } of analysis.datasets) if (slot !== 'dataset' && slot !== 'reference' && typeof flags[slot] === 'string') datasets[slot] = flags[slot];
  const reference = typeof flags.reference === 'string' ? flags.reference : undefined;
  const dataset = typeof flags.dataset === 'string' ? flags.dataset : undefined;
  const hasReferenceSlot = analysis.datasets.some((d) => d.slot === 'reference');
  if (reference !== undefined && hasReferenceSlot) datasets.reference = reference;
  if (dataset !== undefined) {
    const open = analysis.datasets.map((d) => d.slot).filter((s) => s !== 'reference' && datasets[s] === undefined);
    if (open.length !== 1) throw new PlumblineError('BAD_REQUEST', `--dataset fills ${analysis.id}'s one dataset slot, but ${open.length ? `${open.join(' and ')} are` : 'none is'} open; name them with ${analysis.datasets.map((d) => `--${d.slot}`).join(', ')}.`);
    datasets[open[0]] = dataset;
  }
  return hasReferenceSlot || reference === undefined ? { datasets } : { datasets, reference };
}

/** `--latest week` as a window on the slot `--dataset` fills (the analysis's one dataset that is not the reference). */
function latestWindow(analysisId: string, flags: Record<string, unknown>): Record<string, RowWindow> {
  const window = parseWindow(String(flags.latest));
  if (!window) throw new PlumblineError('BAD_REQUEST', `--latest takes day, week, month or a number of rows, not ${JSON.stringify(flags.latest)}.`);
  const datasets = analysisById(analysisId).datasets;
  const slot = latestChunkSlot(datasets);
  if (slot === null) throw new PlumblineError('BAD_REQUEST', `--latest applies to the current dataset, but ${analysisId} reads ${datasets.map((d) => d.slot).filter((s) => s !== 'reference').join(' and ')}; write the window in a spec file ("window": { "<slot>": { "last": "week" } }).`);
  return { [slot]: window };
}

const MARK: Record<MonitorEvaluation['status'], string> = { pass: 'PASS', warning: 'WARN', critical: 'CRIT', error: 'ERR ' };

/** "CRIT  drift share [drift, critical] share_drifted = 0.6: \">= 0.5\" holds" */
export function evaluationLine(e: MonitorEvaluation): string {
  return `${MARK[e.status]}  ${e.monitor} [${e.analysis}, ${e.severity}] ${e.message}`;
}

/** One line per monitor, then the count and the exit code. */
export function checkLines(check: CheckResult): string {
  const lines = check.evaluations.map(evaluationLine);
  const n = (s: string) => check.evaluations.filter((e) => e.status === s).length;
  lines.push(`${check.evaluations.length} monitor${check.evaluations.length === 1 ? '' : 's'}: ${n('pass')} passed, ${n('warning')} warning, ${n('critical')} critical, ${n('error')} not evaluated (${check.runs} analysis run${check.runs === 1 ? '' : 's'}, ${check.seconds.toFixed(2)} s) → exit ${check.exitCode}`);
  return `${lines.join('\n')}\n`;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  await fs.writeFile(tmp, text, 'utf8');
  // The textfile collector may read at any moment: a rename makes the new file appear whole.
  await fs.rename(tmp, file);
}

export function registerMonitor(program: Command): void {
  const monitor = program.command('monitor').description('named checks on an analysis figure, run by `plumbline check` and after every import');

  const add = monitor
    .command('add')
    .description('add a monitor (or several from --spec)')
    .option('--name <name>', 'monitor name (unique in the workspace)')
    .addOption(new Option('--analysis <id>', 'analysis to run').choices(ANALYSES.map((a) => a.id)))
    .option('--dataset <dataset>', "the current dataset (fills the analysis's one non-reference slot)")
    .option('--reference <dataset>', 'the reference dataset (a drift reference; the baseline for drop/rise)');
  for (const slot of SLOTS) add.option(`--${slot} <dataset>`, `dataset for the analysis's ${slot} slot`);
  add
    .option('--metric <name>', 'figure to read: share_drifted, accuracy, drift_score:<column>, … (core/analyses/README.md)')
    .option('--condition <cond>', 'when it holds, the monitor alerts: "< 0.85", ">= 0.5", "drop > 5%", "outside [0.8, 1.25]", "between [a, b]", "== 1"')
    .addOption(new Option('--severity <level>', 'alert level').choices(['warning', 'critical']).default('warning'))
    .option('--options <json>', "the analysis's options as JSON")
    .option('--where <expr>', 'segment filter')
    .option('--latest <chunk>', "judge only the current dataset's latest chunk: day, week or month (ending at its newest timestamp) or a number of rows (its last rows)")
    .option('--description <text>', 'what the monitor is for')
    .option('--replace', 'replace a monitor of the same name')
    .option('--spec <file>', 'add every monitor of a spec file')
    .option('--json', 'print JSON')
    .action(async (opts: Record<string, unknown>, cmd: Command) => {
      let defs: MonitorDefinition[];
      if (typeof opts.spec === 'string') {
        defs = [...parseMonitorSpec(await fs.readFile(opts.spec, 'utf8'), opts.spec).monitors];
      } else {
        for (const f of ['name', 'analysis', 'metric', 'condition']) if (typeof opts[f] !== 'string') throw new PlumblineError('BAD_REQUEST', `monitor add needs --${f} (or --spec FILE).`);
        let options: unknown;
        if (typeof opts.options === 'string') {
          try {
            options = JSON.parse(opts.options);
          } catch (e) {
            throw new PlumblineError('BAD_REQUEST', `--options is not JSON: ${(e as Error).message}`);
          }
        }
        defs = [
          {
            name: String(opts.name),
            analysis: String(opts.analysis),
            ...monitorDatasets(String(opts.analysis), opts),
            ...(options !== undefined ? { options } : {}),
            ...(typeof opts.where === 'string' ? { where: opts.where } : {}),
            ...(typeof opts.latest === 'string' ? { window: latestWindow(String(opts.analysis), opts) } : {}),
            metric: String(opts.metric),
            condition: String(opts.condition),
            severity: opts.severity as Severity,
            ...(typeof opts.description === 'string' ? { description: opts.description } : {}),
          },
        ];
      }
      await withClient(cmd, async (client) => {
        const added = [];
        for (const monitor of defs) added.push(await client.addMonitor({ monitor, replace: opts.replace === true }));
        if (opts.json) return printJson(typeof opts.spec === 'string' ? { monitors: added } : added[0]);
        for (const m of added) process.stdout.write(`Monitor "${m.name}": ${m.analysis} ${m.metric} ${m.condition} (${m.severity}).\n`);
      });
    });

  monitor
    .command('list')
    .description('list monitors with their latest status')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withClient(cmd, async (client) => {
        const list = await client.listMonitors({});
        if (opts.json) return printJson({ monitors: list });
        if (list.length === 0) return void process.stdout.write('No monitors yet. Add one with: plumbline monitor add --name … --analysis … --metric … --condition …\n');
        const rows = list.map((m) => [m.name, m.analysis, Object.entries(m.datasets).map(([s, d]) => `${s}=${d}`).join(' ') + (m.reference && !Object.values(m.datasets).includes(m.reference) ? ` baseline=${m.reference}` : ''), m.metric, m.condition, m.severity, m.last ? m.last.status : 'not run', m.last ? m.last.at : '']);
        process.stdout.write(`${table(['name', 'analysis', 'datasets', 'metric', 'condition', 'severity', 'last status', 'last run'], rows)}\n`);
      });
    });

  monitor
    .command('remove')
    .description('remove a monitor (and its history; the audit log keeps the definition)')
    .argument('<name>', 'monitor name')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { json?: boolean }, cmd: Command) => {
      await withClient(cmd, async (client) => {
        const r = await client.removeMonitor({ name });
        if (opts.json) return printJson(r);
        process.stdout.write(`Removed monitor "${r.removed}".\n`);
      });
    });

  monitor
    .command('history')
    .description("a monitor's evaluations, newest first")
    .argument('<name>', 'monitor name')
    .option('--limit <n>', 'evaluations to show', '20')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { json?: boolean; limit: string }, cmd: Command) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new PlumblineError('BAD_REQUEST', `--limit takes a whole number ≥ 1, not ${JSON.stringify(opts.limit)}.`);
      await withClient(cmd, async (client) => {
        const history = await client.monitorHistory({ name, limit });
        if (opts.json) return printJson({ monitor: name, evaluations: history });
        if (history.length === 0) return void process.stdout.write(`Monitor "${name}" has not run yet. Run: plumbline check\n`);
        process.stdout.write(`${table(['at', 'trigger', 'status', 'value', 'baseline', 'message'], history.map((e) => [e.at, e.trigger, e.status, e.value, e.baseline, e.message]))}\n`);
      });
    });

  program
    .command('check')
    .description('run every monitor; exit 0 all pass, 1 a warning, 2 a critical, 3 the check could not run')
    .option('--spec <file>', 'run the monitors of this spec file instead of the workspace\'s (nothing is stored)')
    .option('--monitor <name...>', 'run only these workspace monitors')
    .option('--json', 'print JSON')
    .option('--junit <file>', 'also write JUnit XML (one testcase per monitor)')
    .option('--prometheus <file>', "also write Prometheus text format (for node_exporter's textfile collector)")
    .action(async (opts: { spec?: string; monitor?: string[]; json?: boolean; junit?: string; prometheus?: string }, cmd: Command) => {
      let check: CheckResult;
      try {
        const monitors = opts.spec ? [...parseMonitorSpec(await fs.readFile(opts.spec, 'utf8'), opts.spec).monitors] : undefined;
        check = await withClient(cmd, async (client) => {
          const cancel = cancelOnSigint();
          try {
            return await client.checkMonitors({ ...(monitors ? { monitors } : {}), ...(opts.monitor ? { names: opts.monitor } : {}) }, { signal: cancel.signal });
          } finally {
            cancel.dispose();
          }
        });
        if (opts.junit) await writeAtomically(opts.junit, junitXml(check));
        if (opts.prometheus) await writeAtomically(opts.prometheus, prometheusText(check));
      } catch (e) {
        if (e instanceof PlumblineError && e.code === 'CANCELLED') throw e;
        process.stderr.write(`plumbline: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 3;
        return;
      }
      if (opts.json) printJson(check);
      else process.stdout.write(checkLines(check));
      process.exitCode = check.exitCode;
    });
}
