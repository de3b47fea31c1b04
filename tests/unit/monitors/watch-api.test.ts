/**
 * The app's folder watch through the API (startWatch / watchStatus / stopWatch), on the same folder
 * rules as `plumbline watch`: a good file is appended and its monitors run (a new alert reaches the
 * engine's notifier); a bad file is moved aside with its error and the dataset unchanged; a
 * half-written file is not read until complete; a label file is joined by key; Stop stops.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../../core/engine/engine';
import { directTransport } from '../../../core/transport/direct';
import { createClient, type PlumblineClient } from '../../../core/transport/transport';
import { Workspace } from '../../../core/workspace/workspace';
import type { MonitorEvaluation } from '../../../core/api/types';
import { PlumblineError } from '../../../core/api/errors';
import { tmpDir, writeFile } from '../../helpers/tmp';
import { csv } from './fixtures';

const dir = tmpDir();
const inbox = path.join(dir, 'inbox');
const labels = path.join(dir, 'labels');
let ws: Workspace;
let client: PlumblineClient;
const notified: MonitorEvaluation[][] = [];

beforeAll(async () => {
  ws = new Workspace(path.join(dir, 'ws.db'));
  client = createClient(directTransport(createEngine(ws, { notify: (alerts) => notified.push([...alerts]) })));
  await client.importFile({ path: writeFile(dir, 'ref.csv', csv(0)), name: 'ref' });
  await client.importFile({ path: writeFile(dir, 'cur.csv', csv(1)), name: 'cur' });
  await client.importFile({ path: writeFile(dir, 'preds.csv', 'id,score\nr1,0.2\nr2,0.9\nr3,0.4\n'), name: 'preds', roles: { id: 'id' } });
  await client.addMonitor({ monitor: { name: 'rows', analysis: 'drift', datasets: { reference: 'ref', current: 'cur' }, metric: 'current_rows', condition: 'rise > 10%', severity: 'warning' } });
  fs.mkdirSync(inbox);
  fs.mkdirSync(labels);
});
afterAll(async () => {
  await client.stopWatch({ dataset: 'cur' });
  await client.stopWatch({ dataset: 'preds' });
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const old = (file: string) => fs.utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
const rows = async (dataset: string) => (await client.getDataset({ dataset })).rows;

describe('startWatch / watchStatus / stopWatch', () => {
  it('refuses a dataset or folder that is not there, and has no status before a start', async () => {
    await expect(client.startWatch({ dataset: 'nope', folder: inbox })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(client.startWatch({ dataset: 'cur', folder: path.join(dir, 'missing') })).rejects.toBeInstanceOf(PlumblineError);
    await expect(client.startWatch({ dataset: 'cur', folder: inbox, intervalSeconds: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await client.watchStatus({ dataset: 'cur' })).toBeNull();
  });

  it('appends a good file, moves a bad one aside with its error, waits for a half-written one', async () => {
    const good = writeFile(inbox, 'a-good.csv', csv(1, 20));
    old(good);
    const bad = writeFile(inbox, 'b-bad.csv', 'y,z\n1,2\n');
    old(bad);
    const half = writeFile(inbox, 'c-half.csv', 'x,c\n1,a\n2,');

    const started = await client.startWatch({ dataset: 'cur', folder: inbox, settleSeconds: 30, intervalSeconds: 0.05 });
    expect(started).toMatchObject({ dataset: 'cur', folder: inbox, mode: 'append', settleSeconds: 30 });
    await vi.waitFor(async () => expect((await client.watchStatus({ dataset: 'cur' }))!.failedCount).toBe(1), { timeout: 10_000 });

    const s = (await client.watchStatus({ dataset: 'cur' }))!;
    expect(s.takenCount).toBe(1);
    expect(s.taken[0]).toMatchObject({ file: good, ok: true, movedTo: path.join(inbox, 'imported', 'a-good.csv'), rows: 20 });
    expect(s.taken[0].newAlerts).toEqual([expect.objectContaining({ monitor: 'rows', status: 'warning' })]);
    expect(s.failed[0]).toMatchObject({ file: bad, ok: false, movedTo: path.join(inbox, 'failed', 'b-bad.csv') });
    expect(s.failed[0].error).toMatch(/\S/);
    expect(s.lastEvent).toEqual(s.failed[0]);
    expect(fs.readFileSync(path.join(inbox, 'failed', 'b-bad.csv.error.txt'), 'utf8')).toContain(s.failed[0].error!);
    expect(await rows('cur')).toBe(120);
    // The monitor's new warning went to the engine's notifier, once.
    expect(notified).toEqual([[expect.objectContaining({ monitor: 'rows', status: 'warning' })]]);

    // Several more looks: the half-written file is still there, unread.
    await new Promise((r) => setTimeout(r, 300));
    expect(fs.existsSync(half)).toBe(true);
    expect(await rows('cur')).toBe(120);

    fs.appendFileSync(half, 'b\n');
    fs.writeFileSync(`${half}.done`, '');
    await vi.waitFor(async () => expect((await client.watchStatus({ dataset: 'cur' }))!.takenCount).toBe(2), { timeout: 10_000 });
    expect(await rows('cur')).toBe(122);
    expect(fs.existsSync(`${half}.done`)).toBe(false);
    expect(fs.existsSync(path.join(inbox, 'imported', 'c-half.csv'))).toBe(true);
  });

  it('stops: a file dropped after Stop stays in the folder', async () => {
    expect(await client.stopWatch({ dataset: 'cur' })).toEqual({ stopped: 'cur' });
    expect(await client.watchStatus({ dataset: 'cur' })).toBeNull();
    expect(await client.stopWatch({ dataset: 'cur' })).toEqual({ stopped: null });
    const later = writeFile(inbox, 'd-later.csv', csv(1, 5));
    old(later);
    await new Promise((r) => setTimeout(r, 300));
    expect(fs.existsSync(later)).toBe(true);
    expect(await rows('cur')).toBe(122);
  });

  it('joins label files on the key, as an import with join does', async () => {
    const file = writeFile(labels, 'labels-1.csv', 'id,label\nr2,1\nr1,0\n');
    fs.writeFileSync(`${file}.done`, '');
    await client.startWatch({ dataset: 'preds', folder: labels, join: { on: 'id' }, intervalSeconds: 0.05 });
    await vi.waitFor(async () => expect((await client.watchStatus({ dataset: 'preds' }))!.takenCount).toBe(1), { timeout: 10_000 });
    const s = (await client.watchStatus({ dataset: 'preds' }))!;
    expect(s).toMatchObject({ mode: 'join', on: 'id', failedCount: 0 });
    const page = await client.previewRows({ dataset: 'preds' });
    expect(page.columns).toEqual(['id', 'score', 'label']);
    expect(page.rows.map((r) => r[2])).toEqual([0, 1, null]);
  });
});
