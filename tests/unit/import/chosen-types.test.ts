import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newClient } from '../../helpers/engine';
import { rowsOf, typesOf } from './helpers';

const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function file(name: string, lines: string[]): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, `${lines.join('\n')}\n`);
  return p;
}

describe('types chosen before import', () => {
  it('keeps ids with leading zeros and numeric classes as text, reads a real where integers were inferred', async () => {
    const f = file('chosen.csv', ['zip,klass,amount', '00501,0,1', '10001,1,2', '02134,2,3']);
    expect(await typesOf(client, (await client.importFile({ path: f, name: 'inferred' })).dataset)).toEqual({ zip: 'real', klass: 'integer', amount: 'integer' });
    // Inferred, "00501" is the number 501 (as in pandas); with a chosen type every value is kept as
    // written, and the numeric-looking classes become categories.
    const r = await client.importFile({ path: f, name: 'chosen', types: { zip: 'text', klass: 'categorical', amount: 'real' } });
    expect(r.columns.map((c) => [c.name, c.type])).toEqual([['zip', 'text'], ['klass', 'categorical'], ['amount', 'real']]);
    expect(await rowsOf(client, 'chosen')).toEqual([
      { zip: '00501', klass: '0', amount: 1 },
      { zip: '10001', klass: '1', amount: 2 },
      { zip: '02134', klass: '2', amount: 3 },
    ]);
  });

  it('a chosen integer reads zero-padded values ("007" = 7), which inference keeps as text', async () => {
    const f = file('padded.csv', ['code,n', '007,1', '010,2', 'A1,3']);
    expect((await typesOf(client, (await client.importFile({ path: f, name: 'padded-inferred' })).dataset)).code).toBe('categorical');
    const r = await client.importFile({ path: f, name: 'padded', types: { code: 'integer' }, onError: 'skip' });
    expect(r.problems.map((p) => [p.line, p.column])).toEqual([[4, 'code']]);
    expect((await rowsOf(client, 'padded')).map((x) => x.code)).toEqual([7, 10]);
  });

  it('a chosen timestamp reads ISO text and epoch seconds or milliseconds, whatever the column is called', async () => {
    const f = file('epoch.csv', ['seen,n', '1767225600,1', '1767225600123,2', '2026-01-01T00:00:01Z,3', ',4']);
    // Without a time-like name the integers are not times; mixed with an ISO stamp the column widens to text.
    expect((await typesOf(client, (await client.importFile({ path: f, name: 'epoch-inferred' })).dataset)).seen).toBe('categorical');
    await client.importFile({ path: f, name: 'epoch', types: { seen: 'timestamp' } });
    expect((await rowsOf(client, 'epoch')).map((x) => x.seen)).toEqual(['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.123Z', '2026-01-01T00:00:01Z', null]);
    const d = await client.getDataset({ dataset: 'epoch' });
    expect(d.columnInfo[0]).toMatchObject({ type: 'timestamp', nullCount: 1, widenedCount: 0 });
  });

  it('a value that does not fit a chosen type is a bad row naming line and column, never widened', async () => {
    const f = file('misfit.csv', ['id,score', '1,0.5', '2,high', '3,0.25', '4,42']);
    await expect(client.importFile({ path: f, name: 'misfit', types: { score: 'real', id: 'integer' } })).rejects.toThrow(
      /1 of 4 rows are bad;[\s\S]*line 3, column "score": "high" is not a real value, the type chosen for this column/,
    );
    expect(ws.findDataset('misfit')).toBeUndefined();
    const r = await client.importFile({ path: f, name: 'misfit', types: { score: 'real' }, onError: 'skip' });
    expect(r).toMatchObject({ rows: 3, rejected: 1, rejectedSamples: ['2,high'] });
    expect(r.problems).toEqual([{ line: 3, column: 'score', message: '"high" is not a real value, the type chosen for this column. Fix the value, or choose another type.' }]);
    expect((await rowsOf(client, 'misfit')).map((x) => [x.id, x.score])).toEqual([[1, 0.5], [3, 0.25], [4, 42]]);
  });

  it('checks every chosen column before adding any cell of a row (no partial rows)', async () => {
    const f = file('order.csv', ['a,b,c', 'x,1,2', 'y,one,3', 'z,2,three']);
    const r = await client.importFile({ path: f, name: 'order', types: { b: 'integer', c: 'integer' }, onError: 'skip' });
    expect(r.problems.map((p) => [p.line, p.column])).toEqual([[3, 'b'], [4, 'c']]);
    expect(await rowsOf(client, 'order')).toEqual([{ a: 'x', b: 1, c: 2 }]);
  });

  it('applies to JSON Lines and Parquet-free formats alike: JSONL with a late key', async () => {
    const f = file('late.jsonl', ['{"id": 1}', '{"id": 2, "flag": "1"}', '{"id": 3, "flag": "true"}']);
    await expect(client.importFile({ path: f, name: 'late', types: { flag: 'boolean' } })).rejects.toThrow(/line 2, column "flag": "1" is not a boolean value/);
    const r = await client.importFile({ path: f, name: 'late', types: { flag: 'text', id: 'categorical' } });
    expect(r.columns.map((c) => [c.name, c.type])).toEqual([['id', 'categorical'], ['flag', 'text']]);
    expect((await rowsOf(client, 'late')).map((x) => x.flag)).toEqual([null, '1', 'true']);
  });

  it('names a chosen column the file does not have, before reading the rows, and changes nothing', async () => {
    const f = file('typo.csv', ['id,score', '1,0.5']);
    await expect(client.importFile({ path: f, name: 'typo', types: { scroe: 'real' } })).rejects.toThrow(/A type was chosen with --type for column\(s\) the file does not have: "scroe"/);
    const j = file('typo.jsonl', ['{"id": 1}']);
    await expect(client.importFile({ path: j, name: 'typo', types: { scroe: 'real' } })).rejects.toThrow(/A type was chosen with --type for column\(s\) the file does not have: "scroe"/);
    expect(ws.findDataset('typo')).toBeUndefined();
  });

  it('is refused for an append, whose file takes the dataset\'s types', async () => {
    await expect(client.importFile({ path: file('app.csv', ['id,score', '5,0.1']), append: 'misfit', types: { id: 'text' } })).rejects.toThrow(
      /types cannot be chosen for an append/i,
    );
  });
});

describe('JSON Lines appends', () => {
  it('a key absent from the first lines (null values left out) is missing there, not a schema mismatch', async () => {
    await client.importFile({ path: file('d1.jsonl', ['{"id": 1, "label": 0, "f": {"a": 1.5}}', '{"id": 2, "label": 1, "f": {"a": 2}}']), name: 'events' });
    const r = await client.importFile({ path: file('d2.jsonl', ['{"id": 3, "f": {"a": 3}}', '{"id": 4, "label": 1}', '{"f": {"a": 5}, "id": 5}']), append: 'events' });
    expect(r).toMatchObject({ kind: 'append', rows: 3 });
    expect(await rowsOf(client, 'events')).toEqual([
      { id: 1, label: 0, 'f.a': 1.5 },
      { id: 2, label: 1, 'f.a': 2 },
      { id: 3, label: null, 'f.a': 3 },
      { id: 4, label: 1, 'f.a': null },
      { id: 5, label: null, 'f.a': 5 },
    ]);
    const d = await client.getDataset({ dataset: 'events' });
    expect(d.columnInfo.map((c) => c.nullCount)).toEqual([0, 2, 1]);
  });

  it('a key the dataset does not have still fails the append, at any line, and changes nothing', async () => {
    const before = JSON.stringify(await client.getDataset({ dataset: 'events' }));
    await expect(client.importFile({ path: file('d3.jsonl', ['{"id": 6}', '{"id": 7, "extra": 1}']), append: 'events' })).rejects.toThrow(
      /cannot append to "events": the dataset has no column "extra"/,
    );
    await expect(client.importFile({ path: file('d4.jsonl', ['{"id": 6, "other": 1}']), append: 'events' })).rejects.toThrow(/the dataset has no column\(s\) "other"/);
    expect(JSON.stringify(await client.getDataset({ dataset: 'events' }))).toBe(before);
  });

  it('a CSV append still needs every column in its header', async () => {
    await expect(client.importFile({ path: file('d5.csv', ['id,label', '8,1']), append: 'events' })).rejects.toThrow(/the file lacks column\(s\) "f\.a"/);
  });

  it('an appended text column keeps the type chosen for it', async () => {
    await client.importFile({ path: file('c1.csv', ['id,code', '1,x', '2,y']), name: 'codes', types: { code: 'text' } });
    await client.importFile({ path: file('c2.csv', ['id,code', '3,x']), append: 'codes' });
    expect(await typesOf(client, 'codes')).toEqual({ id: 'integer', code: 'text' });
  });

  it('an appended epoch-seconds log keeps reading as timestamps', async () => {
    await client.importFile({ path: file('t1.csv', ['event_time,x', '1767225600,1']), name: 'epochs' });
    await client.importFile({ path: file('t2.csv', ['event_time,x', '1767312000,2']), append: 'epochs' });
    expect((await rowsOf(client, 'epochs')).map((x) => x.event_time)).toEqual(['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z']);
  });
});
