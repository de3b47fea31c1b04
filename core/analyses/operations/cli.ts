/**
 * `plumbline operations`: flags → options (columns by name, the score threshold, the chunking),
 * and the text a terminal prints: overall health, per version, per chunk, volume by hour and day.
 */
import { PlumblineError } from '../../api/errors';
import { num, percent } from '../../format/numbers';
import { table } from '../../format/table';
import { chunkFromFlag } from '../fairness/cli';
import type { AnalysisCli, AnalysisRun } from '../module';
import { WEEKDAYS } from './charts';
import { DEFAULT_THRESHOLD } from './operations';
import type { LatencySummary, OperationsOptions, OperationsResult } from './types';

interface OperationsFlags {
  latency?: string;
  timestamp?: string;
  status?: string;
  errorValue?: string[];
  modelVersion?: string;
  score?: string;
  threshold?: string;
  prediction?: string;
  chunk?: string;
}

const ms = (v: number | null | undefined) => (v === null || v === undefined ? '–' : num(v));
const lat = (l: LatencySummary | null) => (l ? [ms(l.p50), ms(l.p95), ms(l.p99), ms(l.mean), ms(l.max)] : ['–', '–', '–', '–', '–']);

export function operationsText(run: AnalysisRun<OperationsResult, OperationsOptions>): string {
  const r = run.result;
  const c = r.columns;
  const out: string[] = [];
  out.push(`${r.rows.toLocaleString('en-US')} rows. Columns: timestamp ${c.timestamp ?? '–'}, latency ${c.latency ?? '–'}, status ${c.status ?? '–'}, version ${c.version ?? '–'}, score ${c.score ?? '–'}, prediction ${c.prediction ?? '–'}.`);
  const head = ['', 'rows', 'P50 ms', 'P95 ms', 'P99 ms', 'mean ms', 'max ms', 'error rate', 'positive rate'];
  const rows: string[][] = [['all', r.rows.toLocaleString('en-US'), ...lat(r.latency), percent(r.error_rate, 2), percent(r.predictions.predicted_positive_rate)]];
  if (r.reference) rows.push(['reference', r.reference.rows.toLocaleString('en-US'), ...lat(r.reference.latency), percent(r.reference.error_rate, 2), percent(r.reference.predicted_positive_rate)]);
  for (const v of r.by_version ?? []) rows.push([`${c.version} = ${v.version}`, v.rows.toLocaleString('en-US'), ...lat(v.latency), percent(v.error_rate, 2), percent(v.predicted_positive_rate)]);
  out.push('', table(head, rows));
  if (r.throughput?.rows_per_hour != null) out.push(`Throughput: ${num(r.throughput.rows_per_hour)} rows/hour (${num(r.throughput.rows_per_day)} rows/day) from ${r.throughput.first} to ${r.throughput.last}.`);
  if (r.errors) out.push(`Errors: ${r.errors.errors} of ${r.errors.known} rows with a status (${r.errors.rule}).`);
  if (r.predictions.positive_rule) out.push(`Positive: ${r.predictions.positive_rule}.`);
  const o = r.over_time;
  if (o) {
    const what = o.chunk.by === 'period' ? `per ${o.chunk.period} of ${o.chunk.timestamp}` : `every ${o.chunk.size} rows`;
    out.push('', `Over time, ${what}${o.automatic ? ' (chosen automatically; --chunk to change)' : ''}:`);
    out.push(table(['chunk', 'rows', 'rows/hour', 'P50 ms', 'P95 ms', 'P99 ms', 'error rate', 'positive rate', 'mean score'], o.chunks.map((k) => [k.label, String(k.rows), k.rows_per_hour === null ? '–' : num(k.rows_per_hour), ...lat(k.latency).slice(0, 3), percent(k.error_rate, 2), percent(k.predicted_positive_rate), k.mean_score === null ? '–' : num(k.mean_score)])));
    if (o.rows_without_timestamp) out.push(`${o.rows_without_timestamp} rows without a timestamp are in no chunk.`);
    if (o.by_version && o.by_version.length > 1) {
      out.push('', `Over time per ${c.version}:`);
      const rows2 = o.by_version.flatMap((v) => v.chunks.map((k, i) => [o.chunks[i].label, v.version, String(k.rows), k.rows_per_hour === null ? '–' : num(k.rows_per_hour), ...lat(k.latency).slice(0, 3), percent(k.error_rate, 2)]));
      out.push(table(['chunk', 'version', 'rows', 'rows/hour', 'P50 ms', 'P95 ms', 'P99 ms', 'error rate'], rows2));
    }
  }
  if (r.volume_by_hour) out.push('', `Rows by hour of day (UTC): ${r.volume_by_hour.map((n, h) => `${String(h).padStart(2, '0')}h ${n}`).join(', ')}`);
  if (r.volume_by_weekday) out.push(`Rows by day of week (UTC): ${r.volume_by_weekday.map((n, d) => `${WEEKDAYS[d]} ${n}`).join(', ')}`);
  for (const n of r.notes) out.push(`note: ${n}`);
  return `${out.join('\n')}\n`;
}

export const operationsCli: AnalysisCli<OperationsOptions, OperationsResult> = {
  description: 'operational health of DATASET: latency P50/P95/P99, throughput, error rate, per model version, predictions and volume over time',
  flags: [
    { flags: '--latency <column>', description: 'latency column in milliseconds (default: a numeric column named like latency/duration)' },
    { flags: '--timestamp <column>', description: 'timestamp column (default: the column with the timestamp role)' },
    { flags: '--status <column>', description: 'status or error column for the error rate (default: one named like status/error/http_code)' },
    { flags: '--error-value <value>', description: 'a status value that counts as an error (repeatable; default: 1 of a 0/1 flag, ≥ 500 of a code, error/fail/timeout text)', repeatable: true },
    // Not --version: commander gives that to the program (`plumbline --version` prints Plumbline's version) wherever it appears.
    { flags: '--model-version <column>', description: 'model version column for the per-version breakdown (default: the variant role, or model_version)' },
    { flags: '--score <column>', description: 'score column (default: the column with the score role)' },
    { flags: '--threshold <t>', description: `predicted positive when score ≥ t (default ${DEFAULT_THRESHOLD})` },
    { flags: '--prediction <column>', description: 'prediction column (default: the column with the prediction role)' },
    { flags: '--chunk <period|N>', description: 'over-time chunks: day, week, month (by the timestamp) or every N rows (default: chosen by the span)' },
  ],
  async options(flags, dataset) {
    const f = flags as OperationsFlags;
    const out: { -readonly [K in keyof OperationsOptions]: OperationsOptions[K] } = {};
    for (const k of ['latency', 'timestamp', 'status', 'score', 'prediction'] as const) if (f[k] !== undefined) out[k] = f[k];
    if (f.modelVersion !== undefined) out.version = f.modelVersion;
    if (f.errorValue?.length) out.errorValues = f.errorValue.map((v) => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v));
    if (f.threshold !== undefined) {
      const t = Number(f.threshold);
      if (f.threshold.trim() === '' || !Number.isFinite(t)) throw new PlumblineError('BAD_REQUEST', `--threshold takes a number, not ${JSON.stringify(f.threshold)}.`);
      out.threshold = t;
    }
    if (f.chunk !== undefined) {
      out.chunk = await chunkFromFlag(f.chunk, async () => {
        if (f.timestamp) return f.timestamp;
        const ds = await dataset('dataset');
        const ts = ds.columnInfo.find((c) => c.role === 'timestamp' && c.type === 'timestamp') ?? ds.columnInfo.find((c) => c.type === 'timestamp');
        if (!ts) throw new PlumblineError('BAD_REQUEST', `--chunk ${f.chunk} needs a timestamp column in "${ds.name}"; name one with --timestamp, or chunk by row count (--chunk 10000).`);
        return ts.name;
      });
    }
    return Object.keys(out).length ? out : undefined;
  },
  text: operationsText,
};
