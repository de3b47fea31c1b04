/**
 * A report exported before the registry (results.json version 1, drift only) still verifies: the
 * committed tests/fixtures/report/v1.pdf was printed by that code from the demo data
 * (`report --reference reference --current current --chunk 3000 --time-zone UTC`), and is checked
 * here against a fresh workspace holding the same files — then against changed data, which fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEmbeddedResults } from '../../../core/report/metadata';
import { checkResults } from '../../../core/report/results';
import { ROOT } from '../../helpers/cli';
import { newClient } from '../../helpers/engine';

const V1 = path.join(ROOT, 'tests', 'fixtures', 'report', 'v1.pdf');
const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeAll(async () => {
  await client.importFile({ path: path.join(ROOT, 'assets', 'demo', 'reference.csv'), name: 'reference' });
  await client.importFile({ path: path.join(ROOT, 'assets', 'demo', 'current.csv'), name: 'current' });
}, 60_000);

describe('a version-1 report', () => {
  it('is read into the version-2 shape: its drift run under "drift", its request per analysis', async () => {
    const raw = (await readEmbeddedResults(fs.readFileSync(V1))) as { version: number; drift: unknown };
    expect(raw.version).toBe(1);
    const r = checkResults(raw);
    expect(r.version).toBe(2);
    expect(Object.keys(r.runs)).toEqual(['drift']);
    expect(r.runs.drift).toEqual(raw.drift);
    expect(r.request.analyses.drift.datasets).toEqual({ reference: 'reference', current: 'current' });
    expect(r.request.analyses.drift.options).toEqual({ overTime: { chunk: { by: 'count', size: 3000 }, thresholds: 'fixed' } });
    expect(r.request.sections).toEqual(['drift', 'over-time', 'quality']);
  });

  it('verifies against the same data, and names what differs after the data changes', async () => {
    const ok = await client.verifyReport({ path: V1 });
    expect(ok.differences).toEqual([]);
    expect(ok).toMatchObject({ ok: true, reportId: 'PLB-20261206-BF2FD1D8' });
    await client.setColumnRole({ dataset: 'current', column: 'age', role: 'ignore' });
    const changed = await client.verifyReport({ path: V1 });
    expect(changed.ok).toBe(false);
    expect(changed.differences.some((d) => d.startsWith('changed settings: role of column "age" in the current dataset'))).toBe(true);
  });
});
