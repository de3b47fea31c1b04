import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { json, plumbline, ROOT } from '../helpers/cli';
import { tmpDir, writeFile } from '../helpers/tmp';

/** What a newcomer meets first with real files (issue 9, import and roles), through the built CLI. */
const REAL = path.join(ROOT, 'tests/fixtures/real');
const dir = tmpDir();
const db = path.join(dir, 'ws.db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Imported {
  rows: number;
  columns: { name: string; type: string; role: string }[];
  warnings: { code: string; message: string; columns?: string[] }[];
}

// Each test spawns the CLI several times: on a busy 2-core machine that takes seconds.
describe('plumbline import and drift on real files', { timeout: 60_000 }, () => {
  it('COMPAS imports with its repeated names suffixed, said in text; --rename names them before writing', () => {
    const text = plumbline(['import', path.join(REAL, 'compas-head100.csv'), '--name', 'compas'], { db });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/warning: The header names 2 columns twice[^\n]*"decile_score" → "decile_score\.1"[^\n]*--rename decile_score\.1=NEW/);
    expect(text.stdout).toMatch(/warning: 3 columns look like personal data[^\n]*"name" \(name\)[^\n]*--role name=feature/);
    const r = json<Imported>(
      plumbline(['import', path.join(REAL, 'compas-head100.csv'), '--name', 'compas2', '--rename', 'decile_score.1=decile_score_v2', '--rename', 'priors_count.1=priors_v2', '--json'], { db }),
    );
    expect(r.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['decile_score', 'decile_score_v2', 'priors_count', 'priors_v2']));
    expect(r.columns.map((c) => c.name)).not.toContain('decile_score.1');
    const bad = plumbline(['import', path.join(REAL, 'compas-head100.csv'), '--rename', 'nope'], { db });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--rename takes old=new/);
  });

  it('--type col=timestamp:FORMAT reads compact dates; a type that refuses every row says so and imports nothing', () => {
    const r = json<Imported>(plumbline(['import', path.join(REAL, 'bike-hour-head200.csv'), '--name', 'bike', '--type', 'dteday=timestamp:%Y%m%d', '--json'], { db }));
    expect(r.rows).toBe(200);
    expect(r.columns.find((c) => c.name === 'dteday')).toMatchObject({ type: 'timestamp', role: 'timestamp' });
    expect(r.columns.find((c) => c.name === 'instant')).toMatchObject({ role: 'id' });
    const all = plumbline(['import', path.join(REAL, 'bike-hour-head200.csv'), '--name', 'bike-bad', '--type', 'dteday=timestamp:%d/%m/%Y', '--on-error', 'skip'], { db });
    expect(all.status).toBe(1);
    expect(all.stderr).toMatch(/all 200 rows are bad \(the first 20 are listed\); nothing was imported[\s\S]*the type is the likely cause[\s\S]*--type dteday=text/);
    expect(plumbline(['datasets', '--json'], { db }).stdout).not.toContain('bike-bad');
  });

  it('drift on an empty dataset or segment is an error with its own exit status, even with --fail-on-drift', () => {
    const headerOnly = writeFile(dir, 'header-only.csv', `${fs.readFileSync(path.join(REAL, 'bike-hour-head200.csv'), 'utf8').split('\n')[0]}\n`);
    const imp = plumbline(['import', headerOnly, '--name', 'empty'], { db });
    expect(imp.stdout).toMatch(/warning: header-only\.csv has a header but no data rows/);
    const d = plumbline(['drift', '--reference', 'bike', '--current', 'empty', '--fail-on-drift'], { db });
    expect(d.status).toBe(3);
    expect(d.stderr).toMatch(/No rows to analyse: the current dataset "empty" has 0 rows/);
    const seg = plumbline(['drift', '--reference', 'bike', '--current', 'bike', '--where', 'hr > 100', '--json'], { db });
    expect(seg.status).toBe(3);
    expect(seg.stdout).toBe('');
    expect(seg.stderr).toMatch(/the segment filter "hr > 100" leaves no rows of the reference dataset "bike" and the current dataset "bike"/);
  });

  it('a dataset compared with itself, or with a copy of the same file, is a warning', () => {
    const self = plumbline(['drift', '--reference', 'bike', '--current', 'bike', '--json'], { db });
    expect(self.status).toBe(0);
    expect(JSON.parse(self.stdout).warnings).toEqual([expect.stringMatching(/same dataset \("bike"\)/)]);
    expect(self.stderr).toMatch(/^warning: The reference and the current dataset are the same dataset/);
    json(plumbline(['import', path.join(REAL, 'bike-hour-head200.csv'), '--name', 'bike-copy', '--type', 'dteday=timestamp:%Y%m%d', '--json'], { db }));
    const copy = plumbline(['drift', '--reference', 'bike', '--current', 'bike-copy'], { db });
    expect(copy.stderr).toMatch(/"bike" and "bike-copy" were imported from identical files \(same SHA-256\)/);
    const other = plumbline(['drift', '--reference', 'bike', '--current', 'compas'], { db });
    expect(other.stderr).not.toMatch(/warning/);
  });
});
