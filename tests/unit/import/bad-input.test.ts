import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PlumblineError } from '../../../core/api/errors';
import { noContext } from '../../../core/api/context';
import { importFile } from '../../../core/import/import-file';
import { newClient } from '../../helpers/engine';
import { writeFile } from '../../helpers/tmp';
import { fixture, rowsOf } from './helpers';

const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every failed import must leave the workspace exactly as it was. */
async function rejects(file: string, pattern: RegExp, extra: Record<string, unknown> = {}): Promise<PlumblineError> {
  const before = JSON.stringify(await client.listDatasets({}));
  const err = await client.importFile({ path: file, ...extra }).then(
    () => undefined,
    (e: unknown) => e as PlumblineError,
  );
  expect(err, `${file} should fail`).toBeInstanceOf(Error);
  expect(err!.message).toMatch(pattern);
  expect(JSON.stringify(await client.listDatasets({}))).toBe(before);
  return err!;
}

describe('bad input: a clear message, nothing written', () => {
  it('ragged rows: abort lists every bad line; skip keeps the rest and samples the rejects', async () => {
    const err = await rejects(fixture('ragged.csv'), /ragged\.csv: 2 of 4 rows are bad; nothing was imported\.\n {2}line 3: 2 fields where the header has 3[\s\S]*line 5: 4 fields where the header has 3[\s\S]*--on-error skip/);
    expect((err.details as { problems: unknown[] }).problems).toHaveLength(2);
    const r = await client.importFile({ path: fixture('ragged.csv'), name: 'ragged', onError: 'skip' });
    expect(r).toMatchObject({ rows: 2, rejected: 2, rejectedSamples: ['4,5', '9,10,11,12'] });
    expect(r.problems.map((p) => p.line)).toEqual([3, 5]);
    expect(await rowsOf(client, 'ragged')).toEqual([{ a: 1, b: 2, c: 3 }, { a: 6, b: 7, c: 8 }]);
    const imp = (await client.getDataset({ dataset: 'ragged' })).imports[0];
    expect(imp).toMatchObject({ rowsRead: 4, rowsAccepted: 2, rowsRejected: 2 });
    const audit = ws.db.prepare("SELECT details FROM audit_log WHERE action = 'import' AND subject = 'ragged'").get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ rejected: 2, rejectedSamples: ['4,5', '9,10,11,12'], problems: [{ line: 3 }, { line: 5 }] });
  });

  it('abort stops after 20 problems and lists them', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 50; i++) lines.push(i % 2 ? `${i},${i}` : `${i}`);
    const file = path.join(dir, 'many-bad.csv');
    fs.writeFileSync(file, lines.join('\n'));
    const err = await rejects(file, /many-bad\.csv: 25 of 50 rows are bad \(the first 20 are listed\); nothing was imported/);
    const details = err.details as { problems: { line: number }[]; rejected: number; rowsRead: number; allRowsBad: boolean };
    expect(details.problems.map((p) => p.line).slice(0, 3)).toEqual([2, 4, 6]);
    expect(details.problems).toHaveLength(20);
    expect(details).toMatchObject({ rejected: 25, rowsRead: 50, allRowsBad: false });
  });

  it('counts every bad row past the first 20, in both modes', async () => {
    const lines = ['a,b', ...Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? `${i},${i}` : `${i}`))];
    const file = writeFile(dir, 'mostly-bad.csv', lines.join('\n'));
    const err = await rejects(file, /200 of 300 rows are bad \(the first 20 are listed\)/);
    expect(err.details).toMatchObject({ rejected: 200, rowsRead: 300 });
    const r = await client.importFile({ path: file, name: 'mostly-bad', onError: 'skip' });
    expect(r).toMatchObject({ rows: 100, rejected: 200 });
    expect(r.problems).toHaveLength(20);
  });

  it('when every row is bad because of a chosen type, says the type is the likely cause; never an empty dataset', async () => {
    const file = writeFile(dir, 'dates.csv', `day,n\n${Array.from({ length: 50 }, (_, i) => `2011-13-${10 + (i % 10)},${i}`).join('\n')}\n`);
    for (const onError of ['abort', 'skip'] as const) {
      const err = await rejects(file, /all 50 rows are bad \(the first 20 are listed\); nothing was imported[\s\S]*Every row was refused by column "day" \(type timestamp[\s\S]*the type is the likely cause[\s\S]*--type day=text/, { types: { day: 'timestamp' }, onError });
      expect(err.details).toMatchObject({ allRowsBad: true, rejected: 50, rowsRead: 50, column: 'day', type: 'timestamp' });
    }
    // Rows bad for other reasons (a wrong delimiter): still no empty dataset with skip.
    const ragged = writeFile(dir, 'all-ragged.csv', 'a,b,c\n1,2\n3,4\n');
    const err = await rejects(ragged, /all 2 rows are bad; nothing was imported[\s\S]*would leave no data/, { onError: 'skip' });
    expect(err.details).toMatchObject({ allRowsBad: true });
  });

  it('an unclosed quote names the line where it opens', async () => {
    await rejects(fixture('unclosed-quote.csv'), /unclosed-quote\.csv: line 3: a quoted field starts on this line and is never closed/);
  });

  it('a binary file names the byte offset of the first NUL', async () => {
    const err = await rejects(fixture('binary.csv'), /binary\.csv: byte 9 is a NUL \(0x00\) byte: this looks like a binary file/);
    expect(err.code).toBe('BAD_INPUT');
  });

  it('invalid UTF-8 after a UTF-8 BOM names the byte', async () => {
    await rejects(fixture('invalid-utf8-with-bom.csv'), /invalid-utf8-with-bom\.csv: byte 14 is not valid UTF-8/);
  });

  it('an empty file, and a file that is not gzip although named .gz', async () => {
    await rejects(fixture('empty.csv'), /empty\.csv: the file is empty\. A CSV file needs a header row/);
    await rejects(fixture('not-gzip.csv.gz'), /not-gzip\.csv\.gz: not a valid gzip file/);
  });

  it('a header-only file is a valid empty dataset with its columns', async () => {
    const r = await client.importFile({ path: fixture('header-only.csv'), name: 'empty-ds' });
    expect(r.rows).toBe(0);
    expect(r.columns.map((c) => c.name)).toEqual(['id', 'score', 'label']);
    expect((await client.getDataset({ dataset: 'empty-ds' })).rows).toBe(0);
    expect(r.warnings.find((w) => w.code === 'no-rows')?.message).toMatch(/header-only\.csv has a header but no data rows: "empty-ds" has 3 columns and 0 rows/);
    expect((await client.inspectFile({ path: fixture('header-only.csv') })).warnings.map((w) => w.code)).toEqual(['no-rows']);
  });

  it('duplicate column names get a suffix (as pandas gives it); empty ones get a positional name', async () => {
    const d = await client.importFile({ path: fixture('duplicate-names.csv'), name: 'dups' });
    expect(d.columns.map((c) => c.name)).toEqual(['id', 'score', 'id.1']);
    expect(d.warnings.map((w) => w.code)).toEqual(['duplicate-names']);
    const r = await client.importFile({ path: fixture('empty-names.csv'), name: 'empty-names' });
    expect(r.columns.map((c) => c.name)).toEqual(['id', 'column_2', 'score', 'column_4']);
  });

  it('column names are data: SQL, empty, unicode, 1 KB long', async () => {
    const r = await client.importFile({ path: fixture('hostile-names.csv'), name: '"; DROP TABLE datasets; --' });
    const names = ['"; DROP TABLE x; --', 'column_2', 'été 😀', 'L'.repeat(1024)];
    expect(r.columns.map((c) => c.name)).toEqual(names);
    expect(await rowsOf(client, '"; DROP TABLE datasets; --')).toEqual([Object.fromEntries(names.map((n, i) => [n, i + 1]))]);
    expect((await client.listDatasets({})).length).toBeGreaterThan(1);
  });

  it('bad JSON lines are problems with their line numbers', async () => {
    await rejects(fixture('bad-json.jsonl'), /line 2: not valid JSON[\s\S]*line 3: each line must be a JSON object/);
    const r = await client.importFile({ path: fixture('bad-json.jsonl'), name: 'bad-json', onError: 'skip' });
    expect(r).toMatchObject({ rows: 2, rejected: 2 });
  });

  it('5,000 columns', async () => {
    const header = Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',');
    const row = (k: number) => Array.from({ length: 5000 }, (_, i) => String(i + k)).join(',');
    const file = path.join(dir, 'wide.csv');
    fs.writeFileSync(file, `${header}\n${row(0)}\n${row(1)}\n`);
    const r = await client.importFile({ path: file, name: 'wide' });
    expect(r.columns).toHaveLength(5000);
    const page = await client.previewRows({ dataset: 'wide', limit: 2 });
    expect(page.rows[1][4999]).toBe(5000);
  });

  it('a 10 MB field', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const file = path.join(dir, 'big-field.csv');
    fs.writeFileSync(file, `id,text\n1,"${big}"\n2,small\n`);
    await client.importFile({ path: file, name: 'big-field' });
    const rows = await rowsOf(client, 'big-field');
    expect((rows[0].text as string).length).toBe(big.length);
    expect(rows[1].text).toBe('small');
  });

  it('a file that changes while it is read', async () => {
    const file = path.join(dir, 'growing.csv');
    const lines = ['id,v'];
    for (let i = 0; i < 200_000; i++) lines.push(`${i},${i * 0.5}`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const before = JSON.stringify(await client.listDatasets({}));
    const ctx = noContext();
    let appended = false;
    const progress = () => {
      if (!appended) {
        appended = true;
        fs.appendFileSync(file, '200000,1\n');
      }
    };
    await expect(importFile(ws, { path: file, name: 'growing' }, { ...ctx, progress })).rejects.toThrow(/growing\.csv changed while it was being read/);
    expect(JSON.stringify(await client.listDatasets({}))).toBe(before);
  });

  it('a full disk (SQLITE_FULL) says so and leaves the workspace unchanged', async () => {
    const file = path.join(dir, 'fill.csv');
    const lines = ['id,text'];
    for (let i = 0; i < 100_000; i++) lines.push(`${i},some text that takes room ${i}`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const before = JSON.stringify(await client.listDatasets({}));
    const pages = (ws.db.pragma('page_count', { simple: true }) as number) + 20;
    await expect(importFile(ws, { path: file, name: 'fill' }, noContext(), { maxPageCount: pages })).rejects.toThrow(
      /The disk holding the workspace .* is full: nothing was imported/,
    );
    expect(JSON.stringify(await client.listDatasets({}))).toBe(before);
    expect(ws.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('cancellation through the AbortSignal leaves nothing', async () => {
    const file = path.join(dir, 'cancel.csv');
    const lines = ['id,v'];
    for (let i = 0; i < 300_000; i++) lines.push(`${i},${i}`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const before = JSON.stringify(await client.listDatasets({}));
    const controller = new AbortController();
    const p = client.importFile({ path: file, name: 'cancelled' }, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(JSON.stringify(await client.listDatasets({}))).toBe(before);
    expect(ws.db.prepare("SELECT COUNT(*) AS n FROM datasets WHERE name = 'cancelled'").get()).toEqual({ n: 0 });
  });
});
