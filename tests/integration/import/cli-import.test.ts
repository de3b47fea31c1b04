import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { json, plumbline } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';

const FIX = path.resolve(__dirname, '..', '..', 'fixtures', 'import');
const dir = tmpDir();
const db = path.join(dir, 'ws.db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Imported {
  dataset: string;
  kind: string;
  rows: number;
  rejected: number;
  columns: { name: string; type: string; role: string }[];
  problems: { line: number; message: string }[];
  rejectedSamples: string[];
  join?: { matched: number; coverage: number; duplicateKeys: number; orphans: number };
}

describe('plumbline import', () => {
  it('--role, --json with per-column type and role', () => {
    const r = json<Imported>(plumbline(['import', path.join(FIX, 'day1.csv'), '--name', 'log', '--role', 'group=group', '--role', 'score=score', '--json'], { db }));
    expect(r.columns).toEqual([
      expect.objectContaining({ name: 'request_id', type: 'integer', role: 'id' }),
      expect.objectContaining({ name: 'ts', type: 'timestamp', role: 'timestamp' }),
      expect.objectContaining({ name: 'score', type: 'real', role: 'score' }),
      expect.objectContaining({ name: 'group', type: 'categorical', role: 'group' }),
    ]);
  });

  it('--type chooses a column\'s type; a misfit names line and column; a bad --type is refused', () => {
    const file = path.join(dir, 'zips.csv');
    fs.writeFileSync(file, 'zip,amount\n00501,1\n10001,x\n');
    const r = json<Imported>(plumbline(['import', file, '--name', 'zips', '--type', 'zip=text', '--type', 'amount=real', '--on-error', 'skip', '--json'], { db }));
    expect(r.columns.map((c) => [c.name, c.type])).toEqual([['zip', 'text'], ['amount', 'real']]);
    expect(r.problems).toEqual([{ line: 3, column: 'amount', message: expect.stringMatching(/^"x" is not a real value/) }]);
    const bad = plumbline(['import', file, '--type', 'zip=string'], { db });
    expect(bad.stderr.trim()).toBe('plumbline: --type takes column=type with a type among integer, real, boolean, timestamp, categorical, text; got "zip=string".');
  });

  it('--append and --join --on', () => {
    expect(json<Imported>(plumbline(['import', path.join(FIX, 'day2.csv'), '--append', 'log', '--json'], { db }))).toMatchObject({ kind: 'append', rows: 2 });
    const j = json<Imported>(plumbline(['import', path.join(FIX, 'labels.csv'), '--join', 'log', '--on', 'request_id', '--json'], { db }));
    expect(j.join).toEqual({ matched: 2, coverage: 0.4, duplicateKeys: 1, orphans: 1 });
    const text = plumbline(['import', path.join(FIX, 'labels.csv'), '--join', 'log', '--on', 'request_id'], { db });
    expect(text.stdout).toMatch(/^Joined onto "log": 2 rows matched, coverage 40\.0%, 1 orphan key\(s\), 1 duplicate key\(s\)/);
  });

  it('--on-error skip prints the problems; abort (default) fails listing them', () => {
    const abort = plumbline(['import', path.join(FIX, 'ragged.csv')], { db });
    expect(abort.status).toBe(1);
    expect(abort.stderr).toMatch(/ragged\.csv: 2 of 4 rows are bad; nothing was imported\.\n {2}line 3: 2 fields/);
    const skip = json<Imported>(plumbline(['import', path.join(FIX, 'ragged.csv'), '--on-error', 'skip', '--json'], { db }));
    expect(skip).toMatchObject({ rows: 2, rejected: 2, rejectedSamples: ['4,5', '9,10,11,12'] });
  });

  it('--format and --delimiter', () => {
    const file = path.join(dir, 'pipes.dat');
    fs.writeFileSync(file, 'a|b\n1|x\n');
    const r = json<Imported>(plumbline(['import', file, '--format', 'csv', '--delimiter', '|', '--json'], { db }));
    expect(r.columns.map((c) => c.name)).toEqual(['a', 'b']);
    const bad = plumbline(['import', file, '--join', 'log'], { db });
    expect(bad.stderr.trim()).toBe('plumbline: --join needs --on KEY: the column that identifies a row in both the file and the dataset.');
  });
});
