/**
 * Streaming reads (core/engine/chunk-stream.ts, Workspace.readChunkInto) against whole-column
 * reads of the same stored chunks, written straight into the tables: every pass yields the rows
 * readColumn returns, in order, with contiguous offsets — under a segment filter exactly the rows
 * loadColumns keeps — and its buffers are reused from chunk to chunk. A/B computed from the stream
 * equals A/B computed on whole columns, byte for byte, over many chunks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { abAnalysis } from '../../../core/analyses/ab';
import { analyzeAb } from '../../../core/analyses/ab/ab';
import type { AbModuleOptions } from '../../../core/analyses/ab/schema';
import { PlumblineError } from '../../../core/api/errors';
import type { TypedColumn } from '../../../core/data/column';
import type { RowChunk } from '../../../core/data/row-chunks';
import { chunkStream } from '../../../core/engine/chunk-stream';
import { loadColumns } from '../../../core/engine/load-columns';
import { runStepsSync } from '../../../core/engine/steps';
import { encodeCodes, encodeF64, encodeStrings } from '../../../core/workspace/chunks';
import { Workspace } from '../../../core/workspace/workspace';
import { rng } from '../../helpers/rng';
import { tmpDir } from '../../helpers/tmp';

const dir = tmpDir();
const ws = new Workspace(path.join(dir, 'ws.db'));
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const DAY = 86_400_000;
const VARIANTS = ['control', 'treatment', "b'; DROP TABLE chunks; --"];
const REGIONS = ['north', 'south', 'east'];

/** An experiment log of `rows` rows in chunks of `chunkRows`, written chunk by chunk; `note` is a 'text' column with 'str' chunks. */
function store(name: string, rows: number, chunkRows: number): void {
  const r = rng(7);
  const data = Array.from({ length: rows }, (_, i) => {
    const v = r() < 0.02 ? -1 : r() < 0.48 ? 0 : r() < 0.9 ? 1 : 2;
    return {
      variant: v,
      region: r() < 0.05 ? -1 : Math.floor(r() * 3),
      ts: r() < 0.03 ? NaN : Date.UTC(2026, 0, 1) + Math.floor(r() * 20 * DAY),
      converted: r() < 0.02 ? NaN : r() < (v === 1 ? 0.12 : 0.1) ? 1 : 0,
      revenue: r() < 0.02 ? NaN : Math.round(r() * 5000) / 100 + (v === 1 ? 0.5 : 0),
      latency: r() < 0.02 ? NaN : 50 + Math.floor(r() * 200),
      note: r() < 0.1 ? null : `n${i % 17}`,
    };
  });
  ws.db.transaction(() => {
    const id = Number(ws.db.prepare('INSERT INTO datasets (name, row_count, chunk_rows, created_at) VALUES (?, ?, ?, ?)').run(name, rows, chunkRows, '2026-12-06T00:00:00Z').lastInsertRowid);
    const column = ws.db.prepare('INSERT INTO columns (dataset_id, idx, name, type, role, dictionary) VALUES (?, ?, ?, ?, ?, ?)');
    column.run(id, 0, 'variant', 'categorical', 'variant', JSON.stringify(VARIANTS));
    column.run(id, 1, 'region', 'categorical', 'feature', JSON.stringify(REGIONS));
    column.run(id, 2, 'ts', 'timestamp', 'timestamp', null);
    column.run(id, 3, 'converted', 'integer', 'feature', null);
    column.run(id, 4, 'revenue', 'real', 'feature', null);
    column.run(id, 5, 'latency_ms', 'real', 'feature', null);
    column.run(id, 6, 'note', 'text', 'feature', JSON.stringify([]));
    const chunk = ws.db.prepare('INSERT INTO chunks (dataset_id, column_idx, chunk_idx, row_count, encoding, data) VALUES (?, ?, ?, ?, ?, ?)');
    for (let k = 0, start = 0; start < rows; k++, start += chunkRows) {
      const part = data.slice(start, start + chunkRows);
      const n = part.length;
      chunk.run(id, 0, k, n, 'dict', encodeCodes(Int32Array.from(part, (d) => d.variant)));
      chunk.run(id, 1, k, n, 'dict', encodeCodes(Int32Array.from(part, (d) => d.region)));
      chunk.run(id, 2, k, n, 'f64', encodeF64(Float64Array.from(part, (d) => d.ts)));
      chunk.run(id, 3, k, n, 'f64', encodeF64(Float64Array.from(part, (d) => d.converted)));
      chunk.run(id, 4, k, n, 'f64', encodeF64(Float64Array.from(part, (d) => d.revenue)));
      chunk.run(id, 5, k, n, 'f64', encodeF64(Float64Array.from(part, (d) => d.latency)));
      chunk.run(id, 6, k, n, 'str', encodeStrings(part.map((d) => d.note)));
    }
  })();
}

store('log', 5_500, 1_000);
store('one', 700, 1_000);
const info = () => ({ dataset: ws.columns(ws.dataset('log').id) });

function valuesOf(c: TypedColumn): number[] {
  return Array.from(c.kind === 'numeric' ? c.values : c.codes);
}

/** A pass's chunks copied out (their arrays are reused), concatenated per column. */
function collect(chunks: Iterable<RowChunk>, names: readonly string[]): { offsets: number[]; rows: number[]; columns: Record<string, number[]> } {
  const out = { offsets: [] as number[], rows: [] as number[], columns: Object.fromEntries(names.map((n) => [n, [] as number[]])) };
  for (const chunk of chunks) {
    out.offsets.push(chunk.offset);
    out.rows.push(chunk.rows);
    chunk.columns.forEach((c, i) => {
      expect(c.name).toBe(names[i]);
      const v = valuesOf(c);
      expect(v.length).toBe(chunk.rows);
      out.columns[names[i]].push(...v);
    });
  }
  return out;
}

function whole(names: readonly string[], where?: string): Record<string, number[]> {
  const cols = runStepsSync(loadColumns(ws, { datasets: { d: 'log' }, columns: { d: names }, where, order: 'rows-only', phase: 'test' })).d;
  return Object.fromEntries(cols.map((c) => [c.name, valuesOf(c)]));
}

const NAMES = ['variant', 'region', 'ts', 'revenue'];

describe('chunk stream', () => {
  it('passes over every row in order, one stored chunk at a time, with contiguous offsets; passes repeat', () => {
    const s = chunkStream(ws, 'dataset', 'log', null, 'test');
    for (let pass = 0; pass < 2; pass++) {
      const got = collect(s.pass(NAMES), NAMES);
      expect(got.rows).toEqual([1000, 1000, 1000, 1000, 1000, 500]);
      expect(got.offsets).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
      expect(JSON.stringify(got.columns)).toBe(JSON.stringify(whole(NAMES)));
    }
  });

  it('reuses one buffer per column from chunk to chunk', () => {
    const buffers = new Set<ArrayBufferLike>();
    for (const chunk of chunkStream(ws, 'dataset', 'log', null, 'test').pass(['revenue'])) buffers.add((chunk.columns[0] as { values: Float64Array }).values.buffer);
    expect(buffers.size).toBe(1);
  });

  it('under a filter yields exactly the rows whole-column loading keeps, the filter reading columns not asked for', () => {
    for (const where of ["region = 'south'", 'revenue > 20 AND latency_ms < 120', "variant IN ('treatment') OR ts IS NULL", 'latency_ms > 248']) {
      const s = chunkStream(ws, 'dataset', 'log', where, 'test');
      const got = collect(s.pass(NAMES), NAMES);
      expect(JSON.stringify(got.columns), where).toBe(JSON.stringify(whole(NAMES, where)));
      let next = 0;
      got.offsets.forEach((o, i) => {
        expect(o).toBe(next);
        expect(got.rows[i]).toBeGreaterThan(0);
        next += got.rows[i];
      });
    }
  });

  it('a filter that keeps no row is NO_DATA, as whole-column loading says it', () => {
    const s = chunkStream(ws, 'dataset', 'log', 'latency_ms > 10000', 'test');
    try {
      collect(s.pass(['variant']), ['variant']);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PlumblineError);
      expect((e as PlumblineError).code).toBe('NO_DATA');
      expect((e as Error).message).toMatch(/segment filter "latency_ms > 10000" leaves no rows of the dataset dataset "log"/);
    }
  });

  it('describes columns without rows; refuses to stream text columns (their chunks carry no shared codes), which readChunkInto reports as -1', () => {
    const s = chunkStream(ws, 'dataset', 'log', null, 'test');
    const v = s.describe('variant');
    expect(v?.kind === 'categorical' && v.dictionary).toEqual(VARIANTS);
    expect(v && valuesOf(v)).toEqual([]);
    expect(s.describe('nope')).toBeUndefined();
    expect(s.canStream(NAMES)).toBe(true);
    expect(s.canStream([...NAMES, 'note'])).toBe(false);
    expect(chunkStream(ws, 'dataset', 'log', "note = 'n3'", 'test').canStream(NAMES)).toBe(false);
    const ds = ws.dataset('log');
    const note = ws.columns(ds.id).find((c) => c.name === 'note')!;
    expect(ws.readChunkInto(ds, note, 0, new Int32Array(1000))).toBe(-1);
    expect(ws.readChunkInto(ds, note, 99, new Int32Array(1000))).toBe(0);
  });

  it('a dataset smaller than one chunk is one chunk', () => {
    const got = collect(chunkStream(ws, 'dataset', 'one', null, 'test').pass(['variant']), ['variant']);
    expect(got.rows).toEqual([700]);
  });
});

describe('A/B from the stream', () => {
  const run = (options: AbModuleOptions, where: string | null): unknown => {
    const steps = abAnalysis.computeStream!({ dataset: chunkStream(ws, 'dataset', 'log', where, 'test') }, info(), options);
    for (;;) {
      const s = steps.next();
      if (s.done) return s.value;
    }
  };
  const onWhole = (options: AbModuleOptions, where: string | null): unknown => {
    const resolved = { ...options, timestamp: 'ts' };
    const names = ['variant', 'region', 'ts', 'converted', 'revenue', 'latency_ms'];
    const cols = runStepsSync(loadColumns(ws, { datasets: { d: 'log' }, columns: { d: names }, where: where ?? undefined, order: 'rows-only', phase: 'test' })).d;
    return analyzeAb({ columns: Object.fromEntries(cols.map((c) => [c.name, c])) }, resolved);
  };

  it('equals A/B on whole columns, byte for byte: sums, quantiles, ratios, CUPED, days, segments, filters', () => {
    const cases: [AbModuleOptions, string | null][] = [
      [{ variant: 'variant', control: 'control', metrics: ['converted', 'revenue', 'latency_ms'], segment: 'region' }, null],
      [{ variant: 'variant', metrics: ['converted', 'latency_ms:p99', 'revenue/latency_ms'], segment: 'region', guardrails: ['latency_ms:p99<=+5'] }, "region != 'east'"],
      [{ variant: 'variant', control: 'control', metrics: ['revenue'], cuped: { revenue: 'latency_ms' }, engine: 'bayesian' }, 'converted = 1 OR ts IS NULL'],
      [{ variant: 'variant', control: 'control', treatments: ['treatment'], metrics: ['latency_ms:p50', 'converted:binomial'], sequential: true, quantileInterval: 'bootstrap', bootstrapResamples: 50 }, null],
    ];
    for (const [options, where] of cases) {
      const streamed = JSON.stringify(run(options, where));
      expect(streamed).toBe(JSON.stringify(onWhole(options, where)));
      expect(streamed.length).toBeGreaterThan(1000);
    }
  });

  it('a binomial metric with other values than 0/1 is refused after the pass, as on whole columns', () => {
    expect(() => run({ variant: 'variant', metrics: ['revenue:binomial'] }, null)).toThrow(/binomial metric needs 0\/1 values/);
  });

  it('a text column or unit dedupe read whole columns instead, with the same answer', () => {
    const byNote = { variant: 'variant', control: 'control', metrics: ['converted'], segment: 'note' } as AbModuleOptions;
    const streamed = run(byNote, null) as { segments: { segments: unknown[] } };
    expect(streamed.segments.segments.length).toBeGreaterThan(5);
    const withUnit = { variant: 'variant', control: 'control', metrics: ['converted'], unit: 'region' } as AbModuleOptions;
    expect((run(withUnit, null) as { variants: { units: number }[] }).variants.map((v) => v.units).reduce((a, b) => a + b)).toBeLessThanOrEqual(3);
  });
});
