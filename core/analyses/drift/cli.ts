/** How `plumbline drift` (and `plumbline report`) turn flags into DriftOptions, and print a run. */
import { PlumblineError } from '../../api/errors';
import type { DatasetDetail } from '../../api/types';
import { int } from '../../format/numbers';
import { table } from '../../format/table';
import type { AnalysisCli, AnalysisRun } from '../module';
import { seasonalSentence } from './checks';
import { DRIFT_TESTS, SEASONAL_REFERENCES, type ChunkSpec, type SeasonalReference, type DriftOptions, type DriftResult, type DriftTest, type OverTimeResult } from './types';

export interface DriftFlags {
  columns?: string;
  test?: string;
  threshold?: string;
  chunk?: string;
  chunkThresholds?: 'fixed' | 'reference_chunks';
  seasonalReference?: SeasonalReference;
  driftShare?: string;
}

/** Turns the command line into DriftOptions; `timestampColumn` is asked only when chunking by period. */
export async function driftOptionsFromCli(opts: DriftFlags, timestampColumn: () => Promise<string>): Promise<DriftOptions> {
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
  if (opts.seasonalReference !== undefined && opts.seasonalReference !== 'off' && !chunk) {
    throw new PlumblineError('BAD_REQUEST', `--seasonal-reference ${opts.seasonalReference} compares chunks of the current data: give --chunk day, week or month too.`);
  }
  const threshold = number('--threshold', opts.threshold);
  const share = number('--drift-share', opts.driftShare);
  if (share !== undefined && share > 1) throw new PlumblineError('BAD_REQUEST', '--drift-share is a share between 0 and 1.');
  return {
    ...(opts.test !== undefined && opts.test !== 'auto' ? { test: opts.test as DriftTest } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    ...(opts.columns ? { columns: opts.columns.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
    ...(share !== undefined ? { driftShareThreshold: share } : {}),
    ...(chunk
      ? {
          overTime: {
            chunk,
            thresholds: opts.chunkThresholds ?? 'fixed',
            ...(opts.seasonalReference && opts.seasonalReference !== 'off' ? { seasonalReference: opts.seasonalReference } : {}),
          },
        }
      : {}),
  };
}

/** The current dataset's timestamp column, for `--chunk day|week|month`. */
async function timestampOf(current: DatasetDetail, chunk: string | undefined): Promise<string> {
  const ts = current.columnInfo.find((c) => c.role === 'timestamp' && c.type === 'timestamp');
  if (!ts) {
    throw new PlumblineError('BAD_REQUEST', `--chunk ${chunk} needs a timestamp column in "${current.name}"; none has the timestamp role. Set one with --role at import, or chunk by row count (--chunk 10000).`);
  }
  return ts.name;
}

function num(v: number | null): string {
  if (v === null) return '–';
  if (v !== 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e6)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

/** Who was compared, on how many rows after the filter (the dataset's full size alongside). */
function header(run: AnalysisRun<DriftResult, DriftOptions>): string {
  const r = run.result;
  const slot = (name: string, rows: number) => {
    const d = run.provenance[name];
    return `${name} ${d ? JSON.stringify(d.name) : ''}: ${int(rows)} rows${d && d.rows !== rows ? ` of ${int(d.rows)}` : ''}`;
  };
  const where = run.settings.where ? `\nfilter (both datasets): ${run.settings.where}` : '';
  return `${slot('reference', r.n_reference_rows)}; ${slot('current', r.n_current_rows)}${where}\n\n`;
}

/** The over-time part in short: the cut, and per column how many chunks drifted and which. */
function overTime(o: OverTimeResult): string {
  const cut = o.chunk.by === 'period' ? `by ${o.chunk.period} of ${JSON.stringify(o.chunk.timestamp)}` : `every ${int(o.chunk.size)} rows`;
  const chunks = o.series[0]?.points ?? [];
  const sizes = chunks.map((p) => p.rows);
  const range = sizes.length ? `, ${int(Math.min(...sizes))}–${int(Math.max(...sizes))} current rows each` : '';
  const lines = [
    `Drift over time, ${cut}: ${chunks.length} chunk${chunks.length === 1 ? '' : 's'}${range}; thresholds ${o.thresholds === 'fixed' ? 'fixed' : 'from reference chunks'}${
      o.seasonal_reference ? `; reference: the same ${o.seasonal_reference === 'month' ? 'months' : 'weekdays'} only` : ''
    }.`,
  ];
  const seasonal = seasonalSentence(o);
  if (seasonal) lines.push(seasonal);
  if (o.rows_without_timestamp > 0) lines.push(`${int(o.rows_without_timestamp)} current rows without a timestamp were left out.`);
  const rows = o.series.map((s) => {
    const drifted = s.points.filter((p) => p.drifted);
    const which = drifted.slice(0, 4).map((p) => p.label).join(', ') + (drifted.length > 4 ? `, … (${drifted.length - 4} more)` : '');
    return [s.column, s.test ?? '–', `${drifted.length} of ${s.points.length}`, s.seasonal ? 'yes' : 'no', s.note ?? (which || '–')];
  });
  const total = o.series.reduce((n, s) => n + s.points.length, 0);
  const failed = o.series.reduce((n, s) => n + s.points.filter((p) => p.drifted).length, 0);
  return `\n${lines.join('\n')}\n${table(['column', 'test', 'chunks drifted', 'seasonal', 'drifted chunks'], rows)}\n${failed} of ${total} column × chunk checks drifted.\n`;
}

function text(run: AnalysisRun<DriftResult, DriftOptions>): string {
  const r = run.result;
  const rows = [...r.columns]
    .sort((a, b) => Number(b.drifted) - Number(a.drifted) || a.column.localeCompare(b.column))
    .map((c) => [c.column, c.kind, c.test ?? '–', num(c.statistic), c.p_value === null ? '–' : num(c.p_value), num(c.threshold), c.error ? `error: ${c.error}` : c.drifted ? 'DRIFT' : 'ok']);
  const warned = r.warnings?.length ? `${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'} (on stderr).\n` : '';
  return (
    header(run) +
    `${table(['column', 'kind', 'test', 'statistic', 'p-value', 'threshold', 'result'], rows)}\n\n` +
    `${r.n_drifted} of ${r.n_tested} columns drifted (${(100 * r.share_drifted).toFixed(1)}%; dataset drift when ≥ ${(100 * r.drift_share_threshold).toFixed(0)}%): ${r.dataset_drift ? 'DATASET DRIFT' : 'no dataset drift'}.\n` +
    (r.over_time ? overTime(r.over_time) : '') +
    warned
  );
}

export const driftCli: AnalysisCli<DriftOptions, DriftResult> = {
  description: 'test every column of CURRENT for drift against REFERENCE',
  flags: [
    { flags: '--columns <a,b,…>', description: 'only these columns (default: all shared columns except ids and timestamps)' },
    { flags: '--test <test>', description: 'test for every column', choices: ['auto', ...DRIFT_TESTS], default: 'auto' },
    { flags: '--threshold <x>', description: 'threshold for the chosen test (p-value tests: drift when p < x; distances: when ≥ x)' },
    { flags: '--chunk <period|N>', description: 'drift over time: day, week, month (by the timestamp column) or every N rows' },
    { flags: '--chunk-thresholds <kind>', description: 'thresholds over time', choices: ['fixed', 'reference_chunks'], default: 'fixed' },
    {
      flags: '--seasonal-reference <period>',
      description: 'over time: compare each chunk with the reference rows of the same months of the year or days of the week (default off: the whole reference)',
      choices: SEASONAL_REFERENCES,
    },
    { flags: '--drift-share <x>', description: 'dataset drift when this share of columns drifts (default 0.5)' },
  ],
  async options(flags, dataset) {
    const f = flags as DriftFlags;
    const given = f.columns !== undefined || (f.test !== undefined && f.test !== 'auto') || f.threshold !== undefined || f.chunk !== undefined || f.driftShare !== undefined || f.seasonalReference !== undefined;
    if (!given) return undefined;
    return driftOptionsFromCli(f, async () => timestampOf(await dataset('current'), f.chunk));
  },
  text,
  failOn: { flags: '--fail-on-drift', description: 'exit with status 1 when dataset drift is found (for pipelines)', fails: (r) => r.dataset_drift },
};
