import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileTimestampFormat } from '../../../core/import/timestamp-format';
import { parseCompactDate } from '../../../core/data/values';
import { newClient } from '../../helpers/engine';
import { writeFile } from '../../helpers/tmp';
import { rowsOf } from './helpers';

const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** pandas.to_datetime(value, format=…) in UTC ms, null when refused (tests/reference/import_reference.py). */
const reference = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../reference/import_reference.json'), 'utf8')) as {
  timestamps: { format: string; values: { value: string; ms: number | null }[] }[];
};

/**
 * Where Plumbline is deliberately stricter than pandas 1.5: fields written back to back read exactly
 * two digits (pandas reads "2011011" as %Y%m%d = 2011-01-01), and a space in the format is a space
 * (pandas' ISO fast path also takes a T).
 */
const STRICTER = new Set(['%Y%m%d 2011011', '%Y-%m-%d %H:%M:%S 2011-01-01T00:00:00']);

const BIKE = path.resolve(__dirname, '../../fixtures/real/bike-hour-head200.csv');

describe('timestamps in a format the user names', () => {
  it('read as pandas reads them with the same format', () => {
    let compared = 0;
    for (const { format, values } of reference.timestamps) {
      const parse = compileTimestampFormat(format);
      for (const { value, ms } of values) {
        const key = `${format} ${value}`;
        if (STRICTER.has(key)) expect(parse(value), key).toBeUndefined();
        else {
          expect(parse(value) ?? null, key).toBe(ms);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('refuses a format it cannot read, naming the column', () => {
    expect(() => compileTimestampFormat('%Y%q', 'd')).toThrow(/%q, which is not supported[\s\S]*%Y %y %m %d/);
    expect(() => compileTimestampFormat('%H:%M', 'd')).toThrow(/needs a year \(%Y or %y\), a month \(%m\) and a day \(%d\)/);
  });

  it('a chosen timestamp reads compact YYYYMMDD dates without a format (bike sharing\'s dteday)', async () => {
    expect(parseCompactDate('20110101')).toBe(Date.UTC(2011, 0, 1));
    expect(parseCompactDate('20110229')).toBeUndefined();
    const r = await client.importFile({ path: BIKE, name: 'bike', types: { dteday: 'timestamp' } });
    expect(r).toMatchObject({ rows: 200, rejected: 0 });
    expect(r.columns.find((c) => c.name === 'dteday')).toMatchObject({ type: 'timestamp', role: 'timestamp' });
    expect((await rowsOf(client, 'bike'))[199].dteday).toBe('2011-01-09T00:00:00Z');
  });

  it('a format string reads day-first dates; values that do not fit it are bad rows naming the format', async () => {
    const file = writeFile(dir, 'dayfirst.csv', 'when,n\n01/02/2011 10:30,1\n31/12/2012 23:59,2\n2011-01-01,3\n');
    await expect(client.importFile({ path: file, timestampFormats: { when: '%d/%m/%Y %H:%M' } })).rejects.toThrow(
      /line 4, column "when": "2011-01-01" is not a timestamp value \(format "%d\/%m\/%Y %H:%M"\)/,
    );
    const r = await client.importFile({ path: file, name: 'dayfirst', timestampFormats: { when: '%d/%m/%Y %H:%M' }, onError: 'skip' });
    expect(r).toMatchObject({ rows: 2, rejected: 1 });
    expect((await rowsOf(client, 'dayfirst')).map((x) => x.when)).toEqual(['2011-02-01T10:30:00Z', '2012-12-31T23:59:00Z']);
    expect((await client.getDataset({ dataset: 'dayfirst' })).imports[0].parserSettings.timestampFormats).toEqual({ when: '%d/%m/%Y %H:%M' });
  });

  it('YYYY-MM-DD HH:MM:SS without a T is a timestamp, inferred or chosen', async () => {
    const file = writeFile(dir, 'space.csv', 'at,n\n2011-01-01 00:00:00,1\n2012-06-30 23:59:59,2\n');
    const r = await client.importFile({ path: file, name: 'space' });
    expect(r.columns[0].type).toBe('timestamp');
    expect((await rowsOf(client, 'space')).map((x) => x.at)).toEqual(['2011-01-01T00:00:00Z', '2012-06-30T23:59:59Z']);
  });
});
