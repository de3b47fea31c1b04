import { Option, type Command } from 'commander';
import { PlumblineError } from '../../api/errors';
import type { ReportArgs } from '../../api/types';
import type { ReportAnalysis } from '../../api/types';
import type { AnyAnalysis } from '../../analyses/module';
import { analysisById, EVERY_ANALYSIS as ANALYSES } from '../../analyses/every';
import { REPORT_SECTIONS, SECTION_IDS } from '../../report/sections';
import { loadSpec, resolveReportArgs, saveSpec, specFromArgs } from '../../report/spec';
import { formatBytes } from '../output';
import { cancelOnSigint, printJson, withClient } from './context';
import { cliOption, optionsFromFlags } from './analysis';
import type { PlumblineClient } from '../../transport/transport';
import { traceMark } from '../../report/trace';
import { analysesWithFlags, flagsOf, registeredFlags, reportFlagRoutes, type ReportFlagRoute } from './report-flags';

interface ReportCliOptions {
  reference?: string;
  current?: string;
  dataset?: string;
  sections?: string;
  where?: string;
  spec?: string;
  saveSpec?: string;
  title?: string;
  author?: string;
  organisation?: string;
  pageSize?: 'A4' | 'Letter';
  charts?: 'drifted' | 'all';
  overTimeCharts?: string;
  timeZone?: string;
  out?: string;
  format?: 'pdf' | 'html';
  verify?: string;
  json?: boolean;
  /** Each analysis's option flags (`--test`, `--chunk`, …), by commander's camelCase key. */
  [flag: string]: unknown;
}

export function registerReport(program: Command): void {
  const cmd = program
    .command('report')
    .description('write an audit-ready report (PDF or HTML) of REFERENCE vs CURRENT, or verify one with --verify')
    .option('--reference <dataset>', 'reference dataset')
    .option('--current <dataset>', 'current dataset')
    .option('--dataset <dataset>', 'the dataset of analyses that read one (performance, fairness, ab; default: --current)')
    .option('--sections <a,b,…>', `sections in order (${SECTION_IDS.join(', ')}; default: all that apply)`)
    .option('--where <expr>', 'segment filter applied to both datasets')
    .option('--spec <file>', 'saved analysis spec (JSON); other options override its fields')
    .option('--save-spec <file>', 'also write the analysis spec that regenerates this report')
    .option('--title <text>', 'report title')
    .option('--author <name>', 'author shown on the cover')
    .option('--organisation <name>', 'organisation shown on the cover')
    .addOption(new Option('--page-size <size>', 'PDF page size').choices(['A4', 'Letter']))
    .addOption(new Option('--charts <which>', 'distribution charts for drifted columns or for all').choices(['drifted', 'all']))
    .option('--over-time-charts <n>', 'drift over time: charts for the n most drifted columns (default 6); the table lists every column')
    .option('--time-zone <iana>', 'time zone for printed dates (default: this machine’s)')
    .option('--out <file>', 'output file: .pdf or .html')
    .addOption(new Option('--format <format>', 'output format (default: from --out)').choices(['pdf', 'html']))
    .option('--verify <report.pdf>', 'recompute a report from this workspace and compare: exit 0 on pass, 1 naming differences')
  // Every analysis's flags; shared names are one flag or prefixed (report-flags.ts says which).
  const routes = reportFlagRoutes(ANALYSES, new Set([...cmd.options.map((o) => o.long!), '--json', '--help']));
  for (const f of registeredFlags(routes)) cmd.addOption(cliOption(f));
  cmd
    .option('--json', 'print JSON')
    .action(async (opts: ReportCliOptions, cmd: Command) => {
      traceMark('cli: report command parsed');
      await withClient(cmd, async (client) => {
        const cancel = cancelOnSigint();
        try {
          if (opts.verify) {
            const v = await client.verifyReport({ path: opts.verify }, { signal: cancel.signal });
            if (opts.json) printJson(v);
            else if (v.ok) process.stdout.write(`PASS: report ${v.reportId} matches this workspace: same data, same settings, same numbers.\n`);
            else process.stdout.write(`FAIL: report ${v.reportId} differs from this workspace:\n${v.differences.map((d) => `  - ${d}`).join('\n')}\n`);
            if (!v.ok) process.exitCode = 1;
            return;
          }
          if (!opts.out) throw new PlumblineError('BAD_REQUEST', 'Give --out report.pdf (or .html), or --verify report.pdf.');
          const spec = opts.spec ? loadSpec(opts.spec) : undefined;
          const current = opts.current ?? spec?.current;
          const reference = opts.reference ?? spec?.reference;
          const options = (await optionsFromFlags(analysisById('drift'), flagsOf(routes, 'drift', opts), { reference, current }, client)) as ReportArgs['options'];
          const typed = (key: string) => opts[key] !== undefined && cmd.getOptionValueSource(key) !== 'default';
          const sectionIds = opts.sections ? opts.sections.split(',').map((s) => s.trim()).filter(Boolean) : (spec?.sections ?? null);
          const analyses = await analysesFromFlags(routes, opts, typed, sectionIds, { reference, current, dataset: opts.dataset ?? current }, spec?.analyses ?? {}, client);
          const overTimeCharts = opts.overTimeCharts === undefined ? undefined : Number(opts.overTimeCharts);
          if (overTimeCharts !== undefined && !(Number.isInteger(overTimeCharts) && overTimeCharts >= 0)) {
            throw new PlumblineError('BAD_REQUEST', `--over-time-charts takes a whole number ≥ 0, not ${JSON.stringify(opts.overTimeCharts)}.`);
          }
          const args: ReportArgs = {
            ...(spec ? { spec } : {}),
            ...(opts.reference ? { reference: opts.reference } : {}),
            ...(opts.current ? { current: opts.current } : {}),
            ...(opts.sections ? { sections: opts.sections.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
            ...(opts.where !== undefined ? { where: opts.where } : {}),
            ...(options ? { options } : {}),
            ...(Object.keys(analyses).length ? { analyses } : {}),
            ...(overTimeCharts !== undefined ? { overTimeCharts } : {}),
            ...(opts.charts ? { charts: opts.charts } : {}),
            ...(opts.title !== undefined ? { title: opts.title } : {}),
            ...(opts.author !== undefined ? { author: opts.author } : {}),
            ...(opts.organisation !== undefined ? { organisation: opts.organisation } : {}),
            ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
            ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
          };
          if (!args.spec && (!args.reference || !args.current) && !args.analyses) throw new PlumblineError('BAD_REQUEST', 'Give --reference and --current, or --spec FILE.');
          const result = await client.exportReport(
            { ...args, out: opts.out, ...(opts.format ? { format: opts.format } : {}) },
            {
              signal: cancel.signal,
              onProgress: (p) => {
                if (!opts.json && process.stderr.isTTY) process.stderr.write(`\r\x1b[K${p.phase}…`);
              },
            },
          );
          if (!opts.json && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
          const specPath = opts.saveSpec ? saveSpec(opts.saveSpec, specFromArgs(resolveReportArgs(args))) : null;
          if (opts.json) return printJson(specPath ? { ...result, spec: specPath } : result);
          process.stdout.write(
            `Wrote ${result.path} (${result.format.toUpperCase()}${result.pages !== null ? `, ${result.pages} pages` : ''}, ${formatBytes(result.bytes)}) in ${result.seconds.toFixed(2)} s\nreport ${result.reportId}\nsha256 ${result.sha256}\n${specPath ? `spec ${specPath}\n` : ''}`,
          );
        } finally {
          cancel.dispose();
        }
      });
    });
}

/** The analysis that owns each section id. */
function analysisOfSection(id: string): AnyAnalysis | null {
  const s = REPORT_SECTIONS.find((x) => x.id === id);
  return s ? analysisById(s.analysis) : null;
}

/**
 * The analyses other than drift that the report asks for — by its sections or its spec — with
 * their datasets and the options their flags set (flags replace the spec's options of that
 * analysis, as drift's flags replace the spec's drift options). A flag typed only for an analysis
 * the report does not hold is an error, not silently dropped.
 */
async function analysesFromFlags(
  routes: readonly ReportFlagRoute[],
  opts: Readonly<Record<string, unknown>>,
  typed: (key: string) => boolean,
  sectionIds: readonly string[] | null,
  names: { reference?: string; current?: string; dataset?: string },
  fromSpec: Readonly<Record<string, ReportAnalysis>>,
  client: PlumblineClient,
): Promise<Record<string, ReportAnalysis>> {
  const asked = new Set<string>(Object.keys(fromSpec));
  for (const id of sectionIds ?? []) {
    const a = analysisOfSection(id);
    if (a) asked.add(a.id);
  }
  const withFlags = analysesWithFlags(routes, typed);
  const long = (r: ReportFlagRoute) => r.registered.flags.split(/[ ,]/)[0];
  // A shared flag (--chunk) serves drift or an analysis asked for; only a flag no held analysis reads is an error.
  const read = new Set(routes.filter((r) => r.analysis === 'drift' || asked.has(r.analysis)).map(long));
  for (const [id, flags] of withFlags) {
    const unread = flags.filter((f) => !read.has(f));
    if (id === 'drift' || asked.has(id) || unread.length === 0) continue;
    const sections = REPORT_SECTIONS.filter((s) => s.analysis === id).map((s) => s.id);
    throw new PlumblineError('BAD_REQUEST', `${unread.join(', ')} ${unread.length === 1 ? 'is a flag' : 'are flags'} of the ${id} analysis, whose sections (${sections.join(', ')}) this report does not hold: add them to --sections.`);
  }
  const out: Record<string, ReportAnalysis> = {};
  for (const id of asked) {
    if (id === 'drift' || (fromSpec[id] && !withFlags.has(id))) continue;
    const a = analysisById(id);
    const datasets: Record<string, string> = { ...fromSpec[id]?.datasets };
    for (const d of a.datasets) {
      // reference → --reference; a slot read through --dataset (performance's current, fairness's and A/B's dataset) → --dataset, which defaults to --current.
      const name = d.slot === 'reference' ? names.reference : d.slot === 'current' && !d.flag ? names.current : names.dataset;
      if (name) datasets[d.slot] = name;
      if (!datasets[d.slot] && !d.optional) {
        throw new PlumblineError('BAD_REQUEST', `The ${id} analysis needs a ${d.slot} dataset: give --${d.slot === 'reference' ? 'reference' : 'dataset'} (or --current).`);
      }
    }
    const options = await optionsFromFlags(a, flagsOf(routes, id, opts), datasets, client);
    out[id] = { datasets, ...(options !== undefined ? { options } : {}) };
  }
  return out;
}
