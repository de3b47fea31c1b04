/**
 * Performance from rows chunk by chunk (stream.ts, the module's computeStream): a binary score run
 * tallies repeating scores per class as chunks come (keeping no row) and keeps label bytes and
 * scores for continuous ones, and its result equals the whole-column run's byte for byte — for
 * chunks of 1, 97 and 4096 rows, with and without a row bound, numeric and categorical labels,
 * missing labels and scores, repeating scores (decimals counted directly, others hashed, decimals
 * then others: the tally moves to its table; few and many distinct: the table grows) and
 * continuous ones past the tally's cap (the second pass), a chosen positive class; a label that is not binary (a third class, a regression target) reads whole
 * columns and gives the whole-column answer or error; runs with a prediction column, a reference,
 * segments or chunks do not stream at all.
 */
import { describe, expect, it } from 'vitest';
import { performanceAnalysis } from '../../../core/analyses/performance';
import { streamBinary, streamsBinary } from '../../../core/analyses/performance/stream';
import type { PerformanceOptions } from '../../../core/analyses/performance/types';
import type { ColumnInfo } from '../../../core/api/types';
import type { ColumnRole, TypedColumn } from '../../../core/data/column';
import type { ChunkStream } from '../../../core/data/row-chunks';
import { rng } from '../../helpers/rng';

function num(name: string, values: readonly number[]): TypedColumn {
  return { name, kind: 'numeric', type: 'real', values: Float64Array.from(values) };
}

function cat(name: string, values: readonly (string | null)[], dictionary: readonly string[]): TypedColumn {
  return { name, kind: 'categorical', type: 'categorical', codes: Int32Array.from(values, (v) => (v === null ? -1 : dictionary.indexOf(v))), dictionary };
}

/** Whole columns as a stream of `size`-row chunks (copies, as reused buffers would hold them). */
function stream(columns: readonly TypedColumn[], size: number, bounded: boolean): ChunkStream {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const length = (c: TypedColumn) => (c.kind === 'numeric' ? c.values.length : c.codes.length);
  return {
    ...(bounded ? { maxRows: length(columns[0]) } : {}),
    describe: (n) => {
      const c = byName.get(n);
      return c && (c.kind === 'numeric' ? { ...c, values: new Float64Array(0) } : { ...c, codes: new Int32Array(0) });
    },
    *pass(names) {
      const cols = names.map((n) => byName.get(n)!);
      for (let at = 0; at < length(cols[0]); at += size) {
        const n = Math.min(size, length(cols[0]) - at);
        yield { offset: at, rows: n, columns: cols.map((c) => (c.kind === 'numeric' ? { ...c, values: c.values.slice(at, at + n) } : { ...c, codes: c.codes.slice(at, at + n) })) };
      }
    },
    canStream: () => true,
    // eslint-disable-next-line require-yield
    *whole(names) {
      return names.map((n) => byName.get(n)!);
    },
  };
}

function infoOf(columns: readonly TypedColumn[], roles: Record<string, ColumnRole>): ColumnInfo[] {
  return columns.map((c, index) => ({ name: c.name, index, type: c.type, role: roles[c.name] ?? 'feature', missing: 0 }) as unknown as ColumnInfo);
}

const r = rng(5);
const N = 90_000; // continuous scores: > 65,536 distinct labelled ones, past the tally's cap
const COLUMNS: TypedColumn[] = [
  num('y', Array.from({ length: N }, () => (r() < 0.04 ? NaN : r() < 0.4 ? 1 : 0))),
  num('yneg', Array.from({ length: N }, (_, i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 1 : 0))),
  cat('yc', Array.from({ length: N }, () => (r() < 0.03 ? null : r() < 0.3 ? 'fraud' : 'ok')), ['ok', 'unused', 'fraud']),
  num('y3', Array.from({ length: N }, (_, i) => (i < N - 5 ? i % 2 : 2))),
  num('yr', Array.from({ length: N }, (_, i) => (i % 2 ? 0.5 : 1.5))),
  num('p', Array.from({ length: N }, () => (r() < 0.03 ? NaN : r()))),
  num('pc', Array.from({ length: N }, () => Math.round(r() * 20) / 20)),
  // ~20,000 distinct repeating scores: the tally's table grows past its first sizes.
  num('pm', Array.from({ length: N }, () => (r() < 0.01 ? Infinity : Math.round(r() * 20_000) / 7))),
  // Two decimals for the first rows (the tally counts by k / 100), then sevenths: it moves to its hashed table.
  num('ps', Array.from({ length: N }, (_, i) => (i < 50_000 ? Math.round(r() * 100) / 100 : Math.round(r() * 300) / 7))),
];
const INFO = { current: infoOf(COLUMNS, {}) };

function onWhole(options: PerformanceOptions): string {
  const names = performanceAnalysis.columns(options, INFO, { current: 'd' }).columns.current;
  try {
    return JSON.stringify(performanceAnalysis.compute({ columns: { current: names.map((n) => COLUMNS.find((c) => c.name === n)!) }, info: INFO }, options));
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

function streamed(options: PerformanceOptions, size: number, bounded: boolean): string {
  try {
    const steps = performanceAnalysis.computeStream!({ current: stream(COLUMNS, size, bounded) }, INFO, options);
    for (;;) {
      const s = steps.next();
      if (s.done) return JSON.stringify(s.value);
    }
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

describe('performance from the stream', () => {
  it('equals the whole-column run byte for byte, for chunks of 1, 97 and 4096 rows, with or without a row bound', () => {
    const cases: PerformanceOptions[] = [
      { label: 'y', score: 'p' },
      { label: 'y', score: 'pc', threshold: 0.3, beta: 2, costFp: 3, calibrationStrategy: 'quantile' },
      { label: 'yc', score: 'p' },
      { label: 'yc', score: 'pc', positiveLabel: 'ok' },
      { label: 'yneg', score: 'pc' },
      { label: 'y', score: 'p', positiveLabel: '0' },
      { label: 'yc', score: 'pm', positiveLabel: 'fraud' },
      { label: 'yneg', score: 'p' },
      { label: 'y', score: 'ps' },
      { label: 'yc', score: 'ps', positiveLabel: 'ok' },
    ];
    for (const options of cases) {
      const whole = onWhole(options);
      expect(whole).toContain('"roc":');
      for (const size of [1, 97, 4096]) for (const bounded of size === 1 ? [true] : [true, false]) expect(streamed(options, size, bounded), `${JSON.stringify(options)}, chunks of ${size}`).toBe(whole);
    }
  });

  it('tallies repeating scores keeping no row, and keeps label bytes and scores past the tally\'s cap', () => {
    const prepared = (score: string) => {
      const steps = streamBinary(stream(COLUMNS, 4096, true), INFO.current, { label: 'y', score });
      for (;;) {
        const s = steps.next();
        if (s.done) return s.value!.prep;
      }
    };
    const repeating = prepared('pm');
    expect(repeating.tallied?.rows).toBe(N);
    expect(repeating.y.length + repeating.score!.length).toBe(0);
    const continuous = prepared('p');
    expect(continuous.tallied).toBeUndefined();
    expect(continuous.y.length).toBe(N);
    expect(continuous.score!.length).toBe(N);
  });

  it('a label that is not binary reads whole columns: the same answer or error', () => {
    const cases: PerformanceOptions[] = [{ label: 'y3', score: 'p' }, { label: 'y3', score: 'p', task: 'binary' }, { label: 'yr', score: 'p' }, { label: 'yc', score: 'p', positiveLabel: 'maybe' }];
    for (const options of cases) expect(streamed(options, 97, true)).toBe(onWhole(options));
    expect(onWhole({ label: 'yr', score: 'p' })).toContain('"task":"regression"');
  });

  it('streams only a score run with nothing else read per row', () => {
    const info = { current: infoOf(COLUMNS, { y: 'label', p: 'score' }) };
    expect(streamsBinary({}, info, { current: 'd' })).toBe(true);
    expect(streamsBinary({ label: 'y', score: 'p' }, INFO, { current: 'd' })).toBe(true);
    expect(streamsBinary({ label: 'y', score: 'p', prediction: 'pc' }, INFO, { current: 'd' })).toBe(false);
    expect(streamsBinary({ label: 'y', score: 'p' }, { ...INFO, reference: INFO.current }, { current: 'd', reference: 'e' })).toBe(false);
    expect(streamsBinary({ label: 'y', score: 'p', segmentBy: ['yc'] }, INFO, { current: 'd' })).toBe(false);
    expect(streamsBinary({ label: 'y', score: 'p', chunk: { by: 'count', size: 100 } }, INFO, { current: 'd' })).toBe(false);
    expect(streamsBinary({ label: 'y', score: 'yc' }, INFO, { current: 'd' })).toBe(false);
    expect(streamsBinary({ label: 'y', score: 'p', task: 'regression' }, INFO, { current: 'd' })).toBe(false);
  });
});
