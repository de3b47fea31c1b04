import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PlumblineError } from '../../../core/api/errors';
import { newClient } from '../../helpers/engine';
import { writeFile } from '../../helpers/tmp';

const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const HOSTILE = '"; DROP TABLE datasets; --';
const csv = [
  `id,name,score,when,${JSON.stringify(HOSTILE).replace(/\\"/g, '""')},flag`,
  '1,"Smith, J",0.5,2026-01-01T10:00:00Z,"line1\nline2",true',
  '2,Ünïcødé ✓,,2026-01-02T00:00:00+02:00,,false',
  '3,"say ""hi""",0.25,2026-01-03T00:00:00Z,<img src=x onerror=alert(1)>,TRUE',
].join('\r\n');

describe('import → list → detail → preview → delete over the typed client', () => {
  it('imports a CSV with quotes, newlines, unicode, empty cells and hostile names, giving every value back', async () => {
    const file = writeFile(dir, 'log.csv', csv);
    const progress: number[] = [];
    const result = await client.importFile({ path: file }, { onProgress: (p) => progress.push(p.done) });
    expect(result.dataset).toBe('log');
    expect(result.rows).toBe(3);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'integer'],
      ['name', 'categorical'],
      ['score', 'real'],
      ['when', 'timestamp'],
      [HOSTILE, 'categorical'],
      ['flag', 'boolean'],
    ]);
    const page = await client.previewRows({ dataset: 'log', offset: 0, limit: 10 });
    expect(page.columns[4]).toBe(HOSTILE);
    expect(page.rows).toEqual([
      [1, 'Smith, J', 0.5, '2026-01-01T10:00:00Z', 'line1\nline2', true],
      [2, 'Ünïcødé ✓', null, '2026-01-01T22:00:00Z', null, false],
      [3, 'say "hi"', 0.25, '2026-01-03T00:00:00Z', '<img src=x onerror=alert(1)>', true],
    ]);
    const list = await client.listDatasets({});
    expect(list.map((d) => [d.name, d.rows, d.columns])).toEqual([['log', 3, 6]]);
    const detail = await client.getDataset({ dataset: 'log' });
    expect(detail.imports[0].sha256).toBe(result.sha256);
    expect(detail.imports[0].sizeBytes).toBe(Buffer.byteLength(csv));
    expect(detail.columnInfo.find((c) => c.name === 'when')?.role).toBe('timestamp');
  });

  it('pages through rows across chunk boundaries', async () => {
    const lines = ['i,x'];
    for (let i = 0; i < 70_000; i++) lines.push(`${i},${i % 7 === 0 ? '' : `v${i % 13}`}`);
    await client.importFile({ path: writeFile(dir, 'big.csv', lines.join('\n')), name: 'big' });
    const page = await client.previewRows({ dataset: 'big', offset: 65_530, limit: 10 });
    expect(page.total).toBe(70_000);
    expect(page.rows.map((r) => r[0])).toEqual(Array.from({ length: 10 }, (_, k) => 65_530 + k));
    const i = 65_530; // not a multiple of 7, so the cell is present
    expect(page.rows[0][1]).toBe(`v${i % 13}`);
  });

  it('widens an integer column that meets a real later in the file, and counts it', async () => {
    const lines = ['n'];
    for (let i = 0; i < 70_000; i++) lines.push(String(i));
    lines.push('1.5');
    const r = await client.importFile({ path: writeFile(dir, 'widen.csv', lines.join('\n')) });
    expect(r.columns[0]).toMatchObject({ type: 'real', widenedCount: 1 });
    const tail = await client.previewRows({ dataset: r.dataset, offset: 70_000, limit: 1 });
    expect(tail.rows[0]).toEqual([1.5]);
  });

  it('turns a numeric column into text when a later chunk has words, keeping earlier values', async () => {
    const lines = ['code'];
    for (let i = 0; i < 70_000; i++) lines.push(String(i % 100));
    lines.push('n/a-ish');
    const r = await client.importFile({ path: writeFile(dir, 'totext.csv', lines.join('\n')) });
    expect(r.columns[0].type).toBe('categorical');
    expect(r.columns[0].widenedCount).toBe(1);
    const first = await client.previewRows({ dataset: r.dataset, offset: 0, limit: 2 });
    expect(first.rows).toEqual([['0'], ['1']]);
    const last = await client.previewRows({ dataset: r.dataset, offset: 70_000, limit: 1 });
    expect(last.rows).toEqual([['n/a-ish']]);
  });

  it('leaves the workspace exactly as it was when an import is cancelled', async () => {
    const before = await client.listDatasets({});
    const lines = ['a,b'];
    for (let i = 0; i < 300_000; i++) lines.push(`${i},x${i % 5}`);
    const file = writeFile(dir, 'cancel.csv', lines.join('\n'));
    const controller = new AbortController();
    const p = client.importFile({ path: file }, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await client.listDatasets({})).toEqual(before);
    expect(ws.db.prepare('SELECT COUNT(*) AS n FROM chunks WHERE dataset_id NOT IN (SELECT id FROM datasets)').get()).toEqual({ n: 0 });
  });

  it('rejects a ragged row naming the file and row, and writes nothing', async () => {
    const before = await client.listDatasets({});
    const file = writeFile(dir, 'ragged.csv', 'a,b\n1,2\n3\n');
    await expect(client.importFile({ path: file })).rejects.toThrow(/ragged\.csv: 1 of 2 rows are bad[\s\S]*line 3: 1 field where the header has 2/);
    expect(await client.listDatasets({})).toEqual(before);
  });

  it('imports repeated column names suffixed as pandas does, saying so, and rejects an empty file with a message that says what to do', async () => {
    const dup = await client.importFile({ path: writeFile(dir, 'dup.csv', 'a,b,a\n1,2,3\n') });
    expect(dup.columns.map((c) => c.name)).toEqual(['a', 'b', 'a.1']);
    expect(dup.warnings.map((w) => w.code)).toContain('duplicate-names');
    await expect(client.importFile({ path: writeFile(dir, 'empty.csv', '') })).rejects.toThrow(/empty/);
  });

  it('validates arguments at the boundary and reports unknown datasets as NOT_FOUND', async () => {
    await expect(client.previewRows({ dataset: 'log', offset: -1 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(client.getDataset({ dataset: 'missing' })).rejects.toBeInstanceOf(PlumblineError);
    await expect(client.getDataset({ dataset: 'missing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(client.importFile({ path: path.join(dir, 'nope.csv') })).rejects.toThrow(/no such file/);
  });

  it('refuses a name that is taken, then deletes the dataset with its data and logs it', async () => {
    const file = writeFile(dir, 'again.csv', 'a\n1\n');
    await expect(client.importFile({ path: file, name: 'log' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const { id } = ws.dataset('log');
    expect(await client.deleteDataset({ dataset: 'log' })).toEqual({ deleted: 'log' });
    expect(ws.findDataset('log')).toBeUndefined();
    expect(ws.db.prepare('SELECT COUNT(*) AS n FROM chunks WHERE dataset_id = ?').get(id)).toEqual({ n: 0 });
    expect(ws.db.prepare("SELECT subject FROM audit_log WHERE action = 'delete-dataset'").all()).toEqual([{ subject: 'log' }]);
  });

  it('loads the bundled demo pair once', async () => {
    const r = await client.loadDemo({});
    expect(r.datasets).toEqual(['demo-reference', 'demo-current']);
    const again = await client.loadDemo({});
    expect(again.datasets).toEqual(r.datasets);
    const ref = await client.getDataset({ dataset: 'demo-reference' });
    expect(ref.rows).toBeGreaterThan(1000);
    expect(ref.columnInfo.find((c) => c.name === 'label')?.role).toBe('label');
  });
});
