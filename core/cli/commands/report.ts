import { Option, type Command } from 'commander';
import { PlumblineError } from '../../api/errors';
import type { ReportArgs } from '../../api/types';
import { ANALYSES, analysisById } from '../../analyses/registry';
import { SECTION_IDS } from '../../report/sections';
import { loadSpec, resolveReportArgs, saveSpec, specFromArgs } from '../../report/spec';
import { formatBytes } from '../output';
import { cancelOnSigint, printJson, withClient } from './context';
import { cliOption, optionsFromFlags } from './analysis';

interface ReportCliOptions {
  reference?: string;
  current?: string;
  sections?: string;
  where?: string;
  spec?: string;
  saveSpec?: string;
  title?: string;
  author?: string;
  organisation?: string;
  pageSize?: 'A4' | 'Letter';
  charts?: 'drifted' | 'all';
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
    .option('--sections <a,b,…>', `sections in order (${SECTION_IDS.join(', ')}; default: all that apply)`)
    .option('--where <expr>', 'segment filter applied to both datasets')
    .option('--spec <file>', 'saved analysis spec (JSON); other options override its fields')
    .option('--save-spec <file>', 'also write the analysis spec that regenerates this report')
    .option('--title <text>', 'report title')
    .option('--author <name>', 'author shown on the cover')
    .option('--organisation <name>', 'organisation shown on the cover')
    .addOption(new Option('--page-size <size>', 'PDF page size').choices(['A4', 'Letter']))
    .addOption(new Option('--charts <which>', 'distribution charts for drifted columns or for all').choices(['drifted', 'all']))
    .option('--time-zone <iana>', 'time zone for printed dates (default: this machine’s)')
    .option('--out <file>', 'output file: .pdf or .html')
    .addOption(new Option('--format <format>', 'output format (default: from --out)').choices(['pdf', 'html']))
    .option('--verify <report.pdf>', 'recompute a report from this workspace and compare: exit 0 on pass, 1 naming differences')
  // Analyses share some flag names (--threshold, --chunk): the first analysis listing one owns it here.
  const taken = new Set(cmd.options.map((o) => o.long));
  for (const a of ANALYSES) {
    for (const f of a.cli.flags) {
      const o = cliOption(f, `${a.id}: `);
      if (taken.has(o.long)) continue;
      taken.add(o.long);
      cmd.addOption(o);
    }
  }
  cmd
    .option('--json', 'print JSON')
    .action(async (opts: ReportCliOptions, cmd: Command) => {
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
          const options = (await optionsFromFlags(analysisById('drift'), opts, { reference, current }, client)) as ReportArgs['options'];
          const args: ReportArgs = {
            ...(spec ? { spec } : {}),
            ...(opts.reference ? { reference: opts.reference } : {}),
            ...(opts.current ? { current: opts.current } : {}),
            ...(opts.sections ? { sections: opts.sections.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
            ...(opts.where !== undefined ? { where: opts.where } : {}),
            ...(options ? { options } : {}),
            ...(opts.charts ? { charts: opts.charts } : {}),
            ...(opts.title !== undefined ? { title: opts.title } : {}),
            ...(opts.author !== undefined ? { author: opts.author } : {}),
            ...(opts.organisation !== undefined ? { organisation: opts.organisation } : {}),
            ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
            ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
          };
          if (!args.spec && (!args.reference || !args.current)) throw new PlumblineError('BAD_REQUEST', 'Give --reference and --current, or --spec FILE.');
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
