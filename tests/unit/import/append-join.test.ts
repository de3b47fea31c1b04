import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newClient } from '../../helpers/engine';
import { fixture, rowsOf } from './helpers';

const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function csv(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('append', () => {
  it('adds a day of rows (columns in another order) and records an append import', async () => {
    await client.importFile({ path: fixture('day1.csv'), name: 'log' });
    const r = await client.importFile({ path: fixture('day2.csv'), append: 'log' });
    expect(r).toMatchObject({ dataset: 'log', kind: 'append', rows: 2 });
    const rows = await rowsOf(client, 'log');
    expect(rows.map((x) => x.request_id)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[4]).toEqual({ request_id: 5, ts: '2026-01-02T01:00:00Z', score: 0.7, group: 'c' });
    const d = await client.getDataset({ dataset: 'log' });
    expect(d.rows).toBe(5);
    expect(d.imports.map((i) => i.kind)).toEqual(['create', 'append']);
  });

  it('stored values stay values when the appended file uses other null tokens', async () => {
    await client.importFile({ path: csv('na1.csv', ['id,code', '1,NA', '2,x']), name: 'na', nullTokens: [''] });
    await client.importFile({ path: csv('na2.csv', ['id,code', '3,NA']), append: 'na' });
    expect((await rowsOf(client, 'na')).map((r) => r.code)).toEqual(['NA', 'x', null]);
  });

  it('refuses other column names or incompatible types, naming them, and changes nothing', async () => {
    const before = JSON.stringify(await client.getDataset({ dataset: 'log' }));
    await expect(client.importFile({ path: fixture('day2-wrong-columns.csv'), append: 'log' })).rejects.toThrow(
      /cannot be appended to "log": the file lacks column\(s\) "group"; the dataset has no column\(s\) "segment"/,
    );
    await expect(client.importFile({ path: fixture('day2-wrong-types.csv'), append: 'log' })).rejects.toThrow(
      /column "ts" is timestamp in the dataset but the file has text values in it \(e\.g\. "yesterday"\)/,
    );
    await expect(client.importFile({ path: fixture('day2.csv'), append: 'nope' })).rejects.toThrow(/No dataset named "nope"/);
    expect(JSON.stringify(await client.getDataset({ dataset: 'log' }))).toBe(before);
  });

  it('appends across chunk boundaries: the partial last chunk is refilled, values stay in place', async () => {
    const a = ['id,name,x'];
    for (let i = 0; i < 70_000; i++) a.push(`${i},n${i % 7},${i * 0.25}`);
    const b = ['id,name,x'];
    for (let i = 70_000; i < 140_000; i++) b.push(`${i},n${i % 7},${i * 0.25}`);
    await client.importFile({ path: csv('a.csv', a), name: 'big' });
    await client.importFile({ path: csv('b.csv', b), append: 'big' });
    const ds = ws.dataset('big');
    expect(ds.rows).toBe(140_000);
    const cols = ws.columns(ds.id);
    const id = ws.readColumn(ds, cols[0]);
    const x = ws.readColumn(ds, cols[2]);
    const name = ws.readColumn(ds, cols[1]);
    if (id.kind !== 'numeric' || x.kind !== 'numeric' || name.kind !== 'categorical') throw new Error('types');
    for (const i of [0, 65_535, 65_536, 69_999, 70_000, 131_071, 131_072, 139_999]) {
      expect(id.values[i]).toBe(i);
      expect(x.values[i]).toBe(i * 0.25);
      expect(name.dictionary[name.codes[i]]).toBe(`n${i % 7}`);
    }
    expect(cols.map((c) => c.nullCount)).toEqual([0, 0, 0]);
  });
});

describe('join (delayed labels)', () => {
  it('attaches labels by key, reports coverage, duplicate keys and orphans', async () => {
    await client.importFile({ path: fixture('day1.csv'), name: 'preds' });
    const r = await client.importFile({ path: fixture('labels.csv'), join: { dataset: 'preds', on: 'request_id' } });
    expect(r.kind).toBe('join');
    expect(r.join).toEqual({ matched: 2, coverage: 2 / 3, duplicateKeys: 1, orphans: 1 });
    expect((await rowsOf(client, 'preds')).map((x) => x.label)).toEqual([0, 1, null]);
    const d = await client.getDataset({ dataset: 'preds' });
    expect(d.columnInfo.find((c) => c.name === 'label')).toMatchObject({ type: 'integer', role: 'label', nullCount: 1 });
    expect(d.imports.map((i) => i.kind)).toEqual(['create', 'join']);
  });

  it('a second batch fills only the missing cells of the existing label column', async () => {
    const file = csv('labels2.csv', ['request_id,label', '3,1', '1,1']);
    const r = await client.importFile({ path: file, join: { dataset: 'preds', on: 'request_id' } });
    expect(r.join?.coverage).toBe(1);
    expect((await rowsOf(client, 'preds')).map((x) => x.label)).toEqual([0, 1, 1]);
  });

  it('rows without a key are problems with their line numbers', async () => {
    const file = csv('nokeys.csv', ['request_id,label', '1,0', ',1', '"2",1']);
    await expect(client.importFile({ path: file, join: { dataset: 'preds', on: 'request_id' } })).rejects.toThrow(/line 3, column "request_id": no usable key/);
    const r = await client.importFile({ path: file, join: { dataset: 'preds', on: 'request_id' }, onError: 'skip' });
    expect(r.problems).toEqual([{ line: 3, column: 'request_id', message: 'no usable key in column "request_id".' }]);
    expect(r.join).toMatchObject({ matched: 2, orphans: 0 });
  });

  it('matches zero-padded keys to integer keys, and takes chosen types for new joined columns', async () => {
    const file = csv('typed-labels.csv', ['request_id,outcome,reviewed', '001,1,2026-01-05', '3,0,bad-date', '002,1,1767571200']);
    await expect(client.importFile({ path: file, join: { dataset: 'preds', on: 'request_id' }, types: { outcome: 'categorical', reviewed: 'timestamp' } })).rejects.toThrow(
      /line 3, column "reviewed": "bad-date" is not a timestamp value/,
    );
    const r = await client.importFile({ path: file, join: { dataset: 'preds', on: 'request_id' }, types: { outcome: 'categorical', reviewed: 'timestamp' }, onError: 'skip' });
    expect(r.join).toMatchObject({ matched: 2, orphans: 0 });
    expect(r.columns.find((c) => c.name === 'outcome')?.type).toBe('categorical');
    const rows = await rowsOf(client, 'preds');
    expect(rows.map((x) => [x.outcome, x.reviewed])).toEqual([['1', '2026-01-05T00:00:00Z'], ['1', '2026-01-05T00:00:00Z'], [null, null]]);
    await expect(client.importFile({ path: file, join: { dataset: 'preds', on: 'request_id' }, types: { label: 'real' } })).rejects.toThrow(/A type was chosen with --type for a column the file does not attach: "label"/);
    await expect(client.importFile({ path: file, join: { dataset: 'preds', on: 'request_id' }, types: { outcome: 'text' } })).rejects.toThrow(/"outcome" already exists in the dataset and keeps its type/);
  });

  it('joins a Latin-1 file (the join starts over once the text is not UTF-8) by text keys with accents', async () => {
    const n = 30_000;
    const key = (i: number) => (i % 10_000 === 5 ? `clé${i}` : `k${i}`);
    await client.importFile({ path: csv('accents.csv', ['k,x', ...Array.from({ length: n }, (_, i) => `${key(i)},${i}`)]), name: 'accents' });
    // The first non-UTF-8 byte comes ~150 KB in, after rows have gone to the first attempt's spill files.
    const lines = ['k,tag', ...Array.from({ length: n }, (_, i) => `${key(n - 1 - i)},${i === n - 10 ? 'déjà' : `t${i}`}`)];
    const file = path.join(dir, 'latin1-labels.csv');
    fs.writeFileSync(file, Buffer.from(`${lines.join('\n')}\n`, 'latin1'));
    const r = await client.importFile({ path: file, join: { dataset: 'accents', on: 'k' } });
    expect(r.join).toEqual({ matched: n, duplicateKeys: 0, orphans: 0, coverage: 1 });
    expect(r.warnings.map((w) => w.code)).toEqual(['encoding']);
    const tags = (await rowsOf(client, 'accents')).map((x) => x.tag);
    expect(tags[9]).toBe('déjà');
    expect(tags[0]).toBe(`t${n - 1}`);
    expect(tags[5]).toBe(`t${n - 6}`);
  });

  it('joins JSON Lines by keys that are emoji, empty or a lone surrogate, and stores their values as an import does', async () => {
    const keys = ['😀', '', 'e\u0301', '\ud800', 'a"b,c', 'x'];
    const jsonl = (name: string, rows: object[]) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
      return file;
    };
    await client.importFile({ path: jsonl('odd-keys.jsonl', keys.map((k, i) => ({ k, i }))), name: 'oddkeys', nullTokens: [] });
    const values = ['v😀', 'v-empty', 'v\u0301', 'lone \udc00 value', 'q"uote', null];
    await client.importFile({ path: jsonl('odd-values.jsonl', values.map((v, i) => ({ i, v }))), name: 'oddvalues', nullTokens: [] });
    const file = jsonl('odd-labels.jsonl', [...keys.map((k, i) => ({ k, v: values[i] })).reverse(), { k: '\udfff', v: 'orphan' }, { k: '😀', v: 'second' }]);
    const r = await client.importFile({ path: file, join: { dataset: 'oddkeys', on: 'k' }, nullTokens: [] });
    expect(r.join).toMatchObject({ matched: keys.length, duplicateKeys: 1, orphans: 1 });
    const joined = (await rowsOf(client, 'oddkeys')).map((x) => x.v);
    expect(joined).toEqual((await rowsOf(client, 'oddvalues')).map((x) => x.v));
    expect(joined[0]).toBe('v😀');
  });

  it('explains a missing key column and leaves the dataset alone', async () => {
    const before = JSON.stringify(await client.getDataset({ dataset: 'preds' }));
    await expect(client.importFile({ path: fixture('labels.csv'), join: { dataset: 'preds', on: 'nope' } })).rejects.toThrow(/Dataset "preds" has no column named "nope" to match on \(the key chosen with --on\)/);
    const file = csv('nokey.csv', ['id,label', '1,1']);
    await expect(client.importFile({ path: file, join: { dataset: 'preds', on: 'request_id' } })).rejects.toThrow(/nokey\.csv has no column "request_id" to join on/);
    expect(JSON.stringify(await client.getDataset({ dataset: 'preds' }))).toBe(before);
  });
});
