import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newClient } from '../../helpers/engine';

const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function csv(name: string, from: number, to: number): string {
  const lines = ['id,uid,late,cat'];
  // uid: unique from the start; late: 5 values until row 100,000, then unique; cat: 3 values.
  for (let i = from; i < to; i++) lines.push(`${i},u-${i},${i < 100_000 ? `k${i % 5}` : `late-${i}`},${i % 3 === 0 ? '' : `c${i % 3}`}`);
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function strings(dataset: string, column: string): (string | null)[] {
  const ds = ws.dataset(dataset);
  const info = ws.columns(ds.id).find((c) => c.name === column)!;
  const col = ws.readColumn(ds, info);
  if (col.kind !== 'categorical') throw new Error(`${column} is ${col.type}`);
  return Array.from(col.codes, (c) => (c < 0 ? null : col.dictionary[c]));
}

describe('high-cardinality text is stored inline, not in a growing dictionary', () => {
  it('unique ids, a column that turns unique mid-file, and a categorical one, across chunks', async () => {
    const r = await client.importFile({ path: csv('hc.csv', 0, 150_000), name: 'hc' });
    expect(Object.fromEntries(r.columns.map((c) => [c.name, c.type]))).toEqual({ id: 'integer', uid: 'text', late: 'text', cat: 'categorical' });
    const encodings = ws.db
      .prepare("SELECT column_idx, group_concat(encoding) AS e FROM chunks WHERE dataset_id = ? GROUP BY column_idx ORDER BY column_idx")
      .all(ws.dataset('hc').id) as { e: string }[];
    expect(encodings.map((x) => x.e)).toEqual(['i32,i32,i32', 'str,str,str', 'dict8,str,str', 'dict8,dict8,dict8']);
    const dict = ws.db.prepare("SELECT dictionary FROM columns WHERE dataset_id = ? AND name = 'uid'").get(ws.dataset('hc').id) as { dictionary: string };
    expect(JSON.parse(dict.dictionary)).toEqual([]);
    const uid = strings('hc', 'uid');
    const late = strings('hc', 'late');
    const cat = strings('hc', 'cat');
    for (const i of [0, 999, 1000, 65_535, 65_536, 99_999, 100_000, 131_072, 149_999]) {
      expect(uid[i]).toBe(`u-${i}`);
      expect(late[i]).toBe(i < 100_000 ? `k${i % 5}` : `late-${i}`);
      expect(cat[i]).toBe(i % 3 === 0 ? null : `c${i % 3}`);
    }
  });

  it('appends to inline-text columns', async () => {
    await client.importFile({ path: csv('hc2.csv', 150_000, 160_000), append: 'hc' });
    const uid = strings('hc', 'uid');
    expect(uid.length).toBe(160_000);
    expect([uid[149_999], uid[150_000], uid[159_999]]).toEqual(['u-149999', 'u-150000', 'u-159999']);
    expect(strings('hc', 'late')[0]).toBe('k0');
    const page = await client.previewRows({ dataset: 'hc', offset: 149_998, limit: 4 });
    expect(page.rows.map((row) => row[1])).toEqual(['u-149998', 'u-149999', 'u-150000', 'u-150001']);
  });
});
