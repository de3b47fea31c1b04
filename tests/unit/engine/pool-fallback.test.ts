import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { analysisById } from '../../../core/analyses/every';
import { noContext } from '../../../core/api/context';
import type { Progress } from '../../../core/api/types';
import { runAnalysis } from '../../../core/engine/analysis-service';
import { ColumnPool } from '../../../core/engine/pool/column-pool';
import { warmSortedCache } from '../../../core/engine/sorted-cache';
import type { Workspace } from '../../../core/workspace/workspace';
import { driftPairWorkspace } from '../../helpers/drift-pair';
import { tmpDir, writeFile } from '../../helpers/tmp';

const dir = tmpDir();
let ws: Workspace;
beforeAll(async () => {
  ws = await driftPairWorkspace(dir, 500);
});
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('column pool fallback', () => {
  it('runs on this thread when no pool thread can start, with the same result and progress', async () => {
    const broken = new ColumnPool({ script: writeFile(dir, 'broken.js', 'throw new Error("no threads here")'), size: 2, minCells: 0 });
    expect(broken.serves(ws)).toBe(true);
    const progress: Progress[] = [];
    const req = { datasets: { reference: 'ref', current: 'cur' } };
    const got = await runAnalysis(ws, analysisById('drift'), req, { ...noContext(), progress: (p) => progress.push(p) }, broken);
    expect(got).toEqual(await runAnalysis(ws, analysisById('drift'), req, noContext(), null));
    // The engine's own lane may finish before the thread's failure arrives; later runs do not try
    // again, and still run part by part on the engine's lane.
    await vi.waitFor(() => expect(broken.threaded).toBe(false));
    expect(broken.serves(ws)).toBe(true);
    expect(await runAnalysis(ws, analysisById('drift'), req, noContext(), broken)).toEqual(got);
    expect(progress.at(-1)).toMatchObject({ phase: 'drift: testing' });
    // Sorting into the cache falls back too.
    ws.db.prepare('DELETE FROM column_cache').run();
    const missing = ws.columnsWithoutSortedCache(ws.dataset('ref')).length;
    expect(missing).toBeGreaterThan(1);
    expect(await warmSortedCache(ws, 'ref', noContext(), new ColumnPool({ script: path.join(dir, 'absent.js'), size: 2, minCells: 0 }))).toBe(missing);
    expect(ws.columnsWithoutSortedCache(ws.dataset('ref'))).toEqual([]);
    await broken.close();
  });

  it('serves no in-memory workspace', () => {
    const pool = new ColumnPool({ script: 'unused.js', size: 2 });
    expect(pool.serves({ path: ':memory:' } as Workspace)).toBe(false);
  });
});
