import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../../core/data/select';
import { encodeF64 } from '../../../core/workspace/chunks';
import { newClient } from '../../helpers/engine';
import { writeFile } from '../../helpers/tmp';

const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const cacheRows = (id: number) => (ws.db.prepare('SELECT COUNT(*) AS n FROM column_cache WHERE dataset_id = ?').get(id) as { n: number }).n;

describe('sorted-values cache', () => {
  it('is built by the import (so the first analysis costs what the second does), and equals sorting the column', async () => {
    const lines = ['x,label'];
    for (let i = 0; i < 70_000; i++) lines.push(`${i % 9 === 0 ? '' : ((i * 7919) % 1000) / 10},${i % 2 ? 'a' : 'b'}`);
    await client.importFile({ path: writeFile(dir, 'c.csv', lines.join('\n')), name: 'c' });
    const ds = ws.dataset('c');
    const [x, label] = ws.columns(ds.id);
    expect(cacheRows(ds.id)).toBe(1); // 62,222 finite values fit one 65,536-value cache chunk
    expect(ws.columnsWithoutSortedCache(ds)).toEqual([]);
    const imported = ws.readColumnWithOrder(ds, x);
    if (imported.kind !== 'numeric') throw new Error('numeric expected');
    // Without it (a workspace from before), the first use builds it.
    ws.db.prepare('DELETE FROM column_cache WHERE dataset_id = ?').run(ds.id);
    expect(ws.columnsWithoutSortedCache(ds).map((c) => c.name)).toEqual(['x']);
    const first = ws.readColumnWithOrder(ds, x);
    expect(cacheRows(ds.id)).toBe(1); // 62,222 finite values fit one 65,536-value cache chunk
    const again = ws.readColumnWithOrder(ds, x);
    if (first.kind !== 'numeric' || again.kind !== 'numeric') throw new Error('numeric expected');
    const expected = Float64Array.from(first.values.filter((v) => !Number.isNaN(v))).sort();
    expect(Array.from(again.sortedFinite!)).toEqual(Array.from(expected));
    expect(Array.from(first.sortedFinite!)).toEqual(Array.from(expected));
    expect(Array.from(imported.sortedFinite!)).toEqual(Array.from(expected));
    // Categorical columns have no order cache.
    expect(ws.readColumnWithOrder(ds, label).kind).toBe('categorical');
  });

  it('is dropped by any write to the column’s chunks (trigger), so it never describes old data', async () => {
    const ds = ws.dataset('c');
    const [x] = ws.columns(ds.id);
    ws.readColumnWithOrder(ds, x);
    expect(cacheRows(ds.id)).toBeGreaterThan(0);
    ws.db.prepare("UPDATE chunks SET encoding = 'f64', data = ? WHERE dataset_id = ? AND column_idx = ? AND chunk_idx = 0").run(encodeF64(new Float64Array(65_536).fill(1)), ds.id, x.index);
    expect(cacheRows(ds.id)).toBe(0);
    const fresh = ws.readColumnWithOrder(ds, x);
    if (fresh.kind !== 'numeric') throw new Error('numeric expected');
    expect(fresh.sortedFinite![0]).toBe(0);
    expect(fresh.sortedFinite!.filter((v) => v === 1).length).toBeGreaterThanOrEqual(65_536);
  });

  it('is filled by sortIntoCache as readColumnWithOrder fills it, one reused buffer for columns of any length', async () => {
    // Two datasets, the longer first: the second column is read into part of the first one's buffer.
    const long = ['a,b'];
    for (let i = 0; i < 140_000; i++) long.push(`${i % 11 === 0 ? '' : ((i * 7919) % 100_003) / 7},${i % 5 === 0 ? 'NA' : (i * 31) % 977}`);
    await client.importFile({ path: writeFile(dir, 'long.csv', long.join('\n')), name: 'long' });
    const short = ['a'];
    for (let i = 0; i < 3000; i++) short.push(i % 7 === 0 ? '' : String(-((i * 13) % 101)));
    await client.importFile({ path: writeFile(dir, 'short.csv', short.join('\n')), name: 'short' });
    const cachedValues = (id: number, idx: number) =>
      (ws.db.prepare(`SELECT data FROM column_cache WHERE dataset_id = ? AND column_idx = ? AND kind = 'sorted' ORDER BY chunk_idx`).pluck().all(id, idx) as Buffer[]).flatMap((b) =>
        Array.from(new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength))),
      );
    for (const name of ['long', 'short']) {
      const ds = ws.dataset(name);
      for (const c of ws.columns(ds.id)) {
        const byRead = ws.readColumnWithOrder(ds, c);
        if (byRead.kind !== 'numeric') throw new Error('numeric expected');
        const expected = cachedValues(ds.id, c.index);
        ws.db.prepare('DELETE FROM column_cache WHERE dataset_id = ? AND column_idx = ?').run(ds.id, c.index);
        expect(ws.sortIntoCache(ds, c)).toBe(expected.length);
        expect(cachedValues(ds.id, c.index)).toEqual(expected);
        expect(expected).toEqual(Array.from(byRead.values.filter((v) => !Number.isNaN(v))).sort((x, y) => x - y));
        // Already cached: left as it is.
        expect(ws.sortIntoCache(ds, c)).toBe(expected.length);
      }
    }
    expect(ws.columnsWithoutSortedCache(ws.dataset('long'))).toEqual([]);
    // Infinite values are not sorted values (import never stores them; a cache must not trust that).
    const ds = ws.dataset('short');
    const [a] = ws.columns(ds.id);
    ws.db.prepare("UPDATE chunks SET encoding = 'f64', data = ? WHERE dataset_id = ? AND column_idx = ? AND chunk_idx = 0").run(encodeF64(new Float64Array([Infinity, 2, NaN, -Infinity, 1, ...new Float64Array(2995).fill(5)])), ds.id, a.index);
    expect(ws.sortIntoCache(ds, a)).toBe(2997);
    expect(cachedValues(ds.id, a.index).slice(0, 3)).toEqual([1, 2, 5]);
    const text = ws.columns(ws.dataset('c').id).find((c) => c.name === 'label')!;
    expect(() => ws.sortIntoCache(ws.dataset('c'), text)).toThrow(/not numeric/);
  });

  it('is not carried into a filtered column', () => {
    const col = { name: 'x', kind: 'numeric' as const, type: 'real' as const, values: new Float64Array([3, 1, 2]), sortedFinite: new Float64Array([1, 2, 3]) };
    const sub = selectRows(col, new Uint8Array([1, 0, 1]));
    expect(sub.kind === 'numeric' && sub.sortedFinite).toBeFalsy();
    expect(sub.kind === 'numeric' && Array.from(sub.values)).toEqual([3, 2]);
  });

  it('gives the same drift result with and without the cache', async () => {
    const lines = ['x,y'];
    for (let i = 0; i < 3000; i++) lines.push(`${(i * 37) % 101},${(i * 13) % 7}`);
    await client.importFile({ path: writeFile(dir, 'r.csv', lines.join('\n')), name: 'r' });
    const cur = ['x,y'];
    for (let i = 0; i < 2000; i++) cur.push(`${((i * 41) % 97) + 3},${(i * 11) % 7}`);
    await client.importFile({ path: writeFile(dir, 'k.csv', cur.join('\n')), name: 'k' });
    const cold = await client.runDrift({ reference: 'r', current: 'k' });
    const warm = await client.runDrift({ reference: 'r', current: 'k' });
    const filtered = await client.runDrift({ reference: 'r', current: 'k', where: 'x >= 0' });
    expect(warm.result).toEqual(cold.result);
    expect(filtered.result.columns).toEqual(cold.result.columns);
  });
});

describe('runDrift as a long operation', () => {
  it('reports progress per column and stops when cancelled', async () => {
    const progress: string[] = [];
    const run = await client.runDrift({ reference: 'r', current: 'k' }, { onProgress: (p) => progress.push(`${p.phase} ${p.done}/${p.total}`) });
    expect(run.result.columns.length).toBe(2);
    expect(progress).toEqual(['drift: reading columns 1/4', 'drift: reading columns 2/4', 'drift: reading columns 3/4', 'drift: reading columns 4/4', 'drift: testing 4/4']);
    const controller = new AbortController();
    const cancelled = client.runDrift({ reference: 'r', current: 'k' }, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
