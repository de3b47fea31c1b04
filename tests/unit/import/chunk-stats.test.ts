import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ChunkStats, repeatsIn } from '../../../core/import/chunk-stats';
import { newClient } from '../../helpers/engine';
import { rng } from '../../helpers/rng';

/** Repeats as the exact read-back counts distinct values: NaN left out, -0 equal to 0. */
function bruteRepeats(values: Float64Array): number {
  const present = Array.from(values).filter((x) => !Number.isNaN(x));
  return present.length - new Set(present).size;
}

describe('chunk statistics for role guesses', () => {
  it('counts repeats within a chunk exactly: NaN, -0 and 0, huge and tiny values, reused tables', () => {
    const rand = rng(7);
    for (const [n, spread] of [[0, 1], [1, 1], [5000, 100], [65_536, 1e9], [65_536, 3000], [70_000, 10], [300, 1]] as const) {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const r = rand();
        v[i] = r < 0.05 ? NaN : r < 0.08 ? (rand() < 0.5 ? -0 : 0) : r < 0.1 ? Number.MAX_VALUE * (rand() < 0.5 ? 1 : -1) : Math.floor(rand() * spread) / (r < 0.5 ? 1 : 7);
      }
      expect(repeatsIn(v), `n=${n}`).toBe(bruteRepeats(v));
    }
  });

  it('gathers range and order over chunks as one pass over the column would', () => {
    const rand = rng(8);
    const whole = Float64Array.from({ length: 10_000 }, (_, i) => i * 3 + Math.floor(rand() * 3));
    const s = new ChunkStats();
    for (let at = 0; at < whole.length; at += 4096) s.add(whole.subarray(at, at + 4096), true);
    expect([s.min, s.max, s.increasing, s.repeatsAtLeast]).toEqual([whole[0], whole[whole.length - 1], true, 0]);
    // A value equal to the previous chunk's last breaks the order; NaN too.
    s.add(Float64Array.of(whole[whole.length - 1], -5), true);
    expect([s.min, s.increasing]).toEqual([-5, false]);
    const t = new ChunkStats();
    t.add(Float64Array.of(1, NaN, 3), false);
    expect([t.min, t.max, t.increasing]).toEqual([1, 3, false]);
  });
});

describe('what a writer gathers for the role guess (addChunk)', () => {
  // Column names and what profile() reads for them: the range for a score, the repeats for an id.
  const names = ['x', 'score', 'user_id', 'p_value', 'score_id', 'latency_ms', 'instant'];
  const scoreLike = new Set(['score', 'p_value', 'score_id']);
  const idLike = new Set(['user_id', 'score_id']);

  it('equals a full pass over every chunk wherever profile() reads it', () => {
    const rand = rng(10);
    for (let run = 0; run < 400; run++) {
      const name = names[run % names.length];
      const old = new ChunkStats();
      const now = new ChunkStats(name);
      // integer chunks, then real ones (widening goes no other way); counters, repeats, NaN.
      let type: 'integer' | 'real' = rand() < 0.7 ? 'integer' : 'real';
      let at = Math.floor(rand() * 100) - 50;
      const counter = rand() < 0.5;
      for (let c = 0, chunks = 1 + Math.floor(rand() * 5); c < chunks; c++) {
        if (type === 'integer' && rand() < 0.2) type = 'real';
        const v = new Float64Array(1 + Math.floor(rand() * 300));
        for (let i = 0; i < v.length; i++) {
          const r = rand();
          v[i] = counter && r < 0.995 ? (at += 1 + Math.floor(rand() * 3)) : r < 0.01 ? NaN : Math.floor(rand() * 500) - 250;
        }
        old.add(v, idLike.has(name));
        now.addChunk(v, type);
        const want: unknown[] = [old.increasing];
        const got: unknown[] = [now.increasing];
        if (scoreLike.has(name)) {
          want.push(old.min, old.max);
          got.push(now.min, now.max);
        }
        if (idLike.has(name)) {
          want.push(old.repeatsAtLeast);
          got.push(now.repeatsAtLeast);
        }
        expect({ run, name, c, got }).toEqual({ run, name, c, got: want });
      }
    }
  });

  it('loops over nothing it does not need', () => {
    const values = Float64Array.of(3, 1, 2, 2);
    const feature = new ChunkStats('x');
    feature.addChunk(values, 'real');
    expect([feature.min, feature.max, feature.increasing, feature.repeatsAtLeast]).toEqual([Infinity, -Infinity, false, 0]);
    // A time or a boolean: never read, not even the order.
    const time = new ChunkStats('event_time');
    time.addChunk(Float64Array.of(1, 2, 3), 'timestamp');
    expect([time.min, time.increasing]).toEqual([Infinity, true]);
    const id = new ChunkStats('user_id');
    id.addChunk(values, 'integer');
    expect([id.min, id.increasing, id.repeatsAtLeast]).toEqual([Infinity, false, 1]);
    const score = new ChunkStats('score');
    score.addChunk(values, 'real');
    expect([score.min, score.max]).toEqual([1, 3]);
  });
});

describe('id guesses from chunk statistics on import', () => {
  const { client, ws, dir } = newClient();
  afterAll(() => {
    ws.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('repeats only across chunks still count: the exact count decides', async () => {
    const rows = 140_000;
    const lines = ['user_id,order_id,x'];
    const rand = rng(9);
    const order = Array.from({ length: rows }, (_, i) => i);
    for (let i = rows - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    // user_id: unique within each 65,536-row chunk, each value twice in the file. order_id: unique, shuffled.
    for (let i = 0; i < rows; i++) lines.push(`${i % 70_000},${order[i]},${i % 3}`);
    const file = path.join(dir, 'ids.csv');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const r = await client.importFile({ path: file, name: 'ids' });
    expect(Object.fromEntries(r.columns.map((c) => [c.name, c.role]))).toEqual({ user_id: 'feature', order_id: 'id', x: 'feature' });
  });
});
