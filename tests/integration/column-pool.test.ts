import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisById } from '../../core/analyses/every';
import type { DriftResult } from '../../core/analyses/drift/types';
import { noContext, type CallContext } from '../../core/api/context';
import type { Progress } from '../../core/api/types';
import { runAnalysis, type AnalysisRequest } from '../../core/engine/analysis-service';
import { ColumnPool } from '../../core/engine/pool/column-pool';
import { warmSortedCache } from '../../core/engine/sorted-cache';
import type { Workspace } from '../../core/workspace/workspace';
import { plumbline, ROOT } from '../helpers/cli';
import { driftPairWorkspace } from '../helpers/drift-pair';
import { tmpDir } from '../helpers/tmp';

const script = path.join(ROOT, 'dist', 'engine', 'pool-worker.js');
const dir = tmpDir();
const drift = analysisById('drift');
let ws: Workspace;
let pool: ColumnPool;

beforeAll(async () => {
  if (!fs.existsSync(script)) throw new Error('dist/engine/pool-worker.js is missing: run "npm run build" first.');
  ws = await driftPairWorkspace(dir);
  pool = new ColumnPool({ script, size: 2, minCells: 0 });
});
afterAll(async () => {
  await pool.close();
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (req: AnalysisRequest, p: ColumnPool | null, ctx: CallContext = noContext()) => runAnalysis(ws, drift, req, ctx, p);
const base = { datasets: { reference: 'ref', current: 'cur' } };

describe('drift on the column pool (built thread script)', () => {
  it('gives the result the in-thread run gives, column by column, with progress per column', async () => {
    const progress: Progress[] = [];
    const pooled = await run(base, pool, { ...noContext(), progress: (p) => progress.push(p) });
    const here = await run(base, null);
    expect(pooled).toEqual(here);
    const r = pooled.result as DriftResult;
    expect(r.columns.map((c) => c.column)).toEqual(['x', 'k', 'c', 'we"ird']);
    expect(r.columns.find((c) => c.column === 'k')?.kind).toBe('categorical');
    expect(progress.map((p) => `${p.phase} ${p.done}/${p.total}`)).toEqual(['drift: testing 1/4', 'drift: testing 2/4', 'drift: testing 3/4', 'drift: testing 4/4']);
  });

  it('agrees over time (reference-chunk bands), with chosen columns and tests, and under a segment filter', async () => {
    const options = {
      columns: ['c', 'x', 'k'],
      test: 'psi',
      perColumn: { x: { test: 'ks', threshold: 0.01 } },
      overTime: { chunk: { by: 'period', timestamp: 'ts', period: 'day' }, thresholds: 'reference_chunks' },
    };
    const pooled = await run({ ...base, options }, pool);
    expect(pooled).toEqual(await run({ ...base, options }, null));
    const r = pooled.result as DriftResult;
    expect(r.over_time?.series.map((s) => s.column)).toEqual(['c', 'x', 'k']);
    expect(r.over_time?.series[0].points.length).toBe(10);
    const where = { ...base, where: "c <> 'a' AND x >= 10" };
    expect(await run(where, pool)).toEqual(await run(where, null));
  });

  it('brings errors back with their codes, and still serves after a cancel', async () => {
    await expect(run({ ...base, options: { columns: ['x', 'nope'] } }, pool)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(run({ ...base, where: 'x > 1e9' }, pool)).rejects.toMatchObject({ code: 'NO_DATA' });
    const controller = new AbortController();
    const cancelled = run(base, pool, { signal: controller.signal, progress: () => controller.abort() });
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await run(base, pool)).toEqual(await run(base, null));
  });

  it('sorts numeric columns into the cache on its threads, equal to sorting them here', async () => {
    const ds = ws.dataset('cur');
    const before = ws.columns(ds.id).filter((c) => c.type !== 'categorical' && c.type !== 'text').map((c) => ws.readColumnWithOrder(ds, c));
    ws.db.prepare('DELETE FROM column_cache WHERE dataset_id = ?').run(ds.id);
    expect(ws.columnsWithoutSortedCache(ds).length).toBe(before.length);
    expect(await warmSortedCache(ws, 'cur', noContext(), pool)).toBe(before.length);
    expect(ws.columnsWithoutSortedCache(ds)).toEqual([]);
    const after = ws.columns(ds.id).filter((c) => c.type !== 'categorical' && c.type !== 'text').map((c) => ws.readColumnWithOrder(ds, c));
    expect(after).toEqual(before);
    expect(pool.serves(ws)).toBe(true);
  });

  it('is what the CLI uses (small runs too when asked); PLUMBLINE_WORKERS=0 runs on one thread with the same output', () => {
    const args = ['drift', '--reference', 'ref', '--current', 'cur', '--json'];
    const pooled = plumbline(args, { db: ws.path, env: { PLUMBLINE_POOL_MIN_CELLS: '0' } });
    const single = plumbline(args, { db: ws.path, env: { PLUMBLINE_WORKERS: '0' } });
    expect(pooled.status).toBe(0);
    expect(pooled.stdout).toBe(single.stdout);
    expect((JSON.parse(pooled.stdout) as DriftResult).n_tested).toBe(4);
  });
});

describe('the pool thread bundle', () => {
  it('holds the computing halves only: no option schemas (zod), no other analysis', () => {
    // A static import of the registry anywhere on the thread's path put them all back (1.37 MB).
    const bundle = fs.readFileSync(path.join(ROOT, 'dist', 'engine', 'pool-worker.bundle.js'), 'utf8');
    expect(bundle).not.toMatch(/node_modules\/zod\//);
    expect(bundle).not.toMatch(/^\/\/ core\/analyses\/(ab|fairness|performance|operations)\//m);
    expect(bundle.length).toBeLessThan(600_000);
  });
});
