import { Option, type Command } from 'commander';
import { PlumblineError } from '../../api/errors';
import type { DriftOptions } from '../../api/types';
import { DRIFT_TESTS, type DriftTest, type ChunkSpec } from '../../analyses/drift/types';
import { table } from '../output';
import { cancelOnSigint, printJson, withClient } from './context';

interface DriftCliOptions {
  reference: string;
  current: string;
  columns?: string;
  test: string;
  threshold?: string;
  where?: string;
  chunk?: string;
  chunkThresholds: 'fixed' | 'reference_chunks';
  driftShare?: string;
  failOnDrift?: boolean;
  json?: boolean;
}

export function registerDrift(program: Command): void {
  program
    .command('drift')
    .description('test every column of CURRENT for drift against REFERENCE')
    .requiredOption('--reference <dataset>', 'reference dataset (training or validation data)')
    .requiredOption('--current <dataset>', 'current dataset (the production log)')
    .option('--columns <a,b,…>', 'only these columns (default: all shared columns except ids and timestamps)')
    .addOption(new Option('--test <test>', 'test for every column').choices(['auto', ...DRIFT_TESTS]).default('auto'))
    .option('--threshold <x>', "threshold for the chosen test (p-value tests: drift when p < x; distances: when ≥ x)")
    .option('--where <expr>', "segment filter, e.g. \"device = 'mobile' AND age >= 30\"")
    .option('--chunk <period|N>', 'drift over time: day, week, month (by the timestamp column) or every N rows')
    .addOption(new Option('--chunk-thresholds <kind>', 'thresholds over time').choices(['fixed', 'reference_chunks']).default('fixed'))
    .option('--drift-share <x>', 'dataset drift when this share of columns drifts (default 0.5)')
    .option('--fail-on-drift', 'exit with status 1 when dataset drift is found (for pipelines)')
    .option('--json', 'print JSON')
    .action(async (opts: DriftCliOptions, cmd: Command) => {
      await withClient(cmd, async (client) => {
        const options = await driftOptionsFromCli(opts, async () => {
          const cur = await client.getDataset({ dataset: opts.current });
          const ts = cur.columnInfo.find((c) => c.role === 'timestamp' && c.type === 'timestamp');
          if (!ts) {
            throw new PlumblineError('BAD_REQUEST', `--chunk ${opts.chunk} needs a timestamp column in "${opts.current}"; none has the timestamp role. Set one with --role at import, or chunk by row count (--chunk 10000).`);
          }
          return ts.name;
        });
        const cancel = cancelOnSigint();
        let run;
        try {
          run = await client.runDrift({ reference: opts.reference, current: opts.current, options, ...(opts.where ? { where: opts.where } : {}) }, { signal: cancel.signal });
        } finally {
          cancel.dispose();
        }
        const r = run.result;
        if (opts.json) {
          printJson({ ...r, settings: run.settings, provenance: run.provenance });
        } else {
          const rows = [...r.columns]
            .sort((a, b) => Number(b.drifted) - Number(a.drifted) || a.column.localeCompare(b.column))
            .map((c) => [c.column, c.kind, c.test ?? '–', num(c.statistic), c.p_value === null ? '–' : num(c.p_value), num(c.threshold), c.error ? `error: ${c.error}` : c.drifted ? 'DRIFT' : 'ok']);
          process.stdout.write(`${table(['column', 'kind', 'test', 'statistic', 'p-value', 'threshold', 'result'], rows)}\n\n`);
          process.stdout.write(
            `${r.n_drifted} of ${r.n_tested} columns drifted (${(100 * r.share_drifted).toFixed(1)}%; dataset drift when ≥ ${(100 * r.drift_share_threshold).toFixed(0)}%): ${r.dataset_drift ? 'DATASET DRIFT' : 'no dataset drift'}.\n`,
          );
        }
        // Warnings go to stderr, so that --json's stdout stays one document.
        for (const w of r.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
        if (opts.failOnDrift && r.dataset_drift) process.exitCode = 1;
      });
    });
}

/** Turns the command line into DriftOptions; `timestampColumn` is asked only when chunking by period. */
export async function driftOptionsFromCli(
  opts: Pick<DriftCliOptions, 'columns' | 'test' | 'threshold' | 'chunk' | 'chunkThresholds' | 'driftShare'>,
  timestampColumn: () => Promise<string>,
): Promise<DriftOptions> {
  const number = (flag: string, s: string | undefined) => {
    if (s === undefined) return undefined;
    const v = Number(s);
    if (!Number.isFinite(v) || v < 0) throw new PlumblineError('BAD_REQUEST', `${flag} takes a number ≥ 0, not ${JSON.stringify(s)}.`);
    return v;
  };
  let chunk: ChunkSpec | undefined;
  if (opts.chunk !== undefined) {
    if (['day', 'week', 'month'].includes(opts.chunk)) {
      chunk = { by: 'period', period: opts.chunk as 'day' | 'week' | 'month', timestamp: await timestampColumn() };
    } else if (/^[1-9]\d*$/.test(opts.chunk)) {
      chunk = { by: 'count', size: Number(opts.chunk) };
    } else {
      throw new PlumblineError('BAD_REQUEST', `--chunk takes day, week, month or a row count, not ${JSON.stringify(opts.chunk)}.`);
    }
  }
  const threshold = number('--threshold', opts.threshold);
  const share = number('--drift-share', opts.driftShare);
  if (share !== undefined && share > 1) throw new PlumblineError('BAD_REQUEST', '--drift-share is a share between 0 and 1.');
  return {
    ...(opts.test !== 'auto' ? { test: opts.test as DriftTest } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    ...(opts.columns ? { columns: opts.columns.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
    ...(share !== undefined ? { driftShareThreshold: share } : {}),
    ...(chunk ? { overTime: { chunk, thresholds: opts.chunkThresholds } } : {}),
  };
}

function num(v: number | null): string {
  if (v === null) return '–';
  if (v !== 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e6)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}
