import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../../core/api/types';
import { newClient } from '../../helpers/engine';
import { fixture, rowsOf, typesOf } from './helpers';

const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('formats', () => {
  it('CSV with a BOM, CRLF and a quoted CRLF inside a field', async () => {
    await client.importFile({ path: fixture('bom-crlf.csv'), name: 'bom' });
    expect(await rowsOf(client, 'bom')).toEqual([
      { id: 1, text: 'line one\r\nline two' },
      { id: 2, text: 'plain' },
    ]);
  });

  it('line ends: LF, CRLF, CR alone, a final line without its end, blank lines', async () => {
    const cases: [string, string][] = [
      ['lf', 'a,b\n1,x\n\n2,y\n'],
      ['crlf', 'a,b\r\n1,x\r\n2,y'],
      ['cr', 'a,b\r1,x\r2,y\r'],
      ['last-cr', 'a,b\n1,x\n2,y\r'],
    ];
    for (const [name, text] of cases) {
      const file = path.join(dir, `${name}.csv`);
      fs.writeFileSync(file, text);
      await client.importFile({ path: file, name: `le-${name}` });
      expect(await rowsOf(client, `le-${name}`), name).toEqual([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
    }
  });

  it('detects a semicolon delimiter and TSV', async () => {
    const r = await client.importFile({ path: fixture('semicolon.csv'), name: 'semi' });
    expect(r.columns.map((c) => c.name)).toEqual(['id', 'amount', 'city']);
    expect(await rowsOf(client, 'semi')).toEqual([
      { id: 1, amount: 2.5, city: 'Paris; France' },
      { id: 2, amount: 3, city: 'Lyon' },
    ]);
    await client.importFile({ path: fixture('data.tsv'), name: 'tsv' });
    expect(await rowsOf(client, 'tsv')).toEqual([
      { id: 1, name: 'A', score: 0.5 },
      { id: 2, name: 'B', score: 0.25 },
    ]);
  });

  it('decodes UTF-16 LE and BE with a BOM', async () => {
    await client.importFile({ path: fixture('utf16le-bom.csv'), name: 'u16le' });
    expect(await rowsOf(client, 'u16le')).toEqual([{ id: 1, name: 'café' }, { id: 2, name: '日本' }]);
    await client.importFile({ path: fixture('utf16be-bom.csv'), name: 'u16be' });
    expect(await rowsOf(client, 'u16be')).toEqual([{ id: 1, name: 'café' }]);
    expect((await client.getDataset({ dataset: 'u16be' })).imports[0].parserSettings.encoding).toBe('utf-16be');
  });

  it('multi-byte characters split across read boundaries, in UTF-8 and UTF-16', async () => {
    const values = Array.from({ length: 30_000 }, (_, i) => `😀é${i}日本`);
    const text = `id,v\n${values.map((v, i) => `${i},${v}`).join('\n')}\n`;
    fs.writeFileSync(path.join(dir, 'mb8.csv'), text);
    fs.writeFileSync(path.join(dir, 'mb16.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    for (const name of ['mb8', 'mb16']) {
      await client.importFile({ path: path.join(dir, `${name}.csv`), name });
      expect((await rowsOf(client, name)).map((r) => r.v)).toEqual(values.slice(0, 10_000));
    }
  });

  it('reads invalid UTF-8 without a BOM as Latin-1 and records it in the provenance', async () => {
    const r = await client.importFile({ path: fixture('invalid-utf8.csv'), name: 'latin' });
    expect(r.warnings.filter((w) => w.code === 'encoding').map((w) => w.message)).toEqual([expect.stringMatching(/^The file has no byte-order mark and is not valid UTF-8 \(byte \d+ is not\), so it was read as Latin-1 \(windows-1252\)/)]);
    expect((await rowsOf(client, 'latin')).map((r) => r.city)).toEqual(['Zürich', 'São Paulo', 'Montréal']);
    const settings = (await client.getDataset({ dataset: 'latin' })).imports[0].parserSettings;
    expect(settings.encoding).toBe('latin1');
    expect(settings.encodingReason).toMatch(/no byte-order mark and is not valid UTF-8 \(byte \d+ is not\), so it was read as Latin-1/);
  });

  it('streams .gz files (CSV and NDJSON)', async () => {
    const r = await client.importFile({ path: fixture('gz.csv.gz') });
    expect(r.dataset).toBe('gz');
    expect(await rowsOf(client, 'gz')).toEqual([{ id: 1, v: 0.5 }, { id: 2, v: 1.5 }, { id: 3, v: 2.5 }]);
    await client.importFile({ path: fixture('events.ndjson.gz'), name: 'ndgz' });
    expect(await rowsOf(client, 'ndgz')).toEqual([{ id: 1, v: 0.5 }, { id: 2, v: 1.5 }]);
  });

  it('JSON Lines: nested objects flattened, arrays as JSON text, late keys become columns', async () => {
    await client.importFile({ path: fixture('events.jsonl'), name: 'ev' });
    expect(await typesOf(client, 'ev')).toMatchObject({ id: 'integer', 'features.amount': 'real', 'features.country': 'categorical', ok: 'boolean', ts: 'timestamp' });
    expect(await rowsOf(client, 'ev')).toEqual([
      { id: 1, 'features.amount': 12.5, 'features.country': 'FR', tags: '["a","b"]', ok: true, ts: '2026-01-01T00:00:00Z', 'features.extra': null },
      { id: 2, 'features.amount': null, 'features.country': 'DE', tags: '[]', ok: false, ts: '2026-01-01T23:00:00Z', 'features.extra': null },
      { id: 3, 'features.amount': 3, 'features.country': 'FR', tags: '[1]', ok: true, ts: null, 'features.extra': 'new' },
    ]);
  });

  it('JSON Lines: a dotted key and a nested object naming the same column are one column', async () => {
    const file = path.join(dir, 'dotted.jsonl');
    fs.writeFileSync(file, '{"a.b": 1, "c": "x"}\n{"a": {"b": 2}, "c": "y"}\n');
    await client.importFile({ path: file, name: 'dotted' });
    expect(await rowsOf(client, 'dotted')).toEqual([{ 'a.b': 1, c: 'x' }, { 'a.b': 2, c: 'y' }]);
  });

  it('reads integer epochs as timestamps only in columns named like a time', async () => {
    await client.importFile({ path: fixture('epoch.csv'), name: 'epoch' });
    expect(await typesOf(client, 'epoch')).toEqual({ request_id: 'integer', event_time: 'timestamp', created_ms: 'timestamp', count: 'integer' });
    expect((await rowsOf(client, 'epoch'))[0]).toEqual({ request_id: 1, event_time: '2026-01-01T00:00:00Z', created_ms: '2026-01-01T00:00:00Z', count: 1767225600 });
  });

  it('mixed types: the type comes from the first 1,000 values; later contradictions widen it and are counted', async () => {
    const r = await client.importFile({ path: fixture('mixed-types.csv'), name: 'mixed' });
    expect(r.columns.find((c) => c.name === 'n')).toMatchObject({ type: 'integer', widenedCount: 0 });
    expect(r.columns.find((c) => c.name === 'm')).toMatchObject({ type: 'categorical', widenedCount: 0 });
    expect((await rowsOf(client, 'mixed')).map((x) => x.m)).toEqual(['1', '2.5', 'three']);
    const lines = ['n,k'];
    for (let i = 0; i < 2000; i++) lines.push(`${i},${i}`);
    lines.push('2.5,7', 'x,8', '3,9');
    const file = path.join(dir, 'widen.csv');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const w = await client.importFile({ path: file, name: 'widen' });
    expect(w.columns.map((c) => [c.name, c.type, c.widenedCount])).toEqual([['n', 'text', 2], ['k', 'integer', 0]]);
    expect((await rowsOf(client, 'widen')).slice(1998).map((x) => x.n)).toEqual(['1998', '1999', '2.5', 'x', '3']);
  });

  it('roles: given at import, guessed otherwise, editable later and audit-logged', async () => {
    await client.importFile({ path: fixture('day1.csv'), name: 'roles', roles: { group: 'group', score: 'score' } });
    const d = await client.getDataset({ dataset: 'roles' });
    expect(Object.fromEntries(d.columnInfo.map((c) => [c.name, c.role]))).toEqual({ request_id: 'id', ts: 'timestamp', score: 'score', group: 'group' });
    const changed = await client.setColumnRole({ dataset: 'roles', column: 'score', role: 'prediction' });
    expect(changed.role).toBe('prediction');
    expect((await client.getDataset({ dataset: 'roles' })).columnInfo[2].role).toBe('prediction');
    const audit = ws.db.prepare("SELECT details FROM audit_log WHERE action = 'set-column-role'").all() as { details: string }[];
    expect(JSON.parse(audit[0].details)).toEqual({ column: 'score', from: 'score', to: 'prediction' });
    await expect(client.importFile({ path: fixture('day1.csv'), name: 'roles2', roles: { nope: 'label' } })).rejects.toThrow(/A role was chosen with --role for column\(s\) the file does not have: "nope"/);
  });

  it('reports progress in bytes with rows, ending at the file size', async () => {
    const lines = ['id,v'];
    for (let i = 0; i < 200_000; i++) lines.push(`${i},${i / 4}`);
    const file = path.join(dir, 'progress.csv');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const events: Progress[] = [];
    await client.importFile({ path: file, name: 'progress' }, { onProgress: (p) => events.push(p) });
    const size = fs.statSync(file).size;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.unit === 'bytes' && e.total === size && e.done <= size)).toBe(true);
    expect(events.at(-1)).toMatchObject({ done: size, rows: 200_000 });
  });

  it('inspectFile previews format, delimiter, encoding, first rows, types and roles', async () => {
    const r = await client.inspectFile({ path: fixture('semicolon.csv') });
    expect(r).toEqual({
      format: 'csv',
      delimiter: ';',
      encoding: 'utf-8',
      encodingReason: 'the file is valid UTF-8',
      header: ['id', 'amount', 'city'],
      warnings: [],
      sampleRows: [['1', '2.5', 'Paris; France'], ['2', '3', 'Lyon']],
      columns: [
        { name: 'id', type: 'integer', role: 'id' },
        { name: 'amount', type: 'real', role: 'feature' },
        { name: 'city', type: 'categorical', role: 'feature' },
      ],
    });
    const j = await client.inspectFile({ path: fixture('events.jsonl') });
    expect(j.format).toBe('jsonl');
    expect(j.header).toContain('features.amount');
    const latin = await client.inspectFile({ path: fixture('invalid-utf8.csv') });
    expect(latin.encoding).toBe('latin1');
    expect(latin.warnings.map((w) => w.code)).toEqual(['encoding']);
    expect(latin.encodingReason).toMatch(/not valid UTF-8 \(byte \d+ is not\)/);
    // Larger than the 1 MB sample: the preview stops at the last whole line.
    const lines = ['id,text'];
    for (let i = 0; i < 40_000; i++) lines.push(`${i},"a, ""quoted""\nvalue ${i}"`);
    const big = path.join(dir, 'big-preview.csv');
    fs.writeFileSync(big, `${lines.join('\n')}\n`);
    const b = await client.inspectFile({ path: big });
    expect(b.sampleRows).toHaveLength(20);
    expect(b.sampleRows[3]).toEqual(['3', 'a, "quoted"\nvalue 3']);
    expect(b.columns).toEqual([{ name: 'id', type: 'integer', role: 'id' }, { name: 'text', type: 'text', role: 'ignore' }]);
    // Unique free text is left out of drift as possible personal data, and the preview says so.
    expect(b.warnings.map((w) => w.code)).toEqual(['personal-data']);
  });
});

describe('browser-mode uploads', () => {
  it('record the name the analyst chose and that it was uploaded, not the server\'s copy', async () => {
    const { client: c, ws: w, dir: d } = newClient();
    try {
      const copy = path.join(d, 'uploads', '2026-12-06T05-00-00-000Z-ab12cd34', 'bike_cur_2012.csv');
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      fs.copyFileSync(fixture('day1.csv'), copy);
      const r = await c.importFile({ path: copy, uploadedAs: 'bike_cur_2012.csv' });
      expect(r.dataset).toBe('bike_cur_2012');
      const imp = (await c.getDataset({ dataset: r.dataset })).imports[0];
      expect(imp.sourcePath).toBe('bike_cur_2012.csv');
      expect(imp.parserSettings.uploaded).toBe(true);
      const audit = w.db.prepare("SELECT details FROM audit_log WHERE action = 'import'").get() as { details: string };
      expect(audit.details).not.toContain('uploads');
    } finally {
      w.close();
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
