// The operations analysis against numpy and pandas (tests/reference/operations_reference.py):
// latency percentiles (np.percentile, 'linear'), error rate, predicted-positive rate, throughput,
// score histogram (np.histogram), per version (groupby), per UTC day, per version per day, volume by hour and weekday —
// on a small log with ties and NaNs, a large one, an empty, a constant and a one-row log.
import { describe, expect, it } from 'vitest';
import { analyzeOperations } from '../../../core/analyses/operations/operations';
import type { LatencySummary, SliceFigures } from '../../../core/analyses/operations/types';
import { categorical, close, numeric, readJson } from './helpers';

interface Case {
  name: string;
  input: { ts: (number | null)[]; latency: (number | null)[]; status: (number | null)[]; version: (string | null)[]; score: (number | null)[] };
  expected: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}
const REF = readJson<{ cases: Case[] }>('operations_reference.json');
const COLS = { timestamp: 'ts', latency: 'latency', status: 'status', version: 'version', score: 'score', prediction: null };

function latency(a: LatencySummary | null, e: LatencySummary, what: string): void {
  expect(a, what).not.toBeNull();
  expect(a!.count, `${what} count`).toBe(e.count);
  expect(a!.missing, `${what} missing`).toBe(e.missing);
  for (const k of ['mean', 'min', 'max', 'p50', 'p95', 'p99'] as const) close(a![k], e[k], `${what} ${k}`);
}

function figures(a: SliceFigures, e: SliceFigures, what: string): void {
  expect(a.rows, `${what} rows`).toBe(e.rows);
  latency(a.latency, e.latency!, `${what} latency`);
  close(a.error_rate, e.error_rate, `${what} error_rate`);
  expect(a.errors, `${what} errors`).toBe(e.errors);
  close(a.predicted_positive_rate, e.predicted_positive_rate, `${what} predicted_positive_rate`);
  close(a.mean_score, e.mean_score, `${what} mean_score`);
}

describe('operations against numpy/pandas', () => {
  for (const c of REF.cases) {
    describe(c.name, () => {
      const columns = [
        numeric('ts', c.input.ts, 'timestamp'),
        numeric('latency', c.input.latency),
        numeric('status', c.input.status, 'integer'),
        categorical('version', c.input.version),
        numeric('score', c.input.score),
      ];
      const r = analyzeOperations({ columns }, COLS, { chunk: { by: 'period', timestamp: 'ts', period: 'day' } });
      const e = c.expected;

      it('overall: latency percentiles, error rate, positive rate, mean score', () => {
        figures({ rows: r.rows, latency: r.latency, error_rate: r.error_rate, errors: r.errors!.errors, predicted_positive_rate: r.predictions.predicted_positive_rate, mean_score: r.predictions.score!.mean }, e.overall, 'overall');
      });

      it('throughput, volume by hour and by weekday', () => {
        close(r.throughput!.rows_per_hour, e.rows_per_hour, 'rows_per_hour');
        close(r.throughput!.rows_per_day, e.rows_per_hour === null ? null : e.rows_per_hour * 24, 'rows_per_day');
        expect(r.volume_by_hour).toEqual(e.volume_by_hour);
        expect(r.volume_by_weekday).toEqual(e.volume_by_weekday);
      });

      it('score histogram', () => {
        expect(r.predictions.score!.histogram.counts).toEqual(e.score_histogram.counts);
        r.predictions.score!.histogram.edges.forEach((x, k) => close(x, e.score_histogram.edges[k], `edge ${k}`, 1e-15));
      });

      it('per model version', () => {
        const got = Object.fromEntries((r.by_version ?? []).map((v) => [v.version, v]));
        expect(Object.keys(got).sort()).toEqual(Object.keys(e.by_version).sort());
        for (const [v, ev] of Object.entries(e.by_version)) figures(got[v], ev as SliceFigures, `version ${v}`);
      });

      it('per UTC day', () => {
        const chunks = r.over_time!.chunks;
        expect(chunks.map((k) => k.label)).toEqual(e.days.map((d: { label: string }) => d.label));
        chunks.forEach((k, i) => {
          figures(k, e.days[i], k.label);
          close(k.rows_per_hour, e.days[i].rows_per_hour, `${k.label} rows_per_hour`);
          expect(k.score_counts).toEqual(e.days[i].score_counts);
        });
        expect(r.over_time!.rows_without_timestamp).toBe(e.rows_without_timestamp);
      });

      it('per model version per UTC day: the series the Operations views draw', () => {
        const series = r.over_time!.by_version!;
        // The versions drawn are the largest (by_version's order), each with one entry per chunk.
        expect(series.map((v) => v.version)).toEqual((r.by_version ?? []).slice(0, 8).map((v) => v.version));
        for (const v of series) {
          expect(v.chunks.length, v.version).toBe(r.over_time!.chunks.length);
          v.chunks.forEach((k, i) => {
            const what = `${v.version} on ${r.over_time!.chunks[i].label}`;
            const ev = e.days[i].by_version[v.version];
            if (!ev) {
              // pandas has no group for a version absent that day: here it is an empty slice.
              expect(k.rows, what).toBe(0);
              expect(k.latency?.p99 ?? null, what).toBeNull();
              return;
            }
            figures(k, ev, what);
            close(k.rows_per_hour, ev.rows_per_hour, `${what} rows_per_hour`);
          });
        }
        // Every version-day pandas has is drawn (no version here is beyond the 8 drawn).
        const drawn = series.reduce((n, v) => n + v.chunks.filter((k) => k.rows > 0).length, 0);
        expect(drawn).toBe(e.days.reduce((n: number, d: { by_version: object }) => n + Object.keys(d.by_version).length, 0));
      });
    });
  }
});
