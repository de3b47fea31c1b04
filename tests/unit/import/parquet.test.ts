import fs from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import { newClient } from '../../helpers/engine';
import { rowsOf, typesOf } from './helpers';

const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const N = 350;
const start = Date.UTC(2026, 0, 1);

// Written at test time with hyparquet-writer (pyarrow is not available), in row groups of 100 so
// the reader's row-group loop is exercised.
function writeParquet(file: string): void {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'id', data: Array.from({ length: N }, (_, i) => i), type: 'INT32' },
      { name: 'score', data: Array.from({ length: N }, (_, i) => (i % 10 === 0 ? null : i / 8)), type: 'DOUBLE' },
      { name: 'segment', data: Array.from({ length: N }, (_, i) => (i % 7 === 0 ? null : `s${i % 3}`)), type: 'STRING' },
      { name: 'flag', data: Array.from({ length: N }, (_, i) => i % 2 === 0), type: 'BOOLEAN' },
      { name: 'event_time', data: Array.from({ length: N }, (_, i) => new Date(start + i * 60_000)), type: 'TIMESTAMP' },
      { name: 'big', data: Array.from({ length: N }, (_, i) => BigInt(i) * 1_000_000_007n), type: 'INT64' },
    ],
    rowGroupSize: 100,
  });
  fs.writeFileSync(file, Buffer.from(buffer));
}

describe('Parquet', () => {
  const file = path.join(dir, 'log.parquet');
  writeParquet(file);

  it('imports every row group with typed values', async () => {
    const r = await client.importFile({ path: file });
    expect(r).toMatchObject({ dataset: 'log', rows: N, rejected: 0 });
    expect(await typesOf(client, 'log')).toEqual({ id: 'integer', score: 'real', segment: 'categorical', flag: 'boolean', event_time: 'timestamp', big: 'integer' });
    const rows = await rowsOf(client, 'log');
    expect(rows).toHaveLength(N);
    for (const i of [0, 1, 99, 100, 101, 349]) {
      expect(rows[i]).toEqual({
        id: i,
        score: i % 10 === 0 ? null : i / 8,
        segment: i % 7 === 0 ? null : `s${i % 3}`,
        flag: i % 2 === 0,
        event_time: new Date(start + i * 60_000).toISOString().replace('.000Z', 'Z'),
        big: i * 1_000_000_007,
      });
    }
    const imp = (await client.getDataset({ dataset: 'log' })).imports[0];
    expect(imp.format).toBe('parquet');
    expect(imp.parserSettings.rowGroups).toBe(4);
    expect(imp.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is recognised by content whatever the extension, and previewed by inspectFile', async () => {
    const odd = path.join(dir, 'export.bin');
    fs.copyFileSync(file, odd);
    const inspected = await client.inspectFile({ path: odd });
    expect(inspected.format).toBe('parquet');
    expect(inspected.header).toEqual(['id', 'score', 'segment', 'flag', 'event_time', 'big']);
    expect(inspected.sampleRows[1].slice(0, 3)).toEqual(['1', '0.125', 's1']);
    expect((await client.importFile({ path: odd, name: 'odd' })).rows).toBe(N);
  });
});
