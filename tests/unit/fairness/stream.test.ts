/**
 * Fairness from rows chunk by chunk (stream-tally.ts, fairnessStreamSteps, the module's
 * computeStream) against fairness on whole columns: byte for byte the same JSON for chunks of 1,
 * 97 and 4096 rows, with missing labels, scores and attribute values, numeric attributes whose
 * values first appear late (the tally is re-keyed as they come), more than three attributes,
 * intersections, reference groups, the bootstrap; and from the workspace's stored chunks under
 * segment filters, where a run that cannot stream (over time, text columns, too many attribute
 * values) reads whole columns and gives the same answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fairnessAnalysis } from '../../../core/analyses/fairness';
import { analyzeFairness, fairnessStreamSteps } from '../../../core/analyses/fairness/fairness';
import { JOINT_KEYS } from '../../../core/analyses/fairness/joint-counts';
import type { FairnessRunOptions } from '../../../core/analyses/fairness/run-options';
import type { FairnessOptions } from '../../../core/analyses/fairness/types';
import type { TypedColumn } from '../../../core/data/column';
import type { RowChunks } from '../../../core/data/row-chunks';
import { chunkStream } from '../../../core/engine/chunk-stream';
import { loadColumns } from '../../../core/engine/load-columns';
import { runStepsSync } from '../../../core/engine/steps';
import { encodeCodes, encodeF64, encodeStrings } from '../../../core/workspace/chunks';
import { Workspace } from '../../../core/workspace/workspace';
import { rng } from '../../helpers/rng';
import { tmpDir } from '../../helpers/tmp';
import { cat, num } from './helpers';

/** Whole columns cut into chunks of `size` rows, each a copy (as a stream's reused buffers would hold them). */
function sliced(columns: readonly TypedColumn[], size: number): RowChunks {
  const byName = new Map(columns.map((c) => [c.name, c]));
  return {
    describe: (n) => byName.get(n),
    *pass(names) {
      const cols = names.map((n) => byName.get(n)!);
      const rows = cols[0].kind === 'numeric' ? cols[0].values.length : cols[0].codes.length;
      for (let at = 0; at < rows; at += size) {
        const n = Math.min(size, rows - at);
        yield { offset: at, rows: n, columns: cols.map((c) => (c.kind === 'numeric' ? { ...c, values: c.values.slice(at, at + n) } : { ...c, codes: c.codes.slice(at, at + n) })) };
      }
    },
  };
}

function streamed(data: RowChunks, options: FairnessOptions): unknown {
  const steps = fairnessStreamSteps(data, options);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/** A scored log with missing values everywhere, hostile group names, and numeric attributes. */
function log(n: number): TypedColumn[] {
  const r = rng(23);
  const races = ['African-American', 'Caucasian', 'Hispanic', "a'; DROP TABLE x; --", '(other)', 'x × y'];
  return [
    num('label', Array.from({ length: n }, () => (r() < 0.04 ? null : r() < 0.4 ? 1 : 0))),
    num('score', Array.from({ length: n }, () => (r() < 0.03 ? null : Math.round(r() * 1000) / 1000))),
    cat('pred', Array.from({ length: n }, () => (r() < 0.02 ? null : r() < 0.45 ? 'yes' : 'no'))),
    cat('race', Array.from({ length: n }, () => (r() < 0.03 ? null : races[Math.min(races.length - 1, Math.floor(r() * r() * races.length * 1.5))]))),
    cat('sex', Array.from({ length: n }, () => (r() < 0.02 ? null : r() < 0.7 ? 'Male' : 'Female'))),
    // Ages first seen late in the rows: the tally widens (and re-keys) in later chunks.
    num('age', Array.from({ length: n }, (_, i) => (r() < 0.05 ? null : 18 + Math.floor(r() * (10 + (60 * i) / n))))),
    cat('region', Array.from({ length: n }, () => ['north', 'south', 'east', 'west'][Math.floor(r() * 4)])),
    // Three numeric parts of 24 values: their room doubled would pass 4 × JOINT_KEYS, so the tally is kept at the exact radices.
    num('a', Array.from({ length: n }, (_, i) => (i * 7) % 24)),
    num('b', Array.from({ length: n }, (_, i) => (r() < 0.01 ? null : (i * 11) % 24))),
    num('c', Array.from({ length: n }, (_, i) => Math.floor((i * 24) / n) - 0)),
    num('zip', Array.from({ length: n }, (_, i) => 10000 + ((i * 7919) % 3000))),
  ];
}

const BASE = { label: 'label', decision: { kind: 'score', column: 'score', threshold: 0.5 } } as const;

describe('fairness from the stream', () => {
  const columns = log(6000);
  const cases: FairnessOptions[] = [
    { ...BASE, attributes: ['race', 'sex'], intersections: [['race', 'sex']] },
    { ...BASE, decision: { kind: 'score', column: 'score', threshold: 0.3 }, attributes: ['race', 'sex', 'age'], intersections: [['race', 'sex'], ['race', 'sex', 'age']], referenceGroups: { race: 'Caucasian', 'race × sex': 'Hispanic × Female' } },
    { ...BASE, attributes: ['age', 'sex', 'race', 'region'], intersections: [['age', 'sex'], ['sex', 'race', 'region']], referenceMethod: 'min_metric', bootstrap: { resamples: 40, seed: 9 } },
    { ...BASE, decision: { kind: 'prediction', column: 'pred', positive: 'yes' }, attributes: ['race'], bootstrap: { resamples: 30 }, maxGroups: 3 },
    { ...BASE, attributes: ['a', 'b', 'c'], intersections: [['a', 'b', 'c']] },
    { ...BASE, attributes: ['zip'], maxGroups: 20 },
    { label: 'pred', positiveLabel: 'yes', decision: { kind: 'score', column: 'score', threshold: 0.5 }, attributes: ['sex', 'race'] },
  ];

  it('equals fairness on whole columns byte for byte, for chunks of 1, 97 and 4096 rows', () => {
    for (const options of cases) {
      const whole = JSON.stringify(analyzeFairness({ columns }, options));
      expect(whole.length).toBeGreaterThan(2000);
      for (const size of [1, 97, 4096]) expect(JSON.stringify(streamed(sliced(columns, size), options)), `${JSON.stringify(options.attributes)}, chunks of ${size}`).toBe(whole);
    }
  });

  it('gives up (null) on disparities over time and on attribute values too many to count jointly', () => {
    expect(streamed(sliced(columns, 97), { ...BASE, attributes: ['race'], overTime: { chunk: { by: 'count', size: 1000 } } })).toBeNull();
    // 3,000 zip codes × 7 race values (with "missing") pass JOINT_KEYS only once the zips are seen.
    expect(3001 * 7).toBeGreaterThan(JOINT_KEYS);
    expect(streamed(sliced(columns, 97), { ...BASE, attributes: ['race', 'zip'] })).toBeNull();
  });

  it('throws what the whole-column run throws', () => {
    const bad: FairnessOptions[] = [
      { ...BASE, decision: { kind: 'score', column: 'pred', threshold: 0.5 }, attributes: ['sex'] },
      { ...BASE, attributes: ['race'], referenceGroups: { race: 'Nobody' } },
      { ...BASE, attributes: ['race'], referenceGroups: { sex: 'Male' } },
    ];
    for (const options of bad) {
      const message = (() => {
        try {
          analyzeFairness({ columns }, options);
        } catch (e) {
          return (e as Error).message;
        }
        return 'no error';
      })();
      expect(message).not.toBe('no error');
      expect(() => streamed(sliced(columns, 97), options)).toThrow(message);
    }
  });
});

describe('fairness from the workspace stream', () => {
  const dir = tmpDir();
  const ws = new Workspace(path.join(dir, 'ws.db'));
  afterAll(() => {
    ws.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const rows = 5_500;
  const r = rng(31);
  const RACES = ['Caucasian', 'African-American', "b'; DROP TABLE chunks; --"];
  const data = Array.from({ length: rows }, (_, i) => ({
    label: r() < 0.05 ? NaN : r() < 0.4 ? 1 : 0,
    score: r() < 0.03 ? NaN : r(),
    race: r() < 0.04 ? -1 : Math.floor(r() * r() * 3),
    sex: r() < 0.02 ? -1 : r() < 0.7 ? 0 : 1,
    age: r() < 0.05 ? NaN : 18 + Math.floor(r() * (5 + (50 * i) / rows)),
    ts: Date.UTC(2026, 0, 1) + i * 3_600_000,
    note: r() < 0.1 ? null : `n${i % 13}`,
  }));
  ws.db.transaction(() => {
    const chunkRows = 1_000;
    const id = Number(ws.db.prepare('INSERT INTO datasets (name, row_count, chunk_rows, created_at) VALUES (?, ?, ?, ?)').run('log', rows, chunkRows, '2026-12-06T00:00:00Z').lastInsertRowid);
    const column = ws.db.prepare('INSERT INTO columns (dataset_id, idx, name, type, role, dictionary) VALUES (?, ?, ?, ?, ?, ?)');
    column.run(id, 0, 'label', 'integer', 'label', null);
    column.run(id, 1, 'score', 'real', 'score', null);
    column.run(id, 2, 'race', 'categorical', 'group', JSON.stringify(RACES));
    column.run(id, 3, 'sex', 'categorical', 'group', JSON.stringify(['Male', 'Female']));
    column.run(id, 4, 'age', 'integer', 'feature', null);
    column.run(id, 5, 'ts', 'timestamp', 'timestamp', null);
    column.run(id, 6, 'note', 'text', 'feature', JSON.stringify([]));
    const chunk = ws.db.prepare('INSERT INTO chunks (dataset_id, column_idx, chunk_idx, row_count, encoding, data) VALUES (?, ?, ?, ?, ?, ?)');
    for (let k = 0, start = 0; start < rows; k++, start += chunkRows) {
      const part = data.slice(start, start + chunkRows);
      const n = part.length;
      chunk.run(id, 0, k, n, 'f64', encodeF64(Float64Array.from(part, (d) => d.label)));
      chunk.run(id, 1, k, n, 'f64', encodeF64(Float64Array.from(part, (d) => d.score)));
      chunk.run(id, 2, k, n, 'dict', encodeCodes(Int32Array.from(part, (d) => d.race)));
      chunk.run(id, 3, k, n, 'dict', encodeCodes(Int32Array.from(part, (d) => d.sex)));
      chunk.run(id, 4, k, n, 'f64', encodeF64(Float64Array.from(part, (d) => d.age)));
      chunk.run(id, 5, k, n, 'f64', encodeF64(Float64Array.from(part, (d) => d.ts)));
      chunk.run(id, 6, k, n, 'str', encodeStrings(part.map((d) => d.note)));
    }
  })();
  const info = () => ({ dataset: ws.columns(ws.dataset('log').id) });

  const run = (options: FairnessRunOptions, where: string | null): unknown => {
    const steps = fairnessAnalysis.computeStream!({ dataset: chunkStream(ws, 'dataset', 'log', where, 'test') }, info(), options);
    for (;;) {
      const s = steps.next();
      if (s.done) return s.value;
    }
  };
  const onWhole = (options: FairnessRunOptions, where: string | null): unknown => {
    const names = fairnessAnalysis.columns(options, info(), { dataset: 'log' }).columns.dataset;
    const cols = runStepsSync(loadColumns(ws, { datasets: { dataset: 'log' }, columns: { dataset: names }, where: where ?? undefined, order: 'rows-only', phase: 'test' })).dataset;
    return fairnessAnalysis.compute({ columns: { dataset: cols }, info: info() }, options);
  };

  it('equals fairness on whole columns under segment filters, byte for byte', () => {
    const cases: [FairnessRunOptions, string | null][] = [
      [{}, null],
      [{ attributes: ['race', 'sex', 'age'], intersections: [['race', 'sex']], bootstrap: { resamples: 25 } }, "sex = 'Female' OR age >= 40"],
      [{ attributes: ['race'], referenceGroups: { race: "b'; DROP TABLE chunks; --" } }, 'ts IS NOT NULL AND label = 1 OR score > 0.9'],
      [{ attributes: ['age', 'sex'], referenceMethod: 'min_metric' }, "race != 'Caucasian'"],
    ];
    for (const [options, where] of cases) {
      const s = JSON.stringify(run(options, where));
      expect(s.length).toBeGreaterThan(1000);
      expect(s).toBe(JSON.stringify(onWhole(options, where)));
    }
  });

  it('reads whole columns, with the same answer, where it cannot stream: over time, a text attribute or filter', () => {
    const cases: [FairnessRunOptions, string | null][] = [
      [{ attributes: ['race'], overTime: { chunk: { by: 'period', timestamp: 'ts', period: 'week' } } }, null],
      [{ attributes: ['note', 'sex'] }, null],
      [{ attributes: ['race'] }, "note = 'n3'"],
    ];
    for (const [options, where] of cases) expect(JSON.stringify(run(options, where))).toBe(JSON.stringify(onWhole(options, where)));
  });

  it('a filter that keeps no row is NO_DATA, as whole-column loading says it', () => {
    expect(() => run({}, 'age > 1000')).toThrow(/No rows to analyse/);
  });
});
