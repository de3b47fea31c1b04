/**
 * `plumbline watch DIR --append DATASET --once`: a good file is appended (its monitors run) and
 * moved to imported/; a bad file is moved to failed/ with its error file and the dataset unchanged;
 * a half-written file (still changing, no .done marker) is left alone until it is complete.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../../core/workspace/workspace';
import { tmpDir, writeFile } from '../../helpers/tmp';
import { csv, fixture } from './fixtures';
import { runCli } from '../../helpers/cli-in-process';

const dir = tmpDir();
const inbox = path.join(dir, 'inbox');
let db = '';
beforeAll(async () => {
  const f = await fixture(dir);
  db = f.db;
  await f.client.addMonitor({ monitor: { name: 'rows', analysis: 'drift', datasets: { reference: 'ref', current: 'cur' }, metric: 'current_rows', condition: 'rise > 10%', severity: 'warning' } });
  f.ws.close();
  fs.mkdirSync(inbox);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => runCli(db, ...args);

const rowsOf = (name: string) => {
  const ws = new Workspace(db);
  try {
    return ws.dataset(name).rows;
  } finally {
    ws.close();
  }
};
const old = (file: string) => fs.utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));

describe('plumbline watch --once', () => {
  it('appends a good file, sets a bad one aside with its error, leaves a half-written one', async () => {
    const good = path.join(inbox, 'a-good.csv');
    fs.writeFileSync(good, csv(1, 20));
    old(good);
    const bad = path.join(inbox, 'b-bad.csv');
    fs.writeFileSync(bad, 'y,z\n1,2\n');
    old(bad);
    const half = path.join(inbox, 'c-half.csv');
    fs.writeFileSync(half, 'x,c\n1,a\n2,');
    const r = await run('watch', inbox, '--append', 'cur', '--once', '--settle', '30', '--json');
    expect(r.code).toBe(1);
    const events = JSON.parse(r.out).events as { file: string; ok: boolean; movedTo: string; error?: string; result?: { monitors: { monitor: string; value: number; status: string }[] } }[];
    expect(events.map((e) => [path.basename(e.file), e.ok])).toEqual([['a-good.csv', true], ['b-bad.csv', false]]);
    expect(events[0].movedTo).toBe(path.join(inbox, 'imported', 'a-good.csv'));
    expect(events[0].result!.monitors).toEqual([expect.objectContaining({ monitor: 'rows', value: 120, status: 'warning' })]);
    expect(rowsOf('cur')).toBe(120);
    expect(fs.existsSync(path.join(inbox, 'failed', 'b-bad.csv'))).toBe(true);
    expect(fs.readFileSync(path.join(inbox, 'failed', 'b-bad.csv.error.txt'), 'utf8')).toMatch(/appending .*b-bad\.csv to "cur" failed; the dataset was left as it was\.\n.+/);
    expect(fs.existsSync(half)).toBe(true);

    // Completed: the rest of the file and its .done marker; now it is read.
    fs.appendFileSync(half, 'b\n');
    fs.writeFileSync(`${half}.done`, '');
    const again = await run('watch', inbox, '--append', 'cur', '--once', '--settle', '30');
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/^Appended 2 rows from .*c-half\.csv \(moved to .*imported.*\)\n {2}WARN {2}rows \[drift, warning\] current_rows = 122/);
    expect(fs.existsSync(`${half}.done`)).toBe(false);
    expect(rowsOf('cur')).toBe(122);
    // Nothing left: a second pass does nothing.
    expect((await run('watch', inbox, '--append', 'cur', '--once', '--settle', '0')).out).toBe('');
  });

  it('joins label files with --join DATASET --on KEY; needs exactly one of --append and --join', async () => {
    const labels = path.join(dir, 'labels');
    fs.mkdirSync(labels);
    expect((await run('import', writeFile(dir, 'preds.csv', 'id,score\nr1,0.2\nr2,0.9\n'), '--name', 'preds')).code).toBe(0);
    const file = writeFile(labels, 'l1.csv', 'id,label\nr2,1\n');
    old(file);
    const r = await run('watch', labels, '--join', 'preds', '--on', 'id', '--once');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Joined 2 rows from .*l1\.csv \(moved to .*imported/);
    const ws = new Workspace(db);
    try {
      expect(ws.columns(ws.dataset('preds').id).map((c) => c.name)).toEqual(['id', 'score', 'label']);
    } finally {
      ws.close();
    }
    expect((await run('watch', labels, '--once')).err).toMatch(/Give one of --append DATASET or --join DATASET --on KEY/);
    expect((await run('watch', labels, '--join', 'preds', '--once')).err).toMatch(/--join needs --on KEY/);
  });
});
