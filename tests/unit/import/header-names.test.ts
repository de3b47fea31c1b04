import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PlumblineError } from '../../../core/api/errors';
import { dedupeHeader } from '../../../core/import/header';
import { newClient } from '../../helpers/engine';
import { writeFile } from '../../helpers/tmp';
import { rowsOf } from './helpers';

const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** pandas.read_csv's names for repeated headers (tests/reference/import_reference.py). */
const reference = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../reference/import_reference.json'), 'utf8')) as {
  headers: { header: string; columns: string[] }[];
};

describe('duplicate header names', () => {
  it('get the names pandas gives them, including suffixes the header already has', () => {
    expect(reference.headers.length).toBeGreaterThan(5);
    for (const { header, columns } of reference.headers) expect(dedupeHeader(header.split(','), 0).names, header).toEqual(columns);
  });

  it('the real COMPAS file imports, saying which columns were renamed', async () => {
    const r = await client.importFile({ path: path.resolve(__dirname, '../../fixtures/real/compas-head100.csv'), name: 'compas' });
    expect(r.rows).toBe(100);
    const names = r.columns.map((c) => c.name);
    expect(names.filter((n) => n.startsWith('decile_score') || n.startsWith('priors_count'))).toEqual(['decile_score', 'priors_count', 'decile_score.1', 'priors_count.1']);
    const w = r.warnings.find((x) => x.code === 'duplicate-names');
    expect(w?.columns).toEqual(['decile_score.1', 'priors_count.1']);
    expect(w?.message).toMatch(/column 40 "decile_score" → "decile_score\.1"/);
    const preview = await client.inspectFile({ path: path.resolve(__dirname, '../../fixtures/real/compas-head100.csv') });
    expect(preview.header).toEqual(names);
    expect(preview.warnings.map((x) => x.code)).toContain('duplicate-names');
  });

  it('renames chosen by the user apply before anything is written; roles and types follow the new names', async () => {
    const file = writeFile(dir, 'dup.csv', 'id,x,x\n1,2,3\n2,4,5\n');
    const r = await client.importFile({ path: file, name: 'renamed', rename: { x: 'x_first', 'x.1': 'x_second' }, types: { x_second: 'real' }, roles: { x_first: 'label' } });
    expect(r.columns.map((c) => [c.name, c.type, c.role])).toEqual([
      ['id', 'integer', 'id'],
      ['x_first', 'integer', 'label'],
      ['x_second', 'real', 'feature'],
    ]);
    expect(await rowsOf(client, 'renamed')).toEqual([
      { id: 1, x_first: 2, x_second: 3 },
      { id: 2, x_first: 4, x_second: 5 },
    ]);
  });

  it('a rename of a column the file lacks, or onto a taken name, is refused and writes nothing', async () => {
    const file = writeFile(dir, 'r.csv', 'a,b\n1,2\n');
    const before = (await client.listDatasets({})).length;
    await expect(client.importFile({ path: file, rename: { c: 'd' } })).rejects.toThrow(/rename names column\(s\) the file does not have: "c"/);
    await expect(client.importFile({ path: file, rename: { a: 'b' } })).rejects.toThrow(/two columns would be named "b"/);
    await expect(client.importFile({ path: file, rename: { a: 'b' } })).rejects.toBeInstanceOf(PlumblineError);
    expect((await client.listDatasets({})).length).toBe(before);
  });
});
